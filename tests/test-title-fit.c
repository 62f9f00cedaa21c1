/* test-title-fit.c — the story title's box grows and shrinks with its text
 *
 * GTK 4.8 measured the wrapping title before it had a width and left its
 * second line clipped (sb-text-view-fit.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "sb-test-ui.h"
#include "sb-test-util.h"
#include "sb-window-private.h"

/* How far below the view's top its last line ends (margins included). */
static int
text_bottom (GtkTextView *view)
{
  GtkTextIter end;
  int y, height;

  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_view_get_line_yrange (view, &end, &y, &height);
  return y + height + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);
}

static gboolean
fits (GtkTextView *view)
{
  return gtk_widget_get_height (GTK_WIDGET (view)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (view)) == text_bottom (view);
}

/* Runs a few frames (the view is laid out at its new width in one, its
 * new size asked for in the next), then until the title fits its text:
 * two seconds at most. */
static void
wait_until_fits (GtkTextView *view)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  while ((gdk_frame_clock_get_frame_counter (clock) < frame + 4 || !fits (view)) &&
         g_get_monotonic_time () < end)
    {
      gtk_widget_queue_draw (GTK_WIDGET (view));
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_title_fits_its_lines (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  SbStory *long_title, *short_title;
  SbWindow *window;
  GtkTextView *title;
  int one_line, two_lines;

  g_assert_no_error (error);
  short_title = sb_store_create_story (store, "Checkout outage", &error);
  long_title = sb_store_create_story (store, "My manager disagreed about the database migration and the "
                                             "rollback plan we had written for the release weekend, so I ran both plans "
                                             "side by side on a copy of production for a week", &error);
  g_assert_no_error (error);

  window = sb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  title = sb_story_editor_get_title_view (sb_window_get_story_editor (window));
  sb_story_list_select_story (sb_window_get_story_list (window), short_title);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_frame_clock (GTK_WIDGET (title)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_until_fits (title);
  g_assert_true (fits (title));
  one_line = gtk_widget_get_height (GTK_WIDGET (title));

  /* The long title wraps: every line shows. */
  sb_story_list_select_story (sb_window_get_story_list (window), long_title);
  wait_until_fits (title);
  g_assert_true (fits (title));
  two_lines = gtk_widget_get_height (GTK_WIDGET (title));
  g_assert_cmpint (two_lines, >, one_line);

  /* Back to one line: the box gives the room back. */
  sb_story_list_select_story (sb_window_get_story_list (window), short_title);
  wait_until_fits (title);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (title)), ==, one_line);

  gtk_window_destroy (GTK_WINDOW (window));
  sb_test_iterate_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  sb_test_ui_init (&argc, &argv);

  g_test_add_func ("/title-fit/fits-its-lines", test_title_fits_its_lines);

  return g_test_run ();
}
