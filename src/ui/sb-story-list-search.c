/* sb-story-list-search.c — the story list's search: filling the shown
 * list over frames
 *
 * The list shows a list of its own: the store's stories in the order they
 * were written in (which stays still while the person types), or while
 * searching the full-text search's results, best match first. A search
 * changes it by splices (below), so the list view hears of a few changes,
 * not of a filter's and a sorter's passes over every story.
 *
 * GtkListView (GTK 4.8) makes a row for up to 200 items around its
 * anchor, whatever it shows, and measures each in every frame; a row it
 * makes costs ~60 µs and its first layout as much again, tearing one down
 * ~35 µs, and it tears down the row of every item a change removes (it
 * keeps a row only for the same item put back in the same change). So a
 * new list (each search, clearing it) goes in in steps, each with a frame
 * of its own:
 *
 * - the keystroke's frame is the entry's alone;
 * - the frames after it drop the old list past its first screenful, ~100
 *   rows a frame, while the query runs in the store's worker (the list
 *   keeps its first screenful, and counts the rest as still to come, see
 *   parked); not when the list is scrolled (see shows_start());
 * - the results come in the frame after the first of those, or later
 *   when the query takes longer (what is left of the old list goes with
 *   them): what the list shows in the same places stays, the rest of the
 *   first screenful replaces the old one in one splice (the list view
 *   keeps the rows of the stories in both);
 * - the frame after that works out the new rows' readiness; what follows
 *   comes ROWS_PER_FRAME a frame after it until the list view has all the
 *   rows it makes, then the rest at once (items it makes no row for cost
 *   little: 9,800 in one splice, ~2 ms).
 *
 * The next search drops an unfinished rest. The selected story stays
 * selected while the results hold it (see reselect).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-list"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-story-list-private.h"

/* The first screenful of a new list. */
#define FIRST_ROWS     16
/* What each frame after it puts in: a row made, laid out and drawn, and
 * its readiness worked out, costs ~150-250 µs of a frame. */
#define ROWS_PER_FRAME 16
/* Past this many the list view makes no more rows: the rest at once. */
#define LIST_VIEW_ROWS 200
/* Rows of the old list dropped per frame before a query's results: ~3.5
 * ms of teardown. */
#define DROP_ROWS      96

/* Splices @self->shown; a selection it moves meanwhile is not told while
 * the selected story is still to come (see reselect below). */
static void
splice_shown (SbStoryList *self,
              guint        position,
              guint        removed,
              gpointer    *added,
              guint        n_added)
{
  self->splicing = TRUE;
  g_list_store_splice (self->shown, position, removed, added, n_added);
  self->splicing = FALSE;
}

/* The selected story stays selected when a search's results still hold
 * it, however far down: if it is in what comes after the first
 * screenful, the list shows no selection (and tells of no change) until
 * it is in, then selects it again. So the editor is not reloaded with
 * whatever story the results put in its place for a few frames. */
static void
stop_reselect (SbStoryList *self)
{
  if (self->reselect == NULL)
    return;
  g_clear_object (&self->reselect);
  /* Nothing selected: autoselect selects the first item, told as usual. */
  gtk_single_selection_set_autoselect (self->selection, TRUE);
}

/* @story stays selected while it is out of the list: nothing shows
 * selected meanwhile. */
static void
start_reselect (SbStoryList *self,
                SbStory     *story)
{
  g_set_object (&self->reselect, story);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->splicing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->splicing = FALSE;
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
}

static void
reselect_at (SbStoryList *self,
             guint        position)
{
  g_clear_object (&self->reselect);
  self->splicing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  self->splicing = FALSE;
  /* The same story as before the search: the window has nothing to load,
   * but a change told for the results' first frame is void now. */
  _sb_story_list_notify_selection (self);
}

void
_sb_story_list_append_pending (SbStoryList *self,
                               guint        n)
{
  guint available = self->pending->len - self->pending_next;
  guint at = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  n = MIN (n, available);
  splice_shown (self, at, 0, self->pending->pdata + self->pending_next, n);
  if (self->reselect != NULL)
    for (guint i = 0; i < n; i++)
      if (self->pending->pdata[self->pending_next + i] == self->reselect)
        {
          reselect_at (self, at + i);
          break;
        }
  self->pending_next += n;
}

static void
stop_waiting_for_frame (SbStoryList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->pending_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->pending_paint_id);
  self->pending_paint_id = 0;
  g_clear_signal_handler (&self->pending_map_id, self);
}

void
_sb_story_list_drop_pending (SbStoryList *self)
{
  stop_waiting_for_frame (self);
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending_next = 0;
  self->parked = FALSE;
  self->fill_waits = FALSE;
}

/* Everything in the list now: before a change by position, or to find a
 * story that is still to come. */
void
_sb_story_list_flush_pending (SbStoryList *self)
{
  if (self->pending != NULL)
    _sb_story_list_append_pending (self, G_MAXUINT);
  _sb_story_list_drop_pending (self);
}

static void wait_for_frame (SbStoryList *self);

static gboolean
append_pending_cb (gpointer user_data)
{
  SbStoryList *self = user_data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  self->pending_id = 0;
  _sb_story_list_append_pending (self, shown >= LIST_VIEW_ROWS ? G_MAXUINT : ROWS_PER_FRAME);
  /* One slice per frame: idles run again and again between two frames. */
  if (self->pending_next < self->pending->len)
    wait_for_frame (self);
  else
    _sb_story_list_drop_pending (self);
  return G_SOURCE_REMOVE;
}

static void
pending_after_paint_cb (GdkFrameClock *clock,
                        SbStoryList   *self)
{
  stop_waiting_for_frame (self);
  /* The frame after the results' is their rows' readiness (the coach's
   * checks, ~3 ms for a screenful of stories not shown before): the
   * first slice comes in the one after. */
  if (self->fill_waits && self->pending != NULL)
    {
      self->fill_waits = FALSE;
      wait_for_frame (self);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      return;
    }
  if (self->pending != NULL && self->pending_id == 0)
    self->pending_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, append_pending_cb, self, NULL);
}

/* The rest of the list waits for the frame that shows the first screenful
 * (idles would otherwise run while the window waits to be mapped). */
static void
wait_for_frame (SbStoryList *self)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  stop_waiting_for_frame (self);
  if (clock != NULL)
    self->pending_paint_id = g_signal_connect_object (clock, "after-paint",
                                                      G_CALLBACK (pending_after_paint_cb),
                                                      self, G_CONNECT_AFTER);
  else
    self->pending_map_id = g_signal_connect (self, "map", G_CALLBACK (wait_for_frame), NULL);
}

/* Puts @stories in the list. What the list already shows in the same
 * places stays (another letter often finds the same stories first); the
 * rest of the first screenful replaces the old list in one splice, so the
 * list view keeps the rows of the stories in both, and what follows comes
 * after the frame, a slice per frame. A search thus makes and binds a few
 * new rows per frame instead of the list view's 200. An earlier search's
 * unfinished rest (or the old list's, parked) is dropped, not put in. */
static void
show_stories (SbStoryList *self,
              GPtrArray   *stories)
{
  GListModel *shown = G_LIST_MODEL (self->shown);
  g_autoptr(SbStory) selected = NULL;
  SbStory *in_selection;
  guint n, same, first, at = G_MAXUINT;

  selected = sb_story_list_get_selected_story (self);
  if (selected != NULL)
    g_object_ref (selected);
  in_selection = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  _sb_story_list_stop_dropping (self);
  _sb_story_list_drop_pending (self);
  n = g_list_model_get_n_items (shown);
  for (same = 0; same < MIN (n, stories->len); same++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (shown, same);

      if (story != stories->pdata[same])
        break;
    }
  first = MIN (stories->len, MAX (same, FIRST_ROWS));
  if (selected != NULL)
    g_ptr_array_find (stories, selected, &at);

  /* The selected story still in the results: in the first screenful the
   * splice keeps it selected (GtkSingleSelection follows an item that
   * moves within one change) unless it is out of the list already; in the
   * rest, still to come, nothing is selected until it is in. */
  if (at != G_MAXUINT && (at >= first || in_selection != selected))
    {
      if (self->reselect != selected)
        start_reselect (self, selected);
      if (same < n || same < first)
        splice_shown (self, same, n - same, stories->pdata + same, first - same);
      if (at < first)
        reselect_at (self, at);
    }
  else
    {
      stop_reselect (self);
      if (same < n || same < first)
        splice_shown (self, same, n - same, stories->pdata + same, first - same);
    }
  g_clear_pointer (&self->source, g_ptr_array_unref);
  self->source = g_ptr_array_ref (stories);
  if (stories->len > first)
    {
      self->pending = g_ptr_array_ref (stories);
      self->pending_next = first;
      self->fill_waits = TRUE;
      wait_for_frame (self);
    }
}

static void
drop_found (SbStoryList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->found_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->found_paint_id);
  self->found_paint_id = 0;
  g_clear_handle_id (&self->found_idle_id, g_source_remove);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_error (&self->found_error);
  self->found_all = FALSE;
}

void
_sb_story_list_stop_query (SbStoryList *self)
{
  if (self->search != NULL)
    sb_story_search_cancel (self->search);
  drop_found (self);
  self->activate_found = FALSE;
}

void
_sb_story_list_show_all_stories (SbStoryList *self)
{
  GListModel *stories = sb_store_get_stories (self->store);
  guint n = g_list_model_get_n_items (stories);
  g_autoptr(GPtrArray) all = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, g_list_model_get_item (stories, i));
  self->searching = FALSE;
  show_stories (self, all);
  _sb_story_list_update_visible_page (self);
}

static void
show_results (SbStoryList  *self,
              GPtrArray    *results,
              const GError *error)
{
  /* A search that fails shows everything rather than nothing. */
  if (results == NULL)
    {
      g_debug ("Search for “%s” failed: %s", self->query, error->message);
      _sb_story_list_show_all_stories (self);
      return;
    }
  self->searching = TRUE;
  show_stories (self, results);
  _sb_story_list_update_visible_page (self);
}

static void
show_found (SbStoryList  *self,
            gboolean      all,
            GPtrArray    *results,
            const GError *error)
{
  gboolean activate = self->activate_found;

  self->activate_found = FALSE;
  self->defer_selection = TRUE;
  if (all)
    _sb_story_list_show_all_stories (self);
  else
    show_results (self, results, error);
  self->defer_selection = FALSE;
  if (activate)
    _sb_story_list_search_activate_cb (self, self->search_entry);
}

static void found_after_paint_cb (GdkFrameClock *clock,
                                  SbStoryList   *self);

/* Results wait for the first step of dropping the old list (not for the
 * rest of it: they replace it). */
static gboolean
is_dropping (SbStoryList *self)
{
  return (self->drop_paint_id != 0 || self->drop_id != 0) && !self->dropped;
}

/* Results (or every story) wait for the next frame's end. */
static void
wait_to_show_found (SbStoryList   *self,
                    GdkFrameClock *clock)
{
  if (self->found_paint_id == 0)
    self->found_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (found_after_paint_cb),
                                                    self, G_CONNECT_AFTER);
  /* That frame comes even when nothing else changes. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* What waits, in now. */
static void
show_waiting_found (SbStoryList *self)
{
  g_autoptr(GPtrArray) results = g_steal_pointer (&self->found);
  g_autoptr(GError) error = g_steal_pointer (&self->found_error);
  gboolean all = self->found_all;

  drop_found (self);
  show_found (self, all, results, error);
}

static gboolean
found_idle_cb (gpointer user_data)
{
  SbStoryList *self = user_data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->found_idle_id = 0;
  /* The old list's rows are still going: a frame each, then these. */
  if (clock != NULL && (is_dropping (self) ||
                        gdk_frame_clock_get_frame_counter (clock) == self->changed_frame))
    {
      wait_to_show_found (self, clock);
      return G_SOURCE_REMOVE;
    }
  show_waiting_found (self);
  return G_SOURCE_REMOVE;
}

/* What waits for the next frame, in now (the caller needs the list). */
void
_sb_story_list_flush_found (SbStoryList *self)
{
  if (self->found_paint_id != 0 || self->found_idle_id != 0)
    show_waiting_found (self);
}

static void
found_after_paint_cb (GdkFrameClock *clock,
                      SbStoryList   *self)
{
  g_signal_handler_disconnect (clock, self->found_paint_id);
  self->found_paint_id = 0;
  self->found_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, found_idle_cb, self, NULL);
}

/* Results that come before the keystroke's own frame is drawn (a query
 * faster than a frame), or while the old list's rows are still going, go
 * in after that: the keystroke's frame stays the entry's alone, and the
 * results have a frame of their own. */
void
_sb_story_list_found_cb (SbStorySearch *search,
                         GPtrArray     *results,
                         const GError  *error,
                         gpointer       user_data)
{
  SbStoryList *self = user_data;
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  drop_found (self);
  if (clock == NULL || (!is_dropping (self) &&
                        gdk_frame_clock_get_frame_counter (clock) != self->changed_frame))
    {
      show_found (self, FALSE, results, error);
      return;
    }
  self->found = results != NULL ? g_ptr_array_ref (results) : NULL;
  self->found_error = error != NULL ? g_error_copy (error) : NULL;
  wait_to_show_found (self, clock);
}

static gboolean
query_is_empty (SbStoryList *self)
{
  return self->query == NULL || *g_strstrip (self->query) == '\0';
}

/* ---- dropping the old list while the query runs ---------------------- */

static void
stop_waiting_to_drop (SbStoryList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->drop_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->drop_paint_id);
  self->drop_paint_id = 0;
}

void
_sb_story_list_stop_dropping (SbStoryList *self)
{
  stop_waiting_to_drop (self);
  g_clear_handle_id (&self->drop_id, g_source_remove);
}

static void wait_to_drop (SbStoryList   *self,
                          GdkFrameClock *clock);

/* Whether the list shows its start. Scrolled, GTK 4.8's list view keeps
 * its rows around what it shows, and dropping the old list would tear
 * down and make again the rows in view (one such step held a frame for
 * 20 ms at 10,000 stories): the results replace the old list then. */
static gboolean
shows_start (SbStoryList *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  return adjustment == NULL || gtk_adjustment_get_value (adjustment) < 1;
}

/* One step: the old list past max (FIRST_ROWS, its rows less DROP_ROWS)
 * goes, tearing down at most DROP_ROWS of the rows the list view made.
 * What goes is parked in front of what was still to come: the list counts
 * it (sb_story_list_get_n_visible() says what it showed until the results
 * come) and puts it back if something needs the whole list meanwhile
 * (flush), but does not fill it in. A selected story that goes stays
 * selected. */
static gboolean
drop_step_cb (gpointer user_data)
{
  SbStoryList *self = user_data;
  GListModel *shown = G_LIST_MODEL (self->shown);
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;
  guint n = g_list_model_get_n_items (shown);
  guint keep = MAX (FIRST_ROWS, MIN (n, LIST_VIEW_ROWS) > DROP_ROWS ? MIN (n, LIST_VIEW_ROWS) - DROP_ROWS : 0);
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint rest = self->pending != NULL ? self->pending->len - self->pending_next : 0;
  g_autoptr(GPtrArray) parked = NULL;

  self->drop_id = 0;
  /* Results are waiting for this frame's end: they replace what is left. */
  if (keep >= n || !shows_start (self) ||
      (self->dropped && (self->found_paint_id != 0 || self->found_idle_id != 0)))
    return G_SOURCE_REMOVE;
  self->dropped = TRUE;

  /* The list is the start of what the last search put in (the usual
   * case): that, from @keep on. Else a copy. */
  if (self->source != NULL && n + rest <= self->source->len &&
      (self->pending == NULL || self->pending == self->source))
    {
      parked = g_ptr_array_ref (self->source);
      _sb_story_list_drop_pending (self);
      self->pending = g_steal_pointer (&parked);
      self->pending_next = keep;
    }
  else
    {
      parked = g_ptr_array_new_full (n - keep + rest, g_object_unref);
      for (guint i = keep; i < n; i++)
        g_ptr_array_add (parked, g_list_model_get_item (shown, i));
      for (guint i = 0; i < rest; i++)
        g_ptr_array_add (parked, g_object_ref (self->pending->pdata[self->pending_next + i]));
      _sb_story_list_drop_pending (self);
      g_clear_pointer (&self->source, g_ptr_array_unref);
      self->pending = g_steal_pointer (&parked);
    }
  self->parked = TRUE;

  if (self->reselect == NULL && selected != GTK_INVALID_LIST_POSITION && selected >= keep)
    start_reselect (self, gtk_single_selection_get_selected_item (self->selection));
  splice_shown (self, keep, n - keep, NULL, 0);
  if (clock != NULL)
    self->changed_frame = gdk_frame_clock_get_frame_counter (clock);
  if (keep > FIRST_ROWS && clock != NULL)
    wait_to_drop (self, clock);
  return G_SOURCE_REMOVE;
}

static void
drop_after_paint_cb (GdkFrameClock *clock,
                     SbStoryList   *self)
{
  stop_waiting_to_drop (self);
  if (self->drop_id == 0)
    self->drop_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, drop_step_cb, self, NULL);
}

static void
wait_to_drop (SbStoryList   *self,
              GdkFrameClock *clock)
{
  if (self->drop_paint_id == 0 && self->drop_id == 0)
    self->drop_paint_id = g_signal_connect_object (clock, "after-paint", G_CALLBACK (drop_after_paint_cb),
                                                   self, G_CONNECT_AFTER);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* After a keystroke: the old list past its first screenful goes in the
 * frames after the keystroke's (its rows' teardown is the costly part of
 * replacing a list: ~200 rows in the results' frame took 7-13 ms at
 * 10,000 stories), while the query runs. The results wait for the first
 * step, not for the rest. */
static void
drop_after_keystroke (SbStoryList   *self,
                      GdkFrameClock *clock)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  self->changed_frame = gdk_frame_clock_get_frame_counter (clock);
  self->dropped = FALSE;
  if (n > FIRST_ROWS && shows_start (self))
    wait_to_drop (self, clock);
  /* An unfinished fill stops: the list keeps what it has meanwhile. */
  if (self->pending != NULL && !self->parked)
    {
      stop_waiting_for_frame (self);
      g_clear_handle_id (&self->pending_id, g_source_remove);
      self->parked = TRUE;
    }
}

/* While typing: the query runs in the store's worker and the list keeps
 * what it shows until the results come (no empty list, no "No Results"
 * in between); an earlier query still running is dropped. Everything
 * (an empty search) shows in the next frame after a search, at once
 * otherwise. */
void
_sb_story_list_run_search (SbStoryList *self)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self))
                         ? gtk_widget_get_frame_clock (GTK_WIDGET (self)) : NULL;

  _sb_story_list_stop_query (self);
  if (query_is_empty (self))
    {
      /* After a search, every story in the frame after the old list's
       * rows went; else (nothing to replace) now. */
      if (clock != NULL && self->searching)
        {
          drop_after_keystroke (self, clock);
          self->found_all = TRUE;
          wait_to_show_found (self, clock);
        }
      else
        _sb_story_list_show_all_stories (self);
      return;
    }
  if (clock != NULL)
    drop_after_keystroke (self, clock);
  sb_story_search_run (self->search, self->query);
}

/* After the store's stories changed: at once, so the list never shows a
 * story that is gone. */
void
_sb_story_list_run_search_now (SbStoryList *self)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  _sb_story_list_stop_query (self);
  if (query_is_empty (self))
    {
      _sb_story_list_show_all_stories (self);
      return;
    }
  results = sb_store_search_stories (self->store, self->query, &error);
  show_results (self, results, error);
}
