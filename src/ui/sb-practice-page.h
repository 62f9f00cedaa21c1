/* sb-practice-page.h — rehearse a story out loud against the clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_PRACTICE_PAGE (sb_practice_page_get_type ())
G_DECLARE_FINAL_TYPE (SbPracticePage, sb_practice_page, SB, PRACTICE_PAGE, GtkWidget)

GtkWidget  *sb_practice_page_new                 (SbStore        *store);
SbStore    *sb_practice_page_get_store           (SbPracticePage *self);

/* Reads the schedule again (the page also does when it is shown). */
void        sb_practice_page_refresh             (SbPracticePage *self);
void        sb_practice_page_prepare             (SbPracticePage *self);

/* The story being rehearsed, and the question it is asked with. */
SbStory    *sb_practice_page_get_story           (SbPracticePage *self);
void        sb_practice_page_select_story        (SbPracticePage *self,
                                                  SbStory        *story);
const char *sb_practice_page_get_question_text   (SbPracticePage *self);
/* How many stories the queue lists, in schedule order. */
guint       sb_practice_page_get_n_queued        (SbPracticePage *self);
SbStory    *sb_practice_page_get_queued_story    (SbPracticePage *self,
                                                  guint           position);
gboolean    sb_practice_page_is_running          (SbPracticePage *self);
/* The length of the last finished try, in seconds, until it is rated or
 * discarded. */
guint       sb_practice_page_get_measured_seconds (SbPracticePage *self);

/* For tests: a running try as if started @seconds earlier. */
void        sb_practice_page_shift_clock         (SbPracticePage *self,
                                                  guint           seconds);
/* For tests: the rating the page offers first after a try (SbRating). */
int         sb_practice_page_get_default_rating  (SbPracticePage *self);

/* For tests: what "Peek at the Story" shows first (the cue card's lines
 * when the story has one, else the whole text), as plain text. */
const char *sb_practice_page_get_peek_text       (SbPracticePage *self);

G_END_DECLS
