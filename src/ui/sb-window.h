/* sb-window.h — the main window: Stories, Coverage and Questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())
G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

/* @app may be NULL (tests). The window keeps a reference on @store. */
SbWindow   *sb_window_new            (GtkApplication *app,
                                      SbStore        *store);
SbStore    *sb_window_get_store      (SbWindow       *self);
/* "stories", "coverage" or "questions"; an unknown name is ignored. */
void        sb_window_show_page      (SbWindow       *self,
                                      const char     *name);
const char *sb_window_get_page       (SbWindow       *self);
/* Saves any edit still waiting for its autosave pause. FALSE when the bank
 * refused it (the edit is kept in memory and the person was told). */
gboolean    sb_window_flush          (SbWindow       *self);

G_END_DECLS
