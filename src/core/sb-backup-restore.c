/* sb-backup-restore.c — vetting a backup, restoring it, and the backups made for safety
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-backup-private.h"
#include "sb-catalog.h"

/* ---- vetting and restoring -------------------------------------------- */

gboolean
sb_backup_vet (const char  *path,
               GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  char header[100];
  int app_id = 0;
  int version = 0;
  int latest = sb_database_get_latest_schema_version ();
  ssize_t n;
  int fd;
  int rc;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("“%s” is a folder, not a Storybank bank"), display);
      return FALSE;
    }
  if (n < (ssize_t) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK,
                   _("“%s” is not a Storybank bank: it is not an SQLite database"), display);
      return FALSE;
    }

  uri = sb_database_read_only_uri (path);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK || !_sb_backup_query_int (db, "PRAGMA application_id", &app_id) ||
      !_sb_backup_query_int (db, "PRAGMA user_version", &version))
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read (%s)"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (app_id != SB_DATABASE_APPLICATION_ID)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK,
                   _("“%s” is not a Storybank bank: it is another program’s SQLite database"), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (version > latest)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Storybank (schema %d; this version knows up to %d)"),
                   display, version, latest);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK,
                   _("“%s” is not a Storybank bank: it has no schema version"), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (!sb_database_quick_check (db, display, error))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);
  return TRUE;
}

/* Copies the database file @src_path over the contents of @db's bank, in
 * one transaction on @db: all of it or nothing. */
static gboolean
copy_into (SbDatabase  *db,
           const char  *src_path,
           GError     **error)
{
  g_autofree char *display = g_filename_display_name (src_path);
  g_autofree char *uri = sb_database_read_only_uri (src_path);
  sqlite3 *src = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = _sb_backup_copy_pages (sb_database_get_handle (db), src);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? SB_DATABASE_ERROR_BUSY : SB_DATABASE_ERROR_FAILED,
                   _("Could not restore “%s”: %s"), display,
                   sqlite3_errcode (sb_database_get_handle (db)) != SQLITE_OK
                     ? sqlite3_errmsg (sb_database_get_handle (db)) : sqlite3_errstr (rc));
      sqlite3_close_v2 (src);
      return FALSE;
    }
  sqlite3_close_v2 (src);
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
sb_backup_restore (SbDatabase  *db,
                   const char  *backup_path,
                   char       **out_safety_path,
                   GError     **error)
{
  const char *bank = sb_database_get_path (db);
  g_autofree char *display = g_filename_display_name (backup_path);
  g_autofree char *safety = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) prune_error = NULL;

  g_return_val_if_fail (SB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (!sb_database_in_transaction (db), FALSE);

  if (out_safety_path != NULL)
    *out_safety_path = NULL;

  if (!sb_backup_vet (backup_path, error))
    return FALSE;
  if (same_file (backup_path, bank))
    {
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("“%s” is the bank itself, not a backup of it"), display);
      return FALSE;
    }

  /* Not pruned yet: pruning could take the very file about to be restored. */
  safety = _sb_backup_create_backup (bank, SB_BACKUP_REASON_BEFORE_RESTORE, NULL, FALSE, &local_error);
  if (safety == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Nothing was restored: the bank could not be backed up first. %s"),
                   local_error->message);
      return FALSE;
    }

  if (!copy_into (db, backup_path, error))
    {
      g_unlink (safety);
      return FALSE;
    }

  /* An older backup is brought up to date as opening it would. If that
   * fails, put back what was there, so a failed restore changes nothing. */
  if (!sb_database_migrate (db, &local_error) || !sb_catalog_merge_builtin (db, &local_error))
    {
      g_autoptr(GError) undo_error = NULL;

      if (!copy_into (db, safety, &undo_error))
        g_debug ("Could not undo a failed restore: %s", undo_error->message);
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not restore “%s”: %s"), display, local_error->message);
      return FALSE;
    }

  if (_sb_backup_prune (bank, NULL, safety, &prune_error) < 0)
    g_debug ("Could not prune the backups of %s: %s", bank, prune_error->message);

  if (out_safety_path != NULL)
    *out_safety_path = g_steal_pointer (&safety);
  return TRUE;
}

gboolean
sb_backup_before_migration (SbDatabase  *db,
                            GError     **error)
{
  int version = sb_database_get_schema_version (db);
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  if (version <= 0 || version >= sb_database_get_latest_schema_version ())
    return TRUE;

  path = _sb_backup_create_backup (sb_database_get_path (db), SB_BACKUP_REASON_BEFORE_MIGRATION,
                                   NULL, TRUE, &local_error);
  if (path == NULL)
    {
      g_autofree char *display = g_filename_display_name (sb_database_get_path (db));
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_OPEN,
                   _("“%s” was left as it was: it needs updating to a new schema, and it "
                     "could not be backed up first (%s)"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
sb_backup_copy_newest_beside (const char  *bank_path,
                              GError     **error)
{
  g_autofree char *bank = _sb_backup_resolve_bank_path (bank_path);
  g_autofree char *bank_display = g_filename_display_name (bank);
  g_autofree char *dir = g_path_get_dirname (bank);
  g_autofree char *stem = _sb_backup_bank_stem (bank);
  g_autoptr(GPtrArray) infos = sb_backup_list (bank, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dest = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *src_display = NULL;
  SbBackupInfo *newest = NULL;

  if (infos == NULL)
    return NULL;
  for (guint i = 0; i < infos->len && newest == NULL; i++)
    {
      SbBackupInfo *info = infos->pdata[i];

      if (info->n_stories >= 0 && sb_backup_vet (info->path, NULL))
        newest = info;
    }
  if (newest == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no readable backup of “%s”"), bank_display);
      return NULL;
    }

  for (guint sequence = 1; dest == NULL || g_file_test (dest, G_FILE_TEST_EXISTS); sequence++)
    {
      g_autofree char *name = sequence == 1
        ? g_strdup_printf ("%s-restored-%s.sqlite3", stem, stamp)
        : g_strdup_printf ("%s-restored-%s-%u.sqlite3", stem, stamp, sequence);
      g_free (dest);
      dest = g_build_filename (dir, name, NULL);
    }

  uri = sb_database_read_only_uri (newest->path);
  src_display = g_filename_display_name (newest->path);
  if (!_sb_backup_copy_to_new_file (uri, src_display, dest, error))
    return NULL;
  return g_steal_pointer (&dest);
}

/* ---- restoring in a worker -------------------------------------------- */

typedef struct
{
  char *bank_path;
  char *backup_path;
  char *safety_path;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->bank_path);
  g_free (data->backup_path);
  g_free (data->safety_path);
  g_free (data);
}

/* The worker opens the bank with a connection of its own (the caller's
 * belongs to its thread) and restores through it; the caller's store then
 * reads the restored bank (sb_store_reload()). */
static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (data->bank_path, &error);

  if (db == NULL || !sb_backup_restore (db, data->backup_path, &data->safety_path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sb_backup_restore_async (const char          *bank_path,
                         const char          *backup_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RestoreData *data = g_new0 (RestoreData, 1);

  data->bank_path = g_strdup (bank_path);
  data->backup_path = g_strdup (backup_path);
  g_task_set_source_tag (task, sb_backup_restore_async);
  g_task_set_task_data (task, data, (GDestroyNotify) restore_data_free);
  g_task_run_in_thread (task, restore_thread);
}

gboolean
sb_backup_restore_finish (GAsyncResult  *result,
                          char         **out_safety_path,
                          GError       **error)
{
  RestoreData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out_safety_path != NULL)
    *out_safety_path = g_steal_pointer (&data->safety_path);
  return TRUE;
}
