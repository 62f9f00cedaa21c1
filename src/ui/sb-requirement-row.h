/* sb-requirement-row.h — one requirement of a job description, with the
 * stories that prove it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"
#include "sb-story-chooser.h"

G_BEGIN_DECLS

#define SB_TYPE_REQUIREMENT_ROW (sb_requirement_row_get_type ())
G_DECLARE_FINAL_TYPE (SbRequirementRow, sb_requirement_row, SB, REQUIREMENT_ROW, GtkListBoxRow)

GtkWidget      *sb_requirement_row_new             (SbStore          *store,
                                                    SbApplication    *application,
                                                    SbRequirement    *requirement);
SbRequirement  *sb_requirement_row_get_requirement (SbRequirementRow *self);
/* Writes the text typed and not yet saved; TRUE when nothing is left. */
gboolean        sb_requirement_row_flush           (SbRequirementRow *self);
/* The text shown, as it will be saved (one line). */
char           *sb_requirement_row_dup_text        (SbRequirementRow *self);
/* For tests: the "Link a Story…" chooser (made on first use), and the
 * text field. */
SbStoryChooser *sb_requirement_row_get_chooser     (SbRequirementRow *self);
GtkTextView    *sb_requirement_row_get_text_view   (SbRequirementRow *self);
/* TRUE while the row says "No story yet". */
gboolean        sb_requirement_row_is_marked_missing (SbRequirementRow *self);

G_END_DECLS
