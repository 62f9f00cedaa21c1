/* test-save.c — the store owns unsaved edits: autosave, refusals and their
 * recovery, other programs writing the same bank, imports into a story
 * being edited, and rollbacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "sb-exchange.h"
#include "sb-store.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestDir *dir;
  char      *path;
  SbStore   *store;
} Fixture;

static SbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sb_test_dir_new ();
  fixture->path = sb_test_dir_file (fixture->dir, "bank.sqlite3");
  fixture->store = open_store (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  sb_test_dir_free (fixture->dir);
}

static SbStory *
add_story (SbStore    *store,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  return story;
}

/* What the bank holds, read the way the next start of the app would: a
 * connection of its own. */
static char *
field_on_disk (const char *path,
               const char *uuid,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM stories WHERE uuid = ?1", column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
edit (SbStore      *store,
      SbStory      *story,
      SbStoryField  field,
      const char   *text)
{
  g_autoptr(GError) error = NULL;

  sb_store_edit_story (store, story, field, text, &error);
  g_assert_no_error (error);
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_loop_ms (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop_cb, loop);
  g_main_loop_run (loop);
}

/* Runs the main loop until nothing is unsaved, or @limit_ms passes. */
static void
run_until_saved (SbStore *store,
                 guint    limit_ms)
{
  gint64 end = g_get_monotonic_time () + limit_ms * 1000;

  while (sb_store_get_n_unsaved (store) > 0 && g_get_monotonic_time () < end)
    run_loop_ms (20);
}

static void
refuse_updates (SbStore    *store,
                const char *why)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql =
    g_strdup_printf ("CREATE TEMP TRIGGER refuse BEFORE UPDATE ON stories "
                     "BEGIN SELECT RAISE (ABORT, '%s'); END", why);

  sb_database_exec (sb_store_get_database (store), sql, &error);
  g_assert_no_error (error);
}

static void
accept_updates (SbStore *store)
{
  g_autoptr(GError) error = NULL;

  sb_database_exec (sb_store_get_database (store), "DROP TRIGGER temp.refuse", &error);
  g_assert_no_error (error);
}

/* ---- the autosave itself -------------------------------------------------- */

typedef struct
{
  SbStore  *store;
  SbStory  *story;
  GString  *typed;
  GArray   *times;      /* gint64: monotonic µs when typed->str had i + 1 bytes */
  gint64    end;
} Typist;

static gboolean
type_one_cb (gpointer user_data)
{
  Typist *typist = user_data;

  g_string_append_c (typist->typed, 'a' + typist->typed->len % 26);
  edit (typist->store, typist->story, SB_STORY_FIELD_ACTION, typist->typed->str);
  g_array_append_val (typist->times, (gint64) { g_get_monotonic_time () });
  return g_get_monotonic_time () < typist->end ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Six seconds of typing with no pause, then a crash, used to lose all six
 * seconds: the pause never came. The bank must hold everything older than
 * the ceiling while the typing goes on. */
static void
test_steady_typing_saves (Fixture       *fixture,
                          gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Steady typing");
  Typist typist = { fixture->store, story, g_string_new (NULL),
                    g_array_new (FALSE, FALSE, sizeof (gint64)), 0 };
  guint checks = 0;

  typist.end = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
  g_timeout_add (30, type_one_cb, &typist);

  while (g_get_monotonic_time () < typist.end)
    {
      g_autofree char *on_disk = NULL;
      gint64 now;
      gsize must_have = 0;

      run_loop_ms (250);
      now = g_get_monotonic_time ();
      on_disk = field_on_disk (fixture->path, sb_story_get_uuid (story), "action");
      /* Everything typed more than the ceiling ago, with room for a slow
       * machine to run the timer late. */
      for (guint i = 0; i < typist.times->len; i++)
        if (g_array_index (typist.times, gint64, i) <
            now - (SB_STORE_AUTOSAVE_MAX_MS + 400) * (gint64) 1000)
          must_have = i + 1;
      g_assert_cmpuint (strlen (on_disk), >=, must_have);
      g_assert_true (strncmp (on_disk, typist.typed->str, strlen (on_disk)) == 0);
      if (must_have > 0)
        checks++;
    }
  /* The typing never paused for the pause, yet the bank kept up. */
  g_assert_cmpuint (checks, >, 0);

  run_until_saved (fixture->store, 2000);
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 0);
  {
    g_autofree char *on_disk = field_on_disk (fixture->path, sb_story_get_uuid (story), "action");
    g_assert_cmpstr (on_disk, ==, typist.typed->str);
  }
  g_string_free (typist.typed, TRUE);
  g_array_unref (typist.times);
}

static void
test_pause_saves (Fixture       *fixture,
                  gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "A pause");
  g_autofree char *on_disk = NULL;

  edit (fixture->store, story, SB_STORY_FIELD_RESULT, "Errors fell by 80%.");
  g_assert_true (sb_store_story_is_unsaved (fixture->store, story));
  run_loop_ms (SB_STORE_AUTOSAVE_PAUSE_MS + 300);
  g_assert_false (sb_store_story_is_unsaved (fixture->store, story));
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (story), "result");
  g_assert_cmpstr (on_disk, ==, "Errors fell by 80%.");
}

static void
note_autosaving_cb (SbStore *store,
                    SbStory *story,
                    GArray  *seen)
{
  gboolean autosaving = sb_store_is_autosaving (store);

  if (!sb_store_story_is_unsaved (store, story))
    g_array_append_val (seen, autosaving);
}

/* Listeners can tell the store's own saves (a pause, the ceiling) from
 * one asked for: the editor leaves its notes for the pause in the first. */
static void
test_autosave_says_so (Fixture       *fixture,
                       gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Said so");
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gboolean));

  g_signal_connect (fixture->store, "save-state-changed", G_CALLBACK (note_autosaving_cb), seen);
  g_assert_false (sb_store_is_autosaving (fixture->store));
  edit (fixture->store, story, SB_STORY_FIELD_RESULT, "Errors fell by 80%.");
  run_loop_ms (SB_STORE_AUTOSAVE_PAUSE_MS + 300);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_true (g_array_index (seen, gboolean, 0));
  g_assert_false (sb_store_is_autosaving (fixture->store));

  edit (fixture->store, story, SB_STORY_FIELD_RESULT, "Errors fell by 90%.");
  g_assert_true (sb_store_save_pending (fixture->store, NULL));
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_false (g_array_index (seen, gboolean, 1));
  g_signal_handlers_disconnect_by_func (fixture->store, note_autosaving_cb, seen);
}

/* ---- refusals and their recovery ------------------------------------------ */

static void
count_cb (gpointer instance,
          SbStory *story,
          gpointer error,
          guint   *count)
{
  (*count)++;
}

/* The bank refuses (a full disk, a lock); the person moves on to another
 * story. The first story's edit must not be dropped: it stays unsaved,
 * says why, and is written once the bank takes it again. */
static void
test_refused_then_other_story (Fixture       *fixture,
                               gconstpointer  data)
{
  SbStory *first = add_story (fixture->store, "First");
  SbStory *second = add_story (fixture->store, "Second");
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  guint failed = 0;

  g_signal_connect (fixture->store, "save-failed", G_CALLBACK (count_cb), &failed);
  refuse_updates (fixture->store, "database or disk is full");

  edit (fixture->store, first, SB_STORY_FIELD_SITUATION, "Checkout failed for 2% of users.");
  g_assert_false (sb_store_save_pending (fixture->store, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  g_assert_nonnull (sb_store_get_save_error (fixture->store, first));
  g_assert_cmpuint (failed, ==, 1);

  /* On to the second story, which is typed into and refused too. */
  edit (fixture->store, second, SB_STORY_FIELD_TASK, "Find the cause in a day.");
  g_assert_false (sb_store_save_story (fixture->store, second, NULL));
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 2);
  /* Retried, still refused: not announced again for the same story. */
  run_loop_ms (1300);
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 2);
  g_assert_cmpuint (failed, ==, 2);

  /* The disk has room again: both are written without anyone asking. */
  accept_updates (fixture->store);
  run_until_saved (fixture->store, 6000);
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 0);
  g_assert_null (sb_store_get_save_error (fixture->store, first));
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (first), "situation");
  g_assert_cmpstr (on_disk, ==, "Checkout failed for 2% of users.");
  g_free (on_disk);
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (second), "task");
  g_assert_cmpstr (on_disk, ==, "Find the cause in a day.");
}

/* Another Storybank holding the bank must not freeze the window: the
 * window's store gives up on the lock at once and retries from a timeout. */
static void
test_busy_bank_waits_without_blocking (Fixture       *fixture,
                                       gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Busy");
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  const GError *why;
  sqlite3 *other = NULL;
  gint64 start;

  sb_store_set_interactive (fixture->store, TRUE);
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  edit (fixture->store, story, SB_STORY_FIELD_ACTION, "I split the job in two.");
  start = g_get_monotonic_time ();
  g_assert_false (sb_store_save_pending (fixture->store, &error));
  /* Far below the 5 s a blocking busy timeout would take. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY);
  why = sb_store_get_save_error (fixture->store, story);
  g_assert_true (g_error_matches (why, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY));

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  run_until_saved (fixture->store, 4000);
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 0);
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (story), "action");
  g_assert_cmpstr (on_disk, ==, "I split the job in two.");
}

/* ---- other programs on the same bank ---------------------------------------- */

/* Two windows: each changed a different field. Neither overwrites the
 * other, and each shows the other's text. */
static void
test_other_window_other_field (Fixture       *fixture,
                               gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Two windows");
  g_autoptr(SbStore) other = open_store (fixture->path);
  SbStory *theirs = sb_store_find_story (other, sb_story_get_uuid (story));
  g_autoptr(GError) error = NULL;
  g_autofree char *situation = NULL;
  g_autofree char *action = NULL;

  edit (fixture->store, story, SB_STORY_FIELD_ACTION, "Mine: I wrote the runbook.");
  edit (other, theirs, SB_STORY_FIELD_SITUATION, "Theirs: the pager went off at 3 am.");
  g_assert_true (sb_store_save_pending (other, &error));
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  g_assert_no_error (error);

  situation = field_on_disk (fixture->path, sb_story_get_uuid (story), "situation");
  action = field_on_disk (fixture->path, sb_story_get_uuid (story), "action");
  g_assert_cmpstr (situation, ==, "Theirs: the pager went off at 3 am.");
  g_assert_cmpstr (action, ==, "Mine: I wrote the runbook.");
  /* This window shows their text too. */
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Theirs: the pager went off at 3 am.");
  g_assert_false (sb_story_get_dirty (story));

  /* And theirs shows mine once it looks. */
  g_assert_true (sb_store_sync (other, &error));
  g_assert_cmpstr (sb_story_get_action (theirs), ==, "Mine: I wrote the runbook.");
}

static void
story_count_cb (SbStore *store,
                SbStory *story,
                guint   *count)
{
  (*count)++;
}

/* Both changed the same field: the person's text stays in the field and
 * the other side's is kept in the notes, so no one's words are lost. */
static void
test_conflict_keeps_both (Fixture       *fixture,
                          gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Conflict");
  g_autoptr(SbStore) other = open_store (fixture->path);
  SbStory *theirs = sb_store_find_story (other, sb_story_get_uuid (story));
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_autofree char *notes = NULL;
  guint conflicts = 0;

  g_signal_connect (fixture->store, "changed-elsewhere", G_CALLBACK (story_count_cb), &conflicts);
  edit (other, theirs, SB_STORY_FIELD_RESULT, "Theirs: 40% fewer pages.");
  g_assert_true (sb_store_save_pending (other, &error));
  edit (fixture->store, story, SB_STORY_FIELD_RESULT, "Mine: on-call pages halved.");
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  g_assert_no_error (error);

  result = field_on_disk (fixture->path, sb_story_get_uuid (story), "result");
  notes = field_on_disk (fixture->path, sb_story_get_uuid (story), "notes");
  g_assert_cmpstr (result, ==, "Mine: on-call pages halved.");
  g_assert_nonnull (strstr (notes, "Theirs: 40% fewer pages."));
  g_assert_nonnull (strstr (notes, "Result"));
  g_assert_cmpuint (conflicts, ==, 1);
  g_assert_cmpuint (sb_store_get_n_unsaved (fixture->store), ==, 0);
}

/* Typing into a story another window deleted used to say "All changes
 * saved" while the UPDATE hit no row. The text is written back instead. */
static void
test_deleted_elsewhere_keeps_text (Fixture       *fixture,
                                   gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Deleted elsewhere");
  g_autoptr(SbStore) other = open_store (fixture->path);
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (story));
  g_autofree char *learning = NULL;
  g_autofree char *title = NULL;

  deleted = sb_store_delete_story (other, sb_store_find_story (other, uuid), &error);
  g_assert_no_error (error);
  g_assert_null (field_on_disk (fixture->path, uuid, "title"));

  edit (fixture->store, story, SB_STORY_FIELD_LEARNING, "Ask for the rollback plan first.");
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  g_assert_no_error (error);

  learning = field_on_disk (fixture->path, uuid, "learning");
  title = field_on_disk (fixture->path, uuid, "title");
  g_assert_cmpstr (learning, ==, "Ask for the rollback plan first.");
  g_assert_cmpstr (title, ==, "Deleted elsewhere");
  g_assert_true (sb_store_find_story (fixture->store, uuid) == story);

  /* A deleted story nobody typed into simply goes. */
  {
    SbStory *quiet = add_story (fixture->store, "Quiet");
    g_autoptr(SbDeletedStory) gone = NULL;
    g_autofree char *quiet_uuid = g_strdup (sb_story_get_uuid (quiet));
    guint n = sb_store_get_n_stories (fixture->store);

    g_assert_true (sb_store_sync (other, &error));
    gone = sb_store_delete_story (other, sb_store_find_story (other, quiet_uuid), &error);
    g_assert_no_error (error);
    g_assert_true (sb_store_sync (fixture->store, &error));
    g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n - 1);
    g_assert_null (sb_store_find_story (fixture->store, quiet_uuid));
  }
}

/* ---- imports ------------------------------------------------------------------- */

#define HEAD "{\"format\":\"storybank\",\"version\":1,"

static char *
import_updating (SbStory    *story,
                 const char *field,
                 const char *text,
                 gboolean    then_fail)
{
  return g_strdup_printf (HEAD "\"stories\":[{\"uuid\":\"%s\",\"title\":\"%s\",\"%s\":\"%s\"}%s]}",
                          sb_story_get_uuid (story), sb_story_get_title (story), field, text,
                          then_fail ? ",{\"title\":\"Boom\"}" : "");
}

/* An import that fails half-way used to leave the story objects changed and
 * dirty, so the next autosave wrote the refused import after all. */
static void
test_failed_import_leaves_memory_as_bank (Fixture       *fixture,
                                          gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Imported into");
  SbStory *typing = add_story (fixture->store, "Being typed");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = import_updating (story, "situation", "From the refused file", TRUE);
  g_autofree char *on_disk = NULL;

  edit (fixture->store, typing, SB_STORY_FIELD_ACTION, "Unsaved words of the person");
  sb_database_exec (sb_store_get_database (fixture->store),
                    "CREATE TEMP TRIGGER boom BEFORE INSERT ON stories "
                    "WHEN NEW.title = 'Boom' BEGIN SELECT RAISE (ABORT, 'boom'); END", &error);
  g_assert_no_error (error);

  g_assert_false (sb_exchange_import_json (fixture->store, json, -1, "refused.json", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Memory is the bank again… */
  g_assert_cmpstr (sb_story_get_situation (story), ==, "");
  g_assert_false (sb_story_get_dirty (story));
  g_assert_false (sb_store_story_is_unsaved (fixture->store, story));
  /* …and the person's own unsaved words are still theirs. */
  g_assert_cmpstr (sb_story_get_action (typing), ==, "Unsaved words of the person");
  g_assert_true (sb_store_story_is_unsaved (fixture->store, typing));

  g_assert_true (sb_store_save_pending (fixture->store, &error));
  g_assert_no_error (error);
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (story), "situation");
  g_assert_cmpstr (on_disk, ==, "");
  g_free (on_disk);
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (typing), "action");
  g_assert_cmpstr (on_disk, ==, "Unsaved words of the person");
}

/* An import into the story being edited: the import's field shows, the
 * person's unsaved field stays theirs, and neither is written over. */
static void
test_import_into_story_being_edited (Fixture       *fixture,
                                     gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "On screen");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = import_updating (story, "situation", "Imported situation", FALSE);
  g_autofree char *situation = NULL;
  g_autofree char *action = NULL;

  edit (fixture->store, story, SB_STORY_FIELD_ACTION, "Typed action");
  g_assert_true (sb_exchange_import_json (fixture->store, json, -1, "in.json", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (sb_story_get_situation (story), ==, "Imported situation");
  g_assert_cmpstr (sb_story_get_action (story), ==, "Typed action");
  g_assert_true (sb_store_story_is_unsaved (fixture->store, story));

  /* The next keystroke's save writes the action only. */
  edit (fixture->store, story, SB_STORY_FIELD_ACTION, "Typed action, more");
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  situation = field_on_disk (fixture->path, sb_story_get_uuid (story), "situation");
  action = field_on_disk (fixture->path, sb_story_get_uuid (story), "action");
  g_assert_cmpstr (situation, ==, "Imported situation");
  g_assert_cmpstr (action, ==, "Typed action, more");
}

/* A command-line import while the window is open: the window follows. */
static void
test_import_elsewhere_is_followed (Fixture       *fixture,
                                   gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Followed");
  g_autoptr(SbStore) other = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = import_updating (story, "result", "Imported result", FALSE);
  guint notified = 0;

  g_signal_connect (story, "notify::result", G_CALLBACK (story_count_cb), &notified);
  g_assert_true (sb_exchange_import_json (other, json, -1, "cli.json", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (sb_store_sync (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_story_get_result (story), ==, "Imported result");
  g_assert_false (sb_story_get_dirty (story));
  g_assert_cmpuint (notified, ==, 1);
}

/* ---- limits ------------------------------------------------------------------------ */

static void
test_field_limits (Fixture       *fixture,
                   gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Limits");
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (SB_STORY_MAX_SECTION_CHARS + 1, 'x');
  g_autofree char *fits = g_strnfill (SB_STORY_MAX_SECTION_CHARS, 'x');

  g_assert_false (sb_store_edit_story (fixture->store, story, SB_STORY_FIELD_SITUATION, huge, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "situation"));
  g_assert_nonnull (strstr (error->message, "Limits"));
  g_assert_cmpstr (sb_story_get_situation (story), ==, "");
  g_clear_error (&error);

  g_assert_true (sb_store_edit_story (fixture->store, story, SB_STORY_FIELD_SITUATION, fits, &error));
  g_assert_no_error (error);
}

/* A 10 MB section froze the window for 25 s a keystroke: import refuses
 * one over the limit, naming the story and the field, and adds nothing. */
static void
test_import_refuses_huge_field (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *huge = g_strnfill (SB_STORY_MAX_SECTION_CHARS + 1, 'y');
  g_autofree char *json = g_strdup_printf (HEAD "\"stories\":[{\"title\":\"Fine\"},"
                                           "{\"title\":\"The big one\",\"situation\":\"%s\"}]}", huge);
  g_autoptr(GError) error = NULL;
  guint n = sb_store_get_n_stories (fixture->store);

  g_assert_false (sb_exchange_import_json (fixture->store, json, -1, "big.json", NULL, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "big.json"));
  g_assert_nonnull (strstr (error->message, "situation"));
  g_assert_nonnull (strstr (error->message, "The big one"));
  g_assert_nonnull (strstr (error->message, "20001"));
  g_assert_cmpuint (sb_store_get_n_stories (fixture->store), ==, n);
}

/* ---- the cue card ------------------------------------------------------------ */

/* A cue line is a field like the sections: it autosaves after the pause,
 * only its own column is written, and it is there after a restart; its
 * spoken length is not the story's. */
static void
test_cue_line_autosaves (Fixture       *fixture,
                         gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Cue card");
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (story));
  g_autofree char *on_disk = NULL;
  g_autofree char *result = NULL;
  g_autoptr(SbStore) again = NULL;
  SbStory *read;

  edit (fixture->store, story, SB_STORY_FIELD_RESULT, "Errors fell by 80% in a week.");
  edit (fixture->store, story, SB_STORY_FIELD_CUE_RESULT, "Errors down 80% in a week");
  g_assert_true (sb_story_has_cue_card (story));
  /* Five words of Result are spoken; the cue line is not. */
  g_assert_cmpuint (sb_story_get_word_count (story), ==, 7);
  g_assert_true (sb_store_story_is_unsaved (fixture->store, story));
  run_loop_ms (SB_STORE_AUTOSAVE_PAUSE_MS + 300);
  g_assert_false (sb_store_story_is_unsaved (fixture->store, story));
  on_disk = field_on_disk (fixture->path, sb_story_get_uuid (story), "cue_result");
  result = field_on_disk (fixture->path, sb_story_get_uuid (story), "result");
  g_assert_cmpstr (on_disk, ==, "Errors down 80% in a week");
  g_assert_cmpstr (result, ==, "Errors fell by 80% in a week.");

  g_clear_object (&fixture->store);
  again = open_store (fixture->path);
  read = sb_store_find_story (again, uuid);
  g_assert_nonnull (read);
  g_assert_cmpstr (sb_story_get_field (read, SB_STORY_FIELD_CUE_RESULT), ==, "Errors down 80% in a week");
  g_assert_cmpstr (sb_story_get_field (read, SB_STORY_FIELD_CUE_ACTION), ==, "");
  g_assert_true (sb_story_has_cue_card (read));
  g_assert_false (sb_story_get_dirty (read));
  fixture->store = g_steal_pointer (&again);
}

/* Another window changed one cue line, this one another: both stay. Both
 * changed the same line: the person's stays, the other is kept in the
 * notes, named as the cue line it was. */
static void
test_cue_line_merges (Fixture       *fixture,
                      gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Cue merge");
  g_autoptr(SbStore) other = open_store (fixture->path);
  SbStory *theirs = sb_store_find_story (other, sb_story_get_uuid (story));
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *action = NULL;
  guint conflicts = 0;

  edit (fixture->store, story, SB_STORY_FIELD_CUE_ACTION, "Mine: rolled back the deploy");
  edit (other, theirs, SB_STORY_FIELD_CUE_SITUATION, "Theirs: checkout down at peak");
  g_assert_true (sb_store_save_pending (other, &error));
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION), ==,
                   "Theirs: checkout down at peak");
  g_assert_true (sb_store_sync (other, &error));
  g_assert_cmpstr (sb_story_get_field (theirs, SB_STORY_FIELD_CUE_ACTION), ==,
                   "Mine: rolled back the deploy");

  g_signal_connect (fixture->store, "changed-elsewhere", G_CALLBACK (story_count_cb), &conflicts);
  edit (other, theirs, SB_STORY_FIELD_CUE_ACTION, "Theirs: scaled the workers");
  g_assert_true (sb_store_save_pending (other, &error));
  edit (fixture->store, story, SB_STORY_FIELD_CUE_ACTION, "Mine: two tracks, rollback");
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  g_assert_no_error (error);

  action = field_on_disk (fixture->path, sb_story_get_uuid (story), "cue_action");
  notes = field_on_disk (fixture->path, sb_story_get_uuid (story), "notes");
  g_assert_cmpstr (action, ==, "Mine: two tracks, rollback");
  g_assert_nonnull (strstr (notes, "Theirs: scaled the workers"));
  g_assert_nonnull (strstr (notes, "Action cue line"));
  g_assert_cmpuint (conflicts, ==, 1);
}

/* A cue line is one short line: a pasted line break is a space, and a
 * line over the limit is refused with a sentence that names it. */
static void
test_cue_line_limit (Fixture       *fixture,
                     gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Short lines");
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (SB_STORY_MAX_CUE_CHARS + 1, 'x');
  g_autofree char *fits = g_strnfill (SB_STORY_MAX_CUE_CHARS, 'x');

  g_assert_false (sb_store_edit_story (fixture->store, story, SB_STORY_FIELD_CUE_TASK, huge, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Task cue line"));
  g_assert_nonnull (strstr (error->message, "Short lines"));
  g_assert_nonnull (strstr (error->message, "160"));
  g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_TASK), ==, "");
  g_clear_error (&error);

  g_assert_true (sb_store_edit_story (fixture->store, story, SB_STORY_FIELD_CUE_TASK, fits, &error));
  g_assert_no_error (error);
  edit (fixture->store, story, SB_STORY_FIELD_CUE_LEARNING, "Budget retries\r\nalert\ton pools\n");
  g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_LEARNING), ==,
                   "Budget retries alert on pools ");
}

/* Deleting a story and undoing it brings its cue card back. */
static void
test_cue_card_survives_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  SbStory *story = add_story (fixture->store, "Undo me");
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (story));
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  SbStory *back = NULL;

  edit (fixture->store, story, SB_STORY_FIELD_CUE_SITUATION, "Peak sale, checkout failing");
  edit (fixture->store, story, SB_STORY_FIELD_CUE_LEARNING, "Budget retries");
  g_assert_true (sb_store_save_pending (fixture->store, &error));
  deleted = sb_store_delete_story (fixture->store, story, &error);
  g_assert_no_error (error);
  g_assert_null (sb_store_find_story (fixture->store, uuid));

  g_assert_true (sb_store_undo (fixture->store, &back, &error));
  g_assert_no_error (error);
  back = sb_store_find_story (fixture->store, uuid);
  g_assert_nonnull (back);
  g_assert_cmpstr (sb_story_get_field (back, SB_STORY_FIELD_CUE_SITUATION), ==, "Peak sale, checkout failing");
  g_assert_cmpstr (sb_story_get_field (back, SB_STORY_FIELD_CUE_LEARNING), ==, "Budget retries");
  on_disk = field_on_disk (fixture->path, uuid, "cue_learning");
  g_assert_cmpstr (on_disk, ==, "Budget retries");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/save/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("steady-typing-saves", test_steady_typing_saves);
  ADD ("pause-saves", test_pause_saves);
  ADD ("autosave-says-so", test_autosave_says_so);
  ADD ("refused-then-other-story", test_refused_then_other_story);
  ADD ("busy-bank-waits-without-blocking", test_busy_bank_waits_without_blocking);
  ADD ("other-window-other-field", test_other_window_other_field);
  ADD ("conflict-keeps-both", test_conflict_keeps_both);
  ADD ("deleted-elsewhere-keeps-text", test_deleted_elsewhere_keeps_text);
  ADD ("failed-import-leaves-memory-as-bank", test_failed_import_leaves_memory_as_bank);
  ADD ("import-into-story-being-edited", test_import_into_story_being_edited);
  ADD ("import-elsewhere-is-followed", test_import_elsewhere_is_followed);
  ADD ("field-limits", test_field_limits);
  ADD ("import-refuses-huge-field", test_import_refuses_huge_field);
  ADD ("cue-line-autosaves", test_cue_line_autosaves);
  ADD ("cue-line-merges", test_cue_line_merges);
  ADD ("cue-line-limit", test_cue_line_limit);
  ADD ("cue-card-survives-undo", test_cue_card_survives_undo);
#undef ADD

  return g_test_run ();
}
