/* sb-drill-view.h — the "Which story?" drill on the Practice page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_DRILL_VIEW (sb_drill_view_get_type ())
G_DECLARE_FINAL_TYPE (SbDrillView, sb_drill_view, SB, DRILL_VIEW, GtkWidget)

GtkWidget  *sb_drill_view_new                (SbStore     *store);

/* Where the drill stands: "empty", "start", "ask" or "reveal". */
const char *sb_drill_view_get_stage          (SbDrillView *self);
/* The question being asked or revealed; NULL at the start. */
SbQuestion *sb_drill_view_get_question       (SbDrillView *self);
/* The story picked for it (NULL: none yet, or "I don't know"). */
SbStory    *sb_drill_view_get_pick           (SbDrillView *self);

/* For tests: the chooser's entry, its rows' stories in order, the one
 * chosen with Up/Down; the reveal's verdict and its lists' titles. */
GtkWidget  *sb_drill_view_get_entry          (SbDrillView *self);
GPtrArray  *sb_drill_view_get_choices        (SbDrillView *self);   /* SbStory refs */
SbStory    *sb_drill_view_get_chosen         (SbDrillView *self);
/* TRUE while the chooser's search runs in the store's worker. */
gboolean    sb_drill_view_get_search_running (SbDrillView *self);
const char *sb_drill_view_get_verdict        (SbDrillView *self);
GStrv       sb_drill_view_dup_linked_titles  (SbDrillView *self);
GStrv       sb_drill_view_dup_suggested      (SbDrillView *self);    /* "title — reason" */
/* The countdown as if started @seconds earlier, shown at once. */
void        sb_drill_view_shift_clock        (SbDrillView *self,
                                              guint        seconds);
gboolean    sb_drill_view_get_timed_out      (SbDrillView *self);

G_END_DECLS
