/* test-search.c — full-text search through SbStore, on the main thread
 * and in a worker (sb_store_search_stories_async, SbStorySearch)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sb-store.h"
#include "sb-story-search.h"
#include "sb-test-person.h"
#include "sb-test-store.h"

typedef SbTestBank Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  sb_test_bank_init (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_bank_clear (f);
}

/* One async search's outcome, as its callback saw it. */
typedef struct
{
  gboolean   done;
  guint      order;      /* when it finished, counting from 1 */
  GPtrArray *results;
  GError    *error;
} Outcome;

static guint n_finished;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->results, g_ptr_array_unref);
  g_clear_error (&outcome->error);
  outcome->done = FALSE;
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  g_assert_false (outcome->done);
  outcome->results = sb_store_search_stories_finish (SB_STORE (source), result, &outcome->error);
  g_assert_true ((outcome->results == NULL) != (outcome->error == NULL));
  outcome->done = TRUE;
  outcome->order = ++n_finished;
}

static void
wait_for (Outcome *outcome)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!outcome->done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (outcome->done);
}

/* The async search's results (which must not fail). */
static GPtrArray *
search_async (SbStore    *store,
              const char *query)
{
  Outcome outcome = { 0, };

  sb_store_search_stories_async (store, query, NULL, search_cb, &outcome);
  /* Never before the call returns. */
  g_assert_false (outcome.done);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  return g_steal_pointer (&outcome.results);
}

static void
assert_same_results (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (a->pdata[i] == b->pdata[i]);
}

/* Whatever the query, the worker gives what the main thread gives, in
 * the same order: ranked with title matches first, short queries in the
 * bank's order, nothing, or everything. */
static void
test_async_equals_sync (Fixture *f, gconstpointer data)
{
  static const char * const queries[] = {
    "kafka", "ment pri", "zurich", "re", "re i", "r", "the", "nothing like this",
    "\"", "\"kafka OR NEAR(", "kafka*", "title:kafka", "", "   ",
  };
  SbStory *in_title = sb_test_add_story (f->store, "Kafka migration", "I moved the consumers.");
  SbStory *in_body = sb_test_add_story (f->store, "Quarter planning", "We discussed a kafka upgrade once.");

  sb_test_add_story (f->store, "Mentoring Priya", "I paired with her weekly.");
  sb_test_add_story (f->store, "Résumé du café", "Déploiement à Zürich.");
  sb_test_add_story (f->store, "Release freeze", "I held the line on the release.");
  sb_test_add_story (f->store, "Retry storm", "Requests piled up.");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) sync = sb_store_search_stories (f->store, queries[i], &error);
      g_autoptr(GPtrArray) async = NULL;

      g_test_message ("query “%s”", queries[i]);
      g_assert_no_error (error);
      async = search_async (f->store, queries[i]);
      assert_same_results (async, sync);
    }

  /* And they are what they should be. */
  {
    g_autoptr(GPtrArray) results = search_async (f->store, "kafka");

    g_assert_cmpuint (results->len, ==, 2);
    g_assert_true (results->pdata[0] == in_title);
    g_assert_true (results->pdata[1] == in_body);
  }
  {
    g_autoptr(GPtrArray) results = search_async (f->store, "nothing like this");

    g_assert_cmpuint (results->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) results = search_async (f->store, "");

    g_assert_cmpuint (results->len, ==, sb_store_get_n_stories (f->store));
  }
}

/* A newer search supersedes the one under way: the older one finishes
 * cancelled (before the newer one's results), and only the newest gives
 * results. */
static void
test_newer_supersedes (Fixture *f, gconstpointer data)
{
  Outcome first = { 0, }, second = { 0, }, third = { 0, };
  SbStory *kafka = sb_test_add_story (f->store, "Kafka migration", "I moved the consumers.");
  SbStory *zurich = sb_test_add_story (f->store, "Zürich office", "I opened it.");

  n_finished = 0;
  sb_store_search_stories_async (f->store, "kafka", NULL, search_cb, &first);
  sb_store_search_stories_async (f->store, "zurich", NULL, search_cb, &second);
  wait_for (&second);
  wait_for (&first);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.results);
  g_assert_no_error (second.error);
  g_assert_cmpuint (second.results->len, ==, 1);
  g_assert_true (second.results->pdata[0] == zurich);
  g_assert_cmpuint (first.order, <, second.order);
  outcome_clear (&first);
  outcome_clear (&second);

  /* Three in a row, the last one empty (every story). */
  sb_store_search_stories_async (f->store, "kafka", NULL, search_cb, &first);
  sb_store_search_stories_async (f->store, "zur", NULL, search_cb, &second);
  sb_store_search_stories_async (f->store, "", NULL, search_cb, &third);
  wait_for (&third);
  wait_for (&first);
  wait_for (&second);
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (third.results->len, ==, 2);
  outcome_clear (&first);
  outcome_clear (&second);
  outcome_clear (&third);

  /* The caller's own cancellable stops it too; the next search works. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    sb_store_search_stories_async (f->store, "kafka", cancellable, search_cb, &first);
    g_cancellable_cancel (cancellable);
    wait_for (&first);
    g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    outcome_clear (&first);
  }
  {
    g_autoptr(GPtrArray) results = search_async (f->store, "kafka");

    g_assert_cmpuint (results->len, ==, 1);
    g_assert_true (results->pdata[0] == kafka);
  }
}

/* The worker's connection reads what the store committed, each search
 * anew: a saved story is found, an edited title's old words are not. */
static void
test_finds_saved_story (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) renamed = NULL;
  g_autoptr(GPtrArray) old_name = NULL;
  SbStory *story;

  sb_test_add_story (f->store, "Quarter planning", "We planned.");
  /* The reader is open (and has read the bank) before the story exists. */
  before = search_async (f->store, "flamegraph");
  g_assert_cmpuint (before->len, ==, 0);

  story = sb_test_add_story (f->store, "Story two", "I read the flamegraph first.");
  after = search_async (f->store, "flamegraph");
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_true (after->pdata[0] == story);

  sb_story_set_field (story, SB_STORY_FIELD_TITLE, "Profiling the checkout");
  g_assert_true (sb_store_save_story (f->store, story, &error));
  g_assert_no_error (error);
  renamed = search_async (f->store, "profiling");
  g_assert_cmpuint (renamed->len, ==, 1);
  old_name = search_async (f->store, "two");
  g_assert_cmpuint (old_name->len, ==, 0);
}

/* Another program (a second store on the same file) commits a story: once
 * the store has taken it in, the worker finds it. And a search runs while
 * the other program holds the bank's write lock. */
static void
test_other_store_commits (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) other = sb_store_open (f->path, &error);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) locked = NULL;
  SbStory *theirs;

  g_assert_no_error (error);
  sb_test_add_story (f->store, "Quarter planning", "We planned.");
  before = search_async (f->store, "zebracorn");
  g_assert_cmpuint (before->len, ==, 0);

  sb_test_add_story (other, "Zebracorn launch", "I shipped it.");
  g_assert_true (sb_store_sync (f->store, &error));
  g_assert_no_error (error);
  theirs = g_list_model_get_item (sb_store_get_stories (f->store), 1);
  g_object_unref (theirs);
  g_assert_cmpstr (sb_story_get_title (theirs), ==, "Zebracorn launch");
  after = search_async (f->store, "zebracorn");
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_true (after->pdata[0] == theirs);

  /* A write under way elsewhere does not hold the search up. */
  {
    sqlite3 *db = sb_database_get_handle (sb_store_get_database (other));

    g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; UPDATE stories SET title = 'Zebracorn again'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    locked = search_async (f->store, "zebracorn launch");
    g_assert_cmpuint (locked->len, ==, 1);
    g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  }
}

/* A bank the person cannot write opens read-only, and searches all the
 * same, in the worker too. */
static void
test_read_only_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  {
    g_autoptr(SbStore) store = sb_store_open (path, &error);

    g_assert_no_error (error);
    sb_test_add_story (store, "Kafka migration", "I moved the consumers.");
    sb_test_add_story (store, "Quarter planning", "We discussed a kafka upgrade once.");
  }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  {
    g_autoptr(SbStore) store = sb_store_open (path, &error);
    g_autoptr(GPtrArray) sync = NULL;
    g_autoptr(GPtrArray) async = NULL;
    g_autoptr(GPtrArray) again = NULL;

    g_assert_no_error (error);
    g_assert_true (sb_store_is_read_only (store));
    sync = sb_store_search_stories (store, "kafka", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sync->len, ==, 2);
    async = search_async (store, "kafka");
    assert_same_results (async, sync);
    again = search_async (store, "quarter");
    g_assert_cmpuint (again->len, ==, 1);
  }
  sb_test_act_as_self ();
}

/* The worker's connection stays open between searches, and closing the
 * store closes it first: closing the bank still empties the write-ahead
 * log, as it does when the last connection closes. */
static void
test_close_empties_wal (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  Outcome outcome = { 0, };

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("Kafka story %u", i);

      sb_test_add_story (f->store, title, "I moved the consumers off the old cluster.");
    }
  sb_store_search_stories_async (f->store, "kafka", NULL, search_cb, &outcome);
  /* The task holds the store until it finishes. */
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.results->len, ==, 50);
  outcome_clear (&outcome);

  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}


/* ---- SbStorySearch: one search box's searches ------------------------ */

/* What an SbStorySearch told, run by run. */
typedef struct
{
  guint      n_told;
  GPtrArray *results;    /* the last told */
  GError    *error;
  gboolean   in_call;    /* inside sb_story_search_run() */
  gboolean   told_in_call;
} Told;

static void
told_clear (Told *told)
{
  g_clear_pointer (&told->results, g_ptr_array_unref);
  g_clear_error (&told->error);
  told->n_told = 0;
  told->told_in_call = FALSE;
}

static void
found_cb (SbStorySearch *search,
          GPtrArray     *results,
          const GError  *error,
          gpointer       user_data)
{
  Told *told = user_data;

  g_assert_true ((results == NULL) != (error == NULL));
  g_assert_false (sb_story_search_get_running (search));
  g_clear_pointer (&told->results, g_ptr_array_unref);
  g_clear_error (&told->error);
  told->results = results != NULL ? g_ptr_array_ref (results) : NULL;
  told->error = error != NULL ? g_error_copy (error) : NULL;
  told->n_told++;
  told->told_in_call |= told->in_call;
}

static void
run (SbStorySearch *search,
     Told          *told,
     const char    *query)
{
  told->in_call = TRUE;
  sb_story_search_run (search, query);
  told->in_call = FALSE;
}

static void
wait_for_search (SbStorySearch *search)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sb_story_search_get_running (search) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_story_search_get_running (search));
}

/* Lets a superseded worker finish and its callback run (it must not
 * tell anything). */
static void
drain_main_loop (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
add_search_stories (SbStore *store)
{
  sb_test_add_story (store, "Kafka migration", "I moved the consumers.");
  sb_test_add_story (store, "Quarter planning", "We discussed a kafka upgrade once.");
  sb_test_add_story (store, "Mentoring Priya", "I paired with her weekly.");
  sb_test_add_story (store, "Résumé du café", "Déploiement à Zürich.");
  sb_test_add_story (store, "Release freeze", "I held the line on the release.");
  sb_test_add_story (store, "Retry storm", "Requests piled up.");
}

/* It tells what the synchronous search gives, in the same order, once per
 * run, never inside the call, except for a query without words (every
 * story, at once). */
static void
test_story_search_equals_sync (Fixture *f, gconstpointer data)
{
  static const char * const queries[] = {
    "kafka", "ment pri", "zurich", "re", "re i", "r", "the", "nothing like this",
    "\"", "\"kafka OR NEAR(", "kafka*", "title:kafka", "", "   ", " kafka ",
  };
  g_autoptr(SbStorySearch) search = NULL;
  Told told = { 0, };

  add_search_stories (f->store);
  search = sb_story_search_new (f->store, found_cb, &told);
  g_assert_false (sb_story_search_get_running (search));
  g_assert_null (sb_story_search_get_query (search));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) sync = sb_store_search_stories (f->store, queries[i], &error);
      g_autofree char *match = g_strstrip (g_strdup (queries[i]));
      g_auto(GStrv) words = g_str_tokenize_and_fold (queries[i], NULL, NULL);
      gboolean no_words = words[0] == NULL;

      g_test_message ("query “%s”", queries[i]);
      g_assert_no_error (error);
      run (search, &told, queries[i]);
      g_assert_cmpstr (sb_story_search_get_query (search), ==, match);
      if (no_words)
        {
          g_assert_true (told.told_in_call);
          g_assert_false (sb_story_search_get_running (search));
        }
      else
        {
          g_assert_cmpuint (told.n_told, ==, 0);
          g_assert_true (sb_story_search_get_running (search));
          wait_for_search (search);
        }
      g_assert_cmpuint (told.n_told, ==, 1);
      g_assert_no_error (told.error);
      assert_same_results (told.results, sync);
      told_clear (&told);
    }
  drain_main_loop ();
  g_assert_cmpuint (told.n_told, ==, 0);
}

/* A newer run supersedes the one under way: only the newest is told,
 * however fast they come; a cancel or the object's end tells nothing. */
static void
test_story_search_newer_supersedes (Fixture *f, gconstpointer data)
{
  g_autoptr(SbStorySearch) search = NULL;
  SbStory *lisbon;
  Told told = { 0, };

  add_search_stories (f->store);
  lisbon = sb_test_add_story (f->store, "Lisbon office", "I opened it.");
  search = sb_story_search_new (f->store, found_cb, &told);

  run (search, &told, "kafka");
  run (search, &told, "kaf");
  run (search, &told, "lisbon");
  wait_for_search (search);
  drain_main_loop ();
  g_assert_cmpuint (told.n_told, ==, 1);
  g_assert_cmpuint (told.results->len, ==, 1);
  g_assert_true (told.results->pdata[0] == lisbon);
  told_clear (&told);

  /* Typing down to nothing: every story, at once, and the query before
   * it never arrives. */
  run (search, &told, "lis");
  run (search, &told, "");
  g_assert_cmpuint (told.n_told, ==, 1);
  g_assert_cmpuint (told.results->len, ==, sb_store_get_n_stories (f->store));
  drain_main_loop ();
  g_assert_cmpuint (told.n_told, ==, 1);
  told_clear (&told);

  /* Cancelled: nothing told; the next run works. */
  run (search, &told, "kafka");
  sb_story_search_cancel (search);
  g_assert_false (sb_story_search_get_running (search));
  drain_main_loop ();
  g_assert_cmpuint (told.n_told, ==, 0);
  run (search, &told, "lisbon");
  wait_for_search (search);
  g_assert_cmpuint (told.n_told, ==, 1);
  told_clear (&told);

  /* Gone while its query runs: nothing told, nothing left behind (the
   * store finalizes at tear-down). */
  run (search, &told, "kafka");
  g_clear_object (&search);
  drain_main_loop ();
  g_assert_cmpuint (told.n_told, ==, 0);
}

/* Two search boxes (and the store's own async search) do not supersede
 * each other: each is told its own results. */
static void
test_story_search_independent (Fixture *f, gconstpointer data)
{
  g_autoptr(SbStorySearch) list = NULL;
  g_autoptr(SbStorySearch) chooser = NULL;
  Told list_told = { 0, }, chooser_told = { 0, };
  Outcome outcome = { 0, };

  add_search_stories (f->store);
  list = sb_story_search_new (f->store, found_cb, &list_told);
  chooser = sb_story_search_new (f->store, found_cb, &chooser_told);

  run (list, &list_told, "kafka");
  run (chooser, &chooser_told, "release");
  sb_store_search_stories_async (f->store, "priya", NULL, search_cb, &outcome);
  wait_for_search (list);
  wait_for_search (chooser);
  wait_for (&outcome);
  g_assert_cmpuint (list_told.results->len, ==, 2);
  g_assert_cmpuint (chooser_told.results->len, ==, 1);
  g_assert_cmpstr (sb_story_get_title (chooser_told.results->pdata[0]), ==, "Release freeze");
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.results->len, ==, 1);
  outcome_clear (&outcome);
  told_clear (&list_told);
  told_clear (&chooser_told);
}

/* A story being edited while a search runs: the search sees what was
 * saved when it ran; the next one sees the edit once it is saved, and the
 * results are the store's own story objects. */
static void
test_story_search_while_editing (Fixture *f, gconstpointer data)
{
  g_autoptr(SbStorySearch) search = NULL;
  g_autoptr(GError) error = NULL;
  SbStory *story;
  Told told = { 0, };

  add_search_stories (f->store);
  story = sb_test_add_story (f->store, "Story two", "I read the profile first.");
  search = sb_story_search_new (f->store, found_cb, &told);

  run (search, &told, "flamegraph");
  /* Typed into the editor, not saved yet, while the query runs. */
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I read the flamegraph first.");
  wait_for_search (search);
  g_assert_cmpuint (told.results->len, ==, 0);
  told_clear (&told);

  /* Saved while a search runs: the next search finds it. */
  run (search, &told, "flamegraph");
  g_assert_true (sb_store_save_story (f->store, story, &error));
  g_assert_no_error (error);
  wait_for_search (search);
  told_clear (&told);
  run (search, &told, "flamegraph");
  wait_for_search (search);
  g_assert_cmpuint (told.results->len, ==, 1);
  g_assert_true (told.results->pdata[0] == story);
  told_clear (&told);

  /* Deleted: the results leave it out, as the synchronous search does. */
  {
    g_autoptr(SbDeletedStory) deleted = sb_store_delete_story (f->store, story, &error);

    g_assert_no_error (error);
    g_assert_nonnull (deleted);
  }
  run (search, &told, "flamegraph");
  wait_for_search (search);
  g_assert_cmpuint (told.results->len, ==, 0);
  told_clear (&told);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/search/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("async-equals-sync", test_async_equals_sync);
  ADD ("newer-supersedes", test_newer_supersedes);
  ADD ("finds-saved-story", test_finds_saved_story);
  ADD ("other-store-commits", test_other_store_commits);
  ADD ("close-empties-wal", test_close_empties_wal);
  ADD ("story-search/equals-sync", test_story_search_equals_sync);
  ADD ("story-search/newer-supersedes", test_story_search_newer_supersedes);
  ADD ("story-search/independent", test_story_search_independent);
  ADD ("story-search/while-editing", test_story_search_while_editing);
#undef ADD
  g_test_add_func ("/search/read-only-bank", test_read_only_bank);

  return g_test_run ();
}
