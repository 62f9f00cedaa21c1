/* sb-views-css.c — the views' stylesheet, added once per display
 *
 * AdwApplication loads style.css by itself; the Coverage and Questions
 * views keep their rules in views.css. The application adds it at start-up
 * and a view that joins a window does too (the tests have no application):
 * once per display, marked on the display, so a window is never restyled
 * for a stylesheet it already has.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-views-css"

#include "config.h"

#include "sb-views-css.h"

void
sb_views_ensure_css_for_display (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "sb-views-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/storybank/Storybank/views.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "sb-views-css",
                          g_object_ref (provider), g_object_unref);
}

void
sb_views_ensure_css (GtkWidget *widget)
{
  sb_views_ensure_css_for_display (gtk_widget_get_display (widget));
}
