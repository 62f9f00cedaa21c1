/* test-backup.c — backups beside the bank: made, kept, listed, restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "sb-backup.h"
#include "sb-database.h"
#include "sb-store.h"
#include "sb-test-util.h"

/* A bank at @path holding one story per title. */
static SbStore *
make_bank (const char         *path,
           const char * const *titles)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
    {
      SbStory *story = sb_store_create_story (store, titles[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (story);
    }
  return store;
}

static GStrv
store_titles (SbStore *store)
{
  GListModel *stories = sb_store_get_stories (store);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_strv_builder_add (builder, sb_story_get_title (story));
    }
  return g_strv_builder_end (builder);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static GDateTime *
utc (int year, int month, int day, int hour)
{
  return g_date_time_new_utc (year, month, day, hour, 0, 0);
}

static void
test_create_private (void)
{
  static const char * const titles[] = { "Checkout outage", "Ledger migration", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "work.sqlite3");
  g_autofree char *folder = sb_test_dir_file (dir, "backups");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  g_autoptr(GDateTime) now = utc (2026, 12, 3, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *expected_folder = sb_backup_get_folder (bank);
  SbBackupInfo *info;
  GStatBuf st;

  g_assert_cmpstr (expected_folder, ==, folder);
  path = sb_backup_create_at (bank, SB_BACKUP_REASON_MANUAL, now, &error);
  g_assert_no_error (error);
  base = g_path_get_basename (path);
  g_assert_cmpstr (base, ==, "work-20261203-080000-manual.sqlite3");

  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Only the backup: no partial file, no -wal or -journal beside it. */
  g_assert_cmpuint (count_files (folder), ==, 1);

  list = sb_backup_list (bank, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  info = list->pdata[0];
  g_assert_cmpstr (info->path, ==, path);
  g_assert_cmpint (info->reason, ==, SB_BACKUP_REASON_MANUAL);
  g_assert_cmpint (g_date_time_compare (info->time, now), ==, 0);
  g_assert_cmpint (info->size, ==, st.st_size);
  g_assert_cmpint (info->n_stories, ==, 2);
  g_assert_cmpstrv (info->titles, titles);
  g_assert_null (info->problem);
  /* Reading it for the list left nothing beside it either. */
  g_assert_cmpuint (count_files (folder), ==, 1);

  /* A second one in the same second gets its own name, listed first. */
  g_clear_pointer (&list, g_ptr_array_unref);
  g_free (sb_backup_create_at (bank, SB_BACKUP_REASON_MANUAL, now, &error));
  g_assert_no_error (error);
  list = sb_backup_list (bank, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (((SbBackupInfo *) list->pdata[0])->sequence, ==, 2);
  g_assert_true (g_str_has_suffix (((SbBackupInfo *) list->pdata[0])->path, "-manual-2.sqlite3"));

  /* A backups folder someone opened up is made private again. */
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  g_free (sb_backup_create_at (bank, SB_BACKUP_REASON_MANUAL, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Another bank in the same folder has its own backups. */
  {
    g_autofree char *other = sb_test_dir_file (dir, "other.sqlite3");
    g_autoptr(SbStore) other_store = make_bank (other, NULL);
    g_autoptr(GPtrArray) other_list = sb_backup_list (other, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (other_list->len, ==, 0);
  }
}

/* A backup holds what was committed, never a half-written transaction. */
static void
test_consistent_while_writing (void)
{
  static const char * const titles[] = { "One", "Two", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  SbDatabase *db = sb_store_get_database (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = NULL;

  g_assert_true (sb_database_begin (db, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO stories (uuid, title, created_at, updated_at) VALUES ('u%u', 'half %u', 1, 1)", i, i);
      g_assert_true (sb_database_exec (db, sql, &error));
    }

  path = sb_backup_create (bank, SB_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (sb_database_commit (db, &error));

  list = sb_backup_list (bank, &error);
  g_assert_cmpint (((SbBackupInfo *) list->pdata[0])->n_stories, ==, 2);
  g_assert_true (sb_backup_vet (path, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *bank;
  gint        stop;
  guint       written;
} Writer;

/* Another process's worth of steady writing: one story per transaction. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (writer->bank, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *sql = g_strdup_printf (
        "BEGIN IMMEDIATE;"
        "INSERT INTO stories (uuid, title, situation, created_at, updated_at)"
        "  VALUES ('w%u', 'written %u', hex(randomblob(2000)), 1, 1);"
        "COMMIT;", writer->written, writer->written);

      g_assert_true (sb_database_exec (db, sql, &error));
      writer->written++;
    }
  return NULL;
}

/* Backups taken while another connection keeps writing are each whole. */
static void
test_consistent_under_writes (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  Writer writer = { bank, 0, 0 };
  GThread *thread = g_thread_new ("writer", writer_thread, &writer);
  int last = -1;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *path = sb_backup_create (bank, SB_BACKUP_REASON_MANUAL, &error);

      g_assert_no_error (error);
      g_assert_true (sb_backup_vet (path, &error));
      g_assert_no_error (error);
      g_usleep (10 * 1000);
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_assert_cmpuint (writer.written, >, 0);

  /* Each holds a whole number of committed stories, never fewer than the
   * one before it. */
  list = sb_backup_list (bank, &error);
  g_assert_cmpuint (list->len, ==, 8);
  for (guint i = list->len; i-- > 0;)
    {
      SbBackupInfo *info = list->pdata[i];

      g_assert_null (info->problem);
      g_assert_cmpint (info->n_stories, >=, last);
      g_assert_cmpint (info->n_stories, <=, (int) writer.written);
      last = info->n_stories;
    }
}

static guint
count_reason (GPtrArray      *list,
              SbBackupReason  reason)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    n += ((SbBackupInfo *) list->pdata[i])->reason == reason;
  return n;
}

static void
test_prune (void)
{
  static const char * const titles[] = { "One", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  g_autoptr(GDateTime) start = utc (2026, 9, 1, 9);   /* a Tuesday */
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) weeks = g_hash_table_new (NULL, NULL);

  /* Sixty days of starts, one daily backup each. */
  for (int day = 0; day < 60; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, day);
      g_free (sb_backup_create_at (bank, SB_BACKUP_REASON_DAILY, now, &error));
      g_assert_no_error (error);
    }
  for (int i = 0; i < 8; i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_hours (start, 24 * 60 + i);
      g_free (sb_backup_create_at (bank, SB_BACKUP_REASON_BEFORE_IMPORT, now, &error));
      g_free (sb_backup_create_at (bank, SB_BACKUP_REASON_MANUAL, now, &error));
      g_free (sb_backup_create_at (bank, SB_BACKUP_REASON_MANUAL, now, &error));
      g_assert_no_error (error);
    }

  list = sb_backup_list (bank, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_reason (list, SB_BACKUP_REASON_DAILY), ==, 10 + 4);
  g_assert_cmpuint (count_reason (list, SB_BACKUP_REASON_BEFORE_IMPORT), ==, 5);
  g_assert_cmpuint (count_reason (list, SB_BACKUP_REASON_MANUAL), ==, 10);

  /* The 10 newest days are all there … */
  {
    guint seen = 0;

    for (guint i = 0; i < list->len; i++)
      {
        SbBackupInfo *info = list->pdata[i];
        g_autoptr(GDateTime) newest = g_date_time_add_days (start, 59);

        if (info->reason != SB_BACKUP_REASON_DAILY)
          continue;
        if (seen < 10)
          {
            g_autoptr(GDateTime) expected = g_date_time_add_days (newest, -(int) seen);
            g_assert_cmpint (g_date_time_compare (info->time, expected), ==, 0);
          }
        else
          {
            int week = g_date_time_get_week_of_year (info->time);

            /* … then one a week, each the newest (Sunday) of an older week. */
            g_assert_false (g_hash_table_contains (weeks, GINT_TO_POINTER (week)));
            g_hash_table_add (weeks, GINT_TO_POINTER (week));
            g_assert_cmpint (g_date_time_get_day_of_week (info->time), ==, 7);
          }
        seen++;
      }
  }
  g_assert_cmpuint (g_hash_table_size (weeks), ==, 4);

  /* Pruning again changes nothing; a file of another kind is left alone. */
  {
    g_autofree char *folder = sb_backup_get_folder (bank);
    g_autofree char *stray = g_build_filename (folder, "notes.txt", NULL);
    guint before;

    g_assert_true (g_file_set_contents (stray, "mine", -1, NULL));
    before = count_files (folder);
    g_assert_cmpint (sb_backup_prune (bank, NULL, &error), ==, 0);
    g_assert_cmpuint (count_files (folder), ==, before);
    g_assert_true (g_file_test (stray, G_FILE_TEST_EXISTS));
  }
}

static void
test_daily_if_due (void)
{
  static const char * const titles[] = { "One", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autofree char *empty_bank = sb_test_dir_file (dir, "empty.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  g_autoptr(SbStore) empty_store = make_bank (empty_bank, NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) morning = g_date_time_new (tz, 2026, 12, 3, 0, 30, 0);
  g_autoptr(GDateTime) evening = g_date_time_new (tz, 2026, 12, 3, 23, 50, 0);
  g_autoptr(GDateTime) next_day = g_date_time_new (tz, 2026, 12, 4, 0, 10, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  char *path = NULL;

  g_assert_true (sb_backup_daily_if_due (bank, morning, &path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_clear_pointer (&path, g_free);

  /* Same local day (though the UTC day differs from the morning's). */
  g_assert_true (sb_backup_daily_if_due (bank, evening, &path, &error));
  g_assert_null (path);

  g_assert_true (sb_backup_daily_if_due (bank, next_day, &path, &error));
  g_assert_nonnull (path);
  g_clear_pointer (&path, g_free);
  g_assert_true (sb_backup_daily_if_due (bank, next_day, &path, &error));
  g_assert_null (path);

  list = sb_backup_list (bank, &error);
  g_assert_cmpuint (list->len, ==, 2);

  /* An empty bank has nothing to lose yet. */
  g_assert_true (sb_backup_daily_if_due (empty_bank, morning, &path, &error));
  g_assert_no_error (error);
  g_assert_null (path);
}

static void
daily_async_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sb_backup_daily_if_due_finish (result, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = g_strdup ("");
}

static void
test_async (void)
{
  static const char * const titles[] = { "One", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  g_autofree char *path = NULL;

  sb_backup_daily_if_due_async (bank, NULL, daily_async_cb, &path);
  while (path == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
restore_async_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A restore in a worker, while the window's store has the bank open: the
 * store reads the restored bank; a file that is no backup is refused and
 * the bank stays as it was. */
static void
test_restore_async (void)
{
  static const char * const titles[] = { "Checkout outage", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autofree char *junk = sb_test_dir_file (dir, "junk.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = sb_backup_create (bank, SB_BACKUP_REASON_MANUAL, &error);
  g_autofree char *safety = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) shown = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (sb_store_create_story (store, "Ledger migration", &error));

  g_assert_true (g_file_set_contents (junk, "not a bank", -1, NULL));
  sb_backup_restore_async (bank, junk, NULL, restore_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_backup_restore_finish (result, &safety, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "junk.sqlite3"));
  g_assert_null (safety);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_true (sb_store_reload (store, &error));
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 2);

  sb_backup_restore_async (bank, backup, NULL, restore_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_backup_restore_finish (result, &safety, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (safety, G_FILE_TEST_IS_REGULAR));
  g_assert_true (sb_store_reload (store, &error));
  shown = store_titles (store);
  g_assert_cmpuint (g_strv_length (shown), ==, 1);
  g_assert_cmpstr (shown[0], ==, "Checkout outage");
}

static void
test_restore (void)
{
  static const char * const titles[] = { "Checkout outage", "Ledger migration", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  SbDatabase *db = sb_store_get_database (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *safety2 = NULL;
  g_autofree char *backup_before = NULL;
  g_autofree char *backup_after = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) now_titles = NULL;
  gsize len_before, len_after;
  SbDeletedStory *deleted;

  backup = sb_backup_create (bank, SB_BACKUP_REASON_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &backup_before, &len_before, NULL));

  /* The person deletes one story and writes a new one. */
  {
    g_autoptr(SbStory) first = g_list_model_get_item (sb_store_get_stories (store), 0);
    deleted = sb_store_delete_story (store, first, &error);
  }
  g_assert_no_error (error);
  sb_deleted_story_free (deleted);
  g_assert_nonnull (sb_store_create_story (store, "Written after the backup", &error));
  g_assert_no_error (error);

  /* Another connection to the bank, as a second window would hold. */
  {
    g_autoptr(SbDatabase) other = sb_database_open (bank, &error);
    g_assert_no_error (error);

    g_assert_true (sb_backup_restore (db, backup, &safety, &error));
    g_assert_no_error (error);
    g_assert_nonnull (safety);
    g_assert_true (sb_store_reload (store, &error));
    now_titles = store_titles (store);
    g_assert_cmpstrv (now_titles, titles);

    /* … sees the restored bank too. */
    {
      sqlite3_stmt *stmt = sb_database_prepare (other, "SELECT count(*) FROM stories", &error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
      sqlite3_reset (stmt);
    }
  }

  /* The backup restored from was not written. */
  g_assert_true (g_file_get_contents (backup, &backup_after, &len_after, NULL));
  g_assert_cmpmem (backup_before, len_before, backup_after, len_after);

  /* The restore is listed as undoable: the before-restore backup holds the
   * bank as it was, and restoring it undoes the restore. */
  list = sb_backup_list (bank, &error);
  g_assert_cmpint (((SbBackupInfo *) list->pdata[0])->reason, ==, SB_BACKUP_REASON_BEFORE_RESTORE);
  g_assert_cmpstr (((SbBackupInfo *) list->pdata[0])->path, ==, safety);
  g_assert_cmpint (((SbBackupInfo *) list->pdata[0])->n_stories, ==, 2);
  g_assert_cmpstr (((SbBackupInfo *) list->pdata[0])->titles[1], ==, "Written after the backup");

  g_assert_true (sb_backup_restore (db, safety, &safety2, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_reload (store, &error));
  g_clear_pointer (&now_titles, g_strfreev);
  now_titles = store_titles (store);
  g_assert_cmpuint (g_strv_length (now_titles), ==, 2);
  g_assert_cmpstr (now_titles[0], ==, "Ledger migration");
  g_assert_cmpstr (now_titles[1], ==, "Written after the backup");

  /* The bank still works and stays a WAL bank. */
  g_assert_nonnull (sb_store_create_story (store, "After the restores", &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = sb_database_prepare (db, "PRAGMA journal_mode", &error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_reset (stmt);
  }
}

static void
assert_refused_untouched (SbStore    *store,
                          const char *bank,
                          const char *file,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (file);
  g_autoptr(GPtrArray) list_before = sb_backup_list (bank, NULL);
  g_autoptr(GPtrArray) list_after = NULL;
  gsize len_before, len_after;
  char *safety = NULL;

  g_assert_true (g_file_get_contents (file, &before, &len_before, NULL));
  g_assert_false (sb_backup_restore (sb_store_get_database (store), file, &safety, &error));
  g_assert_error (error, SB_DATABASE_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  g_assert_null (safety);

  g_assert_true (g_file_get_contents (file, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  /* No before-restore backup for a restore that never happened. */
  list_after = sb_backup_list (bank, NULL);
  g_assert_cmpuint (list_after->len, ==, list_before->len);
  g_assert_true (sb_store_reload (store, &error));
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);
}

static void
test_refuse_foreign (void)
{
  static const char * const titles[] = { "Mine", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autofree char *garbage = sb_test_dir_file (dir, "garbage.sqlite3");
  g_autofree char *foreign = sb_test_dir_file (dir, "foreign.sqlite3");
  g_autoptr(SbStore) store = make_bank (bank, titles);
  sqlite3 *other = NULL;

  g_assert_true (g_file_set_contents (garbage, "this is no database, just words", -1, NULL));
  assert_refused_untouched (store, bank, garbage, SB_DATABASE_ERROR_NOT_A_BANK);

  g_assert_cmpint (sqlite3_open (foreign, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE stories (title TEXT); INSERT INTO stories VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  assert_refused_untouched (store, bank, foreign, SB_DATABASE_ERROR_NOT_A_BANK);

  /* The bank itself is no backup of itself. */
  assert_refused_untouched (store, bank, bank, SB_DATABASE_ERROR_OPEN);
}

static void
test_migration_backup (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *fixture = sb_test_data_path ("bank-v1.sqlite3");
  g_autofree char *bank = sb_test_dir_file (dir, "old.sqlite3");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(SbStore) store = NULL;
  SbBackupInfo *info;
  g_autofree char *old_path = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (bank, contents, length, &error));

  store = sb_store_open (bank, &error);
  g_assert_no_error (error);

  list = sb_backup_list (bank, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  info = list->pdata[0];
  g_assert_cmpint (info->reason, ==, SB_BACKUP_REASON_BEFORE_MIGRATION);
  g_assert_cmpint (info->n_stories, ==, 2);
  old_path = g_strdup (info->path);

  /* It holds the bank as version 1 left it. */
  g_assert_cmpint (sqlite3_open_v2 (info->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* An up-to-date bank is not backed up again on opening. */
  g_clear_object (&store);
  store = sb_store_open (bank, &error);
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sb_backup_list (bank, &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* Restoring the old backup brings it up to date again. */
  g_assert_true (sb_backup_restore (sb_store_get_database (store), old_path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_database_get_schema_version (sb_store_get_database (store)), ==,
                   sb_database_get_latest_schema_version ());
  g_assert_true (sb_store_reload (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 2);
}

static void
test_copy_newest_beside (void)
{
  static const char * const titles[] = { "Saved", NULL };
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "storybank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SbStore) restored = NULL;

  {
    g_autoptr(SbStore) store = make_bank (bank, titles);
    g_free (sb_backup_create (bank, SB_BACKUP_REASON_DAILY, &error));
    g_assert_no_error (error);
  }

  /* The bank is damaged beyond opening. */
  g_assert_true (g_file_set_contents (bank, "SQLite format 3 but then nothing", -1, NULL));
  g_assert_true (g_file_get_contents (bank, &damaged, NULL, NULL));

  copy = sb_backup_copy_newest_beside (bank, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (copy, dir->path));
  g_assert_nonnull (strstr (copy, "storybank-restored-"));

  restored = sb_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_store_get_n_stories (restored), ==, 1);

  g_assert_true (g_file_get_contents (bank, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, damaged);

  /* A bank without backups says so. */
  {
    g_autofree char *lonely = sb_test_dir_file (dir, "lonely.sqlite3");
    g_autoptr(GError) none = NULL;

    g_assert_null (sb_backup_copy_newest_beside (lonely, &none));
    g_assert_error (none, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/create-private", test_create_private);
  g_test_add_func ("/backup/consistent-while-writing", test_consistent_while_writing);
  g_test_add_func ("/backup/consistent-under-writes", test_consistent_under_writes);
  g_test_add_func ("/backup/prune", test_prune);
  g_test_add_func ("/backup/daily-if-due", test_daily_if_due);
  g_test_add_func ("/backup/async", test_async);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/refuse-foreign", test_refuse_foreign);
  g_test_add_func ("/backup/restore-async", test_restore_async);
  g_test_add_func ("/backup/migration", test_migration_backup);
  g_test_add_func ("/backup/copy-newest-beside", test_copy_newest_beside);

  return g_test_run ();
}
