/* sb-story-list.h — the searchable list of stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_LIST (sb_story_list_get_type ())
G_DECLARE_FINAL_TYPE (SbStoryList, sb_story_list, SB, STORY_LIST, GtkWidget)

GtkWidget  *sb_story_list_new                (SbStore     *store);
SbStore    *sb_story_list_get_store          (SbStoryList *self);
/* The selected story, or NULL. Announced by notify::selected-story. */
SbStory    *sb_story_list_get_selected_story (SbStoryList *self);
void        sb_story_list_select_story       (SbStoryList *self,
                                              SbStory     *story);
void        sb_story_list_focus_search       (SbStoryList *self);
/* Starts the search now instead of after the typing pause. The query
 * runs in a worker: until its results come the list keeps showing what it
 * showed (sb_story_list_get_search_running() says so). An empty text
 * shows every story at once. */
void        sb_story_list_set_search_text    (SbStoryList *self,
                                              const char  *text);
gboolean    sb_story_list_get_search_running (SbStoryList *self);
/* How many stories the list shows (after the search). */
guint       sb_story_list_get_n_visible      (SbStoryList *self);

G_END_DECLS

/* Signals:
 *  "story-activated" (SbStory *story)   a row was clicked or Enter pressed
 *  "new-story"       ()                  "New Story" in the empty state
 *  "import"          ()                  "Import…" in the empty state */
