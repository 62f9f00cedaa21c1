/* test-accessibility.c — every control a person can reach has a name a screen reader can say
 *
 * Walks the widget tree of every page with its details open (a story in
 * the editor with theme chips, a theme selected in the matrix, a question
 * with answers and suggestions, an application with requirements, rounds
 * and plan, a toast), of every dialog (cheat sheet,
 * backups, theme editor, question editor, a confirmation, the shortcuts
 * window) and of every popover (the primary menu, the theme picker, the
 * story chooser and focus picker of an application), and
 * checks the name a screen reader would say for each control: the name
 * GTK computes from its label and the labels it is labelled by (as
 * gtk_at_context_get_name() does). A name must not be empty, a type name
 * ("GtkExpander", which is what GTK says for an unnamed control), a
 * mnemonic ("_New Story"), or the same words twice ("New Story New Story").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sb-coverage-matrix.h"
#include "sb-applications-page.h"
#include "sb-coverage-page.h"
#include "sb-drill-view.h"
#include "sb-practice-modes.h"
#include "sb-focus-picker.h"
#include "sb-requirement-row.h"
#include "sb-round-row.h"
#include "sb-story-chooser.h"
#include "sb-practice-page.h"
#include "sb-questions-page.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

/* GTK's test API tells a property's value as the text of a failed check. */
static char *
dup_label_property (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "\x01 no label is this");
}

static void
collect_references (GtkWidget  *widget,
                    GHashTable *references)
{
  g_hash_table_insert (references,
                       g_strdup_printf ("%s<%p>", G_OBJECT_TYPE_NAME (widget), (gpointer) widget),
                       widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_references (child, references);
}

/* The accessible name, computed as GTK 4.8 does: the widget's own label,
 * then the label of each widget it is labelled by; with neither, a
 * control is called by its type name. */
static char *
dup_accessible_name (GtkWidget  *widget,
                     GHashTable *references)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *own = dup_label_property (widget);

  if (own != NULL)
    g_ptr_array_add (names, own);

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      /* Told as "GtkLabel<0x…> …": find each widget it names. */
      g_autofree char *related = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                     NULL);
      g_auto(GStrv) tokens = g_strsplit (related != NULL ? related : "", " ", -1);

      for (guint i = 0; tokens[i] != NULL; i++)
        {
          GtkWidget *label = g_hash_table_lookup (references, tokens[i]);
          char *name = label != NULL ? dup_label_property (label) : NULL;

          if (name != NULL)
            g_ptr_array_add (names, name);
          else if (label != NULL)
            g_ptr_array_add (names, g_strdup (G_OBJECT_TYPE_NAME (label)));
        }
    }

  if (names->len == 0)
    return g_strdup (G_OBJECT_TYPE_NAME (widget));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A control known to be named twice and left to fix: none now. */
static gboolean
is_known_twice (GtkWidget *widget)
{
  return FALSE;
}

/* What is wrong with a name, or NULL. */
static const char *
judge_name (GtkWidget  *widget,
            const char *name)
{
  gsize length = strlen (name);

  if (name[strspn (name, " \t\n")] == '\0')
    return "empty";
  if (strchr (name, ' ') == NULL &&
      (g_str_has_prefix (name, "Gtk") || g_str_has_prefix (name, "Adw") || g_str_has_prefix (name, "Sb")) &&
      g_type_from_name (name) != 0)
    return "a type name";
  for (const char *p = strchr (name, '_'); p != NULL; p = strchr (p + 1, '_'))
    if (g_unichar_isalnum (g_utf8_get_char (p + 1)))
      return "an underscore mnemonic";
  /* "New Story New Story": a label said twice. */
  if (length % 2 == 1 && name[length / 2] == ' ' && strncmp (name, name + length / 2 + 1, length / 2) == 0 &&
      !is_known_twice (widget))
    return "the same words twice";
  return NULL;
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
      GTK_IS_TEXT_VIEW (widget) || GTK_IS_SCALE (widget) || GTK_IS_EXPANDER (widget) ||
      g_strcmp0 (type_name, "GtkModelButton") == 0)
    return TRUE;
  /* Our own drawn widgets, such as the coverage matrix. */
  return g_str_has_prefix (type_name, "Sb") && gtk_widget_get_focusable (widget);
}

/* Library composites whose insides are the library's business. */
static gboolean
is_library_composite (GtkWidget *widget)
{
  /* GTK's shortcuts window: its search entry, section buttons and
   * header bar toggles are GTK's own (unnamed in GTK 4.8); what is ours
   * in it is text, not controls. */
  if (GTK_IS_SHORTCUTS_WINDOW (widget))
    return TRUE;
  return GTK_IS_DROP_DOWN (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_WINDOW_CONTROLS (widget) ||
         GTK_IS_SCROLLBAR (widget) || ADW_IS_VIEW_SWITCHER (widget) || ADW_IS_VIEW_SWITCHER_BAR (widget) ||
         ADW_IS_VIEW_SWITCHER_TITLE (widget);
}

/* libadwaita 1.2's toast has a close button with neither a name nor a
 * tooltip, made inside the library where no hook of ours reaches it; its
 * Undo button, made from our label, is checked. */
static gboolean
is_library_toast_close (GtkWidget *widget)
{
  GtkWidget *toast = widget;

  while (toast != NULL && g_strcmp0 (G_OBJECT_TYPE_NAME (toast), "AdwToastWidget") != 0)
    toast = gtk_widget_get_parent (toast);
  return toast != NULL && GTK_IS_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL;
}

static void
collect_unnamed (GtkWidget  *widget,
                 GHashTable *references,
                 GString    *unnamed,
                 guint      *n_controls)
{
  if (is_control (widget) && !is_library_toast_close (widget))
    {
      g_autofree char *name = dup_accessible_name (widget, references);
      const char *wrong = judge_name (widget, name);

      (*n_controls)++;
      if (wrong != NULL)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);

          g_string_append_printf (unnamed, "\n  %s named “%s”: %s (tooltip: %s, css: %s)",
                                  G_OBJECT_TYPE_NAME (widget), name, wrong,
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
    collect_unnamed (child, references, unnamed, n_controls);
}

static gboolean
settle_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop, frames included, for a tenth of a second. */
static void
settle_frames (GtkWidget *widget)
{
  gboolean done = FALSE;

  g_timeout_add (100, settle_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where,
                  guint       min_controls)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GHashTable) references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_controls = 0;

  collect_references (root, references);
  collect_unnamed (root, references, unnamed, &n_controls);
  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name:%s", where, unnamed->str);
  /* The walk must have reached the page, or it proved nothing. */
  g_assert_cmpuint (n_controls, >=, min_controls);
}

/* The windows shown besides @main: the dialogs an action opened. */
static GPtrArray *
other_windows (GtkWidget *main)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != main && gtk_widget_get_visible (window))
        g_ptr_array_add (windows, g_object_ref (window));
    }
  return windows;
}

/* Opens a dialog by its action, checks it and closes it. */
static void
assert_dialog_named (GtkWidget  *window,
                     GtkWidget  *source,
                     const char *action,
                     const char *where,
                     guint       min_controls)
{
  g_autoptr(GPtrArray) dialogs = NULL;

  g_assert_true (gtk_widget_activate_action (source, action, NULL));
  sb_test_iterate_main_loop ();
  dialogs = other_windows (window);
  g_assert_cmpuint (dialogs->len, >=, 1);
  for (guint i = 0; i < dialogs->len; i++)
    {
      assert_all_named (g_ptr_array_index (dialogs, i), where, min_controls);
      gtk_window_destroy (g_ptr_array_index (dialogs, i));
    }
  sb_test_iterate_main_loop ();
}

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *buttons)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_is_drawable (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_buttons (child, buttons);
}

/* Opens every popover of the page shown (the primary menu, the theme
 * picker), checks it, and closes it. */
static void
assert_popovers_named (GtkWidget  *window,
                       const char *where)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_menu_buttons (window, buttons);
  g_assert_cmpuint (buttons->len, >=, 1);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      GtkPopover *popover;
      g_autofree char *what = NULL;

      gtk_menu_button_popup (button);
      sb_test_iterate_main_loop ();
      popover = gtk_menu_button_get_popover (button);
      g_assert_nonnull (popover);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      what = g_strdup_printf ("%s, the popover of %s", where, G_OBJECT_TYPE_NAME (popover));
      assert_all_named (GTK_WIDGET (popover), what, 1);
      gtk_menu_button_popdown (button);
      while (gtk_widget_get_mapped (GTK_WIDGET (popover)))
        g_main_context_iteration (NULL, TRUE);
      sb_test_iterate_main_loop ();
    }
}

/* The rows' story choosers are made when first opened: made here, as
 * opening them would. */
static void
make_choosers (GtkWidget *widget)
{
  if (SB_IS_REQUIREMENT_ROW (widget))
    sb_requirement_row_get_chooser (SB_REQUIREMENT_ROW (widget));
  else if (SB_IS_ROUND_ROW (widget))
    sb_round_row_get_chooser (SB_ROUND_ROW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    make_choosers (child);
}

/* The popovers of a long page, checked without popping them up (one
 * scrolled out of the screen cannot be placed under Xvfb): each filled
 * as opening it would. */
static void
assert_page_popovers_named (GtkWidget  *page,
                            const char *where,
                            guint       min_popovers)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n = 0;

  make_choosers (page);
  collect_menu_buttons (page, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkPopover *popover = gtk_menu_button_get_popover (g_ptr_array_index (buttons, i));
      g_autofree char *what = NULL;

      if (popover == NULL)
        continue;
      if (SB_IS_STORY_CHOOSER (popover))
        sb_story_chooser_refill (SB_STORY_CHOOSER (popover));
      if (SB_IS_FOCUS_PICKER (popover))
        sb_focus_picker_refill (SB_FOCUS_PICKER (popover));
      what = g_strdup_printf ("%s, the popover of %s", where, G_OBJECT_TYPE_NAME (popover));
      assert_all_named (GTK_WIDGET (popover), what, 1);
      n++;
    }
  g_assert_cmpuint (n, >=, min_popovers);
}

static void
test_every_control_named (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbQuestion) question = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  SbStory *story;
  SbWindow *window;
  GtkWidget *matrix, *coverage, *questions, *practice, *shortcuts, *modes, *drill;

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
  assert_all_named (GTK_WIDGET (window), "Stories", 10);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coverage");
  /* Let the page be laid out before its side panel opens: libadwaita 1.2's
   * flap, revealed in the same frame the page first shows, can allocate
   * its content at a width of G_MININT (a warning, fatal here). */
  settle_frames (GTK_WIDGET (window));
  matrix = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_COVERAGE_MATRIX);
  coverage = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_COVERAGE_PAGE);
  g_assert_nonnull (matrix);
  sb_coverage_matrix_set_selected_theme (SB_COVERAGE_MATRIX (matrix), "core-ambiguity");
  settle_frames (GTK_WIDGET (window));
  /* A link changed: its toast, with Undo, is on screen too. */
  g_assert_true (sb_coverage_matrix_toggle (SB_COVERAGE_MATRIX (matrix), sb_story_get_uuid (story),
                                            "core-ambiguity", &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  assert_all_named (GTK_WIDGET (window), "Coverage", 12);
  assert_dialog_named (GTK_WIDGET (window), coverage, "coverage.edit-theme", "Theme editor", 3);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "questions");
  questions = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_QUESTIONS_PAGE);
  g_assert_nonnull (questions);
  sb_questions_page_select_question (SB_QUESTIONS_PAGE (questions), sb_question_get_slug (question));
  sb_test_iterate_main_loop ();
  assert_all_named (GTK_WIDGET (window), "Questions", 14);
  assert_dialog_named (GTK_WIDGET (window), questions, "questions.new", "Question editor", 3);
  assert_dialog_named (GTK_WIDGET (window), questions, "questions.delete", "Hide question", 2);
  sb_questions_page_set_search_text (SB_QUESTIONS_PAGE (questions), "nothing matches this");
  sb_test_iterate_main_loop ();
  assert_all_named (GTK_WIDGET (window), "Questions, nothing found", 4);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "practice");
  sb_test_iterate_main_loop ();
  assert_all_named (GTK_WIDGET (window), "Practice", 16);
  practice = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_PRACTICE_PAGE);
  g_assert_nonnull (practice);
  g_assert_true (gtk_widget_activate_action (practice, "practice.start", NULL));
  sb_test_iterate_main_loop ();
  assert_all_named (GTK_WIDGET (window), "Practice, telling a story", 16);
  gtk_widget_activate_action (practice, "practice.discard", NULL);
  sb_test_iterate_main_loop ();

  /* The other kind of practice: "Which story?", its question and chooser,
   * then its reveal. */
  modes = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_PRACTICE_MODES);
  g_assert_nonnull (modes);
  g_assert_true (gtk_widget_activate_action (modes, "practice-mode.mode", "s", "which"));
  sb_test_iterate_main_loop ();
  drill = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_DRILL_VIEW);
  g_assert_true (gtk_widget_get_mapped (drill));
  assert_all_named (GTK_WIDGET (window), "Practice, Which story? start", 16);
  g_assert_true (gtk_widget_activate_action (drill, "drill.start", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_drill_view_get_stage (SB_DRILL_VIEW (drill)), ==, "ask");
  assert_all_named (GTK_WIDGET (window), "Practice, Which story? question", 18);
  g_assert_true (gtk_widget_activate_action (drill, "drill.dont-know", NULL));
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_drill_view_get_stage (SB_DRILL_VIEW (drill)), ==, "reveal");
  assert_all_named (GTK_WIDGET (window), "Practice, Which story? reveal", 18);
  gtk_widget_activate_action (drill, "drill.end", NULL);
  gtk_widget_activate_action (modes, "practice-mode.mode", "s", "tell");
  sb_test_iterate_main_loop ();
  /* An application with every part filled in, and the introduction. */
  {
    SbApplication *application = sb_store_create_application (store, NULL, "Acme", "Engineer", &error);
    SbRequirement *requirement;
    SbRound *round;
    GtkWidget *applications;

    g_assert_no_error (error);
    g_assert_true (sb_store_set_application_field (store, application, SB_APPLICATION_FIELD_JOB_DESCRIPTION,
                                                   "- Own payment services end to end\n"
                                                   "- Mentor engineers on the team\n", &error));
    g_assert_true (sb_store_split_requirements (store, application, &error));
    g_assert_no_error (error);
    requirement = g_list_model_get_item (sb_application_get_requirements (application), 0);
    g_assert_true (sb_store_set_requirement_story (store, requirement, story, TRUE, &error));
    g_object_unref (requirement);
    round = sb_store_add_round (store, application, "Bar raiser", -1, &error);
    g_assert_no_error (error);
    g_assert_true (sb_store_set_round_focus (store, round, (const char *[]) { "core-ambiguity", NULL }, &error));
    g_assert_true (sb_store_set_round_story (store, round, story, TRUE, &error));
    g_assert_true (sb_store_add_round (store, application, "Hiring manager", -1, &error) != NULL);
    g_assert_true (sb_store_set_round_story (store, round, story, TRUE, &error));
    g_assert_true (sb_store_set_current_application (store, application, &error));
    g_assert_no_error (error);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "applications");
    settle_frames (GTK_WIDGET (window));
    applications = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_APPLICATIONS_PAGE);
    g_assert_nonnull (applications);
    g_assert_true (sb_applications_page_select_application (SB_APPLICATIONS_PAGE (applications),
                                                            sb_application_get_slug (application)));
    settle_frames (GTK_WIDGET (window));
    assert_all_named (GTK_WIDGET (window), "Applications", 30);
    /* The calendar, each requirement's menu and chooser, each round's
     * focus picker and chooser. */
    assert_page_popovers_named (applications, "Applications", 9);
    sb_applications_page_show_introduction (SB_APPLICATIONS_PAGE (applications));
    sb_test_iterate_main_loop ();
    assert_all_named (GTK_WIDGET (window), "Applications, the introduction", 4);
    g_assert_true (sb_store_delete_application (store, application, &error));
    g_assert_no_error (error);
    sb_test_iterate_main_loop ();
    assert_all_named (GTK_WIDGET (window), "Applications, none", 4);
  }

  assert_dialog_named (GTK_WIDGET (window), GTK_WIDGET (window), "win.print", "Cheat sheet", 6);
  assert_dialog_named (GTK_WIDGET (window), GTK_WIDGET (window), "win.backups", "Backups", 2);

  /* The popovers: the primary menu and the story's theme picker. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "stories");
  sb_test_iterate_main_loop ();
  assert_popovers_named (GTK_WIDGET (window), "Stories");

  /* The shortcuts window (the application shows it as win.show-help-overlay). */
  builder = gtk_builder_new_from_resource ("/io/github/storybank/Storybank/gtk/help-overlay.ui");
  shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (shortcuts);
  gtk_window_present (GTK_WINDOW (shortcuts));
  sb_test_iterate_main_loop ();
  assert_all_named (shortcuts, "Shortcuts", 0);
  gtk_window_destroy (GTK_WINDOW (shortcuts));

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
