/* test-accessibility.c — every control a person can reach has a name a screen reader can say
 *
 * Walks the widget tree of each page with its details open (a story in the
 * editor with theme chips, a theme selected in the matrix, a question with
 * answers and suggestions) and checks every control: a button, switch, check
 * box, drop-down, text field or focusable widget of our own must carry an
 * accessible label, be labelled by another widget, or show text of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sb-coverage-matrix.h"
#include "sb-questions-page.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

static gboolean
has_own_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));
          if (text != NULL && *text != '\0')
            return TRUE;
        }
      if (has_own_text (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  /* A button or check box that shows words is named by them. GTK marks
   * every button as labelled by its child, an icon included, so the
   * relation says nothing for buttons. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    return has_own_text (widget);
  return gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static gboolean
is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  const char *type_name = G_OBJECT_TYPE_NAME (widget);

  /* The toggle inside a menu button, the text inside an entry: the outer
   * widget is the control and carries the name. */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_EDITABLE (parent)))
    return FALSE;
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
      GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_EDITABLE (widget) ||
      GTK_IS_TEXT_VIEW (widget) || GTK_IS_SCALE (widget))
    return TRUE;
  /* Our own drawn widgets, such as the coverage matrix. */
  return g_str_has_prefix (type_name, "Sb") && gtk_widget_get_focusable (widget);
}

/* Library composites whose insides are the library's business. */
static gboolean
is_library_composite (GtkWidget *widget)
{
  return GTK_IS_DROP_DOWN (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_WINDOW_CONTROLS (widget) ||
         GTK_IS_SCROLLBAR (widget) || ADW_IS_VIEW_SWITCHER (widget) || ADW_IS_VIEW_SWITCHER_BAR (widget) ||
         ADW_IS_VIEW_SWITCHER_TITLE (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed,
                 guint     *n_controls)
{
  if (is_control (widget))
    {
      (*n_controls)++;
      if (!is_named (widget))
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);

          g_string_append_printf (unnamed, "\n  %s (tooltip: %s, css: %s)", G_OBJECT_TYPE_NAME (widget),
                                  tooltip != NULL ? tooltip : "none",
                                  gtk_widget_get_css_classes (widget)[0] != NULL
                                    ? gtk_widget_get_css_classes (widget)[0] : "none");
        }
    }
  if (is_library_composite (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_controls);
}

static void
assert_all_named (SbWindow   *window,
                  const char *where,
                  guint       min_controls)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_controls = 0;

  collect_unnamed (GTK_WIDGET (window), unnamed, &n_controls);
  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name:%s", where, unnamed->str);
  /* The walk must have reached the page, or it proved nothing. */
  g_assert_cmpuint (n_controls, >=, min_controls);
}

static void
test_every_control_named (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbQuestion) question = NULL;
  SbStory *story;
  SbWindow *window;
  GtkWidget *matrix, *questions;

  g_assert_no_error (error);
  window = sb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  /* The first-run example is in the editor, with its theme chips. */
  story = sb_story_editor_get_story (sb_window_get_story_editor (window));
  g_assert_nonnull (story);
  question = g_list_model_get_item (sb_store_get_questions (store), 0);
  sb_store_set_story_question (store, story, sb_question_get_slug (question), TRUE, &error);
  g_assert_no_error (error);
  assert_all_named (window, "Stories", 10);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coverage");
  matrix = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_COVERAGE_MATRIX);
  g_assert_nonnull (matrix);
  sb_coverage_matrix_set_selected_theme (SB_COVERAGE_MATRIX (matrix), "core-production-incident");
  sb_test_iterate_main_loop ();
  assert_all_named (window, "Coverage", 12);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "questions");
  questions = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_QUESTIONS_PAGE);
  g_assert_nonnull (questions);
  sb_questions_page_select_question (SB_QUESTIONS_PAGE (questions), sb_question_get_slug (question));
  sb_test_iterate_main_loop ();
  assert_all_named (window, "Questions", 14);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "practice");
  sb_test_iterate_main_loop ();
  assert_all_named (window, "Practice", 16);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/accessibility/every-control-named", test_every_control_named);

  return g_test_run ();
}
