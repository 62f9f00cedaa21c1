/* sb-story-chooser.h — a popover to choose a story: ranked ones first,
 * then any story of the bank by search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_CHOOSER (sb_story_chooser_get_type ())
G_DECLARE_FINAL_TYPE (SbStoryChooser, sb_story_chooser, SB, STORY_CHOOSER, GtkPopover)

/* The stories to offer first, best first, as an array of SbSuggestion*
 * (sb-coach.h) whose reason is shown under the title; asked each time the
 * chooser opens. */
typedef GPtrArray *(*SbStoryChooserRankFunc) (SbStoryChooser *chooser,
                                              gpointer        user_data);

GtkWidget  *sb_story_chooser_new           (SbStore                *store);
void        sb_story_chooser_set_rank_func (SbStoryChooser         *self,
                                            SbStoryChooserRankFunc  func,
                                            gpointer                user_data,
                                            GDestroyNotify          destroy);
/* Stories not offered (those already chosen); NULL offers all. */
void        sb_story_chooser_set_excluded  (SbStoryChooser         *self,
                                            const char * const     *uuids);
/* Fills the list as opening does (tests). */
void        sb_story_chooser_refill        (SbStoryChooser         *self);
GtkListBox *sb_story_chooser_get_list      (SbStoryChooser         *self);
/* Searches for @text now (not after the entry's pause); the list
 * follows when the search in the store's worker is done (an empty @text
 * at once). */
void        sb_story_chooser_set_search_text (SbStoryChooser       *self,
                                              const char           *text);
/* TRUE while a search runs: the list still shows the last one's. */
gboolean    sb_story_chooser_get_search_running (SbStoryChooser    *self);
/* The uuid of the story a row offers, or NULL for a heading. */
const char *sb_story_chooser_row_get_uuid  (GtkListBoxRow          *row);
/* Chooses the story as a click on its row does: pops down and emits
 * "story-chosen" (SbStory *story). */
gboolean    sb_story_chooser_choose        (SbStoryChooser         *self,
                                            const char             *uuid);

G_END_DECLS
