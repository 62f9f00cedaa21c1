/* bench-empty-window.c — the floor storybank-bench compares start-up against
 *
 * An AdwApplication that opens one empty AdwApplicationWindow and reports
 * its first frame through the same hook as Storybank (sb-first-frame.c):
 * whatever start-up costs beyond this is Storybank's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-empty-window"

#include "config.h"

#include <adwaita.h>

#include "sb-first-frame.h"

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  sb_first_frame_watch (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.storybank.Storybank.BenchFloor",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
