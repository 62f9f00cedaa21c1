/* sb-database.h — the SQLite connection behind a Storybank bank
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SB_DATABASE_ERROR (sb_database_error_quark ())

typedef enum
{
  SB_DATABASE_ERROR_OPEN,          /* the file or its folder could not be opened or created */
  SB_DATABASE_ERROR_NOT_A_BANK,    /* not SQLite at all, or another program's SQLite file */
  SB_DATABASE_ERROR_CORRUPT,       /* a damaged or truncated Storybank file */
  SB_DATABASE_ERROR_TOO_NEW,       /* written by a newer Storybank */
  SB_DATABASE_ERROR_BUSY,          /* another program holds the bank */
  SB_DATABASE_ERROR_CONSTRAINT,    /* the change would break the bank's rules */
  SB_DATABASE_ERROR_FAILED,        /* any other SQLite failure */
  SB_DATABASE_ERROR_READ_ONLY,     /* a write to a bank opened read-only */
} SbDatabaseError;

/* The application_id stamped into every bank ("SBK1"). */
#define SB_DATABASE_APPLICATION_ID 0x53424B31

#define SB_TYPE_DATABASE (sb_database_get_type ())
G_DECLARE_FINAL_TYPE (SbDatabase, sb_database, SB, DATABASE, GObject)

GQuark        sb_database_error_quark       (void);
char         *sb_database_default_path      (void);

SbDatabase   *sb_database_open              (const char   *path,
                                             GError      **error);

/* As sb_database_open(), but a bank that opening does not write to (no
 * migration, already a write-ahead log) opens before its pages are read
 * through (PRAGMA quick_check), which then waits for
 * sb_database_check_async() or the first write, whichever comes first.
 * Until then nothing is written to the file. A damaged bank becomes
 * read-only (sb_database_is_damaged(); the reason says what to do) and
 * every write fails with SB_DATABASE_ERROR_CORRUPT. */
SbDatabase   *sb_database_open_deferring_check (const char   *path,
                                                GError      **error);
gboolean      sb_database_get_check_pending (SbDatabase   *self);
gboolean      sb_database_is_damaged        (SbDatabase   *self);
/* Runs the check in a worker on a read-only connection of its own; the
 * verdict applies when finished (on the calling thread). */
void          sb_database_check_async       (SbDatabase          *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sb_database_check_finish      (SbDatabase    *self,
                                             GAsyncResult  *result,
                                             GError       **error);
const char   *sb_database_get_path          (SbDatabase   *self);
sqlite3      *sb_database_get_handle        (SbDatabase   *self);
int           sb_database_get_schema_version (SbDatabase  *self);
int           sb_database_get_latest_schema_version (void);
/* Brings the schema up to date, one transaction per step (as on opening). */
gboolean      sb_database_migrate           (SbDatabase   *self,
                                             GError      **error);

/* TRUE when the bank was opened read-only on purpose: the person cannot
 * write the file or its folder (or SQLite could only open it so). Every
 * write then fails with SB_DATABASE_ERROR_READ_ONLY. The reason is a
 * sentence for the person that names the file or folder, NULL when the
 * bank is writable. */
gboolean      sb_database_is_read_only      (SbDatabase   *self);
const char   *sb_database_get_read_only_reason (SbDatabase *self);
/* TRUE when this open took read (or write) access away from others on the
 * bank or its -wal/-shm files (it was 0644, say, and is now 0600): say so
 * once. */
gboolean      sb_database_get_tightened     (SbDatabase   *self);

/* Makes the words of deleted rows unreadable in the bank file and its WAL:
 * compacts the full-text index (where a deleted story's words linger) and
 * folds the WAL back into the bank, truncated. Call it after deleting a
 * story, outside a transaction. Fails with SB_DATABASE_ERROR_BUSY when
 * another connection is reading and the WAL could not be emptied (the
 * delete itself stands; the next call erases it). */
gboolean      sb_database_forget_deleted    (SbDatabase   *self,
                                             GError      **error);

/* Merges the full-text index into one segment, inside the caller's
 * transaction. For a write of many stories at once (an import): otherwise
 * the index's pending merges of its big segments run, a slice at a time,
 * inside the person's next autosave commits. */
gboolean      sb_database_compact_search_index (SbDatabase   *self,
                                                GError      **error);

/* A cached statement, reset and with its bindings cleared; owned by the
 * database, so never finalize it. */
sqlite3_stmt *sb_database_prepare           (SbDatabase   *self,
                                             const char   *sql,
                                             GError      **error);
gboolean      sb_database_exec              (SbDatabase   *self,
                                             const char   *sql,
                                             GError      **error);
/* One step of a statement that returns rows. Every row loop uses it, so a
 * read error is never mistaken for the end of the rows:
 *
 *   SbStep step;
 *   while ((step = sb_database_step (db, stmt, error)) == SB_STEP_ROW)
 *     …;
 *   if (step == SB_STEP_ERROR)
 *     return FALSE;
 *
 * At the end and on failure the statement is reset; on failure @error says
 * what went wrong. */
typedef enum
{
  SB_STEP_ERROR = -1,
  SB_STEP_DONE  = 0,
  SB_STEP_ROW   = 1,
} SbStep;
SbStep        sb_database_step              (SbDatabase   *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);
/* Steps a statement to SQLITE_DONE, turning failure into a GError. */
gboolean      sb_database_step_done         (SbDatabase   *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);

/* How long a statement waits for another program's lock before it fails
 * with SB_DATABASE_ERROR_BUSY (5 s unless set). */
void          sb_database_set_busy_timeout  (SbDatabase   *self,
                                             int           ms);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. A failed commit rolls back. */
/* For the window: a commit never checkpoints the WAL itself; a worker
 * thread with its own connection does it once the WAL has grown (closing
 * the bank still empties the WAL). Nothing on a read-only bank. */
void          sb_database_set_background_checkpoints (SbDatabase *self,
                                                      gboolean    enabled);
/* How many checkpoints the worker has finished (for the tests). */
guint         sb_database_get_n_background_checkpoints (SbDatabase *self);
/* Returns once no background checkpoint is queued or running (until the
 * next commit queues one): the bank file alone is then whole. */
void          sb_database_wait_background_checkpoints  (SbDatabase *self);
gboolean      sb_database_begin             (SbDatabase   *self,
                                             GError      **error);
gboolean      sb_database_commit            (SbDatabase   *self,
                                             GError      **error);
void          sb_database_rollback          (SbDatabase   *self);
gboolean      sb_database_in_transaction    (SbDatabase   *self);

/* Fills @error from the connection's last error, prefixed by @what. */
void          sb_database_set_error         (SbDatabase   *self,
                                             GError      **error,
                                             const char   *what);

/* Small key/value settings kept in the bank itself (person's name, …). */
char         *sb_database_get_meta          (SbDatabase   *self,
                                             const char   *key);
gboolean      sb_database_set_meta          (SbDatabase   *self,
                                             const char   *key,
                                             const char   *value,
                                             GError      **error);

/* Online backup of the whole bank to @dest_path. */
gboolean      sb_database_backup_to         (SbDatabase   *self,
                                             const char   *dest_path,
                                             GError      **error);

/* For code that reads a bank file with a connection of its own (backups):
 * an SQLite URI for @path with @query ("mode=ro", …); the read-only URI
 * that creates nothing beside the file (immutable unless a -wal is there,
 * whose pages must count); and PRAGMA quick_check as a GError naming
 * @display. */
char         *sb_database_file_uri          (const char   *path,
                                             const char   *query);
char         *sb_database_read_only_uri     (const char   *path);
gboolean      sb_database_quick_check       (sqlite3      *db,
                                             const char   *display,
                                             GError      **error);
/* For such a connection that reads the bank once through (the deferred
 * check, a backup's copy): a page cache of SB_DATABASE_SMALL_CACHE_KB
 * instead of SQLite's 2 MB, which would stay behind in the worker
 * thread's malloc arena (as resident memory) once the connection closes.
 * A pass reads each page once, so it is no slower. */
#define SB_DATABASE_SMALL_CACHE_KB 128
void          sb_database_use_small_cache   (sqlite3      *db);

G_END_DECLS
