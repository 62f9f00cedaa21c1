/* sb-story-search.h — one search box's full-text searches, in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_SEARCH (sb_story_search_get_type ())
G_DECLARE_FINAL_TYPE (SbStorySearch, sb_story_search, SB, STORY_SEARCH, GObject)

/* What a search found: the array sb_store_search_stories() gives for the
 * same query (SbStory refs, the callee's to keep with g_ptr_array_ref()),
 * or NULL and why. */
typedef void (*SbStorySearchFunc) (SbStorySearch *search,
                                   GPtrArray     *results,
                                   const GError  *error,
                                   gpointer       user_data);

/* The searches of one search box (the story list, a chooser): each query
 * runs in the store's worker (sb_store_search_stories_async()), and a
 * newer one supersedes the one under way, whose results are never told,
 * so @func hears only of the last query run, on the main thread. The
 * searches of different SbStorySearch objects do not supersede each
 * other. @func is never called after sb_story_search_cancel() or once the
 * object is disposed: a widget disposes of it in its own dispose. */
SbStorySearch *sb_story_search_new         (SbStore           *store,
                                            SbStorySearchFunc  func,
                                            gpointer           user_data);
/* Supersedes the search under way. A query without words (empty, only
 * spaces or punctuation) tells of every story at once, before this
 * returns; any other tells later, never before this returns. */
void           sb_story_search_run         (SbStorySearch     *self,
                                            const char        *query);
/* Supersedes the search under way with none. */
void           sb_story_search_cancel      (SbStorySearch     *self);
/* TRUE from sb_story_search_run() until @func hears of it. */
gboolean       sb_story_search_get_running (SbStorySearch     *self);
/* The query last run, stripped; NULL before the first. */
const char    *sb_story_search_get_query   (SbStorySearch     *self);

G_END_DECLS
