/* sb-database.c — the SQLite connection behind a Storybank bank
 *
 * The object, its errors, and opening a bank: the path looked at, the
 * connection made (read-only when it must be), migrated and switched to a
 * write-ahead log; then what a connection does as a whole (compacting the
 * search index, erasing deleted text, background checkpoints, backups).
 * Its siblings hold the bank's files (sb-database-files.c), the schema
 * (sb-database-migrate.c), statements and transactions
 * (sb-database-statements.c) and the deferred page check
 * (sb-database-check.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "sb-backup.h"
#include "sb-checkpoint.h"
#include "sb-database-private.h"

G_DEFINE_FINAL_TYPE (SbDatabase, sb_database, G_TYPE_OBJECT)

/* How long a statement waits for another Storybank holding the bank. */
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (sb-database-error-quark, sb_database_error)

static void
sb_database_finalize (GObject *object)
{
  SbDatabase *self = (SbDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->checkpointer, sb_checkpointer_free);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->real_path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (sb_database_parent_class)->finalize (object);
}

static void
sb_database_class_init (SbDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sb_database_init (SbDatabase *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

int
_sb_database_error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return SB_DATABASE_ERROR_NOT_A_BANK;
    case SQLITE_CORRUPT:
      return SB_DATABASE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SB_DATABASE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
      return SB_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return SB_DATABASE_ERROR_OPEN;
    default:
      return SB_DATABASE_ERROR_FAILED;
    }
}

void
_sb_database_set_read_only_error (SbDatabase  *self,
                                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
               _("“%s” is open read-only: the change cannot be saved"), display);
}

void
sb_database_set_error (SbDatabase  *self,
                       GError     **error,
                       const char  *what)
{
  int rc = sqlite3_extended_errcode (self->db);

  if (self->read_only && (rc & 0xff) == SQLITE_READONLY)
    {
      _sb_database_set_read_only_error (self, error);
      return;
    }
  g_set_error (error, SB_DATABASE_ERROR, _sb_database_error_code (rc),
               "%s: %s", what, sqlite3_errmsg (self->db));
}

char *
sb_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "storybank", "storybank.sqlite3", NULL);
}

/* A write-ahead log lets the window read while the command line writes.
 * The pragma answers with the mode in force, which is not "wal" where the
 * file system cannot share memory between processes (some network and
 * FUSE file systems): a rollback journal is as safe against a crash, so
 * the bank still opens; a mode that keeps no journal on disk is refused.
 * Switching a new bank to WAL needs the file to itself, and SQLite answers
 * "busy" at once, without its busy handler, while another Storybank is
 * doing the same: wait for it like the busy timeout would. */
static gboolean
use_wal (SbDatabase  *self,
         const char  *display,
         GError     **error)
{
  for (guint waited_ms = 0;; waited_ms += 10)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *mode = g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 0), -1);

          sqlite3_finalize (stmt);
          if (g_str_equal (mode, "wal"))
            return TRUE;
          if (g_str_equal (mode, "delete") || g_str_equal (mode, "truncate") ||
              g_str_equal (mode, "persist"))
            {
              g_debug ("%s: the file system refused a write-ahead log; using the %s journal",
                       display, mode);
              return TRUE;
            }
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” cannot be kept safe here: the file system allows no journal "
                         "on disk (journal mode “%s”)"), display, mode);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= 5000)
        {
          g_set_error (error, SB_DATABASE_ERROR, _sb_database_error_code (rc),
                       _("Could not open “%s”: %s"), display, sqlite3_errmsg (self->db));
          return FALSE;
        }
      g_usleep (10 * 1000);
    }
}

static gboolean
open_connection (SbDatabase  *self,
                 const char  *real_path,
                 const char  *real_dir,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  int rc;

  /* NOMUTEX: a connection is used by one thread at a time (the one of its
   * SbStore; workers and the checkpoint open their own), so SQLite need
   * not lock it around every call: reading 10,000 stories makes 300,000
   * sqlite3_column_*() calls, and the locks were 15 % of opening. */
  if (self->read_only)
    {
      g_autofree char *uri = sb_database_read_only_uri (real_path);

      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW |
                            SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
                            NULL);
    }
  else
    rc = sqlite3_open_v2 (real_path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE |
                          SQLITE_OPEN_NOMUTEX,
                          NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, sqlite3_errstr (rc));
      return FALSE;
    }

  /* SQLite quietly falls back to reading when it may not write the file:
   * then open it read-only on purpose instead, so that nothing it makes
   * beside the bank carries the wrong mode. */
  if (!self->read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      self->read_only = TRUE;
      self->read_only_reason =
        g_strdup_printf (_("“%s” could only be opened for reading, so nothing in it can be changed."),
                         display);
      return open_connection (self, real_path, real_dir, error);
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  return TRUE;
}

/* Everything sb_database_open() does; on failure the caller removes what
 * it made, which this records in @out_real_path, @out_created_file and
 * @created_dirs. */
static SbDatabase *
open_bank (const char  *path,
           gboolean     defer_check,
           GPtrArray   *created_dirs,
           char       **out_real_path,
           gboolean    *out_created_file,
           GError     **error)
{
  g_autoptr(SbDatabase) self = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real_dir = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *read_only_reason = NULL;
  gboolean exists = FALSE;
  gboolean empty = TRUE;
  gboolean tightened = FALSE;
  GStatBuf st;

  /* Look at the path without following it, and before opening anything:
   * opening a named pipe would wait for ever. */
  if (g_lstat (path, &st) == 0)
    {
      exists = TRUE;
      if (S_ISLNK (st.st_mode))
        {
          /* SQLite opens the bank with SQLITE_OPEN_NOFOLLOW (its -wal and
           * -shm files would otherwise land beside the link, not the bank);
           * say so instead of SQLite's "unable to open database file". */
          g_autofree char *target = g_file_read_link (path, NULL);
          g_autofree char *target_display = target != NULL ? g_filename_display_name (target) : NULL;

          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” is a symbolic link (to “%s”); give the path of the bank file itself"),
                       display, target_display != NULL ? target_display : "?");
          return NULL;
        }
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                       _("“%s” is a folder, not a Storybank bank"), display);
          return NULL;
        }
      if (!S_ISREG (st.st_mode))
        {
          _sb_database_set_not_a_file_error (error, display, st.st_mode);
          return NULL;
        }
    }
  else if (errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }

  if (!exists && !_sb_database_create_folders (dir, created_dirs, error))
    return NULL;

  /* SQLITE_OPEN_NOFOLLOW refuses a symbolic link anywhere in the path, not
   * only the bank itself; a symlinked data folder is ordinary, so SQLite
   * gets the path with its folders resolved. */
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    {
      int saved = errno;
      g_autofree char *dir_display = g_filename_display_name (dir);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open the folder “%s”: %s"), dir_display, g_strerror (saved));
      return NULL;
    }
  real_path = g_build_filename (real_dir, base, NULL);
  *out_real_path = g_strdup (real_path);

  if (exists)
    {
      if (!_sb_database_check_header (real_path, &empty, error))
        return NULL;
      _sb_database_prepare_shm (real_path, real_dir);
      if (!empty && !_sb_database_check_wal_readable (real_path, path, dir, error))
        return NULL;
      if (empty)
        defer_check = FALSE;
      else if (!_sb_database_vet_existing_file_settled (real_path, &defer_check, error))
        return NULL;

      if (!_sb_database_can_write (real_path))
        read_only_reason = g_strdup_printf (_("You cannot write to “%s”, so it is open read-only: "
                                              "nothing in it can be changed."), display);
      else if (!_sb_database_can_write (real_dir))
        {
          g_autofree char *dir_display = g_filename_display_name (dir);
          read_only_reason = g_strdup_printf (_("You cannot write to the folder “%s”, so the bank is "
                                                "open read-only: nothing in it can be changed."),
                                              dir_display);
        }

      if (empty)
        {
          /* A 0-byte file holds nothing that could be lost, and SQLite
           * itself reads it as an empty database: it is what `touch`,
           * mktemp or a file chooser's "new file" leave behind for a bank
           * about to be made. So it becomes a new bank, made private (0600)
           * like one we create. */
          if (read_only_reason != NULL)
            {
              g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
                           _("“%s” is empty, and no bank can be made in it: you cannot write "
                             "to it or to its folder"),
                           display);
              return NULL;
            }
          if (!_sb_database_make_file_private (real_path, error))
            return NULL;
        }
      else if (!_sb_database_tighten_bank_files (real_path, read_only_reason == NULL, &tightened, error))
        return NULL;
    }
  else
    {
      defer_check = FALSE;
      if (!_sb_database_create_bank_file (real_path, real_dir, out_created_file, error))
        return NULL;
    }

  self = g_object_new (SB_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->real_path = g_strdup (real_path);
  self->tightened = tightened;
  self->read_only = read_only_reason != NULL;
  self->read_only_reason = g_steal_pointer (&read_only_reason);
  self->check_pending = defer_check;

  if (!open_connection (self, real_path, real_dir, error))
    return NULL;
  /* Until its pages are checked, nothing may write to the file: not a
   * statement (query_only), nor the checkpoint of closing. */
  if (self->check_pending &&
      (sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL) != SQLITE_OK ||
       !sb_database_exec (self, "PRAGMA query_only = ON", error)))
    return NULL;

  /* Deleted rows are overwritten with zeros, not left in free space. */
  if (!sb_database_exec (self, "PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (self->read_only)
    {
      int version = 0;

      if (!sb_database_exec (self, "PRAGMA query_only = ON", error))
        return NULL;
      if (!_sb_database_query_int (self->db, "PRAGMA user_version", &version, error))
        return NULL;
      if (version < sb_database_get_latest_schema_version ())
        {
          g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY,
                       _("“%s” was written by an older Storybank and must be updated before it can "
                         "be opened, but it is read-only. Make it writable, or copy it, and open "
                         "it again."),
                       display);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  /* Migrate before switching to WAL: in a bank with a rollback journal
   * (every bank older than WAL, and every new one) a failed migration then
   * leaves the file byte for byte as it was. */
  if (!sb_database_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* Backups: a bank of an older schema is copied aside before migrating. */
      !sb_backup_before_migration (self, error) ||
      !sb_database_migrate (self, error) ||
      !use_wal (self, display, error))
    return NULL;

  return g_steal_pointer (&self);
}

static SbDatabase *
open_database (const char  *path,
               gboolean     defer_check,
               GError     **error)
{
  g_autoptr(GPtrArray) created_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_path = NULL;
  g_autofree char *real_path = NULL;
  gboolean created_file = FALSE;
  SbDatabase *self;

  if (path == NULL)
    path = default_path = sb_database_default_path ();

  self = open_bank (path, defer_check, created_dirs, &real_path, &created_file, error);
  if (self == NULL)
    _sb_database_remove_left_behind (real_path, created_file, created_dirs);
  return self;
}

SbDatabase *
sb_database_open (const char  *path,
                  GError     **error)
{
  return open_database (path, FALSE, error);
}

SbDatabase *
sb_database_open_deferring_check (const char  *path,
                                  GError     **error)
{
  return open_database (path, TRUE, error);
}

gboolean
sb_database_is_read_only (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->read_only;
}

const char *
sb_database_get_read_only_reason (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);
  return self->read_only_reason;
}

gboolean
sb_database_get_tightened (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->tightened;
}

/* FTS5 writes a big transaction as many segments and merges them
 * incrementally: each later commit does a slice of that merge work (64
 * leaf pages per level, about 8–15 ms), so the first autosaves after an
 * import paid for it on the main thread. 'optimize' finishes all of it at
 * once, in the import's own transaction (a worker's or the command
 * line's): no extra commit, so no other window sees a new data_version
 * and reloads its stories for it. About 20 ms at 1,000 stories, 160 ms at
 * 10,000. */
gboolean
sb_database_compact_search_index (SbDatabase  *self,
                                  GError     **error)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  if (!_sb_database_ensure_checked (self, error))
    return FALSE;
  if (self->read_only)
    {
      _sb_database_set_read_only_error (self, error);
      return FALSE;
    }
  return sb_database_exec (self, "INSERT INTO stories_fts (stories_fts) VALUES ('optimize')", error);
}

/* A deleted story's row is zeroed at once (secure_delete), but the
 * full-text index only marks its words deleted in a newer segment; the
 * older segments keep them until the segments are merged, which
 * 'optimize' does (only when there is more than one segment, so a call
 * with nothing deleted costs next to nothing). The WAL still holds the old
 * pages until it is checkpointed and truncated. */
gboolean
sb_database_forget_deleted (SbDatabase  *self,
                            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int busy;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!_sb_database_ensure_checked (self, error))
    return FALSE;
  if (self->read_only)
    {
      _sb_database_set_read_only_error (self, error);
      return FALSE;
    }
  if (!sb_database_exec (self, "INSERT INTO stories_fts (stories_fts) VALUES ('optimize')", error))
    return FALSE;

  /* A truncating checkpoint waits for every reader to finish; another
   * window's read takes milliseconds, and a longer one is reported as
   * busy rather than holding up the delete for the full busy timeout. */
  sqlite3_busy_timeout (self->db, 250);
  sb_checkpointer_hold (self->checkpointer);
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sb_checkpointer_release (self->checkpointer);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  if (rc != SQLITE_ROW)
    {
      sb_database_set_error (self, error, _("The deleted text could not be erased"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  busy = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (busy)
    {
      g_autofree char *display = g_filename_display_name (self->path);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY,
                   _("Deleted text is still in the journal of “%s” while another program reads "
                     "the bank; it is erased the next time this succeeds"), display);
      return FALSE;
    }
  return TRUE;
}

void
sb_database_set_busy_timeout (SbDatabase *self,
                              int         ms)
{
  g_return_if_fail (SB_IS_DATABASE (self));
  self->busy_timeout_ms = ms;
  sqlite3_busy_timeout (self->db, ms);
}

/* The WAL's size at which the worker folds it into the bank: SQLite's own
 * limit. The first commit after a complete checkpoint starts the WAL
 * again and syncs its header, on the committing thread (a few ms on a busy
 * disk): the larger the WAL, the rarer that is, and the worker's
 * checkpoint costs the main thread nothing. */
#define BACKGROUND_CHECKPOINT_PAGES 1000

void
sb_database_set_background_checkpoints (SbDatabase *self,
                                        gboolean    enabled)
{
  g_return_if_fail (SB_IS_DATABASE (self));

  if (!enabled)
    g_clear_pointer (&self->checkpointer, sb_checkpointer_free);
  else if (self->checkpointer == NULL && !self->read_only)
    self->checkpointer = sb_checkpointer_new (self->db, self->real_path, BACKGROUND_CHECKPOINT_PAGES);
}

guint
sb_database_get_n_background_checkpoints (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), 0);
  return self->checkpointer != NULL ? sb_checkpointer_get_n_done (self->checkpointer) : 0;
}

void
sb_database_wait_background_checkpoints (SbDatabase *self)
{
  g_return_if_fail (SB_IS_DATABASE (self));
  if (self->checkpointer != NULL)
    sb_checkpointer_wait (self->checkpointer);
}

const char *
sb_database_get_path (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
sb_database_get_handle (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), NULL);
  return self->db;
}

gboolean
sb_database_backup_to (SbDatabase  *self,
                       const char  *dest_path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_name (dest_path);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);

  if (!_sb_database_create_private_file (dest_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      else
        rc = sqlite3_errcode (dest);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, _sb_database_error_code (rc),
                   _("Could not back up the bank to “%s”: %s"), display,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close_v2 (dest);
      return FALSE;
    }

  sqlite3_close_v2 (dest);
  return TRUE;
}
