/* sb-next-fixes-dialog.h — what to fix next, one click from where it is fixed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-next-fixes.h"

G_BEGIN_DECLS

#define SB_TYPE_NEXT_FIXES_DIALOG (sb_next_fixes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbNextFixesDialog, sb_next_fixes_dialog, SB, NEXT_FIXES_DIALOG, AdwWindow)

/* The fixes for @framework_slug's themes. */
GtkWidget *sb_next_fixes_dialog_new      (GtkWindow  *parent,
                                          SbStore    *store,
                                          const char *framework_slug);
/* For tests: how many rows it lists, and activating one. */
guint      sb_next_fixes_dialog_get_n_rows (SbNextFixesDialog *self);
void       sb_next_fixes_dialog_activate_row (SbNextFixesDialog *self,
                                              guint              position);

G_END_DECLS

/* Signals:
 *  "fix-activated" (int kind, const char *target)   the person chose a row;
 *                                                    the dialog closes itself */
