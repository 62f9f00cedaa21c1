/* sb-views-css.h — the views' stylesheet, added once per display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void sb_views_ensure_css_for_display (GdkDisplay *display);
/* The same for @widget's display (none yet: nothing). */
void sb_views_ensure_css             (GtkWidget  *widget);

G_END_DECLS
