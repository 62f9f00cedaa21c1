/* test-theme-picker.c — linking a story to a theme from the keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-theme-picker"

#include "config.h"

#include <adwaita.h>

#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-theme-picker.h"

typedef struct
{
  SbTestDir     *dir;
  SbStore       *store;
  SbStory       *story;
  GtkWidget     *window;
  GtkWidget     *button;
  SbThemePicker *picker;
  GtkWidget     *search;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  f->story = sb_store_create_story (f->store, "Checkout outage", &error);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  f->button = gtk_menu_button_new ();
  f->picker = SB_THEME_PICKER (sb_theme_picker_new (f->store));
  sb_theme_picker_set_story (f->picker, f->story);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (f->button), GTK_WIDGET (f->picker));
  gtk_window_set_child (GTK_WINDOW (f->window), f->button);
  gtk_window_present (GTK_WINDOW (f->window));
  sb_test_iterate_main_loop ();
  gtk_menu_button_popup (GTK_MENU_BUTTON (f->button));
  sb_test_iterate_main_loop ();
  f->search = sb_test_find_widget (GTK_WIDGET (f->picker), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (f->search);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (f->button));
  sb_test_iterate_main_loop ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (f->store);
  sb_test_dir_free (f->dir);
}

static void
type (Fixture    *f,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (f->search), text);
  /* The entry reports a change after a pause: now. */
  g_signal_emit_by_name (f->search, "search-changed");
}

/* "deliver" + Enter takes the theme whose name starts with the whole
 * word, not the first framework's theme that merely starts with it. */
static void
test_enter_takes_best_match (Fixture       *f,
                             gconstpointer  data)
{
  type (f, "deliver");
  g_signal_emit_by_name (f->search, "activate");

  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, "lp-deliver-results"), ==,
                   SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, "core-bad-news"), ==,
                   SB_STRENGTH_NONE);
}

/* The rows are ranked: an exact name, then a whole word at the start,
 * a whole word, a name's prefix, a word's prefix, anywhere else. */
static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  type (f, "own");
  /* "Ownership" (two frameworks) before anything with "own" inside a word. */
  g_assert_cmpstr (sb_theme_picker_get_best_match (f->picker), ==, "lp-ownership");

  type (f, "trust");
  g_assert_cmpstr (sb_theme_picker_get_best_match (f->picker), ==, "lp-earn-trust");

  type (f, "learn");
  /* "Learn and Be Curious" (whole word) before "Learning something fast". */
  g_assert_cmpstr (sb_theme_picker_get_best_match (f->picker), ==, "lp-learn-and-be-curious");
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  for (guint i = 0; ; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (controller == NULL)
        return FALSE;
      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_strcmp0 (t, trigger) == 0 && g_strrstr (a, action) != NULL)
            return TRUE;
        }
    }
}

/* Down from the search goes to the best match, not to the strength
 * toggle; Up from the first row comes back. */
static void
test_down_enters_results (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *focus;

  g_assert_true (has_shortcut (f->search, "Down", "picker.focus-results"));

  type (f, "deliver");
  gtk_widget_grab_focus (f->search);
  g_assert_true (gtk_widget_activate_action (f->search, "picker.focus-results", NULL));
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (f->picker)));
  g_assert_true (GTK_IS_LIST_BOX_ROW (focus));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (focus), "theme-slug"), ==, "lp-deliver-results");

  /* Enter on the row links it. */
  g_signal_emit_by_name (focus, "activate");
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, "lp-deliver-results"), ==,
                   SB_STRENGTH_PRIMARY);
}

/* The picker builds its rows when it opens: a theme added while it is
 * closed (and linked meanwhile) is offered the next time, and one added
 * while it is open at once. */
static void
test_catalog_change_while_closed (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbTheme *theme;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (f->button));
  sb_test_iterate_main_loop ();
  theme = sb_store_add_own_theme (f->store, "Zebra migrations", &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_story_theme (f->store, f->story, sb_theme_get_slug (theme),
                                           SB_STRENGTH_SECONDARY, &error));

  gtk_menu_button_popup (GTK_MENU_BUTTON (f->button));
  sb_test_iterate_main_loop ();
  type (f, "zebra");
  g_assert_cmpstr (sb_theme_picker_get_best_match (f->picker), ==, sb_theme_get_slug (theme));

  /* Open: a theme added now is there without closing. */
  theme = sb_store_add_own_theme (f->store, "Yak shaving", &error);
  g_assert_no_error (error);
  type (f, "yak");
  g_assert_cmpstr (sb_theme_picker_get_best_match (f->picker), ==, sb_theme_get_slug (theme));
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add ("/theme-picker/enter-takes-best-match", Fixture, NULL,
              fixture_setup, test_enter_takes_best_match, fixture_teardown);
  g_test_add ("/theme-picker/ranking", Fixture, NULL,
              fixture_setup, test_ranking, fixture_teardown);
  g_test_add ("/theme-picker/down-enters-results", Fixture, NULL,
              fixture_setup, test_down_enters_results, fixture_teardown);
  g_test_add ("/theme-picker/catalog-change-while-closed", Fixture, NULL,
              fixture_setup, test_catalog_change_while_closed, fixture_teardown);

  return g_test_run ();
}
