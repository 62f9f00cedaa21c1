/* sb-text-view-fit.c — keeps a wrapping text view as tall as its text (GTK 4.8)
 *
 * GTK 4.8's GtkTextView reports the height of its layout as laid out at its
 * last width. A short view that wraps (the story title) is first measured
 * before it has a width, as one line, and the second line it wraps to once
 * allocated was left clipped: nothing asked for a new size. After its text
 * changes, it is shown, or its window is resized, this watches a few
 * frames: it lays out the last line at the view's width (which brings the
 * layout's height up to date) and asks for a new size while that height
 * differs from what the view was given. It then stops, so an idle window
 * draws no frames for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-text-view-fit"

#include "config.h"

#include "sb-text-view-fit.h"

#define QUIET_FRAMES 3

typedef struct
{
  guint      tick_id;
  guint      quiet;      /* frames in a row where the height was right */
  GtkWidget *root;       /* watched for resizes (not owned) */
} Fit;

static Fit *
get_fit (GtkWidget *view)
{
  return g_object_get_data (G_OBJECT (view), "sb-text-view-fit");
}

static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  Fit *fit = get_fit (widget);
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  GtkTextIter end;
  int y, height, needed;

  if (gtk_widget_get_width (widget) > 0)
    {
      gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
      gtk_text_view_get_line_yrange (view, &end, &y, &height);
      needed = y + height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
      if (needed != gtk_widget_get_height (widget))
        {
          fit->quiet = 0;
          gtk_widget_queue_resize (widget);
          return G_SOURCE_CONTINUE;
        }
    }
  if (++fit->quiet < QUIET_FRAMES)
    return G_SOURCE_CONTINUE;
  fit->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
watch_frames (GtkWidget *view)
{
  Fit *fit = get_fit (view);

  fit->quiet = 0;
  if (fit->tick_id == 0 && gtk_widget_get_mapped (view))
    fit->tick_id = gtk_widget_add_tick_callback (view, fit_tick_cb, NULL, NULL);
}

static void
root_resized_cb (GtkWidget  *view,
                 GParamSpec *pspec,
                 GObject    *root)
{
  watch_frames (view);
}

static void
view_map_cb (GtkWidget *view)
{
  Fit *fit = get_fit (view);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (view));

  if (root != fit->root)
    {
      if (fit->root != NULL)
        g_signal_handlers_disconnect_by_func (fit->root, root_resized_cb, view);
      fit->root = root;
      if (root != NULL)
        {
          g_signal_connect_object (root, "notify::default-width", G_CALLBACK (root_resized_cb), view,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (root, "notify::maximized", G_CALLBACK (root_resized_cb), view,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (root, "notify::fullscreened", G_CALLBACK (root_resized_cb), view,
                                   G_CONNECT_SWAPPED);
        }
    }
  watch_frames (view);
}

static void
view_unmap_cb (GtkWidget *view)
{
  Fit *fit = get_fit (view);

  if (fit->tick_id != 0)
    gtk_widget_remove_tick_callback (view, fit->tick_id);
  fit->tick_id = 0;
}

void
sb_text_view_fit_height (GtkTextView *view)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  g_object_set_data_full (G_OBJECT (view), "sb-text-view-fit", g_new0 (Fit, 1), g_free);
  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed", G_CALLBACK (watch_frames), view,
                           G_CONNECT_SWAPPED);
  g_signal_connect (view, "map", G_CALLBACK (view_map_cb), NULL);
  g_signal_connect (view, "unmap", G_CALLBACK (view_unmap_cb), NULL);
}
