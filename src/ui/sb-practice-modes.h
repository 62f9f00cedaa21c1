/* sb-practice-modes.h — the Practice tab: telling a story, or "Which story?"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_PRACTICE_MODES (sb_practice_modes_get_type ())
G_DECLARE_FINAL_TYPE (SbPracticeModes, sb_practice_modes, SB, PRACTICE_MODES, GtkWidget)

GtkWidget  *sb_practice_modes_new          (SbStore         *store);
/* "tell" (the telling drill, SbPracticePage) or "which" (SbDrillView). */
const char *sb_practice_modes_get_mode     (SbPracticeModes *self);
void        sb_practice_modes_set_mode     (SbPracticeModes *self,
                                            const char      *mode);
GtkWidget  *sb_practice_modes_get_page     (SbPracticeModes *self,
                                            const char      *mode);

G_END_DECLS
