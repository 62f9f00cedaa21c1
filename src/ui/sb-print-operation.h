/* sb-print-operation.h — printing the cheat sheet through GTK's print dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-cheat-sheet.h"

G_BEGIN_DECLS

#define SB_TYPE_PRINT_OPERATION (sb_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (SbPrintOperation, sb_print_operation, SB, PRINT_OPERATION, GtkPrintOperation)

/* A one-page print job of the cheat sheet. @options is copied (NULL: the
 * defaults); its paper becomes the default page setup, which the person can
 * still change in the dialog: the sheet is fitted to whatever paper prints.
 * The sheet is taken from @store when printing begins. Run it with
 * gtk_print_operation_run (GTK_PRINT_OPERATION (op),
 * GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window, &error). */
SbPrintOperation *sb_print_operation_new (SbStore                   *store,
                                          const SbCheatSheetOptions *options);

G_END_DECLS
