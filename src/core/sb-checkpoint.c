/* sb-checkpoint.c — folding the write-ahead log into the bank off the
 * main thread
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that makes the WAL
 * cross its limit: that one autosave copies a thousand pages into the bank
 * and syncs it, on the thread that draws the window. Instead the commit's
 * WAL hook (which replaces the automatic checkpoint) hands the work to a
 * worker thread with a connection of its own; a PASSIVE checkpoint takes
 * no lock a writer needs, so the window's next commit does not wait for
 * it. The main connection is never touched from the worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-checkpoint.h"

/* SQLite's own limit for its automatic checkpoint. */
#define SQLITE_DEFAULT_PAGES 1000

struct _SbCheckpointer
{
  sqlite3     *db;            /* the caller's connection: its thread only */
  char        *real_path;
  int          threshold_pages;
  GThreadPool *pool;          /* one thread at most */
  int          queued;        /* atomic: a checkpoint is queued or running */
  GMutex       lock;          /* held while the worker checkpoints */
  int          backfilled;    /* atomic: WAL frames in the bank at the last checkpoint */
  guint        n_done;        /* atomic */
};

static void
checkpoint_func (gpointer data,
                 gpointer user_data)
{
  SbCheckpointer *self = user_data;
  sqlite3 *db = NULL;
  int log_pages = 0, done_pages = 0;
  int rc;

  g_mutex_lock (&self->lock);
  rc = sqlite3_open_v2 (self->real_path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE,
                        NULL);
  /* A new connection knows the bank is in WAL mode once it has read it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_PASSIVE, &log_pages, &done_pages);
  /* A checkpoint that could not finish (a reader holds old pages) is
   * tried again after a later commit; nothing is lost meanwhile. */
  if (rc != SQLITE_OK)
    g_debug ("Background checkpoint of %s: %s", self->real_path,
             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  else
    {
      g_debug ("Background checkpoint of %s: %d of %d pages", self->real_path, done_pages, log_pages);
      g_atomic_int_set (&self->backfilled, done_pages);
    }
  sqlite3_close_v2 (db);
  g_mutex_unlock (&self->lock);

  g_atomic_int_inc (&self->n_done);
  g_atomic_int_set (&self->queued, 0);
}

static int
wal_hook_cb (void       *user_data,
             sqlite3    *db,
             const char *name,
             int         n_pages)
{
  SbCheckpointer *self = user_data;
  int backfilled = g_atomic_int_get (&self->backfilled);

  /* A WAL shorter than what was checkpointed has started again from its
   * beginning; otherwise only the frames added since count (while commits
   * keep coming, the WAL cannot start again and only grows). */
  if (n_pages < backfilled)
    backfilled = 0;
  if (n_pages - backfilled >= self->threshold_pages &&
      g_atomic_int_compare_and_exchange (&self->queued, 0, 1))
    g_thread_pool_push (self->pool, GINT_TO_POINTER (1), NULL);
  return SQLITE_OK;
}

SbCheckpointer *
sb_checkpointer_new (sqlite3    *db,
                     const char *real_path,
                     int         threshold_pages)
{
  SbCheckpointer *self = g_new0 (SbCheckpointer, 1);

  self->db = db;
  self->real_path = g_strdup (real_path);
  self->threshold_pages = MAX (threshold_pages, 1);
  g_mutex_init (&self->lock);
  /* A shared pool thread would do, but its size is for others to set. */
  self->pool = g_thread_pool_new (checkpoint_func, self, 1, FALSE, NULL);
  sqlite3_wal_hook (db, wal_hook_cb, self);
  return self;
}

void
sb_checkpointer_free (SbCheckpointer *self)
{
  if (self == NULL)
    return;
  sqlite3_wal_autocheckpoint (self->db, SQLITE_DEFAULT_PAGES);
  /* Waits for the checkpoint under way, so that closing the bank right
   * after finds no other connection and empties the WAL as before. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_mutex_clear (&self->lock);
  g_free (self->real_path);
  g_free (self);
}

void
sb_checkpointer_hold (SbCheckpointer *self)
{
  if (self != NULL)
    g_mutex_lock (&self->lock);
}

void
sb_checkpointer_release (SbCheckpointer *self)
{
  if (self != NULL)
    g_mutex_unlock (&self->lock);
}

guint
sb_checkpointer_get_n_done (SbCheckpointer *self)
{
  return g_atomic_int_get (&self->n_done);
}

void
sb_checkpointer_wait (SbCheckpointer *self)
{
  while (g_atomic_int_get (&self->queued))
    g_usleep (1000);
}
