/* sb-round-row.h — one interview of the loop: its name, its focus and the
 * stories planned for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"
#include "sb-story-chooser.h"

G_BEGIN_DECLS

#define SB_TYPE_ROUND_ROW (sb_round_row_get_type ())
G_DECLARE_FINAL_TYPE (SbRoundRow, sb_round_row, SB, ROUND_ROW, GtkListBoxRow)

GtkWidget      *sb_round_row_new          (SbStore       *store,
                                           SbApplication *application,
                                           SbRound       *round);
SbRound        *sb_round_row_get_round    (SbRoundRow    *self);
/* Shows the plan's warnings (SbPlanWarning*, sb-plan.h) about this round;
 * the others are left out. */
void            sb_round_row_set_warnings (SbRoundRow    *self,
                                           GPtrArray     *warnings);
guint           sb_round_row_get_n_warnings (SbRoundRow  *self);
/* Writes the name typed and not yet saved; TRUE when nothing is left. */
gboolean        sb_round_row_flush        (SbRoundRow    *self);
/* For tests: the "Plan a Story…" chooser and the name field. */
SbStoryChooser *sb_round_row_get_chooser  (SbRoundRow    *self);
GtkEditable    *sb_round_row_get_entry    (SbRoundRow    *self);

G_END_DECLS
