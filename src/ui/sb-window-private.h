/* sb-window-private.h — test hooks into the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-story-editor.h"
#include "sb-story-list.h"
#include "sb-window.h"

G_BEGIN_DECLS

SbStoryEditor *sb_window_get_story_editor (SbWindow *self);
SbStoryList   *sb_window_get_story_list   (SbWindow *self);
AdwToast      *sb_window_get_last_toast   (SbWindow *self);
/* The last dialog an action opened (What to Fix Next), not a reference. */
GtkWidget     *sb_window_get_last_dialog  (SbWindow *self);
/* The read-only banner's text, or NULL while it is hidden. */
const char    *sb_window_get_banner_text  (SbWindow *self);
/* What Export… does once a file is chosen. */
void           sb_window_export_file      (SbWindow *self,
                                           GFile    *file);
/* What Import… does once a file is chosen: a backup first, in a worker. */
void           sb_window_import_file      (SbWindow *self,
                                           GFile    *file);

G_END_DECLS
