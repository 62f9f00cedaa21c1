/* sb-first-frame.h — reports when a window has drawn its first frame (benchmarks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The environment variable that turns the report on. */
#define SB_FIRST_FRAME_ENV "STORYBANK_BENCH_FIRST_FRAME"

/* When SB_FIRST_FRAME_ENV is set, waits for @window's first painted frame,
 * prints "first-frame MONOTONIC_US PEAK_RSS_KB" (g_get_monotonic_time, the
 * clock every process shares) on stdout and ends the process. Does nothing otherwise.
 * Call it right after gtk_window_present(). */
void sb_first_frame_watch (GtkWindow *window);

G_END_DECLS
