/* sb-cheat-sheet-dialog-private.h — test hooks into the cheat sheet dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-cheat-sheet-dialog.h"

G_BEGIN_DECLS

/* The check button of a theme (of the chosen framework) or of a story. */
GtkCheckButton *sb_cheat_sheet_dialog_get_theme_check (SbCheatSheetDialog *self,
                                                       const char         *theme_slug);
GtkCheckButton *sb_cheat_sheet_dialog_get_story_check (SbCheatSheetDialog *self,
                                                       const char         *uuid);
GtkEditable    *sb_cheat_sheet_dialog_get_name_row    (SbCheatSheetDialog *self);
AdwComboRow    *sb_cheat_sheet_dialog_get_paper_row   (SbCheatSheetDialog *self);
AdwComboRow    *sb_cheat_sheet_dialog_get_framework_row (SbCheatSheetDialog *self);
/* "For": every story (0), or an application (1…, in the bank's order). */
AdwComboRow    *sb_cheat_sheet_dialog_get_for_row     (SbCheatSheetDialog *self);
/* The sheet the preview last drew, or NULL before the first one. */
SbCheatSheet   *sb_cheat_sheet_dialog_get_preview_sheet (SbCheatSheetDialog *self);

G_END_DECLS
