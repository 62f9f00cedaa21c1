/* sb-practice-page-private.h — what sb-practice-page.c (the telling) and
 * sb-practice-page-queue.c (the list) share; never included outside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-practice.h"
#include "sb-practice-page.h"
#include "sb-story-history.h"

G_BEGIN_DECLS

struct _SbPracticePage
{
  GtkWidget       parent_instance;

  SbStore        *store;
  SbStory        *story;             /* the one being rehearsed */
  GPtrArray      *questions;         /* SbQuestion refs that fit the story */
  guint           question_index;
  GPtrArray      *queue;             /* SbStory refs, in list order */
  GListStore     *queue_model;       /* a start of it, for the list view */
  guint           fill_id;           /* the idle that puts in the next slice */
  gulong          fill_paint_id;     /* waiting for a frame before the next */
  GtkSingleSelection *queue_selection;
  gboolean        stale;             /* the bank changed since the last read */
  gint64          refreshed_at;      /* Unix seconds of the last read; 0: never */
  guint           refresh_id;        /* the idle that reads a burst once */

  gint64          started_us;        /* monotonic; 0 when the clock is stopped */
  guint           tick_id;
  guint           measured_seconds;
  GtkButton      *okay_button;
  GtkButton      *nailed_button;
  gboolean        awaiting_rating;   /* a try was stopped and not yet rated */
  gboolean        selecting;

  /* template */
  GtkStack       *stack;
  AdwLeaflet     *leaflet;
  GtkLabel       *due_label;
  GtkListView    *queue_list;
  GtkButton      *back_button;
  GtkLabel       *question_label;
  GtkButton      *next_question_button;
  GtkLabel       *story_label;
  GtkLabel       *history_label;
  SbStoryHistory *history_view;      /* both kinds of practice, line by line */
  GtkLabel       *timer_label;
  GtkLevelBar    *time_bar;
  GtkLabel       *aim_label;
  GtkStack       *controls_stack;
  GtkButton      *stop_button;
  GtkExpander    *notes_expander;
  GtkLabel       *notes_label;
  /* The peek shows the cue card first when the story has one. */
  GtkLabel       *cue_label;
  GtkExpander    *full_expander;
  GtkLabel       *full_label;
};

/* sb-practice-page.c */
/* When a story comes back, said as a person would. */
char *_sb_practice_page_format_due (const SbPracticeStats *stats,
                                    gint64                 now);

/* sb-practice-page-queue.c */
void  _sb_practice_page_setup_row_cb       (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            SbPracticePage           *self);
void  _sb_practice_page_bind_row_cb        (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            SbPracticePage           *self);
/* Puts the queue in the list up to @n items (at most all of it). */
void  _sb_practice_page_fill_to            (SbPracticePage *self,
                                            guint           n);
void  _sb_practice_page_stop_filling       (SbPracticePage *self);
void  _sb_practice_page_resume_filling     (SbPracticePage *self);
void  _sb_practice_page_row_selected_cb    (SbPracticePage *self);
void  _sb_practice_page_row_activated_cb   (SbPracticePage *self,
                                            guint           position,
                                            GtkListView    *list);
void  _sb_practice_page_stories_changed_cb (SbPracticePage *self);

G_END_DECLS
