/* test-database.c — opening, creating, refusing and migrating bank files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-database.h"
#include "sb-store.h"
#include "sb-test-util.h"

static int
query_int (SbDatabase *db,
           const char *sql)
{
  sqlite3_stmt *stmt = sb_database_prepare (db, sql, NULL);
  int value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
test_create_private (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *folder = sb_test_dir_file (dir, "nested");
  g_autofree char *path = g_build_filename (folder, "bank.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  GStatBuf st;

  db = sb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (sb_database_get_schema_version (db), ==, sb_database_get_latest_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, SB_DATABASE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 1); /* NORMAL */
  {
    sqlite3_stmt *stmt = sb_database_prepare (db, "PRAGMA journal_mode", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_reset (stmt);
  }

  /* The WAL side files carry the same private mode. */
  g_assert_true (sb_database_set_meta (db, "probe", "1", &error));
  g_assert_no_error (error);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
    g_assert_cmpint (g_stat (shm, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }
}

/* An empty file is what `touch` or mktemp leave for a bank about to be made:
 * it becomes a new, private bank. */
static void
test_empty_file_becomes_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "new.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  db = sb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_database_get_schema_version (db), ==, sb_database_get_latest_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, SB_DATABASE_APPLICATION_ID);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_default_path (void)
{
  g_autofree char *path = sb_database_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "storybank",
                                                "storybank.sqlite3", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_reopen_keeps_data (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (sb_database_set_meta (db, "person-name", "Zoë", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *name = NULL;
    g_assert_no_error (error);
    name = sb_database_get_meta (db, "person-name");
    g_assert_cmpstr (name, ==, "Zoë");
  }
}

static void
test_transaction_rollback (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (sb_database_begin (db, &error));
  g_assert_true (sb_database_in_transaction (db));
  g_assert_true (sb_database_set_meta (db, "k", "v", &error));
  sb_database_rollback (db);
  g_assert_false (sb_database_in_transaction (db));
  value = sb_database_get_meta (db, "k");
  g_assert_null (value);

  g_assert_true (sb_database_begin (db, &error));
  g_assert_true (sb_database_set_meta (db, "k", "kept", &error));
  g_assert_true (sb_database_commit (db, &error));
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = sb_database_get_meta (db, "k");
  g_assert_cmpstr (value, ==, "kept");

  /* A failing statement is an error, not a crash, and the cache survives it. */
  g_assert_false (sb_database_exec (db, "INSERT INTO no_such_table VALUES (1)", &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_FAILED);
}

static void
test_statement_cache (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  sqlite3_stmt *a, *b;

  g_assert_no_error (error);
  a = sb_database_prepare (db, "SELECT count(*) FROM stories", &error);
  b = sb_database_prepare (db, "SELECT count(*) FROM stories", &error);
  g_assert_nonnull (a);
  g_assert_true (a == b);
  g_assert_null (sb_database_prepare (db, "SELEKT nonsense", &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_FAILED);
}

/* Asserts that opening @path fails with @code and leaves the file exactly as
 * it was, with no side files. */
static void
assert_refused_unchanged (const char *path,
                          int         code,
                          const char *message_part)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  gsize len_before, len_after;

  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));

  store = sb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SB_DATABASE_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));

  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_random_bytes (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "noise.sqlite3");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (char *) bytes, sizeof bytes, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_NOT_A_BANK, "not an SQLite database");
}

static void
test_refuse_text_file (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "notes.txt");

  g_assert_true (g_file_set_contents (path, "My interview notes\nnot a database\n", -1, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_NOT_A_BANK, "notes.txt");
}

static void
test_refuse_other_program (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "other.sqlite3");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (path, SB_DATABASE_ERROR_NOT_A_BANK, "another program");
}

static char *
make_bank_with_stories (SbTestDir *dir,
                        const char *name,
                        guint       n)
{
  char *path = sb_test_dir_file (dir, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u about a long migration", i);
      SbStory *story = sb_store_create_story (store, title, &error);
      g_assert_no_error (error);
      sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I wrote a backfill job and a dual-write path.");
      g_assert_true (sb_store_save_story (store, story, &error));
    }
  /* Fold the WAL into the main file so the file alone is the whole bank. */
  g_assert_true (sb_database_exec (sb_store_get_database (store), "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_true (sb_database_exec (sb_store_get_database (store), "PRAGMA journal_mode = DELETE", &error));
  return path;
}

/* The same bank with "WAL" in its header, as every bank in use has: SQLite
 * would make -wal and -shm files next to it merely to read it. */
static char *
make_wal_bank_with_stories (SbTestDir  *dir,
                            const char *name,
                            guint       n)
{
  char *path = make_bank_with_stories (dir, name, n);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  gsize length;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 20);
  g_assert_cmpint (contents[18], ==, 2);   /* the WAL read and write versions */
  g_assert_cmpint (contents[19], ==, 2);
  return path;
}

static void
test_refuse_truncated_wal (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_wal_bank_with_stories (dir, "bank.sqlite3", 200);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, 2000, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_CORRUPT, "damaged");
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_CORRUPT, "damaged");
}

static void
test_refuse_corrupt_wal (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_wal_bank_with_stories (dir, "bank.sqlite3", 200);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Every page header after the first one overwritten. */
  for (gsize page = 4096; page < length; page += 4096)
    memset (contents + page, 0xff, 64);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_CORRUPT, "bank.sqlite3");
}

static void
test_refuse_newer_schema_wal (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_wal_bank_with_stories (dir, "bank.sqlite3", 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_refused_unchanged (path, SB_DATABASE_ERROR_TOO_NEW, "newer Storybank");
}

static void
test_refuse_other_program_wal (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "other.sqlite3");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_refused_unchanged (path, SB_DATABASE_ERROR_NOT_A_BANK, "another program");
}

/* A bank the app holds open (so its -wal is there) can be read by a second
 * Storybank, the command line say, and sees what the app wrote. */
static void
test_open_while_open_elsewhere (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) first = sb_database_open (path, &error);
  g_autoptr(SbDatabase) second = NULL;
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (sb_database_set_meta (first, "only-in-the-wal", "yes", &error));
  second = sb_database_open (path, &error);
  g_assert_no_error (error);
  value = sb_database_get_meta (second, "only-in-the-wal");
  g_assert_cmpstr (value, ==, "yes");
}

static gpointer
open_in_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);

  return error != NULL ? g_strdup (error->message) : NULL;
}

/* The app and the command line may both open a bank that does not exist yet
 * at the same moment: each migration step checks the version again under the
 * write lock, so neither trips over the tables the other made. */
static void
test_open_new_bank_concurrently (void)
{
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(SbTestDir) dir = sb_test_dir_new ();
      g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
      GThread *threads[4];

      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("open", open_in_thread, path);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autofree char *failure = g_thread_join (threads[i]);
          g_assert_cmpstr (failure, ==, NULL);
        }
    }
}

static void
test_refuse_symlink (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_bank_with_stories (dir, "bank.sqlite3", 1);
  g_autofree char *link = sb_test_dir_file (dir, "link.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;

  g_assert_cmpint (symlink (path, link), ==, 0);
  db = sb_database_open (link, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "link.sqlite3"));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
}

static void
test_refuse_truncated (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_bank_with_stories (dir, "bank.sqlite3", 200);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_CORRUPT, "damaged");
}

static void
test_refuse_corrupt_pages (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_bank_with_stories (dir, "bank.sqlite3", 200);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Scribble over the second half, keeping the header intact. */
  for (gsize i = length / 2; i < length; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  assert_refused_unchanged (path, SB_DATABASE_ERROR_CORRUPT, "damaged");
}

static void
test_refuse_newer_schema (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_bank_with_stories (dir, "bank.sqlite3", 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (path, SB_DATABASE_ERROR_TOO_NEW, "newer Storybank");
}

static void
test_refuse_folder (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (dir->path, &error);

  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
}

static void
test_migrate_from_v1 (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *fixture = sb_test_data_path ("bank-v1.sqlite3");
  g_autofree char *path = sb_test_dir_file (dir, "old.sqlite3");
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  SbStory *story;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));

  store = sb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_database_get_schema_version (sb_store_get_database (store)), ==,
                   sb_database_get_latest_schema_version ());
  g_assert_cmpint (query_int (sb_store_get_database (store),
                              "SELECT count(*) FROM sqlite_schema WHERE name = 'practice_log'"), ==, 1);

  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 2);
  story = sb_store_find_story (store, "6f1c2b8e-4a53-4d0e-9a51-2f7a0d7f3c11");
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Checkout outage on launch day");
  g_assert_cmpint (sb_story_get_status (story), ==, SB_STORY_STATUS_READY);
  g_assert_cmpint (sb_story_get_created (story), ==, 1700000000);
  g_assert_cmpint (sb_store_get_story_theme (store, story, "core-production-incident"), ==,
                   SB_STRENGTH_PRIMARY);

  story = sb_store_find_story (store, "0b7e5d7a-3f0e-4a55-8b7e-9c1f2a3b4c5d");
  g_assert_cmpstr (sb_story_get_title (story), ==, "Café rewrite — 日本語");
  g_assert_cmpint (sb_store_get_story_theme (store, story, "core-scaling"), ==, SB_STRENGTH_SECONDARY);

  /* The person's rename of a shipped theme survives the catalog merge. */
  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (store, "core-scaling")), ==,
                   "Scaling (my wording)");
  name = sb_store_get_person_name (store);
  g_assert_cmpstr (name, ==, "Ada Example");

  /* The new table works with foreign keys on. */
  g_assert_true (sb_database_exec (sb_store_get_database (store),
                                   "INSERT INTO practice_log (story_id, practiced_at, seconds) VALUES (1, 1, 95)",
                                   &error));
  g_assert_no_error (error);
  g_assert_false (sb_database_exec (sb_store_get_database (store),
                                    "INSERT INTO practice_log (story_id, practiced_at, seconds) VALUES (999, 1, 95)",
                                    &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CONSTRAINT);
}

/* Every foreign key has an index to look it up by, so a cascade (deleting a
 * theme, a question, a story) never reads a whole table. */
static void
test_foreign_keys_indexed (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  sqlite3_stmt *fks;
  guint n_checked = 0;
  SbStep step;

  g_assert_no_error (error);
  fks = sb_database_prepare (db,
                             "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list (m.name) f "
                             "WHERE m.type = 'table'",
                             &error);
  g_assert_no_error (error);
  while ((step = sb_database_step (db, fks, &error)) == SB_STEP_ROW)
    {
      g_autofree char *table = g_strdup ((const char *) sqlite3_column_text (fks, 0));
      g_autofree char *column = g_strdup ((const char *) sqlite3_column_text (fks, 1));
      g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT * FROM %s WHERE %s = 1", table, column);
      sqlite3_stmt *plan = NULL;
      gboolean indexed = FALSE;
      SbStep plan_step;

      g_assert_cmpint (sqlite3_prepare_v2 (sb_database_get_handle (db), sql, -1, &plan, NULL), ==, SQLITE_OK);
      while ((plan_step = sb_database_step (db, plan, &error)) == SB_STEP_ROW)
        if (g_str_has_prefix ((const char *) sqlite3_column_text (plan, 3), "SEARCH"))
          indexed = TRUE;
      g_assert_cmpint (plan_step, ==, SB_STEP_DONE);
      sqlite3_finalize (plan);
      g_test_message ("%s.%s: %s", table, column, indexed ? "indexed" : "scanned");
      g_assert_true (indexed);
      n_checked++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, SB_STEP_DONE);
  g_assert_cmpuint (n_checked, >=, 8);
}

static void
test_backup (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_bank_with_stories (dir, "bank.sqlite3", 3);
  g_autofree char *copy = sb_test_dir_file (dir, "copy.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbStore) copied = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (sb_database_backup_to (sb_store_get_database (store), copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  copied = sb_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_store_get_n_stories (copied), ==, 3);
}

static void
copy_fixture (const char *name,
              const char *dest)
{
  g_autofree char *fixture = sb_test_data_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (dest, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

static int
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Rows of the fixture (attached as "old") that the migrated bank lacks. */
static int
rows_lost (sqlite3    *db,
           const char *table,
           const char *columns,
           const char *where)
{
  g_autofree char *old_columns = NULL;
  g_autofree char *sql = NULL;

  /* "*" means the fixture's own columns: a later schema may add some. */
  if (g_str_equal (columns, "*"))
    {
      g_autofree char *list_sql = g_strdup_printf ("SELECT group_concat('\"' || name || '\"', ', ') "
                                                   "FROM pragma_table_info('%s', 'old')", table);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, list_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      old_columns = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      g_assert_nonnull (old_columns);
      columns = old_columns;
    }
  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT %s FROM old.%s WHERE %s "
                         "EXCEPT SELECT %s FROM main.%s)",
                         columns, table, where, columns, table);
  return raw_query_int (db, sql);
}

/* A bank written by each schema version opens, is brought to the latest
 * and keeps every story, link, question and rehearsal it had. */
static void
test_migrate_fixture (gconstpointer data)
{
  const char *name = data;
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *orig = sb_test_dir_file (dir, "orig.sqlite3");
  g_autofree char *attach = NULL;
  g_autoptr(GError) error = NULL;
  int fixture_version;
  sqlite3 *db = NULL;

  copy_fixture (name, path);
  copy_fixture (name, orig);
  g_assert_cmpint (sqlite3_open_v2 (orig, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  fixture_version = raw_query_int (db, "PRAGMA user_version");
  sqlite3_close (db);
  db = NULL;
  g_test_message ("%s: schema %d", name, fixture_version);

  {
    g_autoptr(SbStore) store = sb_store_open (path, &error);
    SbStory *story;
    g_autofree char *person = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sb_database_get_schema_version (sb_store_get_database (store)), ==,
                     sb_database_get_latest_schema_version ());
    /* bank-v1's own contents are checked by /database/migrate-from-v1. */
    if (fixture_version < 2)
      goto closed;
    g_assert_cmpuint (sb_store_get_n_stories (store), ==, 3);
    story = sb_store_find_story (store, "5a0c1d2e-0000-4000-8000-000000000002");
    g_assert_nonnull (story);
    g_assert_cmpstr (sb_story_get_title (story), ==, "Zero-downtime migration — Ünïcode 日本");
    g_assert_cmpint (sb_store_get_story_theme (store, story, "core-data-migration"), ==, SB_STRENGTH_PRIMARY);
    g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (store, "core-data-migration")), ==,
                     "Data migration (my words)");
    g_assert_nonnull (sb_store_find_theme (store, "my-framework-mentoring"));
    g_assert_nonnull (sb_store_find_question (store, "my-q-mentoring"));
    g_assert_null (sb_store_find_question (store, "q-production-outage"));   /* deleted by the person */
    person = sb_store_get_person_name (store);
    g_assert_cmpstr (person, ==, "Grace Fixture");
    g_assert_cmpint (query_int (sb_store_get_database (store),
                                "SELECT count(*) FROM stories_fts WHERE stories_fts MATCH 'pool'"), ==, 1);
  closed:
    ;
  }

  /* Every row of the old bank is still there, unchanged. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  attach = g_strdup_printf ("ATTACH '%s' AS old", orig);
  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (rows_lost (db, "meta", "*", "1"), ==, 0);
  g_assert_cmpint (rows_lost (db, "stories", "*", "1"), ==, 0);
  g_assert_cmpint (rows_lost (db, "story_themes", "*", "1"), ==, 0);
  g_assert_cmpint (rows_lost (db, "story_questions", "*", "1"), ==, 0);
  g_assert_cmpint (rows_lost (db, "question_themes", "*", "question_id IN (SELECT id FROM old.questions WHERE NOT builtin)"), ==, 0);
  g_assert_cmpint (rows_lost (db, "frameworks", "*", "NOT builtin"), ==, 0);
  g_assert_cmpint (rows_lost (db, "themes", "*", "NOT builtin"), ==, 0);
  /* The catalog merge may move a shipped theme the person renamed; it keeps
   * the person's words. */
  g_assert_cmpint (rows_lost (db, "themes", "id, slug, name", "edited"), ==, 0);
  g_assert_cmpint (rows_lost (db, "questions", "*", "NOT builtin"), ==, 0);
  g_assert_cmpint (rows_lost (db, "questions", "id, slug, text, listen_for", "edited"), ==, 0);
  g_assert_cmpint (rows_lost (db, "questions", "id, slug, hidden", "1"), ==, 0);
  if (fixture_version >= 2)
    {
      g_assert_cmpint (rows_lost (db, "practice_log", "*", "1"), ==, 0);
      g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM main.practice_log"), ==, 4);
    }
  if (fixture_version >= 4)
    {
      const char *tables[] = { "question_drills", "applications", "requirements",
                               "requirement_stories", "rounds", "round_focus", "round_stories" };

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM old.%s", tables[i]);

          g_assert_cmpint (raw_query_int (db, count), >, 0);
          g_assert_cmpint (rows_lost (db, tables[i], "*", "1"), ==, 0);
        }
      g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM main.stories WHERE cue_result <> ''"), ==, 1);
    }
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM main.stories"), ==,
                   raw_query_int (db, "SELECT count(*) FROM old.stories"));
  sqlite3_close (db);
}

/* One migration step failing (here the last one meets an index name that
 * is already taken) undoes all of them: the file is left byte for byte as
 * it was, with no journal or WAL beside it. */
static void
test_failed_migration_unchanged (gconstpointer data)
{
  gboolean wal = GPOINTER_TO_INT (data);
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  gsize len_before, len_after;
  sqlite3 *raw = NULL;

  copy_fixture ("bank-v1.sqlite3", path);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE practice_log_question (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  if (wal)
    g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));

  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "schema 3"));

  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *side = g_strconcat (path, (const char *[]) { "-wal", "-shm", "-journal" }[i], NULL);
      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }
}

static gboolean
file_contains (const char *path,
               const char *word)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, word, strlen (word)) != NULL;
}

#define SECRET "qzxjabberwockian"

/* A deleted story's words are gone from the bank file and its WAL, not only
 * from the rows: the full-text index kept them in its older segments. */
static void
test_forget_deleted (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SbStore) store = sb_store_open (path, &error);
    SbDatabase *db;
    SbStory *story;

    g_assert_no_error (error);
    db = sb_store_get_database (store);
    g_assert_cmpint (query_int (db, "PRAGMA secure_delete"), ==, 1);
    for (guint i = 0; i < 5; i++)
      {
        g_autofree char *title = g_strdup_printf ("Story %u about a long migration", i);
        story = sb_store_create_story (store, title, &error);
        g_assert_no_error (error);
        sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I wrote a backfill job and a dual-write path.");
        g_assert_true (sb_store_save_story (store, story, &error));
      }
    story = sb_store_create_story (store, "The secret one", &error);
    g_assert_no_error (error);
    sb_story_set_field (story, SB_STORY_FIELD_RESULT, "It was " SECRET " all along.");
    g_assert_true (sb_store_save_story (store, story, &error));
    g_assert_no_error (error);
    g_assert_true (sb_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
    g_assert_true (file_contains (path, SECRET));

    g_assert_true (sb_database_exec (db, "DELETE FROM stories WHERE title = 'The secret one'", &error));
    g_assert_no_error (error);
    /* Without more, the index still holds the word: the test can fail. */
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM stories_fts_data "
                                    "WHERE instr (block, CAST ('" SECRET "' AS BLOB)) > 0"), >, 0);

    g_assert_true (sb_database_forget_deleted (db, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM stories_fts_data "
                                    "WHERE instr (block, CAST ('" SECRET "' AS BLOB)) > 0"), ==, 0);
    g_assert_false (file_contains (path, SECRET));
    g_assert_false (file_contains (wal, SECRET));
    /* The index still answers. */
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM stories_fts WHERE stories_fts MATCH 'backfill'"), ==, 5);
  }
  g_assert_false (file_contains (path, SECRET));
  g_assert_false (file_contains (wal, SECRET));
}

/* Another connection in the middle of a read keeps the WAL from being
 * emptied: forget_deleted says so (soon, not after the whole busy
 * timeout), and succeeds once the read is over. */
static void
test_forget_deleted_busy (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  g_autoptr(SbDatabase) reader = NULL;
  sqlite3_stmt *read;
  gint64 start;

  g_assert_no_error (error);
  reader = sb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_database_exec (db, "INSERT INTO stories (uuid, title, created_at, updated_at) "
                                       "VALUES ('a', 'Gone soon', 0, 0), ('b', 'Stays', 0, 0)", &error));
  g_assert_no_error (error);

  /* The reader stops half-way through its rows, its snapshot still open. */
  read = sb_database_prepare (reader, "SELECT title FROM stories", &error);
  g_assert_cmpint (sb_database_step (reader, read, &error), ==, SB_STEP_ROW);
  g_assert_true (sb_database_exec (db, "DELETE FROM stories WHERE uuid = 'a'", &error));

  start = g_get_monotonic_time ();
  g_assert_false (sb_database_forget_deleted (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "bank.sqlite3"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  sqlite3_reset (read);
  g_assert_true (sb_database_forget_deleted (db, &error));
  g_assert_no_error (error);
}

/* forget_deleted runs after every story delete: it must stay cheap on a
 * large bank. */
static void
test_forget_deleted_cost (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  sqlite3_stmt *insert;
  gint64 start;
  double first, again;

  g_assert_no_error (error);
  g_assert_true (sb_database_begin (db, &error));
  insert = sb_database_prepare (db,
                                "INSERT INTO stories (uuid, title, situation, task, action, result, learning, "
                                "created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?3, ?3, ?3, 0, 0)",
                                &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("uuid-%u", i);
      g_autofree char *title = g_strdup_printf ("Story number %u", i);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint w = 0; w < 60; w++)
        g_string_append_printf (text, "word%u term%u ", (i * 61 + w) % 5000, w);
      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, text->str, -1, SQLITE_TRANSIENT);
      g_assert_true (sb_database_step_done (db, insert, &error));
    }
  g_assert_true (sb_database_commit (db, &error));
  g_assert_true (sb_database_forget_deleted (db, &error));
  g_assert_no_error (error);

  g_assert_true (sb_database_exec (db, "DELETE FROM stories WHERE uuid = 'uuid-500'", &error));
  start = g_get_monotonic_time ();
  g_assert_true (sb_database_forget_deleted (db, &error));
  first = (g_get_monotonic_time () - start) / 1000.0;
  start = g_get_monotonic_time ();
  g_assert_true (sb_database_forget_deleted (db, &error));
  again = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_test_message ("forget_deleted on 1,000 stories: %.1f ms after a delete, %.1f ms with nothing deleted",
                  first, again);
  g_printerr ("# forget_deleted on 1,000 stories: %.1f ms after a delete, %.1f ms with nothing deleted\n",
              first, again);
  g_assert_cmpfloat (first, <, 3000.0);
}

static int
interrupt_once (void *data)
{
  gboolean *fired = data;

  if (*fired)
    return 0;
  *fired = TRUE;
  return 1;
}

/* A read that fails half-way through a row loop is an error, not the end
 * of the rows: here the loop that collects the taken question ids, which
 * used to stop quietly and go on with half the list. */
/* Copies the bank file alone (no -wal) and counts the stories in it: what
 * has been checkpointed into the bank itself. A checkpoint still running
 * would be copied half-written: @db (may be NULL) waits for it first. */
static int
count_checkpointed_stories (SbTestDir  *dir,
                            SbDatabase *db_,
                            const char *path)
{
  g_autofree char *copy = sb_test_dir_file (dir, "checkpointed.sqlite3");
  g_autofree char *contents = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gsize length = 0;
  int n;

  if (db_ != NULL)
    sb_database_wait_background_checkpoints (db_);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM stories", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_unlink (copy);
  return n;
}

static void
insert_long_stories (SbDatabase *db,
                     guint       first,
                     guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *insert;

  for (guint w = 0; w < 600; w++)
    g_string_append_printf (text, "word%u ", w);
  insert = sb_database_prepare (db,
                                "INSERT INTO stories (uuid, title, action, created_at, updated_at) "
                                "VALUES (?1, 'A long one', ?2, 0, 0)",
                                &error);
  g_assert_no_error (error);
  /* Each insert is a commit of its own, as an autosave is. */
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("uuid-%u", i);

      sqlite3_bind_text (insert, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, text->str, -1, SQLITE_STATIC);
      g_assert_true (sb_database_step_done (db, insert, &error));
      g_assert_no_error (error);
    }
}

/* The window's bank folds its WAL into the file from a worker thread: no
 * commit checkpoints (SQLite's automatic checkpoint is off), yet what was
 * committed reaches the bank file without the main thread doing anything;
 * a checkpoint of the main thread's own (forget_deleted) still works, and
 * closing empties the WAL as before. */
static void
test_background_checkpoint (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  gint64 deadline;

  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA wal_autocheckpoint"), ==, 1000);
  sb_database_set_background_checkpoints (db, TRUE);
  g_assert_cmpint (query_int (db, "PRAGMA wal_autocheckpoint"), ==, 0);
  g_assert_cmpint (count_checkpointed_stories (dir, db, path), ==, 0);

  /* Some 2 MB: well past the point where a checkpoint is due. */
  insert_long_stories (db, 0, 400);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (sb_database_get_n_background_checkpoints (db) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpuint (sb_database_get_n_background_checkpoints (db), >, 0);
  g_assert_cmpint (count_checkpointed_stories (dir, db, path), >, 0);

  /* The main thread's own truncating checkpoint is not refused because
   * the worker's is under way. */
  insert_long_stories (db, 400, 200);
  g_assert_true (sb_database_forget_deleted (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_checkpointed_stories (dir, db, path), ==, 600);

  /* Switched off, SQLite checkpoints in the commit again. */
  sb_database_set_background_checkpoints (db, FALSE);
  g_assert_cmpint (query_int (db, "PRAGMA wal_autocheckpoint"), ==, 1000);
  sb_database_set_background_checkpoints (db, TRUE);
  insert_long_stories (db, 600, 100);

  /* Closing right after a burst of commits still leaves no WAL behind. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_clear_object (&db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_checkpointed_stories (dir, db, path), ==, 700);
}

static void
test_read_error_reported (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  sqlite3 *handle;
  gboolean fired = FALSE;
  SbQuestion *question;

  g_assert_no_error (error);
  handle = sb_database_get_handle (sb_store_get_database (store));
  sqlite3_progress_handler (handle, 20, interrupt_once, &fired);
  question = sb_store_add_question (store, "What did you learn last year?", NULL, NULL, &error);
  sqlite3_progress_handler (handle, 0, NULL, NULL);
  g_assert_true (fired);
  g_assert_null (question);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not be read"));
  g_clear_error (&error);

  question = sb_store_add_question (store, "What did you learn last year?", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (question);
}

/* A damaged WAL bank: a leaf of its stories table overwritten, so it
 * opens but its pages do not check out. */
static char *
make_damaged_wal_bank (SbTestDir *dir,
                       char     **contents,
                       gsize     *length)
{
  char *path = make_wal_bank_with_stories (dir, "bank.sqlite3", 200);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  gsize page;

  /* A leaf page of the stories table. */
  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'stories' "
                                           "AND pagetype = 'leaf' LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = (gsize) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_true (g_file_get_contents (path, contents, length, NULL));
  g_assert_cmpuint (page * 4096, <=, *length);
  memset (*contents + (page - 1) * 4096, 0xff, 64);
  g_assert_true (g_file_set_contents (path, *contents, *length, NULL));
  return path;
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
run_check (SbDatabase  *db,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sb_database_check_async (db, NULL, check_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return sb_database_check_finish (db, result, error);
}

static void
assert_file_is (const char *path,
                const char *contents,
                gsize       length)
{
  g_autofree char *now = NULL;
  gsize now_length;

  g_assert_true (g_file_get_contents (path, &now, &now_length, NULL));
  g_assert_cmpmem (now, now_length, contents, length);
}

/* The window's way in: a damaged bank opens, its check runs in a worker
 * after the window shows, and finds it; from then on it is read-only, says
 * why, and its file is never written, not even on closing. */
static void
test_deferred_check_finds_damage (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *path = make_damaged_wal_bank (dir, &contents, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;

  /* The command line's way still refuses it outright. */
  assert_refused_unchanged (path, SB_DATABASE_ERROR_CORRUPT, "damaged");

  db = sb_database_open_deferring_check (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_database_get_check_pending (db));
  g_assert_false (sb_database_is_read_only (db));
  /* Nothing writes while the check is pending, even behind its back. */
  g_assert_false (sb_database_exec (db, "INSERT INTO meta (key, value) VALUES ('x', 'y')", NULL));

  g_assert_false (run_check (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  g_assert_false (sb_database_get_check_pending (db));
  g_assert_true (sb_database_is_damaged (db));
  g_assert_true (sb_database_is_read_only (db));
  g_assert_nonnull (strstr (sb_database_get_read_only_reason (db), "backup"));

  g_assert_false (sb_database_begin (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (sb_database_compact_search_index (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_clear_object (&db);
  assert_file_is (path, contents, length);
}

/* A write that comes before the worker's verdict runs the check itself,
 * first: on a damaged bank it is refused and nothing is written. */
static void
test_deferred_check_before_write (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *path = make_damaged_wal_bank (dir, &contents, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open_deferring_check (path, &error);

  g_assert_no_error (error);
  g_assert_true (sb_database_get_check_pending (db));
  g_assert_false (sb_database_begin (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (sb_database_is_damaged (db));
  /* The worker's late answer agrees. */
  g_assert_false (run_check (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);

  g_clear_object (&db);
  assert_file_is (path, contents, length);
}

/* A sound bank: the check passes, in the worker or before a write, and
 * writes go through; a bank opening must write to (a migration, a
 * rollback journal) is checked at once. */
static void
test_deferred_check_sound_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = make_wal_bank_with_stories (dir, "bank.sqlite3", 3);
  g_autofree char *plain = make_bank_with_stories (dir, "plain.sqlite3", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;

  db = sb_database_open_deferring_check (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_database_get_check_pending (db));
  g_assert_true (run_check (db, &error));
  g_assert_no_error (error);
  g_assert_false (sb_database_get_check_pending (db));
  g_assert_true (sb_database_set_meta (db, "x", "y", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = sb_database_open_deferring_check (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_database_set_meta (db, "x", "z", &error));
  g_assert_no_error (error);
  g_assert_false (sb_database_get_check_pending (db));
  g_assert_false (sb_database_is_damaged (db));
  g_clear_object (&db);

  db = sb_database_open_deferring_check (plain, &error);
  g_assert_no_error (error);
  g_assert_false (sb_database_get_check_pending (db));
}

/* A one-pass connection's small page cache (the deferred check's, a
 * backup's): far smaller than the bank, and the check still reads every
 * page, so it still finds the damaged one; a sound bank still passes. */
static gint64
cache_size_of (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 size;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

static void
test_deferred_check_small_cache (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *damaged = make_damaged_wal_bank (dir, &contents, &length);
  g_autoptr(SbTestDir) other = sb_test_dir_new ();
  g_autofree char *sound = make_wal_bank_with_stories (other, "bank.sqlite3", 200);
  const char *paths[] = { sound, damaged };

  /* The bank is larger than the cache. */
  g_assert_cmpuint (length, >, 2 * SB_DATABASE_SMALL_CACHE_KB * 1024);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *uri = g_strconcat ("file:", paths[i], "?immutable=1", NULL);
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
      sb_database_use_small_cache (db);
      g_assert_cmpint (cache_size_of (db), ==, -SB_DATABASE_SMALL_CACHE_KB);
      if (paths[i] == sound)
        {
          g_assert_true (sb_database_quick_check (db, "sound", &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (sb_database_quick_check (db, "damaged", &error));
          g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT);
        }
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/database/create-private", test_create_private);
  g_test_add_func ("/database/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/database/transaction-rollback", test_transaction_rollback);
  g_test_add_func ("/database/statement-cache", test_statement_cache);
  g_test_add_func ("/database/refuse/random-bytes", test_refuse_random_bytes);
  g_test_add_func ("/database/deferred-check/finds-damage", test_deferred_check_finds_damage);
  g_test_add_func ("/database/deferred-check/before-write", test_deferred_check_before_write);
  g_test_add_func ("/database/deferred-check/sound-bank", test_deferred_check_sound_bank);
  g_test_add_func ("/database/deferred-check/small-cache", test_deferred_check_small_cache);
  g_test_add_func ("/database/refuse/text-file", test_refuse_text_file);
  g_test_add_func ("/database/refuse/other-program", test_refuse_other_program);
  g_test_add_func ("/database/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/database/refuse/corrupt-pages", test_refuse_corrupt_pages);
  g_test_add_func ("/database/refuse/newer-schema", test_refuse_newer_schema);
  g_test_add_func ("/database/refuse/folder", test_refuse_folder);
  g_test_add_func ("/database/refuse/truncated-wal", test_refuse_truncated_wal);
  g_test_add_func ("/database/refuse/corrupt-wal", test_refuse_corrupt_wal);
  g_test_add_func ("/database/refuse/newer-schema-wal", test_refuse_newer_schema_wal);
  g_test_add_func ("/database/refuse/other-program-wal", test_refuse_other_program_wal);
  g_test_add_func ("/database/refuse/symlink", test_refuse_symlink);
  g_test_add_func ("/database/empty-file-becomes-bank", test_empty_file_becomes_bank);
  g_test_add_func ("/database/default-path", test_default_path);
  g_test_add_func ("/database/open-while-open-elsewhere", test_open_while_open_elsewhere);
  g_test_add_func ("/database/open-new-bank-concurrently", test_open_new_bank_concurrently);
  g_test_add_func ("/database/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/database/backup", test_backup);
  g_test_add_func ("/database/foreign-keys-indexed", test_foreign_keys_indexed);
  g_test_add_data_func ("/database/migrate/from-v1", "bank-v1.sqlite3", test_migrate_fixture);
  g_test_add_data_func ("/database/migrate/from-v2", "bank-v2.sqlite3", test_migrate_fixture);
  g_test_add_data_func ("/database/migrate/from-v3", "bank-v3.sqlite3", test_migrate_fixture);
  g_test_add_data_func ("/database/migrate/from-v4", "bank-v4.sqlite3", test_migrate_fixture);
  g_test_add_data_func ("/database/migrate/failed-leaves-file", GINT_TO_POINTER (FALSE),
                        test_failed_migration_unchanged);
  g_test_add_data_func ("/database/migrate/failed-leaves-file-wal", GINT_TO_POINTER (TRUE),
                        test_failed_migration_unchanged);
  g_test_add_func ("/database/forget-deleted", test_forget_deleted);
  g_test_add_func ("/database/forget-deleted-busy", test_forget_deleted_busy);
  g_test_add_func ("/database/forget-deleted-cost", test_forget_deleted_cost);
  g_test_add_func ("/database/background-checkpoint", test_background_checkpoint);
  g_test_add_func ("/database/read-error-reported", test_read_error_reported);

  return g_test_run ();
}
