/* sb-story-private.h — what the store (src/core/sb-store*.c) asks of a
 * story beyond sb-story.h: building one from a row at once, and being told
 * when it becomes unsaved without a signal connection per story.
 * Never included outside src/core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-story.h"

G_BEGIN_DECLS

/* A story's text as the story keeps it (counted, so that a field and its
 * saved copy share it), for _sb_story_load(): every empty text is one
 * shared buffer, so a bank of stories with empty notes and cue
 * lines keeps none of them. @length: bytes, or -1. */
char    *_sb_story_text_new      (const char    *text,
                                  gssize         length);

/* Fills a story nothing watches yet (just made by sb_story_new()) from
 * the bank's row: each field's text is also its saved copy (one buffer),
 * so it is clean. Takes @fields (from _sb_story_text_new());
 * emits no notifications. Words, findings and the rest are derived when
 * first asked, as after any change. */
void     _sb_story_load          (SbStory       *self,
                                  gint64         id,
                                  const char    *uuid,
                                  char          *fields[SB_STORY_N_FIELDS],
                                  SbStoryStatus  status,
                                  gboolean       is_example,
                                  gint64         created,
                                  gint64         updated);

/* Called whenever "notify::dirty" is emitted, before the signal's
 * handlers (so frozen notifications call it once, at the thaw). One per
 * story: the store that holds it. NULL @func stops it. */
typedef void (*SbStoryDirtyFunc) (SbStory  *story,
                                  gpointer  user_data);
void     _sb_story_set_dirty_func (SbStory          *self,
                                   SbStoryDirtyFunc  func,
                                   gpointer          user_data);
gpointer _sb_story_get_dirty_data (SbStory          *self);

G_END_DECLS
