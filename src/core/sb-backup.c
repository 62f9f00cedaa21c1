/* sb-backup.c — copies of a bank kept beside it, and restoring one
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

#define KEEP_DAILY   10
#define KEEP_WEEKLY   4
#define KEEP_MANUAL  10
#define KEEP_OTHER    5

static const char * const reason_names[] = {
  [SB_BACKUP_REASON_DAILY] = "daily",
  [SB_BACKUP_REASON_MANUAL] = "manual",
  [SB_BACKUP_REASON_BEFORE_IMPORT] = "before-import",
  [SB_BACKUP_REASON_BEFORE_RESTORE] = "before-restore",
  [SB_BACKUP_REASON_BEFORE_MIGRATION] = "before-migration",
};

const char *
sb_backup_reason_to_string (SbBackupReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);
  return reason_names[reason];
}

const char *
sb_backup_reason_describe (SbBackupReason reason)
{
  switch (reason)
    {
    case SB_BACKUP_REASON_DAILY:
      return _("Daily");
    case SB_BACKUP_REASON_MANUAL:
      return _("Made by hand");
    case SB_BACKUP_REASON_BEFORE_IMPORT:
      return _("Before an import");
    case SB_BACKUP_REASON_BEFORE_RESTORE:
      return _("Before a restore");
    case SB_BACKUP_REASON_BEFORE_MIGRATION:
      return _("Before a schema update");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
sb_backup_info_free (SbBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_strfreev (info->titles);
  g_free (info->problem);
  g_free (info);
}

/* ---- names ----------------------------------------------------------- */

char *
_sb_backup_resolve_bank_path (const char *bank_path)
{
  return bank_path != NULL ? g_strdup (bank_path) : sb_database_default_path ();
}

char *
sb_backup_get_folder (const char *bank_path)
{
  g_autofree char *bank = _sb_backup_resolve_bank_path (bank_path);
  g_autofree char *dir = g_path_get_dirname (bank);

  return g_build_filename (dir, "backups", NULL);
}

/* "storybank" for storybank.sqlite3: what every backup name of the bank
 * starts with. */
char *
_sb_backup_bank_stem (const char *bank)
{
  g_autofree char *base = g_path_get_basename (bank);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Reads NAME-YYYYMMDD-HHMMSS-REASON[-N].sqlite3 for the bank whose stem is
 * @stem; FALSE for any other file. */
static gboolean
parse_backup_name (const char      *stem,
                   const char      *name,
                   GDateTime      **out_time,
                   SbBackupReason  *out_reason,
                   guint           *out_sequence)
{
  static const char suffix[] = ".sqlite3";
  gsize stem_len = strlen (stem);
  gsize name_len = strlen (name);
  g_autofree char *middle = NULL;
  int year, month, day, hour, minute, second;
  const char *rest;

  if (name_len <= stem_len + 1 + 15 + 1 + strlen (suffix) ||
      strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-' ||
      !g_str_has_suffix (name, suffix))
    return FALSE;

  middle = g_strndup (name + stem_len + 1, name_len - stem_len - 1 - strlen (suffix));
  if (!parse_digits (middle, 4, &year) || !parse_digits (middle + 4, 2, &month) ||
      !parse_digits (middle + 6, 2, &day) || middle[8] != '-' ||
      !parse_digits (middle + 9, 2, &hour) || !parse_digits (middle + 11, 2, &minute) ||
      !parse_digits (middle + 13, 2, &second) || middle[15] != '-')
    return FALSE;

  rest = middle + 16;
  for (guint r = 0; r < G_N_ELEMENTS (reason_names); r++)
    {
      gsize len = strlen (reason_names[r]);
      guint64 sequence = 1;

      if (strncmp (rest, reason_names[r], len) != 0)
        continue;
      if (rest[len] == '-')
        {
          if (!g_ascii_string_to_unsigned (rest + len + 1, 10, 2, 999, &sequence, NULL))
            continue;
        }
      else if (rest[len] != '\0')
        continue;

      *out_time = g_date_time_new_utc (year, month, day, hour, minute, second);
      if (*out_time == NULL)
        return FALSE;
      *out_reason = r;
      *out_sequence = sequence;
      return TRUE;
    }
  return FALSE;
}


/* ---- the folder ------------------------------------------------------ */

static gboolean
ensure_folder (const char  *folder,
               GError     **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_stat (folder, &st) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the backup folder “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  /* Career stories are private; a folder made by hand may not be. */
  if ((st.st_mode & 0077) != 0 && st.st_uid == getuid ())
    g_chmod (folder, 0700);
  return TRUE;
}

/* ---- copying --------------------------------------------------------- */

int
_sb_backup_copy_pages (sqlite3 *dest,
                       sqlite3 *src)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);

  /* One step copies everything inside one read transaction on the source:
   * a consistent snapshot even while the app keeps writing (WAL). */
  for (guint waited = 0;; waited += 50)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || waited >= BUSY_WAIT_MS)
        break;
      sqlite3_sleep (50);
    }
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Copies the database at @src_uri into a new private file @dest_path,
 * written as @dest_path.partial beside it and renamed when complete. */
gboolean
_sb_backup_copy_to_new_file (const char  *src_uri,
                             const char  *src_display,
                             const char  *dest_path,
                             GError     **error)
{
  g_autofree char *dest_display = g_filename_display_name (dest_path);
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *partial_name = g_strdup_printf (".%s.partial", base);
  g_autofree char *partial = g_build_filename (dir, partial_name, NULL);
  g_autofree char *partial_journal = g_strconcat (partial, "-journal", NULL);
  sqlite3 *src = NULL;
  sqlite3 *dest = NULL;
  const char *message = NULL;
  int rc;
  int fd;

  g_unlink (partial);
  fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the backup “%s”: %s"), dest_display, g_strerror (saved));
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);

  rc = sqlite3_open_v2 (src_uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    message = src != NULL ? sqlite3_errmsg (src) : sqlite3_errstr (rc);
  else
    {
      sqlite3_busy_timeout (src, BUSY_WAIT_MS);
      sb_database_use_small_cache (src);
      rc = sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
      if (rc == SQLITE_OK)
        {
          sb_database_use_small_cache (dest);
          rc = _sb_backup_copy_pages (dest, src);
        }
      /* A backup stands alone: no -wal or -shm beside it, ever. */
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        message = dest != NULL && sqlite3_errcode (dest) != SQLITE_OK ? sqlite3_errmsg (dest)
                : sqlite3_errcode (src) != SQLITE_OK ? sqlite3_errmsg (src) : sqlite3_errstr (rc);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SB_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? SB_DATABASE_ERROR_BUSY : SB_DATABASE_ERROR_FAILED,
                   _("Could not copy “%s” to “%s”: %s"), src_display, dest_display, message);
      sqlite3_close_v2 (dest);
      sqlite3_close_v2 (src);
      g_unlink (partial);
      g_unlink (partial_journal);
      return FALSE;
    }
  sqlite3_close_v2 (dest);
  sqlite3_close_v2 (src);

  if (g_rename (partial, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the backup “%s”: %s"), dest_display, g_strerror (saved));
      g_unlink (partial);
      return FALSE;
    }
  return TRUE;
}

/* ---- making a backup ------------------------------------------------- */

static GDateTime *
now_or (GDateTime *now)
{
  return now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
}

char *
_sb_backup_create_backup (const char      *bank_path,
                          SbBackupReason   reason,
                          GDateTime       *now_in,
                          gboolean         then_prune,
                          GError         **error)
{
  g_autofree char *bank = _sb_backup_resolve_bank_path (bank_path);
  g_autofree char *bank_display = g_filename_display_name (bank);
  g_autofree char *folder = sb_backup_get_folder (bank);
  g_autofree char *stem = _sb_backup_bank_stem (bank);
  g_autoptr(GDateTime) now = now_or (now_in);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
  g_autofree char *stamp = g_date_time_format (utc, "%Y%m%d-%H%M%S");
  g_autofree char *src_uri = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GError) prune_error = NULL;

  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);

  if (!g_file_test (bank, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Could not back up “%s”: there is no such bank"), bank_display);
      return NULL;
    }
  if (!ensure_folder (folder, error))
    return NULL;

  for (guint sequence = 1; dest == NULL || g_file_test (dest, G_FILE_TEST_EXISTS); sequence++)
    {
      g_autofree char *name = NULL;

      if (sequence > 999)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Could not back up “%s”: too many backups in one second"), bank_display);
          return NULL;
        }
      if (sequence == 1)
        name = g_strdup_printf ("%s-%s-%s.sqlite3", stem, stamp, reason_names[reason]);
      else
        name = g_strdup_printf ("%s-%s-%s-%u.sqlite3", stem, stamp, reason_names[reason], sequence);
      g_free (dest);
      dest = g_build_filename (folder, name, NULL);
    }

  src_uri = sb_database_file_uri (bank, "mode=ro");
  if (!_sb_backup_copy_to_new_file (src_uri, bank_display, dest, error))
    return NULL;

  /* A failed prune leaves one file too many; the backup itself stands. */
  if (then_prune && _sb_backup_prune (bank, now, dest, &prune_error) < 0)
    g_debug ("Could not prune the backups of %s: %s", bank, prune_error->message);

  return g_steal_pointer (&dest);
}

char *
sb_backup_create_at (const char      *bank_path,
                     SbBackupReason   reason,
                     GDateTime       *now,
                     GError         **error)
{
  return _sb_backup_create_backup (bank_path, reason, now, TRUE, error);
}

char *
sb_backup_create (const char      *bank_path,
                  SbBackupReason   reason,
                  GError         **error)
{
  return _sb_backup_create_backup (bank_path, reason, NULL, TRUE, error);
}

typedef struct
{
  char           *bank_path;
  SbBackupReason  reason;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->bank_path);
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  GError *error = NULL;
  char *path = sb_backup_create (data->bank_path, data->reason, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
sb_backup_create_async (const char          *bank_path,
                        SbBackupReason       reason,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  CreateData *data = g_new0 (CreateData, 1);

  data->bank_path = _sb_backup_resolve_bank_path (bank_path);
  data->reason = reason;
  g_task_set_source_tag (task, sb_backup_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

char *
sb_backup_create_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- finding the backups ---------------------------------------------- */

typedef struct
{
  char           *path;
  GDateTime      *time;
  SbBackupReason  reason;
  guint           sequence;
  gint64          mtime_ns;   /* orders backups made within one second */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->path);
  g_date_time_unref (entry->time);
  g_free (entry);
}

/* Newest first. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry * const *) a;
  const Entry *eb = *(Entry * const *) b;
  int by_time = g_date_time_compare (eb->time, ea->time);

  if (by_time != 0)
    return by_time;
  if (ea->mtime_ns != eb->mtime_ns)
    return eb->mtime_ns < ea->mtime_ns ? -1 : 1;
  return eb->sequence < ea->sequence ? -1 : eb->sequence > ea->sequence ? 1 : 0;
}

/* The bank's backup files, newest first; a missing folder is none. */
static GPtrArray *
scan_backups (const char  *bank,
              GError     **error)
{
  g_autofree char *folder = sb_backup_get_folder (bank);
  g_autofree char *stem = _sb_backup_bank_stem (bank);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *display = g_filename_display_name (folder);

      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not read the backup folder “%s”: %s"), display, local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Entry entry = { 0, };
      GStatBuf st;

      if (!parse_backup_name (stem, name, &entry.time, &entry.reason, &entry.sequence))
        continue;
      entry.path = g_build_filename (folder, name, NULL);
      if (g_stat (entry.path, &st) == 0)
        entry.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      g_ptr_array_add (entries, g_memdup2 (&entry, sizeof entry));
    }
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

gboolean
_sb_backup_query_int (sqlite3    *db,
                      const char *sql,
                      int        *out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Fills the story count and titles of @info from its file, read-only. */
static void
read_backup_contents (SbBackupInfo *info)
{
  g_autofree char *uri = sb_database_read_only_uri (info->path);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int app_id = 0;
  int rc;

  info->n_stories = -1;
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      info->problem = g_strdup (sqlite3_errstr (rc));
      goto out;
    }
  if (!_sb_backup_query_int (db, "PRAGMA application_id", &app_id))
    {
      info->problem = g_strdup (sqlite3_errmsg (db));
      goto out;
    }
  if (app_id != SB_DATABASE_APPLICATION_ID)
    {
      info->problem = g_strdup (_("not a Storybank bank"));
      goto out;
    }

  rc = sqlite3_prepare_v2 (db, "SELECT title FROM stories ORDER BY id", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *title = (const char *) sqlite3_column_text (stmt, 0);
        g_ptr_array_add (titles, g_strdup (title != NULL ? title : ""));
      }
  if (rc != SQLITE_DONE)
    {
      info->problem = g_strdup (sqlite3_errmsg (db));
      goto out;
    }
  info->n_stories = titles->len;

out:
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  if (info->n_stories < 0)
    g_ptr_array_set_size (titles, 0);
  g_ptr_array_add (titles, NULL);
  info->titles = (char **) g_ptr_array_free (g_steal_pointer (&titles), FALSE);
}

GPtrArray *
sb_backup_list (const char  *bank_path,
                GError     **error)
{
  g_autofree char *bank = _sb_backup_resolve_bank_path (bank_path);
  g_autoptr(GPtrArray) entries = scan_backups (bank, error);
  g_autoptr(GPtrArray) infos = NULL;

  if (entries == NULL)
    return NULL;

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_backup_info_free);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = entries->pdata[i];
      SbBackupInfo *info = g_new0 (SbBackupInfo, 1);
      GStatBuf st;

      info->path = g_strdup (entry->path);
      info->time = g_date_time_ref (entry->time);
      info->reason = entry->reason;
      info->sequence = entry->sequence;
      info->size = g_stat (entry->path, &st) == 0 ? st.st_size : 0;
      read_backup_contents (info);
      g_ptr_array_add (infos, info);
    }
  return g_steal_pointer (&infos);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *infos = sb_backup_list (task_data, &error);

  if (infos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, infos, (GDestroyNotify) g_ptr_array_unref);
}

void
sb_backup_list_async (const char          *bank_path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_backup_list_async);
  g_task_set_task_data (task, _sb_backup_resolve_bank_path (bank_path), g_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
sb_backup_list_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- pruning ---------------------------------------------------------- */

/* The ISO week @time falls in, in @now's time zone, as one number. */
static int
iso_week_key (GDateTime *time,
              GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, g_date_time_get_timezone (now));

  return g_date_time_get_week_numbering_year (local) * 100 + g_date_time_get_week_of_year (local);
}

static gboolean
remove_backup (Entry   *entry,
               GError **error)
{
  if (g_unlink (entry->path) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (entry->path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not remove the old backup “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

int
_sb_backup_prune (const char  *bank,
                  GDateTime   *now_in,
                  const char  *keep,
                  GError     **error)
{
  g_autoptr(GDateTime) now = now_or (now_in);
  g_autoptr(GPtrArray) entries = scan_backups (bank, error);
  g_autoptr(GArray) daily_weeks = g_array_new (FALSE, FALSE, sizeof (int));
  guint seen[G_N_ELEMENTS (reason_names)] = { 0, };
  guint weekly = 0;
  int removed = 0;

  if (entries == NULL)
    return -1;

  /* entries are newest first, so each kind's first N are its newest N. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = entries->pdata[i];
      guint n = ++seen[entry->reason];
      gboolean kept;

      switch (entry->reason)
        {
        case SB_BACKUP_REASON_DAILY:
          {
            int week = iso_week_key (entry->time, now);
            gboolean week_known = FALSE;

            for (guint w = 0; w < daily_weeks->len; w++)
              week_known |= g_array_index (daily_weeks, int, w) == week;

            if (n <= KEEP_DAILY)
              kept = TRUE;
            else
              {
                /* The newest of a week not yet represented. */
                kept = !week_known && weekly < KEEP_WEEKLY;
                if (kept)
                  weekly++;
              }
            if (kept && !week_known)
              g_array_append_val (daily_weeks, week);
          }
          break;
        case SB_BACKUP_REASON_MANUAL:
          kept = n <= KEEP_MANUAL;
          break;
        default:
          kept = n <= KEEP_OTHER;
          break;
        }

      if (kept || g_strcmp0 (entry->path, keep) == 0)
        continue;
      if (!remove_backup (entry, error))
        return -1;
      removed++;
    }
  return removed;
}

int
sb_backup_prune (const char  *bank_path,
                 GDateTime   *now,
                 GError     **error)
{
  g_autofree char *bank = _sb_backup_resolve_bank_path (bank_path);

  return _sb_backup_prune (bank, now, NULL, error);
}

/* ---- the daily backup ------------------------------------------------- */

static gboolean
bank_has_stories (const char  *bank,
                  gboolean    *out_has,
                  GError     **error)
{
  g_autofree char *uri = sb_database_file_uri (bank, "mode=ro");
  sqlite3 *db = NULL;
  int n = 0;
  int rc;

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (db, BUSY_WAIT_MS);
  if (rc != SQLITE_OK || !_sb_backup_query_int (db, "SELECT count(*) FROM stories", &n))
    {
      g_autofree char *display = g_filename_display_name (bank);
      g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_FAILED,
                   _("Could not read “%s” for its daily backup: %s"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);
  *out_has = n > 0;
  return TRUE;
}

gboolean
sb_backup_daily_if_due (const char  *bank_path,
                        GDateTime   *now_in,
                        char       **out_path,
                        GError     **error)
{
  g_autofree char *bank = _sb_backup_resolve_bank_path (bank_path);
  g_autoptr(GDateTime) now = now_or (now_in);
  g_autoptr(GPtrArray) entries = NULL;
  gboolean has_stories = FALSE;
  char *path;

  if (out_path != NULL)
    *out_path = NULL;

  entries = scan_backups (bank, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = entries->pdata[i];
      g_autoptr(GDateTime) local = NULL;

      if (entry->reason != SB_BACKUP_REASON_DAILY)
        continue;
      local = g_date_time_to_timezone (entry->time, g_date_time_get_timezone (now));
      if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
        return TRUE;
    }

  /* An empty bank holds nothing to lose; its first day's backup comes at
   * the first start that finds a story in it. */
  if (!bank_has_stories (bank, &has_stories, error))
    return FALSE;
  if (!has_stories)
    return TRUE;

  path = _sb_backup_create_backup (bank, SB_BACKUP_REASON_DAILY, now, TRUE, error);
  if (path == NULL)
    return FALSE;
  if (out_path != NULL)
    *out_path = path;
  else
    g_free (path);
  return TRUE;
}

static void
daily_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  char *path = NULL;

  if (!sb_backup_daily_if_due (task_data, NULL, &path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
sb_backup_daily_if_due_async (const char          *bank_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sb_backup_daily_if_due_async);
  g_task_set_task_data (task, _sb_backup_resolve_bank_path (bank_path), g_free);
  g_task_run_in_thread (task, daily_thread);
}

char *
sb_backup_daily_if_due_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
