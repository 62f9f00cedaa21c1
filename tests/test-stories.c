/* test-stories.c — the Stories page: new, edit + autosave, delete + undo, search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "sb-cue-card.h"
#include "sb-exchange.h"
#include "sb-story-row.h"
#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-theme-dots.h"
#include "sb-theme-picker.h"
#include "sb-window-private.h"

typedef struct
{
  SbTestDir *dir;
  char      *path;
  SbStore   *store;
  SbWindow  *window;
} Fixture;

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop_cb, loop);
  g_main_loop_run (loop);
}

static SbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
open_window (Fixture *fixture)
{
  fixture->window = sb_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  sb_test_iterate_main_loop ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sb_test_dir_new ();
  fixture->path = sb_test_dir_file (fixture->dir, "bank.sqlite3");
  fixture->store = open_store (fixture->path);
  open_window (fixture);
}

static void
close_window (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      fixture->window = NULL;
      sb_test_iterate_main_loop ();
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture);
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  sb_test_dir_free (fixture->dir);
}

/* A second connection to the bank, as the next start of the app would see it. */
static SbStory *
find_on_disk (Fixture    *fixture,
              const char *uuid,
              SbStore   **out_store)
{
  *out_store = open_store (fixture->path);
  return sb_store_find_story (*out_store, uuid);
}

static SbStory *
add_story (Fixture    *fixture,
           const char *title,
           const char *action)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (fixture->store, title, &error);

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  sb_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);
  return story;
}

static void
test_new_story (Fixture       *fixture,
                gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  guint n = sb_store_get_n_stories (fixture->store);
  g_autoptr(SbStory) last = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);

  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n + 1);
  last = g_list_model_get_item (sb_store_get_stories (fixture->store), n);
  g_assert_cmpuint (sb_story_get_id (last), >, 0);
  g_assert_true (sb_story_list_get_selected_story (list) == last);
  g_assert_true (sb_story_editor_get_story (editor) == last);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n + 1);
}

static void
test_edit_title_flush (Fixture       *fixture,
                       gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autoptr(SbStore) other = NULL;
  g_autofree char *uuid = NULL;
  SbStory *story, *saved;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  uuid = g_strdup (sb_story_get_uuid (story));

  sb_story_editor_set_title_text (editor, "Migrating billing to Postgres");
  /* Typed, not yet written: the pause has not passed. */
  g_assert_cmpstr (sb_story_get_title (story), ==, "Migrating billing to Postgres");
  g_assert_true (sb_story_editor_has_pending (editor));

  sb_window_flush (fixture->window);
  g_assert_false (sb_story_editor_has_pending (editor));

  saved = find_on_disk (fixture, uuid, &other);
  g_assert_nonnull (saved);
  g_assert_cmpstr (sb_story_get_title (saved), ==, "Migrating billing to Postgres");
}

static void
test_autosave_after_pause (Fixture       *fixture,
                           gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autoptr(SbStore) other = NULL;
  GtkTextBuffer *buffer;
  SbStory *story, *saved;

  story = sb_story_editor_get_story (editor);
  g_assert_nonnull (story);
  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_RESULT));
  gtk_text_buffer_set_text (buffer, "Latency fell from 900 ms to 120 ms.", -1);
  g_assert_cmpstr (sb_story_get_result (story), ==, "Latency fell from 900 ms to 120 ms.");

  /* No flush: the timer alone writes it, well under a second later. */
  wait_ms (SB_STORY_EDITOR_AUTOSAVE_MS + 300);
  g_assert_false (sb_story_editor_has_pending (editor));

  saved = find_on_disk (fixture, sb_story_get_uuid (story), &other);
  g_assert_cmpstr (sb_story_get_result (saved), ==, "Latency fell from 900 ms to 120 ms.");
}

static void
test_edit_survives_reopen (Fixture       *fixture,
                           gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autofree char *uuid = NULL;
  GtkTextBuffer *buffer;
  SbStory *story;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  uuid = g_strdup (sb_story_get_uuid (story));
  sb_story_editor_set_title_text (editor, "Cutting the build from 40 to 9 minutes");
  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION));
  gtk_text_buffer_set_text (buffer, "I profiled the build and cached the dependency layer.", -1);

  /* Close straight after typing, as a person quitting would. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  sb_test_iterate_main_loop ();
  g_assert_finalize_object (fixture->store);

  fixture->store = open_store (fixture->path);
  story = sb_store_find_story (fixture->store, uuid);
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Cutting the build from 40 to 9 minutes");
  g_assert_cmpstr (sb_story_get_action (story), ==, "I profiled the build and cached the dependency layer.");

  open_window (fixture);
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(SbTheme) theme = NULL;
  SbStory *story;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  uuid = g_strdup (sb_story_get_uuid (story));
  sb_story_editor_set_title_text (editor, "Story to delete");
  theme = g_list_model_get_item (sb_store_get_themes (fixture->store, NULL), 0);
  sb_store_set_story_theme (fixture->store, story, sb_theme_get_slug (theme), SB_STRENGTH_SECONDARY, &error);
  g_assert_no_error (error);
  before = sb_store_get_story_themes (fixture->store, story);
  n = sb_store_get_n_stories (fixture->store);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-story", NULL);
  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n - 1);
  g_assert_null (sb_store_find_story (fixture->store, uuid));
  g_assert_nonnull (sb_window_get_last_toast (fixture->window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-delete", NULL);
  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n);
  story = sb_store_find_story (fixture->store, uuid);
  g_assert_nonnull (story);
  /* The last words typed before the delete came back too. */
  g_assert_cmpstr (sb_story_get_title (story), ==, "Story to delete");
  after = sb_store_get_story_themes (fixture->store, story);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpint (sb_store_get_story_theme (fixture->store, story, sb_theme_get_slug (theme)),
                   ==, SB_STRENGTH_SECONDARY);
  g_assert_true (sb_story_editor_get_story (editor) == story);
}

/* Until the query running in the store's worker has come back. */
static void
wait_for_search (SbStoryList *list)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sb_story_list_get_search_running (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_story_list_get_search_running (list));
}

/* Types @text and waits for its results. */
static void
search_for (SbStoryList *list,
            const char  *text)
{
  sb_story_list_set_search_text (list, text);
  wait_for_search (list);
}

static void
test_search_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  guint n;

  add_story (fixture, "Database migration", "I moved 2 TB of orders to the new cluster.");
  add_story (fixture, "Hiring plan", "I wrote the interview loop for three backend roles.");
  n = sb_store_get_n_stories (fixture->store);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n);

  search_for (list, "migra");
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, 1);
  search_for (list, "interview loop");
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, 1);
  g_assert_cmpstr (sb_story_get_title (sb_story_list_get_selected_story (list)), ==, "Hiring plan");
  search_for (list, "zebra");
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, 0);
  /* Clearing the search shows every story in the next frame (the old
   * results' rows go first), without a query. */
  sb_story_list_set_search_text (list, "");
  g_assert_true (sb_story_list_get_search_running (list));
  wait_for_search (list);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n);
  /* And at once when nothing was searched. */
  sb_story_list_set_search_text (list, "");
  g_assert_false (sb_story_list_get_search_running (list));
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n);
}

/* What the list view shows, once the list has put all of it in. */
static GPtrArray *
shown_stories (SbStoryList *list)
{
  GtkListView *view = GTK_LIST_VIEW (sb_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_object_unref);

  wait_for_search (list);
  while (g_list_model_get_n_items (model) < sb_story_list_get_n_visible (list) &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, sb_story_list_get_n_visible (list));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (shown, g_list_model_get_item (model, i));
  return shown;
}

static void
assert_shows_search (Fixture     *fixture,
                     SbStoryList *list,
                     const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = sb_store_search_stories (fixture->store, text, &error);
  g_autoptr(GPtrArray) shown = shown_stories (list);

  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_true (shown->pdata[i] == expected->pdata[i]);
}

/* Typing, deleting and typing fast: whatever the list shows first and
 * puts in after the frame, it ends up with the search's results in the
 * search's order, and a story added meanwhile takes its place. */
static void
test_search_as_you_type (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const typed[] = {
    "m", "mi", "mig", "migr", "mig", "mi", "m", "", "l", "la", "lat", "late", "",
    "migration latency", "migration", "",
  };
  SbStoryList *list = sb_window_get_story_list (fixture->window);

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf (i % 3 == 0 ? "Migration %u" : "Story %u", i);
      g_autofree char *action = g_strdup_printf (i % 2 == 0 ? "I cut the latency of step %u."
                                                            : "I planned the migration of part %u.", i);

      add_story (fixture, title, action);
    }
  sb_test_iterate_main_loop ();

  /* One letter at a time, the list settling after each. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      sb_story_list_set_search_text (list, typed[i]);
      assert_shows_search (fixture, list, typed[i]);
    }

  /* Faster than the list fills: each search replaces the last one's
   * unfinished list. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      sb_story_list_set_search_text (list, typed[i]);
      g_main_context_iteration (NULL, FALSE);
    }
  assert_shows_search (fixture, list, "");
  sb_story_list_set_search_text (list, "mig");
  sb_story_list_set_search_text (list, "migrat");
  sb_story_list_set_search_text (list, "m");
  assert_shows_search (fixture, list, "m");

  /* A story added while the list is still filling. */
  sb_story_list_set_search_text (list, "migration");
  add_story (fixture, "Migration zero", "The first migration.");
  assert_shows_search (fixture, list, "migration");
}


static void
sb_clear_object_ptr (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
selection_told_cb (SbStoryList *list,
                   GParamSpec  *pspec,
                   GPtrArray   *told)
{
  SbStory *story = sb_story_list_get_selected_story (list);

  g_ptr_array_add (told, story != NULL ? g_object_ref (story) : NULL);
}

/* The selected story stays selected while the results hold it, wherever
 * it lands in them (also past the first screenful, which the list puts
 * in after the frame): the editor keeps it and no other story is told
 * meanwhile. Results without it move the selection, as before. */
static void
test_search_keeps_selection (Fixture       *fixture,
                             gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkListView *view = GTK_LIST_VIEW (sb_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (view));
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_clear_object_ptr);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  SbStory *keeper;
  gulong told_id;
  guint at = 0;

  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      g_autofree char *action = g_strdup_printf ("I planned the migration of part %u.", i);

      add_story (fixture, title, action);
    }
  /* The longest text ranks last among equals. */
  keeper = add_story (fixture, "Keeper", "I planned the migration of part 80 and wrote down "
                      "every single step we took along the way, one after the other.");
  for (guint i = 80; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);

      add_story (fixture, title, "I planned the migration.");
    }
  sb_test_iterate_main_loop ();
  expected = sb_store_search_stories (fixture->store, "migration", &error);
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_find (expected, keeper, &at));
  g_assert_cmpuint (at, >=, 40);

  sb_story_list_select_story (list, keeper);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == keeper);

  told_id = g_signal_connect (list, "notify::selected-story", G_CALLBACK (selection_told_cb), told);
  search_for (list, "migration");
  /* The results are in, the rest of the list still to come: it is still
   * the selected story. */
  g_assert_true (sb_story_list_get_selected_story (list) == keeper);
  g_assert_true (sb_story_editor_get_story (editor) == keeper);
  assert_shows_search (fixture, list, "migration");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_list_get_selected_story (list) == keeper);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == keeper);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, at);
  g_assert_true (sb_story_editor_get_story (editor) == keeper);
  for (guint i = 0; i < told->len; i++)
    g_assert_true (told->pdata[i] == keeper);

  /* Cleared with it far down the results (past what the list keeps for
   * a frame while it puts every story back): still selected. */
  g_assert_cmpuint (at, >=, 64);
  sb_story_list_set_search_text (list, "");
  assert_shows_search (fixture, list, "");
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_single_selection_get_selected_item (selection) == keeper);
  g_assert_true (sb_story_editor_get_story (editor) == keeper);
  for (guint i = 0; i < told->len; i++)
    g_assert_true (told->pdata[i] == keeper);
  search_for (list, "migration");
  assert_shows_search (fixture, list, "migration");

  /* Typed on, a search that moves it up; then everything again. */
  search_for (list, "migration wrote");
  assert_shows_search (fixture, list, "migration wrote");
  g_assert_true (gtk_single_selection_get_selected_item (selection) == keeper);
  sb_story_list_set_search_text (list, "");
  assert_shows_search (fixture, list, "");
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_single_selection_get_selected_item (selection) == keeper);
  g_assert_true (sb_story_editor_get_story (editor) == keeper);
  for (guint i = 0; i < told->len; i++)
    g_assert_true (told->pdata[i] == keeper);

  /* Typing faster than the list fills keeps it too. */
  sb_story_list_set_search_text (list, "mig");
  sb_story_list_set_search_text (list, "migration");
  g_main_context_iteration (NULL, FALSE);
  sb_story_list_set_search_text (list, "");
  assert_shows_search (fixture, list, "");
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_single_selection_get_selected_item (selection) == keeper);

  /* Results without it: another story is selected, and the editor follows. */
  search_for (list, "story");
  assert_shows_search (fixture, list, "story");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (sb_story_list_get_selected_story (list));
  g_assert_true (sb_story_list_get_selected_story (list) != keeper);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == sb_story_list_get_selected_story (list));
  g_assert_true (sb_story_editor_get_story (editor) == sb_story_list_get_selected_story (list));

  /* Chosen by hand while the rest is still to come: the hand wins. */
  search_for (list, "migration");
  {
    g_autoptr(SbStory) first = g_list_model_get_item (G_LIST_MODEL (selection), 0);

    sb_story_list_select_story (list, first);
    assert_shows_search (fixture, list, "migration");
    sb_test_iterate_main_loop ();
    g_assert_true (gtk_single_selection_get_selected_item (selection) == first);
    g_assert_true (sb_story_editor_get_story (editor) == first);
  }
  g_signal_handler_disconnect (list, told_id);
}

typedef struct
{
  guint    n;
  SbStory *last;
} Activations;

static void
story_activated_cb (SbStoryList *list,
                    SbStory     *story,
                    Activations *activations)
{
  activations->n++;
  activations->last = story;
}

static const char *
shown_page (SbStoryList *list)
{
  GtkStack *stack = GTK_STACK (sb_test_find_widget (GTK_WIDGET (list), GTK_TYPE_STACK));

  return gtk_stack_get_visible_child_name (stack);
}

/* Iterates the main loop for @ms without waiting on anything. */
static void
run_for_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* The query runs in the store's worker: until its results come the list
 * shows the last ones (never an empty list or "No Results" meanwhile), a
 * newer query or a cleared search wins over an older query still
 * running, and Enter meanwhile opens the new query's best match. */
static void
test_search_while_running (Fixture       *fixture,
                           gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  Activations activations = { 0, };
  SbStory *hiring;
  GtkWidget *entry = sb_test_find_widget (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY);
  guint n, n_migration;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *title = g_strdup_printf ("Migration %u", i);

      add_story (fixture, title, "I moved the orders to the new cluster.");
    }
  hiring = add_story (fixture, "Hiring plan", "I wrote the interview loop for three backend roles.");
  n = sb_store_get_n_stories (fixture->store);
  sb_test_iterate_main_loop ();

  search_for (list, "migration");
  n_migration = sb_story_list_get_n_visible (list);
  g_assert_cmpuint (n_migration, ==, 30);

  /* A query with no match: until it is back, the list stays as it was. */
  sb_story_list_set_search_text (list, "zebracorn");
  g_assert_true (sb_story_list_get_search_running (list));
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n_migration);
  g_assert_cmpstr (shown_page (list), ==, "list");
  wait_for_search (list);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, 0);
  g_assert_cmpstr (shown_page (list), ==, "no-results");

  /* Cleared while a query runs: every story in the next frame, without a
   * query, and the query's results, when they come, are not put in. */
  sb_story_list_set_search_text (list, "mig");
  sb_story_list_set_search_text (list, "");
  wait_for_search (list);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n);
  g_assert_cmpstr (shown_page (list), ==, "list");
  run_for_ms (200);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n);

  /* Typed fast: only the last query's results, whichever finishes first. */
  sb_story_list_set_search_text (list, "interview");
  sb_story_list_set_search_text (list, "mig");
  sb_story_list_set_search_text (list, "migration 1");
  assert_shows_search (fixture, list, "migration 1");
  run_for_ms (200);
  assert_shows_search (fixture, list, "migration 1");

  /* The selection after a search: a story its first screenful shows
   * stays selected; one it leaves out gives way to one it shows, which
   * the editor then shows. */
  {
    g_autoptr(GPtrArray) expected = sb_store_search_stories (fixture->store, "migration", NULL);
    SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
    SbStory *kept = expected->pdata[3];
    SbStory *selected;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    sb_story_list_set_search_text (list, "");
    sb_story_list_select_story (list, kept);
    search_for (list, "migration");
    g_assert_true (sb_story_list_get_selected_story (list) == kept);

    sb_story_list_set_search_text (list, "");
    sb_story_list_select_story (list, hiring);
    search_for (list, "migration");
    selected = sb_story_list_get_selected_story (list);
    g_assert_nonnull (selected);
    g_assert_true (g_ptr_array_find (expected, selected, NULL));
    while (sb_story_editor_get_story (editor) != selected && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (sb_story_editor_get_story (editor) == selected);
    assert_shows_search (fixture, list, "migration");
    g_assert_true (sb_story_list_get_selected_story (list) == selected);
  }

  /* Enter while the query runs opens its best match once it is back, not
   * the best of the results still shown. */
  g_signal_connect (list, "story-activated", G_CALLBACK (story_activated_cb), &activations);
  sb_story_list_set_search_text (list, "interview loop");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (activations.n, ==, 0);
  wait_for_search (list);
  g_assert_cmpuint (activations.n, ==, 1);
  g_assert_true (activations.last == hiring);
  g_signal_handlers_disconnect_by_func (list, story_activated_cb, &activations);
  g_assert_true (sb_story_list_get_selected_story (list) == hiring);
}

/* While a query runs, the frames after the keystroke's drop the old list
 * past its first screenful (tearing its rows down is the costly part of
 * replacing a list): meanwhile the list still counts what it showed, the
 * selected story stays selected (also one in the part that went), a story
 * chosen from that part is selected at once, and the results then fill
 * the list as before, also when they are the same stories. */
static void
test_search_drops_old_rows (Fixture       *fixture,
                            gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkListView *view = GTK_LIST_VIEW (sb_test_find_widget (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_clear_object_ptr);
  g_autoptr(GPtrArray) before = NULL;
  SbStory *keeper, *chosen;
  gulong told_id;
  guint n;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      g_autofree char *action = g_strdup_printf ("I planned the migration of part %u.", i);

      add_story (fixture, title, action);
    }
  sb_test_iterate_main_loop ();
  search_for (list, "migration");
  before = shown_stories (list);
  n = before->len;
  g_assert_cmpuint (n, ==, 120);
  keeper = before->pdata[100];
  sb_story_list_select_story (list, keeper);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == keeper);
  /* Choosing it scrolled the list to it: back to the start. */
  gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", 0);
  {
    /* The list view scrolls at its next allocation, a frame away. */
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (gtk_adjustment_get_value (adjustment) >= 1 && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 1);
  }
  sb_test_iterate_main_loop ();
  told_id = g_signal_connect (list, "notify::selected-story", G_CALLBACK (selection_told_cb), told);

  /* The same stories again: the old rows go first, the results still
   * wait for their frame. */
  sb_story_list_set_search_text (list, "migr");
  while (sb_story_list_get_search_running (list) && g_list_model_get_n_items (model) == n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_story_list_get_search_running (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 16);
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, n);
  g_assert_cmpstr (shown_page (list), ==, "list");
  g_assert_true (sb_story_list_get_selected_story (list) == keeper);
  assert_shows_search (fixture, list, "migr");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_list_get_selected_story (list) == keeper);
  g_assert_true (sb_story_editor_get_story (editor) == keeper);
  for (guint i = 0; i < told->len; i++)
    g_assert_true (told->pdata[i] == keeper);

  /* A story from the part that went, chosen before the results come. */
  chosen = before->pdata[110];
  sb_story_list_set_search_text (list, "migra");
  while (sb_story_list_get_search_running (list) && g_list_model_get_n_items (model) == n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_story_list_get_search_running (list));
  sb_story_list_select_story (list, chosen);
  g_assert_true (sb_story_list_get_selected_story (list) == chosen);
  assert_shows_search (fixture, list, "migra");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_list_get_selected_story (list) == chosen);
  g_assert_true (sb_story_editor_get_story (editor) == chosen);

  /* Cleared the same way: every story, the chosen one still selected. */
  gtk_widget_activate_action (GTK_WIDGET (view), "list.scroll-to-item", "u", 0);
  sb_test_iterate_main_loop ();
  sb_story_list_set_search_text (list, "");
  assert_shows_search (fixture, list, "");
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_list_get_selected_story (list) == chosen);
  g_assert_true (sb_story_editor_get_story (editor) == chosen);

  /* Scrolled, the list keeps all it shows until the results come. */
  search_for (list, "migration");
  assert_shows_search (fixture, list, "migration");
  sb_story_list_select_story (list, keeper);
  sb_test_iterate_main_loop ();
  sb_story_list_set_search_text (list, "migrat");
  while (sb_story_list_get_search_running (list))
    {
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
      g_main_context_iteration (NULL, TRUE);
    }
  assert_shows_search (fixture, list, "migrat");
  g_assert_true (sb_story_list_get_selected_story (list) == keeper);
  g_signal_handler_disconnect (list, told_id);
}

/* A search that takes the story being edited out of the list leaves its
 * unsaved text with the store, which writes it; the editor follows the
 * selection as before. */
static void
test_search_keeps_unsaved_edit (Fixture       *fixture,
                                gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autoptr(SbStore) other = NULL;
  g_autofree char *uuid = NULL;
  SbStory *migration, *hiring, *saved;
  GtkTextBuffer *buffer;

  migration = add_story (fixture, "Database migration", "I moved 2 TB of orders to the new cluster.");
  hiring = add_story (fixture, "Hiring plan", "I wrote the interview loop for three backend roles.");
  uuid = g_strdup (sb_story_get_uuid (migration));
  sb_test_iterate_main_loop ();
  sb_story_list_select_story (list, migration);
  g_assert_true (sb_story_editor_get_story (editor) == migration);

  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_RESULT));
  gtk_text_buffer_set_text (buffer, "Checkout stayed up throughout.", -1);
  g_assert_true (sb_story_get_dirty (migration));

  search_for (list, "interview");
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, 1);
  g_assert_true (sb_story_list_get_selected_story (list) == hiring);
  /* The editor follows after the frame that shows the results. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (sb_story_editor_get_story (editor) != hiring && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (sb_story_editor_get_story (editor) == hiring);
  g_assert_cmpstr (sb_story_get_result (migration), ==, "Checkout stayed up throughout.");

  sb_story_list_set_search_text (list, "");
  sb_story_list_select_story (list, migration);
  g_assert_true (sb_story_editor_get_story (editor) == migration);
  {
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "Checkout stayed up throughout.");
  }
  g_assert_true (sb_window_flush (fixture->window));
  saved = find_on_disk (fixture, uuid, &other);
  g_assert_cmpstr (sb_story_get_result (saved), ==, "Checkout stayed up throughout.");
}

static void
type_text (GtkTextBuffer *buffer,
           const char    *text)
{
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
}

/* The footer's length follows the typing when it pauses (a count drawn
 * at every keystroke doubled the keystroke's frame), and at once when the
 * story is saved, which steady typing does every two seconds. */
static void
test_length_footer (Fixture       *fixture,
                    gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkTextBuffer *buffer;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "0 words · about 0 s"));
  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_SITUATION));
  gtk_text_buffer_set_text (buffer, "one two three four five six seven", -1);
  /* Mid-word, the footer still shows the count from before. */
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "0 words"));
  wait_ms (SB_STORY_EDITOR_LENGTH_PAUSE_MS + 200);
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "7 words · about 3 s"));

  /* Words typed faster than the pause: the count waits... */
  for (guint i = 0; i < 3; i++)
    {
      type_text (buffer, " more");
      wait_ms (SB_STORY_EDITOR_LENGTH_PAUSE_MS / 4);
    }
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "7 words"));
  /* ...until the story is saved. */
  g_assert_true (sb_window_flush (fixture->window));
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "10 words"));

  /* Deleting counts too, and Ctrl+Z puts the words back. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_begin_user_action (buffer);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
    type_text (buffer, "one two");
    gtk_text_buffer_end_user_action (buffer);
  }
  wait_ms (SB_STORY_EDITOR_LENGTH_PAUSE_MS + 200);
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "2 words"));
  gtk_text_buffer_undo (buffer);
  wait_ms (SB_STORY_EDITOR_LENGTH_PAUSE_MS + 200);
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "10 words"));

  /* Another story shows its own length at once, whatever was pending. */
  type_text (buffer, " and more");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "0 words"));
  wait_ms (SB_STORY_EDITOR_LENGTH_PAUSE_MS + 200);
  g_assert_true (g_str_has_prefix (sb_story_editor_get_length_text (editor), "0 words"));
}

/* The status line says "All changes saved" once the store has written
 * what the person typed, and nothing while there is something to write;
 * a story just opened has nothing to report. */
static void
test_saved_status_line (Fixture       *fixture,
                        gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStory *story = add_story (fixture, "Migration", "I planned the migration.");
  GtkTextBuffer *buffer;
  GtkTextIter end;

  sb_story_list_select_story (list, story);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == story);
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (editor), "All changes saved"));

  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  type_text (buffer, " I tested it");
  g_assert_true (sb_story_editor_has_pending (editor));
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (editor), "All changes saved"));

  /* The pause: written, and said so. */
  wait_ms (SB_STORY_EDITOR_AUTOSAVE_MS + 300);
  g_assert_false (sb_story_editor_has_pending (editor));
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (editor), "All changes saved"));

  /* Typing again: no longer all saved. */
  type_text (buffer, " first.");
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (editor), "All changes saved"));
  g_assert_true (sb_window_flush (fixture->window));
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (editor), "All changes saved"));
  g_assert_cmpstr (sb_story_get_action (story), ==, "I planned the migration. I tested it first.");
}

static void
set_section (SbStoryEditor *editor,
             SbStoryField   field,
             const char    *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, field)),
                            text, -1);
}

/* The story's row shows the title as it is typed, and keeps it through
 * the saves that follow (a row sets its labels again at each save). */
static void
test_row_follows_title (Fixture       *fixture,
                        gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStory *story = add_story (fixture, "Migration", "I planned the migration.");

  sb_story_list_select_story (list, story);
  sb_test_iterate_main_loop ();
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (list), "Migration"));

  sb_story_editor_set_title_text (editor, "Migration to Postgres");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (list), "Migration to Postgres"));
  g_assert_true (sb_window_flush (fixture->window));
  sb_test_iterate_main_loop ();
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (list), "Migration to Postgres"));

  /* Text that leaves the title as it was; saved, the row still has it. */
  set_section (editor, SB_STORY_FIELD_RESULT, "Errors fell by 80%.");
  g_assert_true (sb_window_flush (fixture->window));
  sb_test_iterate_main_loop ();
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (list), "Migration to Postgres"));
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (list), "Migration"));
}

static void
test_coach_notes (Fixture       *fixture,
                  gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autofree char *result_notes = NULL;
  g_autofree char *action_notes = NULL;
  g_autofree char *fixed_notes = NULL;
  g_autofree char *situation_notes = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  set_section (editor, SB_STORY_FIELD_SITUATION, "Our payment service kept timing out.");
  set_section (editor, SB_STORY_FIELD_ACTION, "We rewrote the retry logic and we added alerts.");
  set_section (editor, SB_STORY_FIELD_RESULT, "Everyone was happy with it.");

  /* The coach reads when the person pauses, not at every keystroke. */
  result_notes = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_RESULT);
  g_assert_cmpstr (result_notes, ==, "");

  sb_window_flush (fixture->window);
  g_clear_pointer (&result_notes, g_free);
  result_notes = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_RESULT);
  action_notes = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_ACTION);
  situation_notes = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_SITUATION);
  g_assert_nonnull (strstr (result_notes, "no number"));
  g_assert_nonnull (strstr (action_notes, "“we” 2 times"));
  /* Empty sections and the spoken length are not nagged about inline. */
  g_assert_cmpstr (situation_notes, ==, "");
  g_assert_null (strstr (action_notes, "spoken"));

  set_section (editor, SB_STORY_FIELD_RESULT, "Timeouts fell from 40 a day to 2.");
  sb_window_flush (fixture->window);
  fixed_notes = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_RESULT);
  g_assert_cmpstr (fixed_notes, ==, "");
}

/* The list says which stories an interviewer would mark down. */
/* The editor's notes that carry a warning sign, as a person sees them. */
static guint
count_warning_notes (GtkWidget *root)
{
  guint n = 0;

  if (gtk_widget_has_css_class (root, "coach-finding") && gtk_widget_has_css_class (root, "warning") &&
      gtk_widget_get_visible (gtk_widget_get_parent (root)))
    return 1;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_warning_notes (child);
  return n;
}

static void
test_list_counts_what_to_fix (Fixture       *fixture,
                              gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autofree char *two = NULL;
  g_autofree char *one = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *expected = NULL;
  guint n_warnings, remaining;
  SbStory *story;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  set_section (editor, SB_STORY_FIELD_SITUATION, "Our payment service kept timing out.");
  set_section (editor, SB_STORY_FIELD_TASK, "I owned the fix.");
  set_section (editor, SB_STORY_FIELD_ACTION, "We rewrote the retry logic and we added alerts on saturation.");
  set_section (editor, SB_STORY_FIELD_RESULT, "Everyone was happy with it.");
  set_section (editor, SB_STORY_FIELD_LEARNING, "Alert on saturation.");
  two = sb_story_readiness_hint (fixture->store, story);
  /* The list counts exactly the notes the editor shows with a warning. */
  sb_window_flush (fixture->window);
  sb_test_iterate_main_loop ();
  n_warnings = count_warning_notes (GTK_WIDGET (editor));
  g_assert_cmpuint (n_warnings, >, 1);
  expected = g_strdup_printf ("%u things to fix", n_warnings);
  g_assert_cmpstr (two, ==, expected);

  /* Measuring the Result takes things off, and the two still agree. */
  set_section (editor, SB_STORY_FIELD_RESULT, "Timeouts fell from 40 a day to 2.");
  one = sb_story_readiness_hint (fixture->store, story);
  sb_window_flush (fixture->window);
  sb_test_iterate_main_loop ();
  remaining = count_warning_notes (GTK_WIDGET (editor));
  g_assert_cmpuint (remaining, <, n_warnings);
  g_free (expected);
  expected = remaining == 1 ? g_strdup ("1 thing to fix") : g_strdup_printf ("%u things to fix", remaining);
  g_assert_cmpstr (one, ==, expected);

  /* A strong story has nothing to fix. */
  set_section (editor, SB_STORY_FIELD_SITUATION,
               "Our payment service timed out for one request in fifty during the spring sale, "
               "and the checkout team paged me twice a night for a week.");
  set_section (editor, SB_STORY_FIELD_TASK,
               "As the owner of the payments gateway I had to stop the timeouts before the summer sale.");
  set_section (editor, SB_STORY_FIELD_ACTION,
               "I read a week of traces and found that retries from three clients piled onto the same slow "
               "shard. I rewrote the retry logic with jitter and a budget, added an alert on pool saturation, "
               "and walked each client team through the change before I rolled it out shard by shard.");
  set_section (editor, SB_STORY_FIELD_LEARNING,
               "I now look at retries first when a dependency slows down, and I alert on saturation.");
  clean = sb_story_readiness_hint (fixture->store, story);
  g_assert_null (strstr (clean, "to fix"));
}

/* A company's own value, typed into the picker, becomes a theme of the
 * person's own, linked to the story, without losing what was being typed. */
static void
test_picker_adds_own_theme (Fixture       *fixture,
                            gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) links = NULL;
  GtkWidget *picker;
  SbStory *story;
  SbTheme *theme;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  sb_story_editor_set_title_text (editor, "Raising the hiring bar");
  picker = sb_test_find_widget (GTK_WIDGET (fixture->window), SB_TYPE_THEME_PICKER);
  g_assert_nonnull (picker);
  g_assert_true (sb_theme_picker_get_story (SB_THEME_PICKER (picker)) == story);

  g_assert_true (sb_theme_picker_create (SB_THEME_PICKER (picker), "Googleyness", &error));
  g_assert_no_error (error);

  links = sb_store_get_story_themes (fixture->store, story);
  g_assert_cmpuint (links->len, ==, 1);
  theme = sb_store_find_theme (fixture->store, g_array_index (links, SbThemeLink, 0).theme_slug);
  g_assert_cmpstr (sb_theme_get_name (theme), ==, "Googleyness");
  g_assert_cmpstr (sb_theme_get_framework_slug (theme), ==, SB_STORE_OWN_FRAMEWORK);
  g_assert_cmpint (g_array_index (links, SbThemeLink, 0).strength, ==, SB_STRENGTH_PRIMARY);
  /* The title typed just before is still there, and still gets saved. */
  {
    GtkTextBuffer *title = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_TITLE));
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (title, &start, &end);
    shown = gtk_text_buffer_get_text (title, &start, &end, FALSE);
    g_assert_cmpstr (shown, ==, "Raising the hiring bar");
  }
  g_assert_cmpstr (sb_story_get_title (story), ==, "Raising the hiring bar");

  /* An empty name is refused with a reason, not a crash. */
  g_assert_false (sb_theme_picker_create (SB_THEME_PICKER (picker), "  ", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
}

/* Makes the bank refuse every change to a story, as a full disk would. */
static void
set_bank_refuses_saves (Fixture  *fixture,
                        gboolean  refuses)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, refuses
                                   ? "CREATE TRIGGER refuse_saves BEFORE UPDATE ON stories "
                                     "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;"
                                   : "DROP TRIGGER refuse_saves;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static AdwMessageDialog *
find_dialog_for (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* An edit the bank refused keeps the window open until it is saved or the
 * person says to drop it. */
static void
test_close_keeps_unsaved_edit (Fixture       *fixture,
                               gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkWindow *window = GTK_WINDOW (fixture->window);
  g_autofree char *uuid = NULL;
  AdwMessageDialog *dialog;
  SbStory *story;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  uuid = g_strdup (sb_story_get_uuid (story));
  sb_window_flush (fixture->window);

  set_bank_refuses_saves (fixture, TRUE);
  sb_story_editor_set_title_text (editor, "Words the disk would not take");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (window);
  sb_test_iterate_main_loop ();
  g_assert_nonnull (window);
  dialog = find_dialog_for (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Words the disk would not take");

  adw_message_dialog_response (dialog, "keep");
  sb_test_iterate_main_loop ();
  g_assert_nonnull (window);

  /* Room again: the next close saves and goes. */
  set_bank_refuses_saves (fixture, FALSE);
  gtk_window_close (window);
  sb_test_iterate_main_loop ();
  g_assert_null (window);
  fixture->window = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = open_store (fixture->path);
  story = sb_store_find_story (fixture->store, uuid);
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Words the disk would not take");
}

static void
test_close_without_saving (Fixture       *fixture,
                           gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkWindow *window = GTK_WINDOW (fixture->window);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-story", NULL);
  sb_window_flush (fixture->window);
  set_bank_refuses_saves (fixture, TRUE);
  sb_story_editor_set_title_text (editor, "Given up on");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (window);
  sb_test_iterate_main_loop ();
  dialog = find_dialog_for (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  sb_test_iterate_main_loop ();
  g_assert_null (window);
  fixture->window = NULL;
  set_bank_refuses_saves (fixture, FALSE);
}

static gboolean
widget_shows_text (GtkWidget  *root,
                   const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (widget_shows_text (child, text))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_row_for (GtkWidget *root,
              SbStory   *story)
{
  if (SB_IS_STORY_ROW (root) && sb_story_row_get_story (SB_STORY_ROW (root)) == story)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_for (child, story);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @row shows @text by the frames within two seconds: a row
 * updates its tag when it is next drawn, and a loaded machine may take a
 * while to draw. */
static gboolean
row_comes_to_show (GtkWidget  *row,
                   const char *text,
                   gboolean    shown)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (widget_shows_text (row, text) != shown && g_get_monotonic_time () < end)
    wait_ms (20);
  return widget_shows_text (row, text) == shown;
}

/* The bank refuses a save and the person selects another story: the first
 * story's edit used to be dropped there and then. It stays unsaved, the
 * list says so, closing would ask, and it is written once the bank can. */
static void
test_refused_then_switch_story (Fixture       *fixture,
                                gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  g_autoptr(SbStore) other = NULL;
  SbStory *first, *second, *saved;
  GtkWidget *row;
  gint64 end;

  first = add_story (fixture, "First", "I led it.");
  second = add_story (fixture, "Second", "I fixed it.");
  sb_story_list_select_story (list, first);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == first);

  set_bank_refuses_saves (fixture, TRUE);
  sb_story_editor_set_title_text (editor, "First, renamed while the disk was full");
  sb_story_list_select_story (list, second);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == second);

  /* Not dropped: still unsaved, and the list says so. */
  g_assert_true (sb_store_story_is_unsaved (fixture->store, first));
  row = find_row_for (GTK_WIDGET (list), first);
  g_assert_nonnull (row);
  g_assert_true (row_comes_to_show (row, "Not saved", TRUE));
  /* Closing now would ask. */
  g_assert_false (sb_window_flush (fixture->window));

  /* The disk has room again: the store retries by itself. */
  set_bank_refuses_saves (fixture, FALSE);
  end = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  while (sb_store_get_n_unsaved (fixture->store) > 0 && g_get_monotonic_time () < end)
    wait_ms (50);
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 0);
  g_assert_true (row_comes_to_show (row, "Not saved", FALSE));

  saved = find_on_disk (fixture, sb_story_get_uuid (first), &other);
  g_assert_cmpstr (sb_story_get_title (saved), ==, "First, renamed while the disk was full");
}

/* A command-line import (another program) changes the story on screen: the
 * editor shows the new text, and the next keystroke does not write the
 * old text back over it. */
static void
test_editor_follows_import (Fixture       *fixture,
                            gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  g_autoptr(SbStore) other = open_store (fixture->path);
  g_autoptr(SbStore) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shown = NULL;
  GtkTextBuffer *result, *action;
  GtkTextIter start, end;
  SbStory *story, *saved;

  story = add_story (fixture, "On screen", "I paired with the DBA.");
  sb_story_list_select_story (list, story);
  sb_test_iterate_main_loop ();

  json = g_strdup_printf ("{\"format\":\"storybank\",\"version\":1,\"stories\":[{\"uuid\":\"%s\","
                          "\"title\":\"On screen\",\"result\":\"Imported: p99 down to 80 ms.\"}]}",
                          sb_story_get_uuid (story));
  g_assert_true (sb_exchange_import_json (other, json, -1, "cli.json", NULL, &error));
  g_assert_no_error (error);

  /* The window looks when the person comes back to it. */
  g_assert_true (sb_store_sync (fixture->store, &error));
  sb_test_iterate_main_loop ();
  result = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_RESULT));
  gtk_text_buffer_get_bounds (result, &start, &end);
  shown = gtk_text_buffer_get_text (result, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "Imported: p99 down to 80 ms.");

  action = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION));
  gtk_text_buffer_insert_at_cursor (action, " Then I wrote it up.", -1);
  g_assert_true (sb_window_flush (fixture->window));

  saved = find_on_disk (fixture, sb_story_get_uuid (story), &check);
  g_assert_cmpstr (sb_story_get_result (saved), ==, "Imported: p99 down to 80 ms.");
  g_assert_true (g_str_has_suffix (sb_story_get_action (saved), "Then I wrote it up."));
}

/* A paste that would take a section past its limit is refused and the
 * person is told; nothing is cut. */
static void
test_section_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autofree char *huge = g_strnfill (SB_STORY_MAX_SECTION_CHARS + 10, 'x');
  GtkTextBuffer *buffer;
  SbStory *story;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_SITUATION));
  gtk_text_buffer_insert_at_cursor (buffer, "Kept. ", -1);
  gtk_text_buffer_insert_at_cursor (buffer, huge, -1);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Kept. ");
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 6);
  g_assert_true (widget_shows_text (GTK_WIDGET (editor),
                                    "A section holds at most 20000 characters, about an hour of talk. "
                                    "The 20010 characters you added were not put in; shorten the text first."));
}

/* Ctrl+N and then another story: the blank new story goes again (it used
 * to stay as an "Untitled story" everywhere), and Undo brings it back. A
 * new story with anything in it stays. */
static void
test_blank_new_story_removed (Fixture       *fixture,
                              gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStory *other = add_story (fixture, "Other", "I did it.");
  g_autofree char *uuid = NULL;
  SbStory *fresh;
  guint n = sb_store_get_n_stories (fixture->store);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  fresh = sb_story_editor_get_story (editor);
  uuid = g_strdup (sb_story_get_uuid (fresh));
  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n + 1);

  sb_story_list_select_story (list, other);
  sb_test_iterate_main_loop ();
  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n);
  g_assert_null (sb_store_find_story (fixture->store, uuid));
  g_assert_nonnull (sb_window_get_last_toast (fixture->window));
  g_assert_cmpstr (adw_toast_get_title (sb_window_get_last_toast (fixture->window)), ==,
                   "The empty new story was removed");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_nonnull (sb_store_find_story (fixture->store, uuid));
  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n + 1);

  /* A new story with a title is kept when left. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  fresh = sb_story_editor_get_story (editor);
  sb_story_editor_set_title_text (editor, "Kept: it has a title");
  sb_story_list_select_story (list, other);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_store_find_story (fixture->store, sb_story_get_uuid (fresh)) == fresh);
}

/* Ctrl+Z and Ctrl+Shift+Z (win.undo, win.redo) take back a theme chip's
 * removal and do it again; the toast offers the same. */
static void
test_undo_redo_theme_removal (Fixture       *fixture,
                              gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SbStory *story = add_story (fixture, "Linked", "I did it.");
  g_autoptr(GError) error = NULL;

  sb_story_list_select_story (list, story);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_store_set_story_theme (fixture->store, story, "core-cross-team", SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (fixture->store, story, "core-cross-team", SB_STRENGTH_NONE, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpint (sb_store_get_story_theme (fixture->store, story, "core-cross-team"), ==, SB_STRENGTH_PRIMARY);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (sb_window_get_last_toast (fixture->window)), "Undone: "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  g_assert_cmpint (sb_store_get_story_theme (fixture->store, story, "core-cross-team"), ==, SB_STRENGTH_NONE);
}

/* At the pause, the words the coach marks are underlined where they are. */
static void
test_coach_underlines (Fixture       *fixture,
                       gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  g_autofree char *underlined = NULL;
  g_autofree char *after = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  set_section (editor, SB_STORY_FIELD_ACTION,
               "I read a week of traces and helped with the retry logic, then I rolled the change out "
               "shard by shard and watched the error budget every morning for two weeks.");
  sb_window_flush (fixture->window);
  sb_test_iterate_main_loop ();
  underlined = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (underlined, ==, "helped with");

  set_section (editor, SB_STORY_FIELD_ACTION,
               "I read a week of traces and rewrote the retry logic, then I rolled the change out "
               "shard by shard and watched the error budget every morning for two weeks.");
  sb_window_flush (fixture->window);
  sb_test_iterate_main_loop ();
  after = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (after, ==, "");
}

static GtkWidget *
find_css_class (GtkWidget  *root,
                const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A save that leaves the coach's notes as they were leaves their rows
 * and underlines alone (rebuilding them laid the whole editor out again
 * in a keystroke's frame, at the saves of steady typing); the notes and
 * underlines still follow every change of what the coach finds. */
static void
test_coach_keeps_unchanged_notes (Fixture       *fixture,
                                  gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkTextBuffer *buffer;
  GtkWidget *row, *notes;
  GtkTextIter iter;
  char *text;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  set_section (editor, SB_STORY_FIELD_ACTION,
               "I read a week of traces and helped with the retry logic, then I rolled the change out "
               "shard by shard and watched the error budget every morning for two weeks.");
  g_assert_true (sb_window_flush (fixture->window));
  notes = GTK_WIDGET (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION));
  notes = gtk_widget_get_parent (notes);
  row = find_css_class (gtk_widget_get_parent (notes), "coach-finding");
  g_assert_nonnull (row);
  text = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (text, ==, "helped with");
  g_free (text);

  /* Typing on at the end: the same note, in the same row. */
  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION));
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  type_text (buffer, " I wrote it up");
  g_assert_true (sb_window_flush (fixture->window));
  g_assert_true (find_css_class (gtk_widget_get_parent (notes), "coach-finding") == row);
  text = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (text, ==, "helped with");
  g_free (text);

  /* Words put in before it move the underline with them. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  type_text (buffer, "First, ");
  g_assert_true (sb_window_flush (fixture->window));
  text = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (text, ==, "helped with");
  g_free (text);

  /* A word typed inside the underlined phrase: no longer the phrase, so
   * neither the underline nor the note stays. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) strlen ("First, I read a week of traces and helped"));
  gtk_text_buffer_place_cursor (buffer, &iter);
  type_text (buffer, " them");
  g_assert_true (sb_window_flush (fixture->window));
  text = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (text, ==, "");
  g_free (text);
  text = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_ACTION);
  g_assert_null (strstr (text, "helped with"));
  g_free (text);

  /* And back (Ctrl+Z): the note and its underline return. */
  gtk_text_buffer_undo (buffer);
  g_assert_true (sb_window_flush (fixture->window));
  text = sb_story_editor_dup_underlined (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (text, ==, "helped with");
  g_free (text);
  text = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_ACTION);
  g_assert_nonnull (strstr (text, "helped with"));
  g_free (text);
}

typedef struct
{
  SbStoryEditor *editor;
  SbStory       *story;
  gint64         last_key;
  char          *length_at_key;
  char          *notes_at_key;
  guint          checked;
} SteadyTyping;

/* Runs after the editor's own handler: what a save in the middle of the
 * typing left on screen. */
static void
steady_saved_cb (SbStore      *store,
                 SbStory      *story,
                 SteadyTyping *steady)
{
  g_autofree char *notes = NULL;

  if (story != steady->story || sb_store_story_is_unsaved (store, story) ||
      g_get_monotonic_time () - steady->last_key > (SB_STORY_EDITOR_LENGTH_PAUSE_MS / 2) * 1000)
    return;
  /* The person has not paused: the footer, the notes and the status line
   * are as they were at the last keystroke. */
  notes = sb_story_editor_dup_findings_text (steady->editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (sb_story_editor_get_length_text (steady->editor), ==, steady->length_at_key);
  g_assert_cmpstr (notes, ==, steady->notes_at_key);
  g_assert_null (sb_test_find_visible_label (GTK_WIDGET (steady->editor), "All changes saved"));
  steady->checked++;
}

/* Steady typing is saved every SB_STORE_AUTOSAVE_MAX_MS; what a save
 * updates on screen (the coach's notes, the length, "All changes saved")
 * waits for the pause in the typing, then catches up. */
static void
test_steady_typing_catches_up_at_pause (Fixture       *fixture,
                                        gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  SteadyTyping steady = { editor, add_story (fixture, "Migration", "I planned the migration."), 0, };
  g_autofree char *notes_before = NULL;
  g_autofree char *notes_after = NULL;
  g_autofree char *length_before = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  gint64 start;

  sb_story_list_select_story (list, steady.story);
  sb_test_iterate_main_loop ();
  g_assert_true (sb_story_editor_get_story (editor) == steady.story);
  notes_before = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_ACTION);
  length_before = g_strdup (sb_story_editor_get_length_text (editor));
  g_signal_connect (fixture->store, "save-state-changed", G_CALLBACK (steady_saved_cb), &steady);

  buffer = gtk_text_view_get_buffer (sb_story_editor_get_text_view (editor, SB_STORY_FIELD_ACTION));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < (SB_STORE_AUTOSAVE_MAX_MS + 600) * 1000)
    {
      type_text (buffer, " we");
      steady.last_key = g_get_monotonic_time ();
      g_free (steady.length_at_key);
      steady.length_at_key = g_strdup (sb_story_editor_get_length_text (editor));
      g_free (steady.notes_at_key);
      steady.notes_at_key = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_ACTION);
      wait_ms (40);
    }
  g_signal_handlers_disconnect_by_func (fixture->store, steady_saved_cb, &steady);
  /* The store did write during the typing, and the check above ran. */
  g_assert_cmpuint (steady.checked, >, 0);

  /* The pause: the coach, the length, then the status line catch up. */
  wait_ms (SB_STORY_EDITOR_LENGTH_PAUSE_MS + 200);
  notes_after = sb_story_editor_dup_findings_text (editor, SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (notes_after, !=, notes_before);
  g_assert_nonnull (strstr (notes_after, "“we”"));
  g_assert_cmpstr (sb_story_editor_get_length_text (editor), !=, length_before);
  wait_ms (SB_STORY_EDITOR_AUTOSAVE_MS);
  g_assert_false (sb_story_editor_has_pending (editor));
  g_assert_nonnull (sb_test_find_visible_label (GTK_WIDGET (editor), "All changes saved"));
  g_free (steady.length_at_key);
  g_free (steady.notes_at_key);
}

static GtkSwitch *
find_status_switch (GtkWidget *root)
{
  return GTK_SWITCH (sb_test_find_widget (root, GTK_TYPE_SWITCH));
}

/* "Ready to tell" cannot be set while a problem is left. */
static void
test_ready_needs_no_problem (Fixture       *fixture,
                             gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  GtkSwitch *ready = find_status_switch (GTK_WIDGET (editor));
  SbStory *story;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-story", NULL);
  story = sb_story_editor_get_story (editor);
  sb_story_editor_set_title_text (editor, "Half written");
  set_section (editor, SB_STORY_FIELD_SITUATION, "Our payment service kept timing out at peak.");

  gtk_switch_set_active (ready, TRUE);
  sb_test_iterate_main_loop ();
  g_assert_false (gtk_switch_get_active (ready));
  g_assert_cmpint (sb_story_get_status (story), ==, SB_STORY_STATUS_DRAFT);

  /* Every section written, nothing serious left: now it can. */
  set_section (editor, SB_STORY_FIELD_TASK,
               "As the owner of the payments gateway I had to stop the timeouts before the summer sale.");
  set_section (editor, SB_STORY_FIELD_ACTION,
               "I read a week of traces and found that retries from three clients piled onto the same slow "
               "shard. I rewrote the retry logic with jitter and a budget, added an alert on pool saturation, "
               "and walked each client team through the change before I rolled it out shard by shard.");
  set_section (editor, SB_STORY_FIELD_RESULT, "Timeouts fell from forty a day to two within a week.");
  set_section (editor, SB_STORY_FIELD_LEARNING,
               "I now look at retries first when a dependency slows down, and I alert on saturation.");
  gtk_switch_set_active (ready, TRUE);
  sb_test_iterate_main_loop ();
  g_assert_true (gtk_switch_get_active (ready));
  g_assert_cmpint (sb_story_get_status (story), ==, SB_STORY_STATUS_READY);
}

/* The cue card: a typed line is saved like a section; "Offer a Draft"
 * fills only the empty lines, each undoable in its entry; the lines follow
 * another window's change; a pasted line break becomes a space. */
static void
test_cue_card (Fixture       *fixture,
               gconstpointer  data)
{
  SbStoryEditor *editor = sb_window_get_story_editor (fixture->window);
  SbStory *story = sb_story_editor_get_story (editor);
  GtkEditable *situation = sb_story_editor_get_cue_entry (editor, SB_STORY_FIELD_CUE_SITUATION);
  GtkEditable *task = sb_story_editor_get_cue_entry (editor, SB_STORY_FIELD_CUE_TASK);
  g_autoptr(SbStore) other = open_store (fixture->path);
  g_autoptr(SbStore) check = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) draft = NULL;
  SbStory *theirs, *saved;

  /* The example story, with no card yet. */
  g_assert_nonnull (story);
  g_assert_false (sb_story_has_cue_card (story));
  for (SbStoryField f = SB_STORY_FIELD_CUE_SITUATION; f <= SB_STORY_FIELD_CUE_LEARNING; f++)
    {
      GtkAccessible *entry = GTK_ACCESSIBLE (sb_story_editor_get_cue_entry (editor, f));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry)));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    }

  /* Typed: saved after the pause, as a section is. */
  gtk_editable_set_text (situation, "Peak sale, checkout errors at 18%");
  g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION), ==,
                   "Peak sale, checkout errors at 18%");
  g_assert_true (sb_story_editor_has_pending (editor));
  wait_ms (SB_STORY_EDITOR_AUTOSAVE_MS + 300);
  g_assert_false (sb_story_editor_has_pending (editor));
  saved = find_on_disk (fixture, sb_story_get_uuid (story), &check);
  g_assert_cmpstr (sb_story_get_field (saved, SB_STORY_FIELD_CUE_SITUATION), ==,
                   "Peak sale, checkout errors at 18%");
  g_clear_object (&check);

  /* The draft fills the four empty lines and leaves the person's. */
  draft = sb_cue_card_draft (story);
  g_assert_cmpstr (sb_story_editor_get_cue_status (editor), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.draft-cue-card", NULL);
  g_assert_cmpstr (gtk_editable_get_text (situation), ==, "Peak sale, checkout errors at 18%");
  for (guint i = 1; i < 5; i++)
    {
      GtkEditable *entry = sb_story_editor_get_cue_entry (editor, SB_STORY_FIELD_CUE_SITUATION + i);

      g_assert_cmpstr (draft[i], !=, "");
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, draft[i]);
      g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION + i), ==, draft[i]);
    }
  g_assert_cmpstr (sb_story_editor_get_cue_status (editor), !=, "");

  /* Ctrl+Z in a line takes its draft back. */
  gtk_widget_activate_action (GTK_WIDGET (gtk_editable_get_delegate (task)), "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (task), ==, "");
  g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_TASK), ==, "");

  /* Offered again, it fills that line only; with every line written it
   * changes nothing and says so. */
  gtk_editable_set_text (sb_story_editor_get_cue_entry (editor, SB_STORY_FIELD_CUE_RESULT), "Mine: 0.5% in 22 min");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.draft-cue-card", NULL);
  g_assert_cmpstr (gtk_editable_get_text (task), ==, draft[1]);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.draft-cue-card", NULL);
  g_assert_cmpstr (gtk_editable_get_text (sb_story_editor_get_cue_entry (editor, SB_STORY_FIELD_CUE_RESULT)), ==,
                   "Mine: 0.5% in 22 min");
  g_assert_nonnull (strstr (sb_story_editor_get_cue_status (editor), "already"));
  g_assert_true (sb_window_flush (fixture->window));

  /* Another window changes a line: this one shows it. */
  theirs = sb_store_find_story (other, sb_story_get_uuid (story));
  g_assert_true (sb_store_sync (other, &error));
  g_assert_true (sb_store_edit_story (other, theirs, SB_STORY_FIELD_CUE_LEARNING, "Theirs: retry budgets", &error));
  g_assert_true (sb_store_save_pending (other, &error));
  g_assert_true (sb_store_sync (fixture->store, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  g_assert_cmpstr (gtk_editable_get_text (sb_story_editor_get_cue_entry (editor, SB_STORY_FIELD_CUE_LEARNING)), ==,
                   "Theirs: retry budgets");

  /* A pasted line break is a space, in the entry and in the story. */
  gtk_editable_set_text (situation, "Peak sale\ncheckout down");
  g_assert_cmpstr (gtk_editable_get_text (situation), ==, "Peak sale checkout down");
  g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION), ==, "Peak sale checkout down");

  /* Near the limit the line says how much room is left; the entry stops
   * at the limit. */
  {
    g_autofree char *long_line = g_strnfill (130, 'y');
    g_autofree char *too_long = g_strnfill (SB_STORY_MAX_CUE_CHARS + 20, 'z');

    g_assert_false (widget_shows_text (GTK_WIDGET (editor), "130/160"));
    gtk_editable_set_text (situation, long_line);
    g_assert_true (widget_shows_text (GTK_WIDGET (editor), "130/160"));
    gtk_editable_set_text (situation, too_long);
    g_assert_cmpint (g_utf8_strlen (sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION), -1), ==,
                     SB_STORY_MAX_CUE_CHARS);
    g_assert_true (widget_shows_text (GTK_WIDGET (editor), "160/160"));
    gtk_editable_set_text (situation, "Short again");
    g_assert_false (widget_shows_text (GTK_WIDGET (editor), "160/160"));
  }
}

/* A row's "Example" tag (made only for the example story) and its theme
 * dots (drawn by one SbThemeDots): right for each story a row is bound to,
 * through a search that rebinds the rows, and after a link changes. */
static SbThemeDots *
row_dots (GtkWidget *row)
{
  SbThemeDots *dots = SB_THEME_DOTS (sb_test_find_widget (row, SB_TYPE_THEME_DOTS));

  g_assert_nonnull (dots);
  return dots;
}

static void
test_row_tag_and_dots (Fixture       *fixture,
                       gconstpointer  data)
{
  SbStoryList *list = sb_window_get_story_list (fixture->window);
  g_autoptr(SbStory) example = g_list_model_get_item (sb_store_get_stories (fixture->store), 0);
  g_autoptr(SbFramework) second = g_list_model_get_item (sb_store_get_frameworks (fixture->store), 1);
  g_autoptr(SbTheme) core = g_list_model_get_item (sb_store_get_themes (fixture->store, NULL), 0);
  g_autoptr(SbTheme) other = g_list_model_get_item (sb_store_get_themes (fixture->store,
                                                                          sb_framework_get_slug (second)), 0);
  g_autoptr(GError) error = NULL;
  SbStory *story = add_story (fixture, "Zebra crossing", "I painted the stripes myself.");
  GtkWidget *row;
  guint colour, n_example_dots;
  gboolean secondary;

  g_assert_true (sb_story_get_is_example (example));
  sb_test_iterate_main_loop ();
  row = find_row_for (GTK_WIDGET (list), example);
  g_assert_nonnull (row);
  g_assert_true (widget_shows_text (row, "Example"));
  n_example_dots = sb_theme_dots_get_n_dots (row_dots (row));
  row = find_row_for (GTK_WIDGET (list), story);
  g_assert_nonnull (row);
  g_assert_false (widget_shows_text (row, "Example"));
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, 0);

  /* A filled dot in the first framework's colour, a hollow one in the
   * second's, in the order of the links. */
  g_assert_true (sb_store_set_story_theme (fixture->store, story, sb_theme_get_slug (core),
                                           SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_set_story_theme (fixture->store, story, sb_theme_get_slug (other),
                                           SB_STRENGTH_SECONDARY, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  row = find_row_for (GTK_WIDGET (list), story);
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, 2);
  g_assert_true (sb_theme_dots_get_dot (row_dots (row), 0, &colour, &secondary));
  g_assert_cmpuint (colour, ==, 0);
  g_assert_false (secondary);
  g_assert_true (sb_theme_dots_get_dot (row_dots (row), 1, &colour, &secondary));
  g_assert_cmpuint (colour, ==, 1);
  g_assert_true (secondary);
  g_assert_false (sb_theme_dots_get_dot (row_dots (row), 2, NULL, NULL));

  /* Only the new story found: whichever row shows it has no tag; every
   * story back: the example's row has its tag and dots again. */
  search_for (list, "zebra");
  g_assert_cmpuint (sb_story_list_get_n_visible (list), ==, 1);
  sb_test_iterate_main_loop ();
  row = find_row_for (GTK_WIDGET (list), story);
  g_assert_nonnull (row);
  g_assert_false (widget_shows_text (row, "Example"));
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, 2);
  search_for (list, "");
  sb_test_iterate_main_loop ();
  row = find_row_for (GTK_WIDGET (list), example);
  g_assert_nonnull (row);
  g_assert_true (widget_shows_text (row, "Example"));
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, n_example_dots);

  /* One row bound to one story after another, as the list rebinds. */
  row = g_object_ref_sink (sb_story_row_new (fixture->store));
  sb_story_row_set_story (SB_STORY_ROW (row), story);
  g_assert_false (widget_shows_text (row, "Example"));
  sb_story_row_set_story (SB_STORY_ROW (row), example);
  g_assert_true (widget_shows_text (row, "Example"));
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, n_example_dots);
  sb_story_row_set_story (SB_STORY_ROW (row), story);
  g_assert_false (widget_shows_text (row, "Example"));
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, 2);
  sb_story_row_set_story (SB_STORY_ROW (row), NULL);
  g_object_unref (row);

  /* A link taken away takes its dot. */
  g_assert_true (sb_store_set_story_theme (fixture->store, story, sb_theme_get_slug (core),
                                           SB_STRENGTH_NONE, &error));
  g_assert_no_error (error);
  sb_test_iterate_main_loop ();
  row = find_row_for (GTK_WIDGET (list), story);
  g_assert_cmpuint (sb_theme_dots_get_n_dots (row_dots (row)), ==, 1);
  g_assert_true (sb_theme_dots_get_dot (row_dots (row), 0, &colour, &secondary));
  g_assert_cmpuint (colour, ==, 1);
  g_assert_true (secondary);
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/stories/new", test_new_story);
  ADD ("/stories/cue-card", test_cue_card);
  ADD ("/stories/edit-title-flush", test_edit_title_flush);
  ADD ("/stories/row-follows-title", test_row_follows_title);
  ADD ("/stories/autosave-after-pause", test_autosave_after_pause);
  ADD ("/stories/edit-survives-reopen", test_edit_survives_reopen);
  ADD ("/stories/delete-and-undo", test_delete_and_undo);
  ADD ("/stories/search-filters", test_search_filters);
  ADD ("/stories/search-as-you-type", test_search_as_you_type);
  ADD ("/stories/search-while-running", test_search_while_running);
  ADD ("/stories/search-keeps-selection", test_search_keeps_selection);
  ADD ("/stories/search-drops-old-rows", test_search_drops_old_rows);
  ADD ("/stories/search-keeps-unsaved-edit", test_search_keeps_unsaved_edit);
  ADD ("/stories/length-footer", test_length_footer);
  ADD ("/stories/saved-status-line", test_saved_status_line);
  ADD ("/stories/coach-notes", test_coach_notes);
  ADD ("/stories/picker-adds-own-theme", test_picker_adds_own_theme);
  ADD ("/stories/list-counts-what-to-fix", test_list_counts_what_to_fix);
  ADD ("/stories/close-keeps-unsaved-edit", test_close_keeps_unsaved_edit);
  ADD ("/stories/close-without-saving", test_close_without_saving);
  ADD ("/stories/refused-then-switch-story", test_refused_then_switch_story);
  ADD ("/stories/editor-follows-import", test_editor_follows_import);
  ADD ("/stories/section-limit", test_section_limit);
  ADD ("/stories/blank-new-story-removed", test_blank_new_story_removed);
  ADD ("/stories/undo-redo-theme-removal", test_undo_redo_theme_removal);
  ADD ("/stories/coach-underlines", test_coach_underlines);
  ADD ("/stories/coach-keeps-unchanged-notes", test_coach_keeps_unchanged_notes);
  ADD ("/stories/steady-typing-catches-up-at-pause", test_steady_typing_catches_up_at_pause);
  ADD ("/stories/ready-needs-no-problem", test_ready_needs_no_problem);
  ADD ("/stories/row-tag-and-dots", test_row_tag_and_dots);
#undef ADD

  return g_test_run ();
}
