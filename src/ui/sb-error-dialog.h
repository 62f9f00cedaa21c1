/* sb-error-dialog.h — telling the person why a change was refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @heading and @error's message in a dialog over @widget's window;
 * with no window (the widget is not shown), only logs it (g_debug). */
void sb_error_dialog_show (GtkWidget    *widget,
                           const char   *heading,
                           const GError *error);

G_END_DECLS
