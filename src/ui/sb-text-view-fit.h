/* sb-text-view-fit.h — keeps a wrapping text view as tall as its text (GTK 4.8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For the view's life (its buffer must stay the same). */
void sb_text_view_fit_height (GtkTextView *view);

G_END_DECLS
