/* bench-frames.h — timing an interaction to the end of the frame that shows it
 *
 * An interaction's time is the main thread's work from the call to the end
 * of the frame after it: wall time less the time the main loop spent
 * waiting in poll(), so the wait for the next frame slot does not count.
 * Shared by storybank-bench and bench-coverage-matrix; one copy per program
 * (the state is static).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

static GPollFunc real_poll;
static gint64    polled_us;      /* time the main loop spent waiting */
static guint     frames_painted;

static gint
counting_poll (GPollFD *fds,
               guint    n_fds,
               gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint result = real_poll (fds, n_fds, timeout);

  polled_us += g_get_monotonic_time () - start;
  return result;
}

/* Before the first window: the main loop's polls are counted from now. */
static inline void
bench_frames_init (void)
{
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, counting_poll);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  frames_painted++;
}

/* Counts @window's painted frames (once it is presented). */
static inline void
watch_frames (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

typedef void (*Interaction) (gpointer data);

/* Runs @interaction, then the main loop until the frame after it has been
 * painted; returns the main thread's work in ms. With BENCH_MARKS set it
 * prints "mark START END" (monotonic µs) to find it in a profile
 * (perf record -k mono). */
static inline double
time_interaction (GtkWidget   *window,
                  Interaction  interaction,
                  gpointer     data)
{
  guint target = frames_painted + 1;
  gint64 start = g_get_monotonic_time ();
  gint64 polled = polled_us;
  gint64 deadline;

  interaction (data);
  /* However long the call took, the frame must follow within two minutes. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  /* A change that damages nothing still gets its frame. */
  gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window), GDK_FRAME_CLOCK_PHASE_PAINT);
  while (frames_painted < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (frames_painted < target)
    g_error ("no frame painted within two minutes");
  if (g_getenv ("BENCH_MARKS") != NULL)
    g_printerr ("mark %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", start, g_get_monotonic_time ());
  return (g_get_monotonic_time () - start - (polled_us - polled)) / 1000.0;
}

/* One blocking main-loop iteration; returns its work in µs (not the poll). */
static inline gint64
time_iteration (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 polled = polled_us;

  g_main_context_iteration (NULL, TRUE);
  return g_get_monotonic_time () - start - (polled_us - polled);
}

/* Lets the window settle for @ms: idles, timeouts due now, a frame or two. */
static inline void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}
