/* test-desktop.c — the desktop's doors into the app: the launcher's
 * "New Story" (--new-story), the manual on F1 and in the menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sb-app.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window.h"

typedef struct
{
  guint n_windows;
  guint n_own_stories;   /* stories other than the first-run example */
} Launch;

static gboolean
inspect_and_close_cb (gpointer user_data)
{
  GApplication *app = user_data;
  Launch *launch = g_object_get_data (G_OBJECT (app), "launch");
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  launch->n_windows = g_list_length (windows);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      GListModel *stories;

      if (!SB_IS_WINDOW (l->data))
        continue;
      stories = G_LIST_MODEL (sb_store_get_stories (sb_window_get_store (l->data)));
      for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (stories, i);

          if (!sb_story_get_is_example (story))
            launch->n_own_stories++;
        }
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Runs the application as the launcher would, with @option (or none), on a
 * fresh bank, and reports what the window showed. */
static Launch
launch (const char *option)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *database = g_strconcat ("--database=", path, NULL);
  g_autoptr(SbApp) app = NULL;
  char *argv[] = { "storybank", database, (char *) option, NULL };
  Launch result = { 0, };
  int status;

  app = g_object_new (SB_TYPE_APP,
                      "application-id", "io.github.storybank.Storybank.DesktopTest",
                      "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/storybank/Storybank",
                      NULL);
  g_object_set_data (G_OBJECT (app), "launch", &result);
  g_timeout_add (200, inspect_and_close_cb, app);
  status = g_application_run (G_APPLICATION (app), option != NULL ? 3 : 2, argv);
  g_assert_cmpint (status, ==, 0);
  return result;
}

static void
test_new_story_option (void)
{
  Launch plain = launch (NULL);
  Launch new_story = launch ("--new-story");

  g_assert_cmpuint (plain.n_windows, ==, 1);
  g_assert_cmpuint (plain.n_own_stories, ==, 0);
  g_assert_cmpuint (new_story.n_windows, ==, 1);
  g_assert_cmpuint (new_story.n_own_stories, ==, 1);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) child = g_menu_link_iter_get_value (links);

          if (menu_has_action (child, action))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
widget_tree_has_menu_action (GtkWidget  *root,
                             const char *action)
{
  if (GTK_IS_MENU_BUTTON (root))
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root));

      if (model != NULL && menu_has_action (model, action))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_tree_has_menu_action (child, action))
      return TRUE;
  return FALSE;
}

static gboolean
shortcuts_have_action (GtkWidget  *root,
                       const char *action)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *name = NULL;

      g_object_get (root, "action-name", &name, NULL);
      if (g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shortcuts_have_action (child, action))
      return TRUE;
  return FALSE;
}

static void
test_help_on_f1_and_in_the_menu (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(SbApp) app = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;
  SbWindow *window;

  app = g_object_new (SB_TYPE_APP,
                      "application-id", "io.github.storybank.Storybank.DesktopTest",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/storybank/Storybank",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));

  store = sb_store_open (path, &error);
  g_assert_no_error (error);
  window = sb_window_new (GTK_APPLICATION (app), store);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  g_assert_true (widget_tree_has_menu_action (GTK_WIDGET (window), "app.help"));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (shortcuts_have_action (GTK_WIDGET (overlay), "app.help"));

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/desktop/new-story-option", test_new_story_option);
  g_test_add_func ("/desktop/help-on-f1-and-in-the-menu", test_help_on_f1_and_in_the_menu);
  return g_test_run ();
}
