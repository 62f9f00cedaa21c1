/* sb-backup.h — copies of a bank kept beside it, and restoring one
 *
 * Where and how
 *   Backups of the bank PATH/NAME.sqlite3 live in PATH/backups/ (made 0700;
 *   an existing folder is tightened to 0700), one file each (0600):
 *
 *     NAME-YYYYMMDD-HHMMSS-REASON.sqlite3       e.g. storybank-20261203-081500-daily.sqlite3
 *
 *   The time is UTC, so the names sort by time across time zones and summer
 *   time; two backups made within one second get "-2", "-3", … after the
 *   reason. REASON is one of daily, manual, before-import, before-restore,
 *   before-migration. Several banks may share a folder: each one's backups
 *   start with its own NAME and are listed and pruned apart.
 *
 *   A backup is a consistent snapshot taken with SQLite's online backup API
 *   through a read-only connection of its own, so it runs in any thread and
 *   never waits for, nor blocks, a writer of the bank. It is written to a
 *   hidden ".partial" file first and renamed into place, so a crash or a
 *   full disk never leaves a half backup that looks whole. A backup file is
 *   self-contained (rollback journal mode, no -wal beside it) and is only
 *   ever read afterwards: listing and restoring open it immutable.
 *
 * What is kept (applied after every new backup, per bank)
 *   daily             the 10 newest, plus a weekly one: the newest daily
 *                     backup of each of the 4 most recent ISO weeks older than
 *                     the weeks those 10 fall in (weeks and days in local
 *                     time). With one start a day that is ~1½ weeks of daily
 *                     backups and ~4 weeks more of weekly ones: 14 files.
 *   manual            the 10 newest ("Back Up Now" is deliberate: kept longest)
 *   before-import     the 5 newest
 *   before-restore    the 5 newest (each restore is undone by restoring it)
 *   before-migration  the 5 newest
 *   Files in backups/ that do not follow the naming above are never touched.
 *
 * Restoring
 *   sb_backup_restore() vets the file (an SQLite database with Storybank's
 *   application_id, a schema version this program knows, quick_check "ok"),
 *   backs the live bank up (before-restore), then copies the file into the
 *   live connection with the online backup API, so every connection — this
 *   process's and other processes' — sees the restored bank. An older schema
 *   is then migrated and the builtin catalog merged, as on opening. The file
 *   restored from is never written. The caller reloads its SbStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sb-database.h"

G_BEGIN_DECLS

typedef enum
{
  SB_BACKUP_REASON_DAILY,
  SB_BACKUP_REASON_MANUAL,
  SB_BACKUP_REASON_BEFORE_IMPORT,
  SB_BACKUP_REASON_BEFORE_RESTORE,
  SB_BACKUP_REASON_BEFORE_MIGRATION,
} SbBackupReason;

/* "daily", "manual", "before-import", … as used in the file names. */
const char   *sb_backup_reason_to_string   (SbBackupReason reason);
/* "Daily", "Before an import", … translated, for people. */
const char   *sb_backup_reason_describe    (SbBackupReason reason);

typedef struct
{
  char           *path;          /* absolute path of the backup file */
  GDateTime      *time;          /* when it was made (from the name; UTC) */
  SbBackupReason  reason;
  guint           sequence;      /* 1, or 2, 3, … for a second backup within a second */
  goffset         size;          /* bytes */
  int             n_stories;     /* -1 when the file could not be read */
  char          **titles;        /* the stories' titles in bank order; NULL-terminated, never NULL */
  char           *problem;       /* why it could not be read, or NULL */
} SbBackupInfo;

void          sb_backup_info_free          (SbBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbBackupInfo, sb_backup_info_free)

/* PATH/backups for the bank at @bank_path (NULL: the default bank). */
char         *sb_backup_get_folder         (const char    *bank_path);

/* Makes a backup of the bank at @bank_path (NULL: the default bank) and then
 * prunes that bank's backups (see above; the new one is always kept).
 * @now names the file and sets the week/day boundaries of pruning (its time
 * zone counts); NULL means now, local time. Returns the new file's path, or
 * NULL with @error set (nothing is left behind then). Safe in any thread. */
char         *sb_backup_create             (const char     *bank_path,
                                            SbBackupReason  reason,
                                            GError        **error);
char         *sb_backup_create_at          (const char     *bank_path,
                                            SbBackupReason  reason,
                                            GDateTime      *now,
                                            GError        **error);
/* The same in a worker thread; _finish returns the new path. */
void          sb_backup_create_async       (const char          *bank_path,
                                            SbBackupReason       reason,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char         *sb_backup_create_finish      (GAsyncResult        *result,
                                            GError             **error);

/* The daily backup, when due: when the bank has stories and no daily backup
 * was made on @now's calendar day (in @now's time zone; NULL: now, local).
 * Returns TRUE on success; *@out_path (may be NULL) is the new file, or NULL
 * when none was due. */
gboolean      sb_backup_daily_if_due       (const char   *bank_path,
                                            GDateTime    *now,
                                            char        **out_path,
                                            GError      **error);
/* The same in a worker thread (now = the current time); _finish returns the
 * new path, or NULL with no error when none was due. */
void          sb_backup_daily_if_due_async (const char          *bank_path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char         *sb_backup_daily_if_due_finish (GAsyncResult       *result,
                                             GError            **error);

/* The bank's backups, newest first, each read (read-only, immutable) for its
 * story count and titles. A missing folder is an empty list. A backup that
 * cannot be read is listed with n_stories -1 and a problem. */
GPtrArray    *sb_backup_list               (const char   *bank_path,
                                            GError      **error);
void          sb_backup_list_async         (const char          *bank_path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray    *sb_backup_list_finish        (GAsyncResult        *result,
                                            GError             **error);

/* Applies the retention rules above to the bank's backups. @now as for
 * sb_backup_create_at(). Returns the number of files removed, or -1. */
int           sb_backup_prune              (const char   *bank_path,
                                            GDateTime    *now,
                                            GError      **error);

/* Checks that @path is a Storybank bank this program can open, reading it
 * without writing anything. The error names the file and what is wrong. */
gboolean      sb_backup_vet                (const char   *path,
                                            GError      **error);

/* Restores @backup_path into @db (see above). Must run on @db's thread,
 * outside a transaction. On success *@out_safety_path (may be NULL) is the
 * before-restore backup that undoes it. On failure the bank is unchanged. */
gboolean      sb_backup_restore            (SbDatabase   *db,
                                            const char   *backup_path,
                                            char        **out_safety_path,
                                            GError      **error);

/* The same in a worker, with a connection of its own to @bank_path: the
 * caller's store then reads the restored bank with sb_store_reload(). */
void          sb_backup_restore_async      (const char          *bank_path,
                                            const char          *backup_path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      sb_backup_restore_finish     (GAsyncResult        *result,
                                            char               **out_safety_path,
                                            GError             **error);

/* For sb_database_open(): backs the bank up when its schema is older than
 * this program's (0 < version < latest), before it is migrated. */
gboolean      sb_backup_before_migration   (SbDatabase   *db,
                                            GError      **error);

/* A copy of the newest readable backup of @bank_path written beside the
 * bank as NAME-restored-YYYYMMDD-HHMMSS.sqlite3 (0600), for a bank that
 * cannot be opened: the bank itself is not touched. Returns the new path,
 * or NULL with @error set (G_IO_ERROR_NOT_FOUND when there is no backup). */
char         *sb_backup_copy_newest_beside (const char   *bank_path,
                                            GError      **error);

G_END_DECLS
