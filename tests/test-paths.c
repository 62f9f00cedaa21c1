/* test-paths.c — odd paths and file modes around a bank: symbolic links,
 * named pipes, read-only files and folders, files others can read, and a
 * failed open that must leave nothing behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sb-database.h"
#include "sb-exchange.h"
#include "sb-store.h"
#include "sb-test-person.h"
#include "sb-test-util.h"

#define NOBODY 65534

static char *
side_file (const char *path,
           const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
make_bank (const char *path,
           const char *probe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (sb_database_set_meta (db, "probe", probe, &error));
  g_assert_no_error (error);
}

/* ---- symbolic links ---------------------------------------------------- */

/* A symlinked data folder (XDG_DATA_HOME on another disk, say) is ordinary:
 * SQLite's SQLITE_OPEN_NOFOLLOW refuses a link anywhere in the path, which
 * left a 0-byte bank behind and no way to open it. */
static void
test_symlink_above (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *real = sb_test_dir_file (dir, "real-data");
  g_autofree char *link = sb_test_dir_file (dir, "data");
  g_autofree char *path = g_build_filename (link, "storybank", "storybank.sqlite3", NULL);
  g_autofree char *real_path = g_build_filename (real, "storybank", "storybank.sqlite3", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (symlink ("real-data", link), ==, 0);

  make_bank (path, "through the link");
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test (real_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (mode_of (real_path), ==, 0600);

  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (sb_database_get_path (db), ==, path);
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "through the link");
  }
  {
    /* The same bank by its real path is the same bank. */
    g_autoptr(SbDatabase) db = sb_database_open (real_path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "through the link");
  }
}

/* The issue as a person met it: XDG_DATA_HOME is a symbolic link, and the
 * default bank is made beneath it. (A child process, since GLib reads
 * XDG_DATA_HOME once.) */
static void
test_symlink_above_default_subprocess (void)
{
  const char *folder = g_getenv ("SB_TEST_FOLDER");
  g_autofree char *real = g_build_filename (folder, "real-data", NULL);
  g_autofree char *link = g_build_filename (folder, "data", NULL);
  g_autofree char *real_path = g_build_filename (real, "storybank", "storybank.sqlite3", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (symlink ("real-data", link), ==, 0);
  g_setenv ("XDG_DATA_HOME", link, TRUE);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SbDatabase) db = sb_database_open (NULL, &error);

      g_assert_no_error (error);
      g_assert_true (sb_database_set_meta (db, "probe", "default", &error));
      g_assert_no_error (error);
    }
  g_assert_true (g_file_test (real_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_symlink_above_default (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();

  g_setenv ("SB_TEST_FOLDER", dir->path, TRUE);
  g_test_trap_subprocess ("/paths/symlink-above-default/subprocess", 20 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The bank file itself a link stays refused, naming the path. */
static void
test_symlink_bank_refused (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *link = sb_test_dir_file (dir, "link.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;

  make_bank (path, "x");
  g_assert_cmpint (symlink (path, link), ==, 0);
  db = sb_database_open (link, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "link.sqlite3"));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

/* ---- special files ------------------------------------------------------ */

static void
test_fifo_refused_subprocess (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "pipe.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  GStatBuf st;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "pipe.sqlite3"));
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (count_entries (dir->path), ==, 1);
}

/* A named pipe as bank used to hang for ever in open(): the check runs in
 * a child with a time limit, so a hang fails the test. */
static void
test_fifo_refused (void)
{
  g_test_trap_subprocess ("/paths/fifo-refused/subprocess", 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ---- a failed open leaves nothing behind --------------------------------- */

static void
test_failed_open_leaves_nothing (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *long_name = g_strnfill (300, 'b');
  g_autofree char *first = sb_test_dir_file (dir, "new-folder");
  g_autofree char *path = g_build_filename (first, "inner", long_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;

  /* The folders can be made, the file (its name too long) cannot. */
  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir->path), ==, 0);
}

static void
test_full_disk_leaves_nothing_subprocess (void)
{
  const char *folder = g_getenv ("SB_TEST_FOLDER");
  g_autofree char *path = g_build_filename (folder, "new", "deeper", "bank.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  struct rlimit limit = { 1024, 1024 };

  /* A file may not grow past 1 KiB: writing the first page fails as on a
   * full disk (EFBIG rather than ENOSPC, and SQLite treats both alike). */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_printerr ("%s\n", error->message);
}

static void
test_full_disk_leaves_nothing (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();

  g_setenv ("SB_TEST_FOLDER", dir->path, TRUE);
  g_test_trap_subprocess ("/paths/full-disk-leaves-nothing/subprocess", 20 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_assert_cmpuint (count_entries (dir->path), ==, 0);
}

/* ---- read-only banks and folders ---------------------------------------- */

static void
assert_read_only_write_refused (SbDatabase *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_database_set_meta (db, "probe", "changed", &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (sb_database_begin (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sb_database_exec (db, "DELETE FROM meta", &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (sb_database_forget_deleted (db, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
}

/* A 0400 bank opens read-only on purpose, says why, refuses every write
 * with a clear error, leaves no side files, and opens for writing again as
 * soon as the person makes it writable. */
static void
test_read_only_file (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  make_bank (path, "kept");
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    g_assert_true (sb_database_is_read_only (db));
    g_assert_true (sqlite3_db_readonly (sb_database_get_handle (db), "main") == 1);
    g_assert_nonnull (strstr (sb_database_get_read_only_reason (db), "bank.sqlite3"));
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "kept");
    assert_read_only_write_refused (db);
  }
  g_assert_cmpuint (count_entries (dir->path), ==, 1);
  g_assert_cmpuint (mode_of (path), ==, 0400);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    g_assert_false (sb_database_is_read_only (db));
    g_assert_null (sb_database_get_read_only_reason (db));
    g_assert_true (sb_database_set_meta (db, "probe", "changed", &error));
    g_assert_no_error (error);
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "changed");
  }

  /* An empty file that cannot be written cannot become a bank. */
  {
    g_autofree char *empty = sb_test_dir_file (dir, "empty.sqlite3");
    g_autoptr(SbDatabase) db = NULL;

    g_assert_true (g_file_set_contents_full (empty, "", 0, G_FILE_SET_CONTENTS_NONE, 0400, NULL));
    db = sb_database_open (empty, &error);
    g_assert_null (db);
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "empty.sqlite3"));
    g_assert_cmpuint (mode_of (empty), ==, 0400);
  }
  sb_test_act_as_self ();
}

/* Makes @path as a crash leaves a bank: its newest change ("only in the
 * wal") in the -wal, and no -shm. */
static void
make_crashed_bank (const char *scratch,
                   const char *path)
{
  g_autofree char *scratch_wal = side_file (scratch, "-wal");
  g_autofree char *wal = side_file (path, "-wal");
  g_autofree char *shm = side_file (path, "-shm");
  g_autoptr(GError) error = NULL;

  make_bank (scratch, "old");
  {
    g_autoptr(SbDatabase) db = sb_database_open (scratch, &error);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_no_error (error);
    g_assert_true (sb_database_exec (db, "PRAGMA wal_autocheckpoint = 0", &error));
    g_assert_true (sb_database_set_meta (db, "probe", "only in the wal", &error));
    g_assert_no_error (error);
    /* Copy the files as a crash would leave them, while the bank is open. */
    g_assert_true (g_file_get_contents (scratch, &contents, &length, NULL));
    g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (scratch_wal, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 0);
    g_assert_true (g_file_set_contents_full (wal, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  }
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* What a crash leaves: a -wal holding the newest change, no -shm. Reading
 * it read-only must see that change and must not leave a -shm with the
 * bank's 0400 mode, which would keep a later run from writing the bank. */
static void
test_read_only_crashed_wal (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *scratch = sb_test_dir_file (dir, "scratch.sqlite3");
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *shm = side_file (path, "-shm");
  g_autoptr(GError) error = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  make_crashed_bank (scratch, path);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    g_assert_true (sb_database_is_read_only (db));
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "only in the wal");
  }
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    g_assert_cmpuint (mode_of (shm), ==, 0600);

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    g_assert_false (sb_database_is_read_only (db));
    g_assert_true (sb_database_set_meta (db, "probe", "written later", &error));
    g_assert_no_error (error);
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "written later");
  }
  sb_test_act_as_self ();
}

/* The same in a folder the person cannot write: no -shm can be made, so
 * SQLite cannot read the -wal. The bank is refused with a message that
 * says why and names the folder (not "damaged"), and nothing is written. */
static void
test_read_only_folder_crashed_wal (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *scratch = sb_test_dir_file (dir, "scratch.sqlite3");
  g_autofree char *folder = sb_test_dir_file (dir, "locked");
  g_autofree char *path = g_build_filename (folder, "bank.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  make_crashed_bank (scratch, path);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "bank.sqlite3"));
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_cmpuint (count_entries (folder), ==, 2);
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  sb_test_act_as_self ();
}

/* A -shm or -wal left 0400 by an older read-only run is repaired when the
 * bank opens for writing. */
static void
test_read_only_leftovers_repaired (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *shm = side_file (path, "-shm");
  g_autoptr(GError) error = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  make_bank (path, "x");
  g_assert_true (g_file_set_contents_full (shm, "", 0, G_FILE_SET_CONTENTS_NONE, 0400, NULL));
  g_assert_cmpuint (mode_of (shm), ==, 0400);
  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_false (sb_database_is_read_only (db));
    g_assert_true (sb_database_set_meta (db, "probe", "y", &error));
    g_assert_no_error (error);
  }
  sb_test_act_as_self ();
}

static void
test_read_only_folder (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *folder = sb_test_dir_file (dir, "locked");
  g_autofree char *path = g_build_filename (folder, "bank.sqlite3", NULL);
  g_autofree char *fresh = g_build_filename (folder, "fresh.sqlite3", NULL);
  g_autoptr(GError) error = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  make_bank (path, "kept");
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);
    g_autofree char *value = NULL;

    g_assert_no_error (error);
    g_assert_true (sb_database_is_read_only (db));
    g_assert_nonnull (strstr (sb_database_get_read_only_reason (db), "locked"));
    value = sb_database_get_meta (db, "probe");
    g_assert_cmpstr (value, ==, "kept");
    assert_read_only_write_refused (db);
  }

  /* No new bank can be made there: the message names the folder. */
  {
    g_autoptr(SbDatabase) db = sb_database_open (fresh, &error);

    g_assert_null (db);
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
    g_assert_nonnull (strstr (error->message, folder));
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (count_entries (folder), ==, 1);
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  sb_test_act_as_self ();
}

/* A read-only bank of an older schema cannot be updated: a clear refusal,
 * not a half-open bank. */
static void
test_read_only_old_schema (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *fixture = sb_test_data_path ("bank-v1.sqlite3");
  g_autofree char *path = sb_test_dir_file (dir, "old.sqlite3");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  gsize length;

  if (!sb_test_act_as_person (dir))
    return;
  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0400, NULL));
  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "old.sqlite3"));
  g_assert_cmpuint (count_entries (dir->path), ==, 1);
  sb_test_act_as_self ();
}

/* ---- private modes ------------------------------------------------------ */

static void
test_tighten (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *wal = side_file (path, "-wal");
  g_autofree char *shm = side_file (path, "-shm");
  g_autofree char *journal = side_file (path, "-journal");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) holder = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  make_bank (path, "x");
  /* Keep it open so that its -wal and -shm stay. */
  holder = sb_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_database_set_meta (holder, "probe", "y", &error));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0644), ==, 0);
  g_assert_true (g_file_set_contents_full (journal, "", 0, G_FILE_SET_CONTENTS_NONE, 0644, NULL));

  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (sb_database_get_tightened (db));
    g_assert_cmpuint (mode_of (path), ==, 0600);
    g_assert_cmpuint (mode_of (wal), ==, 0600);
    g_assert_cmpuint (mode_of (shm), ==, 0600);
    if (g_file_test (journal, G_FILE_TEST_EXISTS))
      g_assert_cmpuint (mode_of (journal), ==, 0600);
  }
  {
    g_autoptr(SbDatabase) db = sb_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_false (sb_database_get_tightened (db));
  }
  g_clear_object (&holder);
  sb_test_act_as_self ();
}

/* Someone else's bank that others can read is refused, and left as it is. */
static void
test_foreign_readable_refused (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "theirs.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = NULL;
  GStatBuf st;

  if (getuid () != 0)
    {
      g_test_skip ("needs root to make a bank that belongs to someone else");
      return;
    }
  make_bank (path, "x");
  g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  db = sb_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "theirs.sqlite3"));
  g_assert_nonnull (strstr (error->message, "another user"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpuint (st.st_uid, ==, NOBODY);
}

/* ---- export ------------------------------------------------------------- */

static void
test_export_onto_fifo_subprocess (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *pipe = sb_test_dir_file (dir, "out.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_assert_false (sb_exchange_export_json_file (store, pipe, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "out.json"));
  g_assert_cmpint (g_lstat (pipe, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* The Markdown export writes through the same door. */
  g_clear_error (&error);
  g_assert_false (sb_exchange_export_markdown_file (store, pipe, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "out.json"));
  g_assert_cmpint (g_lstat (pipe, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

static void
test_export_onto_fifo (void)
{
  g_test_trap_subprocess ("/paths/export-onto-fifo/subprocess", 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A link to a regular file is written through: the file it points to gets
 * the export, and the link stays a link. */
static void
test_export_onto_symlink (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *target = sb_test_dir_file (dir, "target.json");
  g_autofree char *link = sb_test_dir_file (dir, "out.json");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.json", link), ==, 0);
  g_assert_true (sb_exchange_export_json_file (store, link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{"));
  g_assert_cmpuint (mode_of (target), ==, 0600);

  /* A link to something that is no file is refused, naming the link. */
  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  g_assert_false (sb_exchange_export_json_file (store, link, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "out.json"));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paths/symlink-above", test_symlink_above);
  g_test_add_func ("/paths/symlink-above-default", test_symlink_above_default);
  g_test_add_func ("/paths/symlink-above-default/subprocess", test_symlink_above_default_subprocess);
  g_test_add_func ("/paths/symlink-bank-refused", test_symlink_bank_refused);
  g_test_add_func ("/paths/fifo-refused", test_fifo_refused);
  g_test_add_func ("/paths/fifo-refused/subprocess", test_fifo_refused_subprocess);
  g_test_add_func ("/paths/failed-open-leaves-nothing", test_failed_open_leaves_nothing);
  g_test_add_func ("/paths/full-disk-leaves-nothing", test_full_disk_leaves_nothing);
  g_test_add_func ("/paths/full-disk-leaves-nothing/subprocess", test_full_disk_leaves_nothing_subprocess);
  g_test_add_func ("/paths/read-only/file", test_read_only_file);
  g_test_add_func ("/paths/read-only/crashed-wal", test_read_only_crashed_wal);
  g_test_add_func ("/paths/read-only/folder-crashed-wal", test_read_only_folder_crashed_wal);
  g_test_add_func ("/paths/read-only/leftovers-repaired", test_read_only_leftovers_repaired);
  g_test_add_func ("/paths/read-only/folder", test_read_only_folder);
  g_test_add_func ("/paths/read-only/old-schema", test_read_only_old_schema);
  g_test_add_func ("/paths/tighten", test_tighten);
  g_test_add_func ("/paths/foreign-readable-refused", test_foreign_readable_refused);
  g_test_add_func ("/paths/export-onto-fifo", test_export_onto_fifo);
  g_test_add_func ("/paths/export-onto-fifo/subprocess", test_export_onto_fifo_subprocess);
  g_test_add_func ("/paths/export-onto-symlink", test_export_onto_symlink);

  return g_test_run ();
}
