/* sb-practice-page-queue.c — the Practice page's list: the schedule
 *
 * The list on the left is the schedule: stories never rehearsed first,
 * then those due, then the rest by when they come back.
 *
 * The schedule is read only while the page is shown: hidden, a change in
 * the bank just marks it stale, and it is read again when the page is
 * next shown. A burst of changes (an import) is read once, in one idle.
 * The list is a GtkListView, so only the rows on screen are made and only
 * they ask for their story's figures. GtkListView (GTK 4.8) makes and
 * binds a row for up to 200 items whatever it shows, so a new schedule is
 * put in in steps, as the story list does: a screenful in the frame that
 * shows the page, a screenful per frame after it up to the rows the list
 * view makes, then the rest 1,000 a frame (in one splice, the last 9,800
 * of a 10,000-story bank held a frame for ~40 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-practice-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-practice.h"
#include "sb-practice-page-private.h"

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- the queue -------------------------------------------------------- */

void
_sb_practice_page_setup_row_cb (GtkSignalListItemFactory *factory,
                                GtkListItem              *item,
                                SbPracticePage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

/* Only rows on screen are bound: the figures are read for those alone. */
void
_sb_practice_page_bind_row_cb (GtkSignalListItemFactory *factory,
                               GtkListItem              *item,
                               SbPracticePage           *self)
{
  SbStory *story = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_last_child (box);
  SbPracticeStats stats = { 0, };
  g_autofree char *due = NULL;
  g_autofree char *accessible = NULL;
  gint64 now = now_seconds ();
  gboolean due_now;

  sb_practice_get_stats (self->store, story, &stats);
  due = _sb_practice_page_format_due (&stats, now);
  due_now = stats.n_rehearsals == 0 || stats.due_at <= now;

  gtk_label_set_label (GTK_LABEL (title), sb_story_get_display_title (story));
  gtk_label_set_label (GTK_LABEL (subtitle), due);
  if (due_now)
    {
      gtk_widget_remove_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "accent");
    }
  else
    {
      gtk_widget_remove_css_class (subtitle, "accent");
      gtk_widget_add_css_class (subtitle, "dim-label");
    }
  accessible = g_strdup_printf ("%s, %s", sb_story_get_display_title (story), due);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* A screenful of rows of a window as tall as a 1080p screen (a row is
 * about 46 px), in the first frame and in each after it: each costs the
 * frame its two labels' text layout (~0.15 ms). Past LIST_VIEW_ROWS the
 * list view makes no more rows. */
#define FIRST_ROWS     24
#define LIST_VIEW_ROWS 200
#define REST_ROWS      1000

/* Puts the queue in the list up to @n items (at most all of it). */
void
_sb_practice_page_fill_to (SbPracticePage *self,
                           guint           n)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->queue_model));

  n = MIN (n, self->queue->len);
  if (n > shown)
    g_list_store_splice (self->queue_model, shown, 0, self->queue->pdata + shown, n - shown);
}

void
_sb_practice_page_stop_filling (SbPracticePage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->fill_paint_id != 0 && clock != NULL)
    g_signal_handler_disconnect (clock, self->fill_paint_id);
  self->fill_paint_id = 0;
  g_clear_handle_id (&self->fill_id, g_source_remove);
}

static void wait_for_frame (SbPracticePage *self);

static gboolean
fill_cb (gpointer user_data)
{
  SbPracticePage *self = user_data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->queue_model));

  self->fill_id = 0;
  _sb_practice_page_fill_to (self, shown + (shown + FIRST_ROWS > LIST_VIEW_ROWS ? REST_ROWS : FIRST_ROWS));
  /* One slice per frame: idles run again and again between two frames. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->queue_model)) < self->queue->len)
    wait_for_frame (self);
  return G_SOURCE_REMOVE;
}

static void
fill_after_paint_cb (GdkFrameClock  *clock,
                     SbPracticePage *self)
{
  _sb_practice_page_stop_filling (self);
  self->fill_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_cb, self, NULL);
}

/* The next slice waits for the frame that shows this one; with no frame
 * to wait for (the window gone), the rest comes in one go. */
static void
wait_for_frame (SbPracticePage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  _sb_practice_page_stop_filling (self);
  if (clock != NULL)
    self->fill_paint_id = g_signal_connect_object (clock, "after-paint",
                                                   G_CALLBACK (fill_after_paint_cb),
                                                   self, G_CONNECT_AFTER);
  else
    _sb_practice_page_fill_to (self, G_MAXUINT);
}

static gboolean
is_shown (SbPracticePage *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self));
}

/* Reads the schedule and puts its first screenful in the list; the rest
 * follows a frame at a time while the page is shown (see map). */
static void
read_queue (SbPracticePage *self)
{
  g_autoptr(SbStory) keep = NULL;
  gint64 now = now_seconds ();
  guint n_due, n_old;
  g_autofree char *due = NULL;

  self->stale = FALSE;
  self->refreshed_at = now;

  keep = self->story != NULL ? g_object_ref (self->story) : NULL;
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->queue = sb_practice_get_queue_full (self->store, now, &n_due);

  /* One splice of a screenful (the list view rebinds the rows on screen,
   * no more); the rest after the frame (see the top). */
  _sb_practice_page_stop_filling (self);
  self->selecting = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->queue_model));
  g_list_store_splice (self->queue_model, 0, n_old, self->queue->pdata, MIN (self->queue->len, FIRST_ROWS));
  if (self->queue->len > FIRST_ROWS && is_shown (self))
    wait_for_frame (self);
  gtk_single_selection_set_selected (self->queue_selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;

  if (n_due == 0)
    due = g_strdup (_("Nothing due: every story is on schedule"));
  else
    due = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story to rehearse today",
                                        "%u stories to rehearse today", n_due),
                           n_due);
  gtk_label_set_label (self->due_label, due);

  gtk_stack_set_visible_child_name (self->stack, self->queue->len > 0 ? "practice" : "empty");

  /* Stay on the story being worked on while it is still in the bank. */
  if (keep != NULL && g_ptr_array_find (self->queue, keep, NULL))
    {
      g_clear_object (&self->story);
      sb_practice_page_select_story (self, keep);
    }
  else
    sb_practice_page_select_story (self, self->queue->len > 0 ? self->queue->pdata[0] : NULL);
}

void
sb_practice_page_refresh (SbPracticePage *self)
{
  g_return_if_fail (SB_IS_PRACTICE_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  /* Hidden, or a try under way or waiting for its rating: read it when
   * it can be seen, and without losing the try. */
  if (!is_shown (self) || self->started_us != 0 || self->awaiting_rating)
    {
      self->stale = TRUE;
      return;
    }
  read_queue (self);
}

/* The window warms the page up before it is first shown: the schedule is
 * read now (the kept schedule, see sb-practice.h), so that the frame that
 * shows the page only draws it. Read again when shown if the bank changed
 * meanwhile, as any hidden page is. */
void
sb_practice_page_prepare (SbPracticePage *self)
{
  g_return_if_fail (SB_IS_PRACTICE_PAGE (self));

  if (self->stale && self->started_us == 0 && !self->awaiting_rating)
    read_queue (self);
}

/* Shown: the rest of a schedule read while hidden comes in, a slice a
 * frame. */
void
_sb_practice_page_resume_filling (SbPracticePage *self)
{
  if (self->fill_id == 0 && self->fill_paint_id == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->queue_model)) < self->queue->len)
    wait_for_frame (self);
}

void
_sb_practice_page_row_selected_cb (SbPracticePage *self)
{
  guint position = gtk_single_selection_get_selected (self->queue_selection);

  if (self->selecting || position >= self->queue->len)
    return;
  /* In a narrow window the list selects on hover; a story is chosen by
   * activating it (row_activated_cb), not by passing over it mid-try. */
  if (gtk_list_view_get_single_click_activate (self->queue_list))
    return;
  sb_practice_page_select_story (self, self->queue->pdata[position]);
}

void
_sb_practice_page_row_activated_cb (SbPracticePage *self,
                                    guint           position,
                                    GtkListView    *list)
{
  if (position < self->queue->len)
    sb_practice_page_select_story (self, self->queue->pdata[position]);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  SbPracticePage *self = user_data;

  self->refresh_id = 0;
  sb_practice_page_refresh (self);
  return G_SOURCE_REMOVE;
}

void
_sb_practice_page_stories_changed_cb (SbPracticePage *self)
{
  /* Hidden: no work now, the page reads the bank when it is shown. */
  if (!is_shown (self))
    {
      self->stale = TRUE;
      return;
    }
  /* Shown: an import's thousand signals make one read. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

/* ---- public API ------------------------------------------------------- */

guint
sb_practice_page_get_n_queued (SbPracticePage *self)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), 0);
  return self->queue->len;
}

SbStory *
sb_practice_page_get_queued_story (SbPracticePage *self,
                                   guint           position)
{
  g_return_val_if_fail (SB_IS_PRACTICE_PAGE (self), NULL);
  return position < self->queue->len ? self->queue->pdata[position] : NULL;
}
