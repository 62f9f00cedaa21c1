/* sb-menu-button.h — what Storybank adds to GtkMenuButton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 keeps a menu button's tooltip on top of the popover it opened:
 * no tooltip while @button's popover shows. Call after its popover is set. */
void sb_menu_button_hide_tooltip_while_open (GtkMenuButton *button);

G_END_DECLS
