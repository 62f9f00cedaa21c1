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

/* When set (and SB_FIRST_FRAME_ENV is not), the main window plays a short
 * scripted session after its first frame and reports its peak memory on
 * the way (sb-window-session.c). */
#define SB_BENCH_SESSION_ENV "STORYBANK_BENCH_SESSION"

/* A "FIELD: N kB" line of /proc/self/status (@field with its colon, e.g.
 * "VmHWM:", the peak resident set), in kB; 0 if unknown. */
guint64 sb_first_frame_read_status_kb (const char *field);

G_END_DECLS
