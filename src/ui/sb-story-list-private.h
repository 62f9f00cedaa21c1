/* sb-story-list-private.h — what sb-story-list.c (the widget, its rows
 * and selection) and sb-story-list-search.c (the search, filling the
 * shown list over frames) share; never included outside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-story-list.h"
#include "sb-story-search.h"

G_BEGIN_DECLS

struct _SbStoryList
{
  GtkWidget           parent_instance;

  SbStore            *store;
  GListStore         *shown;             /* SbStory, what the list shows */
  GPtrArray          *pending;           /* SbStory refs still to be appended */
  GPtrArray          *source;            /* shown is its start; NULL: not known */
  GPtrArray          *spare_rows;        /* SbStoryRow refs, torn down, to reuse */
  guint               pending_next;
  guint               pending_id;
  gulong              pending_paint_id;  /* waiting for a frame before the rest */
  gulong              pending_map_id;
  gboolean            parked;            /* pending: the old list's rest while a query runs */
  gboolean            fill_waits;        /* the first slice skips a frame */
  gulong              drop_paint_id;     /* the old list's rows going, a frame at a time */
  guint               drop_id;
  gboolean            dropped;           /* a first step went since the keystroke */
  GtkSingleSelection *selection;
  gboolean            searching;         /* shown holds a search's results */
  char               *query;
  SbStorySearch      *search;            /* the query in the store's worker */
  gboolean            activate_found;    /* Enter while it ran: open its best */
  SbStory            *reselect;          /* selected, still to come in pending */
  gint64              changed_frame;     /* the frame counter at the last keystroke or drop */
  GPtrArray          *found;             /* results waiting for the next frame */
  GError             *found_error;
  gboolean            found_all;         /* every story waits for the next frame */
  gulong              found_paint_id;
  guint               found_idle_id;
  gboolean            splicing;          /* our own change of shown */
  gboolean            defer_selection;   /* results going in: tell of the selection later */
  gulong              selection_paint_id;
  guint               selection_idle_id;
  guint               activate_idle_id;

  GtkSearchEntry     *search_entry;
  GtkStack           *content_stack;
  GtkListView        *list_view;
};

/* sb-story-list.c */
void _sb_story_list_update_visible_page (SbStoryList    *self);
/* Tells of the selected story now (a deferred change included). */
void _sb_story_list_notify_selection    (SbStoryList    *self);
/* Enter in the search: opens the best match (once the query is back). */
void _sb_story_list_search_activate_cb  (SbStoryList    *self,
                                         GtkSearchEntry *entry);

/* sb-story-list-search.c */
/* Every story, in the store's order, not searching. */
void _sb_story_list_show_all_stories    (SbStoryList    *self);
/* Runs self->query in the worker (everything for an empty one). */
void _sb_story_list_run_search          (SbStoryList    *self);
/* Runs self->query on the main connection, at once. */
void _sb_story_list_run_search_now      (SbStoryList    *self);
void _sb_story_list_stop_query          (SbStoryList    *self);
void _sb_story_list_found_cb            (SbStorySearch  *search,
                                         GPtrArray      *results,
                                         const GError   *error,
                                         gpointer        user_data);
/* Results waiting for the next frame, in now. */
void _sb_story_list_flush_found         (SbStoryList    *self);
/* Appends up to @n of the stories still to come. */
void _sb_story_list_append_pending      (SbStoryList    *self,
                                         guint           n);
/* Everything still to come in the list now. */
void _sb_story_list_flush_pending       (SbStoryList    *self);
void _sb_story_list_drop_pending        (SbStoryList    *self);
/* Stops dropping the old list's rows before a query's results. */
void _sb_story_list_stop_dropping       (SbStoryList    *self);

G_END_DECLS
