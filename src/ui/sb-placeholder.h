/* sb-placeholder.h — the dim, wrapped line an empty list shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A label for gtk_list_box_set_placeholder(): @text, wrapped, dimmed, with
 * the margins of a row. */
GtkWidget *sb_placeholder_new (const char *text);

G_END_DECLS
