/* sb-bank-recovery.h — what a person can do when their bank cannot be opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* For a bank refused at start-up as damaged or not Storybank's
 * (SB_DATABASE_ERROR_CORRUPT or _NOT_A_BANK), asks the person what to do:
 *
 *  - "Open the Newest Backup" (offered when there is a readable one): the
 *    backup is copied to a new file beside the bank
 *    (NAME-restored-YYYYMMDD-HHMMSS.sqlite3) and that is opened in a window,
 *    which then says where it is; the refused file is never written.
 *  - "Start a New Bank Elsewhere…": a file chooser, then a window on the
 *    new bank.
 *  - "Close".
 *
 * Returns FALSE, doing nothing, for any other error: the caller shows it as
 * it always did. @bank_path NULL means the default bank. */
gboolean sb_bank_recovery_offer (GtkApplication *app,
                                 const char     *bank_path,
                                 const GError   *error);

G_END_DECLS
