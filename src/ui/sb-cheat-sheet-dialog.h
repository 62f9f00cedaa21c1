/* sb-cheat-sheet-dialog.h — choosing what goes on the cheat sheet, with a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-cheat-sheet.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_CHEAT_SHEET_DIALOG (sb_cheat_sheet_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbCheatSheetDialog, sb_cheat_sheet_dialog, SB, CHEAT_SHEET_DIALOG, AdwWindow)

/* What the person came for: the dialog's default button follows it. */
typedef enum
{
  SB_CHEAT_SHEET_PURPOSE_PRINT,
  SB_CHEAT_SHEET_PURPOSE_EXPORT,
} SbCheatSheetPurpose;

/* A dialog on @store, modal over @parent (which may be NULL in tests). */
SbCheatSheetDialog *sb_cheat_sheet_dialog_new         (GtkWindow                 *parent,
                                                       SbStore                   *store);
/* Presents @parent's dialog, making one the first time. */
SbCheatSheetDialog *sb_cheat_sheet_dialog_present_for (GtkWindow                 *parent,
                                                       SbStore                   *store,
                                                       SbCheatSheetPurpose        purpose);

SbStore            *sb_cheat_sheet_dialog_get_store   (SbCheatSheetDialog        *self);

/* The sheet as chosen: paper, framework, and the ticked stories and themes
 * (NULL when all are ticked, so stories added later are included too). The
 * strings belong to the dialog and stay valid until the next call. */
void                sb_cheat_sheet_dialog_get_options (SbCheatSheetDialog        *self,
                                                       SbCheatSheetOptions       *options);

/* Saves the name typed so far and redraws the preview now, instead of
 * after the short pause that follows each change. */
void                sb_cheat_sheet_dialog_flush       (SbCheatSheetDialog        *self);

/* What Export PDF… does once a file is chosen. */
gboolean            sb_cheat_sheet_dialog_export_pdf  (SbCheatSheetDialog        *self,
                                                       const char                *path,
                                                       GError                   **error);

G_END_DECLS
