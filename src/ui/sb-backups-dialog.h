/* sb-backups-dialog.h — the bank's backups: what each holds, restoring one, making one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_BACKUPS_DIALOG (sb_backups_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbBackupsDialog, sb_backups_dialog, SB, BACKUPS_DIALOG, AdwWindow)

/* A dialog on @store's bank, modal over @parent (NULL in tests). It reads the
 * backups in a worker thread as soon as it is made.
 *
 * Actions: backups.back-up-now, backups.restore (asks first), backups.reload.
 * Signal "restored" (const char *safety_path): the bank was replaced by a
 * backup and @store reloaded; @safety_path is the backup that undoes it. */
SbBackupsDialog *sb_backups_dialog_new        (GtkWindow        *parent,
                                               SbStore          *store);

/* TRUE while the list is being read. */
gboolean         sb_backups_dialog_is_loading (SbBackupsDialog  *self);
/* The backups shown (SbBackupInfo, newest first), or NULL while loading. */
GPtrArray       *sb_backups_dialog_get_backups (SbBackupsDialog *self);
/* Selects the @index-th backup shown. */
void             sb_backups_dialog_select     (SbBackupsDialog  *self,
                                               guint             index);
/* The selected backup, or NULL. */
const char      *sb_backups_dialog_get_selected_path (SbBackupsDialog *self);
/* What "Restore" does once the person confirmed: restores @path into the
 * bank (after backing it up), reloads the store, emits "restored" and reads
 * the list again. */
gboolean         sb_backups_dialog_restore    (SbBackupsDialog  *self,
                                               const char       *path,
                                               GError          **error);

G_END_DECLS
