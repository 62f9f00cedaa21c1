/* sb-focus-picker.h — a searchable popover that chooses the themes a round
 * of interviews focuses on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"

G_BEGIN_DECLS

#define SB_TYPE_FOCUS_PICKER (sb_focus_picker_get_type ())
G_DECLARE_FINAL_TYPE (SbFocusPicker, sb_focus_picker, SB, FOCUS_PICKER, GtkPopover)

GtkWidget *sb_focus_picker_new    (SbStore       *store,
                                   SbApplication *application,
                                   SbRound       *round);
/* Fills the list as opening does (tests). */
void       sb_focus_picker_refill (SbFocusPicker *self);
/* Adds or removes @theme_slug from the round's focus, as its check does. */
gboolean   sb_focus_picker_toggle (SbFocusPicker *self,
                                   const char    *theme_slug,
                                   GError       **error);

G_END_DECLS
