/* sb-first-frame.c — reports when a window has drawn its first frame (benchmarks)
 *
 * storybank-bench starts the app with STORYBANK_BENCH_FIRST_FRAME set and
 * reads the time of its first frame; the empty-window floor it compares
 * against uses this same hook, so both are measured the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-first-frame"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb-first-frame.h"

/* Not getrusage() for the peak: after fork and exec that still counts the
 * parent's pages. */
guint64
sb_first_frame_read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoull (line + strlen (field), NULL, 10) : 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  /* Read the clock first: the time is the frame's, not the exit's. */
  gint64 now = g_get_monotonic_time ();

  printf ("first-frame %" G_GINT64_FORMAT " %" G_GUINT64_FORMAT "\n", now, sb_first_frame_read_status_kb ("VmHWM:"));
  fflush (stdout);
  /* Nothing to save: the benchmark only opens the bank. */
  _Exit (0);
}

void
sb_first_frame_watch (GtkWindow *window)
{
  GdkFrameClock *clock;

  if (g_getenv (SB_FIRST_FRAME_ENV) == NULL)
    return;
  /* gtk_window_present() has realized the window: it has its clock. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_return_if_fail (clock != NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}
