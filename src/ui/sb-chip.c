/* sb-chip.c — a chip of a wrapped line: a name and a button to take it out
 *
 * See sb-chip.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-chip"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-chip.h"

GtkWidget *
sb_chip_new (const char *title,
             const char *open_name,
             const char *remove_name,
             GCallback   open_cb,
             GCallback   remove_cb,
             const char *key,
             const char *value,
             gpointer    data)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *main;

  gtk_widget_add_css_class (chip, "story-chip");
  gtk_widget_set_halign (chip, GTK_ALIGN_START);
  if (open_cb != NULL)
    {
      main = gtk_button_new_with_label (title);
      gtk_widget_add_css_class (main, "flat");
      gtk_widget_add_css_class (main, "chip-toggle");
      gtk_widget_set_tooltip_text (main, open_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (main), GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
      g_object_set_data_full (G_OBJECT (main), key, g_strdup (value), g_free);
      g_signal_connect (main, "clicked", open_cb, data);
      if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (main))))
        {
          GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (main)));

          gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (label, 32);
        }
    }
  else
    {
      main = gtk_label_new (title);
      gtk_label_set_ellipsize (GTK_LABEL (main), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (main, 12);
      gtk_widget_set_margin_end (main, 2);
    }

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "chip-remove");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), key, g_strdup (value), g_free);
  g_signal_connect (remove, "clicked", remove_cb, data);

  gtk_box_append (GTK_BOX (chip), main);
  gtk_box_append (GTK_BOX (chip), remove);
  return chip;
}
