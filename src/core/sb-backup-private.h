/* sb-backup-private.h — what sb-backup.c and sb-backup-restore.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-backup.h"

G_BEGIN_DECLS

/* How long a copy waits for a lock before giving up, as the bank's
 * busy_timeout does. */
#define BUSY_WAIT_MS 5000

/* @bank_path, or the default bank's path for NULL. */
char     *_sb_backup_resolve_bank_path (const char      *bank_path);
/* "storybank" for …/storybank.sqlite3: what its backups' names start with. */
char     *_sb_backup_bank_stem         (const char      *bank);
gboolean  _sb_backup_query_int         (sqlite3         *db,
                                        const char      *sql,
                                        int             *out);
/* The online backup of @src into @dest in one step, waiting out locks. */
int       _sb_backup_copy_pages        (sqlite3         *dest,
                                        sqlite3         *src);
/* Copies the database at @src_uri into the new private file @dest_path. */
gboolean  _sb_backup_copy_to_new_file  (const char      *src_uri,
                                        const char      *src_display,
                                        const char      *dest_path,
                                        GError         **error);
/* sb_backup_create_at(), pruning afterwards only when @then_prune. */
char     *_sb_backup_create_backup     (const char      *bank_path,
                                        SbBackupReason   reason,
                                        GDateTime       *now,
                                        gboolean         then_prune,
                                        GError         **error);
/* The retention rules; @keep (may be NULL) is never removed. */
int       _sb_backup_prune             (const char      *bank,
                                        GDateTime       *now,
                                        const char      *keep,
                                        GError         **error);

G_END_DECLS
