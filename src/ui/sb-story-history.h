/* sb-story-history.h — a story's practice history, both kinds, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_HISTORY (sb_story_history_get_type ())
G_DECLARE_FINAL_TYPE (SbStoryHistory, sb_story_history, SB, STORY_HISTORY, GtkWidget)

GtkWidget *sb_story_history_new       (SbStore        *store);
/* Reads @story's rehearsals and drill picks again (NULL: shows nothing). */
void       sb_story_history_set_story (SbStoryHistory *self,
                                       SbStory        *story);
/* The lines shown, newest first: "Told in 1:42 — Nailed it · today". */
GStrv      sb_story_history_dup_lines (SbStoryHistory *self);

G_END_DECLS
