/* test-window.c — the main window: building it, pages, the first-run example
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-app.h"
#include "sb-drill.h"
#include "sb-example.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-next-fixes-dialog.h"
#include "sb-practice-page.h"
#include "sb-practice.h"
#include "sb-questions-page.h"
#include "sb-window-private.h"

static SbStore *
open_bank (SbTestDir *dir)
{
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static SbWindow *
open_window (GtkApplication *app,
             SbStore        *store)
{
  SbWindow *window = sb_window_new (app, store);

  gtk_window_present (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
  return window;
}

static void
close_window (SbWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

/* An import or export runs in a worker: wait for it (a minute at most). */
static void
wait_for_file_job (SbWindow *window)
{
  gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (sb_window_get_file_job_running (window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_window_get_file_job_running (window));
  sb_test_iterate_main_loop ();
}

static gboolean
count_tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* A large import runs in a worker: the window goes on handling events (a
 * timeout keeps firing), says what it is doing once it takes a while, and
 * shows the stories when the import is committed; another import cannot
 * be started meanwhile. */
static void
test_window_import_in_worker (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autofree char *path = sb_test_dir_file (dir, "many.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new ("{\"format\":\"storybank\",\"version\":1,\"stories\":[");
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SbWindow *window;
  guint ticks = 0, ticks_while_running = 0, tick_id, n_before;
  gboolean saw_progress = FALSE;
  gint64 start;

  for (guint w = 0; w < 250; w++)
    g_string_append_printf (words, "word%u ", w % 97);
  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (json, "%s{\"title\":\"Imported %u\",\"situation\":\"%s\","
                                  "\"action\":\"%s\"}",
                            i > 0 ? "," : "", i, words->str, words->str);
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));

  g_assert_nonnull (sb_store_create_story (store, "Mine", &error));
  g_assert_no_error (error);
  window = open_window (NULL, store);
  n_before = sb_store_get_n_stories (store);

  tick_id = g_timeout_add (5, count_tick_cb, &ticks);
  start = g_get_monotonic_time ();
  sb_window_import_file (window, file);
  g_assert_true (sb_window_get_file_job_running (window));
  /* One file at a time. */
  sb_window_import_file (window, file);
  while (sb_window_get_file_job_running (window) &&
         g_get_monotonic_time () < start + 60 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, TRUE);
      ticks_while_running = ticks;
      if (sb_window_get_progress_text (window) != NULL)
        saw_progress = g_str_has_prefix (sb_window_get_progress_text (window), "Importing “many.json”");
    }
  g_source_remove (tick_id);
  g_assert_false (sb_window_get_file_job_running (window));

  g_test_message ("import: %.0f ms, %u ticks of 5 ms meanwhile, progress shown: %s",
                  (g_get_monotonic_time () - start) / 1000.0, ticks_while_running,
                  saw_progress ? "yes" : "no");
  /* The main loop ran all along: the timeout fired while the import did. */
  g_assert_cmpuint (ticks_while_running, >=, 3);
  if (g_get_monotonic_time () - start > 800 * 1000)
    g_assert_true (saw_progress);
  g_assert_null (sb_window_get_progress_text (window));

  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, n_before + 6000);
  g_assert_nonnull (sb_window_get_last_toast (window));
  g_assert_nonnull (strstr (adw_toast_get_title (sb_window_get_last_toast (window)), "6000"));
  close_window (window);
}

static void
test_window_builds (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = open_window (NULL, store);
  SbStoryEditor *editor = sb_window_get_story_editor (window);
  SbStoryList *list = sb_window_get_story_list (window);

  g_assert_true (SB_IS_WINDOW (window));
  g_assert_true (sb_window_get_store (window) == store);
  g_assert_nonnull (editor);
  g_assert_nonnull (list);
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");
  /* The list shows the bank and the editor the selected story. */
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, sb_store_get_n_stories (store));
  g_assert_true (sb_story_editor_get_story (editor) == sb_story_list_get_selected_story (list));

  close_window (window);
}

static void
test_window_example_story (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(SbStory) example = NULL;
  g_autoptr(GArray) links = NULL;
  SbWindow *window;

  /* A new bank gets exactly one example, marked as such and linked. */
  window = open_window (NULL, store);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);
  example = g_list_model_get_item (sb_store_get_stories (store), 0);
  g_assert_true (sb_story_get_is_example (example));
  g_assert_true (g_str_has_prefix (sb_story_get_title (example), "Example: "));
  g_assert_cmpuint (sb_story_get_word_count (example), >=, 250);
  g_assert_cmpuint (sb_story_get_word_count (example), <=, 300);
  links = sb_store_get_story_themes (store, example);
  g_assert_cmpuint (links->len, >=, 2);
  g_assert_true (sb_story_editor_get_story (sb_window_get_story_editor (window)) == example);

  /* Deleted, it stays deleted the next time the bank opens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-story", NULL);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 0);
  close_window (window);

  window = open_window (NULL, store);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 0);
  g_assert_null (sb_story_editor_get_story (sb_window_get_story_editor (window)));
  close_window (window);
}

static void
test_window_show_page (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = open_window (NULL, store);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coverage");
  g_assert_cmpstr (sb_window_get_page (window), ==, "coverage");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "questions");
  g_assert_cmpstr (sb_window_get_page (window), ==, "questions");
  /* An unknown page changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "nowhere");
  g_assert_cmpstr (sb_window_get_page (window), ==, "questions");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "stories");
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");

  close_window (window);
}

static void
test_window_app_actions (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(SbApp) app = NULL;
  g_autoptr(GError) error = NULL;
  SbWindow *window;
  guint n;

  app = g_object_new (SB_TYPE_APP,
                      "application-id", "io.github.storybank.Storybank.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  for (const char * const *name = (const char * const[]) { "show-page", "new-story", "import", "export",
                                                            "print", "shortcuts", "about", "quit", NULL };
       *name != NULL; name++)
    g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), *name));

  window = open_window (GTK_APPLICATION (app), store);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("coverage"));
  g_assert_cmpstr (sb_window_get_page (window), ==, "coverage");

  n = sb_store_get_n_stories (store);
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-story", NULL);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, n + 1);
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");

  close_window (window);
}

static void
test_window_remembers_page (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = open_window (NULL, store);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "questions");
  gtk_window_close (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();

  window = open_window (NULL, store);
  g_assert_cmpstr (sb_window_get_page (window), ==, "questions");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "stories");
  close_window (window);
}

#define NOBODY 65534

/* A bank the person cannot write opens read-only on purpose: the window
 * says so at the top, and nothing offers to change it. (Root writes any
 * file, so as root the bank is opened as "nobody", then the test goes on
 * as itself: the connection stays read-only.) */
static void
test_window_read_only_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SbStoryEditor *editor;
  SbWindow *window;
  guint n;

  {
    g_autoptr(SbStore) writable = open_bank (dir);
    g_assert_nonnull (sb_store_create_story (writable, "Read but not written", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  if (getuid () == 0)
    {
      g_assert_cmpint (chown (dir->path, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (setegid (NOBODY), ==, 0);
      g_assert_cmpint (seteuid (NOBODY), ==, 0);
      if (faccessat (AT_FDCWD, path, R_OK, AT_EACCESS) != 0)
        {
          g_assert_cmpint (seteuid (0), ==, 0);
          g_assert_cmpint (setegid (0), ==, 0);
          g_test_skip ("running as root, and “nobody” cannot reach the temporary folder");
          return;
        }
    }
  store = sb_store_open (path, &error);
  if (getuid () == 0)
    {
      g_assert_cmpint (seteuid (0), ==, 0);
      g_assert_cmpint (setegid (0), ==, 0);
    }
  g_assert_no_error (error);
  g_assert_true (sb_store_is_read_only (store));
  n = sb_store_get_n_stories (store);

  window = open_window (NULL, store);
  editor = sb_window_get_story_editor (window);
  g_assert_nonnull (sb_window_get_banner_text (window));
  g_assert_nonnull (strstr (sb_window_get_banner_text (window), "read-only"));
  g_assert_nonnull (strstr (sb_window_get_banner_text (window), "Editing is off"));
  g_assert_nonnull (strstr (sb_window_get_banner_text (window), "bank.sqlite3"));
  /* No example story was added to a bank that cannot take it. */
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, n);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL) &&
                  sb_store_get_n_stories (store) != n);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, n);
  g_assert_false (gtk_text_view_get_editable (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_TITLE)));
  g_assert_false (gtk_text_view_get_editable (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION)));
  g_assert_cmpuint (sb_store_get_n_unsaved (store), ==, 0);
  close_window (window);
  g_assert_cmpuint (sb_store_get_n_unsaved (store), ==, 0);
}

/* The export's toast says where the file went and opens its folder. */
static void
test_window_export_toast (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autofree char *path = sb_test_dir_file (dir, "my-stories.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir->path);
  g_autofree char *folder_uri = g_file_get_uri (folder);
  SbWindow *window = open_window (NULL, store);
  AdwToast *toast;
  GVariant *target;

  sb_window_export_file (window, file);
  wait_for_file_job (window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  toast = sb_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "my-stories.json"));
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-folder");
  target = adw_toast_get_action_target_value (toast);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, folder_uri);
  close_window (window);
}

/* Reopening shows the story last edited, not the first one. */
static void
test_window_reopens_last_story (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GError) error = NULL;
  SbStory *second;
  SbWindow *window;

  g_assert_nonnull (sb_store_create_story (store, "First", &error));
  second = sb_store_create_story (store, "Second", &error);
  g_assert_no_error (error);

  window = open_window (NULL, store);
  sb_story_list_select_story (sb_window_get_story_list (window), second);
  sb_test_iterate_main_loop ();
  close_window (window);

  window = open_window (NULL, store);
  g_assert_true (sb_story_editor_get_story (sb_window_get_story_editor (window)) == second);
  g_assert_true (sb_story_list_get_selected_story (sb_window_get_story_list (window)) == second);
  close_window (window);
}

/* Alt+2 takes the keyboard into the Coverage page. */
static void
test_window_page_takes_focus (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = open_window (NULL, store);
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coverage"));
  sb_test_iterate_main_loop ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, g_type_from_name ("SbCoveragePage")));
  close_window (window);
}

/* A menu button's tooltip does not stay over the menu it opened. */
static void
test_window_no_tooltip_over_menu (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = open_window (NULL, store);
  GtkMenuButton *menu = GTK_MENU_BUTTON (sb_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));

  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (menu)));
  gtk_menu_button_popup (menu);
  sb_test_iterate_main_loop ();
  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (menu)));
  gtk_menu_button_popdown (menu);
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (menu)));
  close_window (window);
}

/* What to Fix Next lists the bank's gaps and faults, and a row takes the
 * person to where it is fixed. */
static void
test_window_next_fixes (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) fixes = NULL;
  g_autoptr(GError) error = NULL;
  SbNextFixesDialog *dialog;
  SbWindow *window;
  SbStory *thin;
  guint row = G_MAXUINT;

  thin = sb_store_create_story (store, "Thin", &error);
  g_assert_true (sb_store_edit_story (store, thin, SB_STORY_FIELD_ACTION, "I fixed it.", &error));
  g_assert_true (sb_store_save_story (store, thin, &error));
  g_assert_no_error (error);
  window = open_window (NULL, store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "coverage"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-fixes", NULL));
  dialog = SB_NEXT_FIXES_DIALOG (sb_window_get_last_dialog (window));
  g_assert_nonnull (dialog);
  fixes = sb_next_fixes (store, "core", 0);
  g_assert_cmpuint (sb_next_fixes_dialog_get_n_rows (dialog), ==, fixes->len);
  for (guint i = 0; i < fixes->len && row == G_MAXUINT; i++)
    if (((SbFix *) fixes->pdata[i])->kind == SB_FIX_STORY_PROBLEMS &&
        g_strcmp0 (((SbFix *) fixes->pdata[i])->target, sb_story_get_uuid (thin)) == 0)
      row = i;
  g_assert_cmpuint (row, !=, G_MAXUINT);

  sb_next_fixes_dialog_activate_row (dialog, row);
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");
  g_assert_true (sb_story_editor_get_story (sb_window_get_story_editor (window)) == thin);
  close_window (window);
}

/* Any story can answer a question, not only a suggested one, and a story
 * chosen for it opens in the editor with one click. */
static void
test_window_choose_any_story (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbQuestion) question = g_list_model_get_item (sb_store_get_questions (store), 0);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  g_autoptr(GPtrArray) linked = NULL;
  SbWindow *window;
  GtkWidget *page;
  GtkMenuButton *choose;
  GtkListBox *list;
  GtkListBoxRow *row = NULL;
  SbStory *story;

  story = sb_store_create_story (store, "Unlinked but the right one", &error);
  g_assert_no_error (error);
  window = open_window (NULL, store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "questions"));
  sb_test_iterate_main_loop ();
  page = sb_test_find_widget (GTK_WIDGET (window), SB_TYPE_QUESTIONS_PAGE);
  sb_questions_page_select_question (SB_QUESTIONS_PAGE (page), slug);
  sb_test_iterate_main_loop ();

  choose = GTK_MENU_BUTTON (sb_test_find_widget (page, GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (choose);
  gtk_menu_button_popup (choose);
  sb_test_iterate_main_loop ();
  list = sb_questions_page_get_chooser_list (SB_QUESTIONS_PAGE (page));
  /* Its search runs in the store's worker: the rows follow once the
   * results are back, the synchronous search's, in order. */
  {
    GtkWidget *search = sb_test_find_widget (gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER),
                                             GTK_TYPE_SEARCH_ENTRY);
    g_autoptr(GPtrArray) expected = sb_store_search_stories (store, "unlinked right", &error);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    GtkListBoxRow *first;

    g_assert_no_error (error);
    g_assert_cmpuint (expected->len, ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (search), "unlinked right");
    g_signal_emit_by_name (search, "search-changed");
    while (gtk_list_box_get_row_at_index (list, 1) != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    first = gtk_list_box_get_row_at_index (list, 0);
    g_assert_nonnull (first);
    g_assert_null (gtk_list_box_get_row_at_index (list, 1));
    g_assert_cmpstr (g_object_get_data (G_OBJECT (first), "sb-uuid"), ==, sb_story_get_uuid (expected->pdata[0]));
  }
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *candidate = gtk_list_box_get_row_at_index (list, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (candidate), "sb-uuid"), sb_story_get_uuid (story)) == 0)
        row = candidate;
    }
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
  sb_test_iterate_main_loop ();
  linked = sb_store_get_question_stories (store, slug);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_true (linked->pdata[0] == story);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-story", "s", sb_story_get_uuid (story)));
  g_assert_cmpstr (sb_window_get_page (window), ==, "stories");
  g_assert_true (sb_story_editor_get_story (sb_window_get_story_editor (window)) == story);
  close_window (window);
}

static gboolean
badge_wait_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The Practice tab says how many stories are due today (and questions to
 * drill: test-drill-view.c). */
static void
test_window_practice_badge (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;
  AdwViewStackPage *page;
  SbWindow *window;
  gboolean done = FALSE;
  guint timeout_id;

  for (guint i = 0; i < 2; i++)
    {
      SbStory *story = sb_store_create_story (store, i == 0 ? "One" : "Two", &error);
      g_assert_true (sb_store_edit_story (store, story, SB_STORY_FIELD_ACTION, "I did it.", &error));
      g_assert_true (sb_store_save_story (store, story, &error));
      g_assert_no_error (error);
    }
  window = open_window (NULL, store);
  stack = ADW_VIEW_STACK (sb_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "practice"));

  /* The badge is counted after the first frame, in an idle: however long
   * a loaded machine takes to draw it, not a fixed time. */
  timeout_id = g_timeout_add_seconds (20, badge_wait_cb, &done);
  while (!done && adw_view_stack_page_get_badge_number (page) == 0)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (timeout_id);

  /* No question drilled yet: the stories alone (sb-drill.h). */
  g_assert_cmpuint (sb_drill_count_due (store, 0), ==, 0);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, sb_practice_count_due (store, 0));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), >=, 2);
  close_window (window);
}

/* A writable bank shows no banner. */
static void
test_window_no_banner (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbWindow *window = open_window (NULL, store);

  g_assert_null (sb_window_get_banner_text (window));
  close_window (window);
}

/* The window opens a bank before reading all of its pages through; the
 * check runs in a worker after the first frame. A damaged bank found so:
 * the window says so at the top, nothing offers to change it, and its file
 * is left byte for byte as it was. */
static void
test_window_damaged_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, after_length;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 until;
  SbWindow *window;
  guint n, page;

  {
    g_autoptr(SbStore) writable = open_bank (dir);

    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *title = g_strdup_printf ("Story %u about a careful migration of ledgers", i);
        g_assert_nonnull (sb_store_create_story (writable, title, &error));
        g_assert_no_error (error);
      }
    /* Opened in a window before, as a bank in use is: opening it again
     * writes nothing. */
    g_assert_null (sb_example_seed (writable, &error));
    g_assert_no_error (error);
  }
  /* A page of the search index, which opening the bank does not read. */
  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'stories_fts_data' "
                                           "AND pagetype = 'leaf' LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &before, &length, NULL));
  g_assert_cmpuint ((gsize) page * 4096, <=, length);
  memset (before + (page - 1) * 4096, 0xff, 64);
  g_assert_true (g_file_set_contents (path, before, length, NULL));

  store = sb_store_open_deferring_check (path, &error);
  g_assert_no_error (error);
  g_assert_false (sb_store_is_read_only (store));
  n = sb_store_get_n_stories (store);

  window = open_window (NULL, store);
  until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (sb_window_get_banner_text (window) == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (sb_window_get_banner_text (window));
  g_assert_nonnull (strstr (sb_window_get_banner_text (window), "damaged"));
  g_assert_nonnull (strstr (sb_window_get_banner_text (window), "bank.sqlite3"));
  g_assert_true (sb_store_is_read_only (store));

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL) &&
                  sb_store_get_n_stories (store) != n);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, n);
  g_assert_null (sb_store_create_story (store, "Not written", &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);
  close_window (window);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, length, after, after_length);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/window/builds", test_window_builds);
  g_test_add_func ("/window/example-story", test_window_example_story);
  g_test_add_func ("/window/show-page", test_window_show_page);
  g_test_add_func ("/window/app-actions", test_window_app_actions);
  g_test_add_func ("/window/remembers-page", test_window_remembers_page);
  g_test_add_func ("/window/read-only-bank", test_window_read_only_bank);
  g_test_add_func ("/window/damaged-bank", test_window_damaged_bank);
  g_test_add_func ("/window/no-banner", test_window_no_banner);
  g_test_add_func ("/window/export-toast", test_window_export_toast);
  g_test_add_func ("/window/import-in-worker", test_window_import_in_worker);
  g_test_add_func ("/window/reopens-last-story", test_window_reopens_last_story);
  g_test_add_func ("/window/page-takes-focus", test_window_page_takes_focus);
  g_test_add_func ("/window/no-tooltip-over-menu", test_window_no_tooltip_over_menu);
  g_test_add_func ("/window/next-fixes", test_window_next_fixes);
  g_test_add_func ("/window/choose-any-story", test_window_choose_any_story);
  g_test_add_func ("/window/practice-badge", test_window_practice_badge);

  return g_test_run ();
}
