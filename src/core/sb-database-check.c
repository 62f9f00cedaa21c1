/* sb-database-check.c — a bank's pages checked after it opened
 *
 * A bank the window opens is read through (quick_check) on a connection
 * of its own in a worker after the first frame, instead of before it; a
 * write that comes first runs the check itself. A damaged bank becomes
 * read-only for good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-database"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-database-private.h"

/* On a connection of its own, read-only: safe on any thread. */
static gboolean
check_pages (const char  *real_path,
             const char  *path,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *uri = sb_database_read_only_uri (real_path);
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT,
                   _("“%s” could not be checked: %s"), display, sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sb_database_use_small_cache (db);
  ok = sb_database_quick_check (db, display, error);
  sqlite3_close_v2 (db);
  return ok;
}

/* Main thread: the verdict. A damaged bank becomes read-only for good,
 * and its file is left as it was (no checkpoint on closing). */
static void
apply_check (SbDatabase   *self,
             const GError *damage)
{
  if (!self->check_pending)
    return;
  self->check_pending = FALSE;
  if (damage == NULL)
    {
      if (!self->read_only)
        sb_database_exec (self, "PRAGMA query_only = OFF", NULL);
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
      return;
    }
  self->damaged = TRUE;
  self->read_only = TRUE;
  g_free (self->read_only_reason);
  /* Translators: %s says what is damaged, e.g. ““bank.sqlite3” is damaged
   * and cannot be read (…)” */
  self->read_only_reason = g_strdup_printf (_("%s. It is open read-only so that nothing makes it worse: "
                                              "restore a backup from Backups… in the main menu."),
                                            damage->message);
}

static void
set_damaged_error (SbDatabase  *self,
                   GError     **error)
{
  g_set_error_literal (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT, self->read_only_reason);
}

/* Before a write: a check still pending runs now, on this thread. */
gboolean
_sb_database_ensure_checked (SbDatabase  *self,
                             GError     **error)
{
  g_autoptr(GError) damage = NULL;

  if (self->check_pending)
    {
      check_pages (self->real_path, self->path, &damage);
      apply_check (self, damage);
    }
  if (self->damaged)
    {
      set_damaged_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_database_get_check_pending (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->check_pending;
}

gboolean
sb_database_is_damaged (SbDatabase *self)
{
  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  return self->damaged;
}

typedef struct
{
  char *real_path;
  char *path;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->real_path);
  g_free (data->path);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;

  if (check_pages (data->real_path, data->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sb_database_check_async (SbDatabase          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (SB_IS_DATABASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_database_check_async);
  if (!self->check_pending)
    {
      /* Already decided (a write ran the check first). */
      if (self->damaged)
        g_task_return_new_error (task, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT,
                                 "%s", self->read_only_reason);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  data = g_new0 (CheckData, 1);
  data->real_path = g_strdup (self->real_path);
  data->path = g_strdup (self->path);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

gboolean
sb_database_check_finish (SbDatabase    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_autoptr(GError) damage = NULL;

  g_return_val_if_fail (SB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &damage) &&
      g_error_matches (damage, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&damage));
      return FALSE;
    }
  apply_check (self, damage);
  if (self->damaged)
    {
      set_damaged_error (self, error);
      return FALSE;
    }
  return TRUE;
}

