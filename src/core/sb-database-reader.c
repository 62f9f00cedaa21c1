/* sb-database-reader.c — a read-only connection to a bank, for queries
 * that run in a worker thread
 *
 * The main connection belongs to the main thread. A query that would take
 * a frame's time there (the full-text search of a large bank) runs in a
 * worker on this second connection instead: read-only, to the same file,
 * opened on first use and kept until the bank closes. In WAL mode a read
 * on it neither waits for the main connection's writes nor holds them up,
 * and sees everything committed before it began.
 *
 * One thread uses the connection at a time (a mutex); closing interrupts
 * the query under way, so it never waits long.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-database-private.h"
#include "sb-database-reader.h"

/* How many SQLite virtual machine steps between two looks at the
 * cancellable: well under a millisecond. */
#define PROGRESS_STEPS 1000
/* Reading the WAL's index while another connection rebuilds it. */
#define READER_BUSY_TIMEOUT_MS 1000

struct _SbDatabaseReader
{
  gatomicrefcount ref_count;

  GMutex       lock;          /* held by the thread using the connection */
  char        *path;          /* as the person gave it, for messages */
  char        *uri;           /* what sqlite3_open_v2() gets */
  int          flags;
  SbDatabase  *connection;    /* NULL until first used, and once closed */
  gboolean     closed;        /* under lock */
  gboolean     failed;        /* under lock: the file could not be opened */
};

static gboolean
journal_is_wal (SbDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (db->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

SbDatabaseReader *
sb_database_reader_new (SbDatabase *db)
{
  SbDatabaseReader *self;

  g_return_val_if_fail (SB_IS_DATABASE (db), NULL);

  if (db->real_path == NULL || db->db == NULL)
    return NULL;

  self = g_new0 (SbDatabaseReader, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->path = g_strdup (db->path);
  if (db->read_only)
    {
      /* Nothing in this process writes: read the file the way the main
       * connection does, creating nothing beside it. */
      self->uri = sb_database_read_only_uri (db->real_path);
      self->flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    }
  else if (journal_is_wal (db))
    {
      self->uri = g_strdup (db->real_path);
      self->flags = SQLITE_OPEN_READONLY;
    }
  else
    {
      /* With a rollback journal a reader's lock would make the window's
       * autosave wait: the main connection does the searching. */
      sb_database_reader_unref (self);
      return NULL;
    }
  self->flags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
  return self;
}

SbDatabaseReader *
sb_database_reader_ref (SbDatabaseReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sb_database_reader_unref (SbDatabaseReader *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->connection);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->uri);
  g_free (self);
}

/* Under lock. */
static SbDatabase *
open_connection (SbDatabaseReader  *self,
                 GError           **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  SbDatabase *connection;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->uri, &db, self->flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s” for reading: %s"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, READER_BUSY_TIMEOUT_MS);

  connection = g_object_new (SB_TYPE_DATABASE, NULL);
  connection->path = g_strdup (self->path);
  connection->db = db;
  connection->read_only = TRUE;
  connection->busy_timeout_ms = READER_BUSY_TIMEOUT_MS;
  return connection;
}

static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

SbDatabase *
sb_database_reader_acquire (SbDatabaseReader  *self,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      display = g_filename_display_name (self->path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("“%s” is closed"), display);
      return NULL;
    }
  if (self->failed)
    {
      display = g_filename_display_name (self->path);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s” for reading"), display);
      return NULL;
    }
  if (self->connection == NULL)
    {
      self->connection = open_connection (self, error);
      if (self->connection == NULL)
        {
          self->failed = TRUE;
          return NULL;
        }
    }
  if (cancellable != NULL)
    sqlite3_progress_handler (self->connection->db, PROGRESS_STEPS, progress_cb, cancellable);
  return self->connection;
}

void
sb_database_reader_release (SbDatabaseReader *self)
{
  g_return_if_fail (self != NULL);

  if (self->connection != NULL)
    sqlite3_progress_handler (self->connection->db, 0, NULL, NULL);
  g_mutex_unlock (&self->lock);
}

void
sb_database_reader_close (SbDatabaseReader *self)
{
  g_return_if_fail (self != NULL);

  /* sqlite3_interrupt() may be called from any thread while another uses
   * the connection; the pointer is only cleared under the lock. */
  if (g_mutex_trylock (&self->lock))
    {
      self->closed = TRUE;
      g_clear_object (&self->connection);
      g_mutex_unlock (&self->lock);
      return;
    }
  {
    SbDatabase *busy = g_atomic_pointer_get (&self->connection);

    if (busy != NULL)
      sqlite3_interrupt (busy->db);
  }
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_clear_object (&self->connection);
  g_mutex_unlock (&self->lock);
}
