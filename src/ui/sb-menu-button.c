/* sb-menu-button.c — what Storybank adds to GtkMenuButton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-menu-button"

#include "config.h"

#include "sb-menu-button.h"

static void
popover_shown_cb (GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, FALSE);
}

static void
popover_hidden_cb (GtkWidget *button)
{
  gtk_widget_set_has_tooltip (button, TRUE);
}

void
sb_menu_button_hide_tooltip_while_open (GtkMenuButton *button)
{
  GtkPopover *popover;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  popover = gtk_menu_button_get_popover (button);
  if (popover == NULL)
    return;
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_shown_cb), button, G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "hide", G_CALLBACK (popover_hidden_cb), button, G_CONNECT_SWAPPED);
}
