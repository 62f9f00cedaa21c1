/* sb-label.h — wrapping labels that are cheap to measure
 *
 * GTK 4.8 finds a wrapping label's smallest width by laying its text out
 * width-chars wide, and with width-chars at 0 that is one character a
 * line: a sentence shaped into dozens of lines, each time the label is
 * measured, to be thrown away. Laid out SB_LABEL_WRAP_CHARS wide instead
 * it costs a few lines; no label here is ever that narrow. (At 1,000
 * stories the story editor's wrapping labels were ~3.5 % of the main
 * thread's work to the first frame.) The .ui files set the same number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#define SB_LABEL_WRAP_CHARS 12

/* Makes @label wrap, and measure itself at SB_LABEL_WRAP_CHARS. */
static inline void
sb_label_set_wrapping (GtkLabel *label)
{
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_width_chars (label, SB_LABEL_WRAP_CHARS);
}

/* The same for every wrapping label under @widget that does not say how
 * wide it is (an AdwActionRow's title and subtitle). */
static inline void
sb_label_narrow_wrapping (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_width_chars (GTK_LABEL (widget)) <= 0)
    gtk_label_set_width_chars (GTK_LABEL (widget), SB_LABEL_WRAP_CHARS);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sb_label_narrow_wrapping (child);
}

/* Every label under @widget on one line (an AdwActionRow's title and
 * subtitle, with title-lines 1, still wrap the first line): for rows
 * that change with every click, whose wrapped text would be laid out
 * again each time. */
static inline void
sb_label_unwrap (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    gtk_label_set_wrap (GTK_LABEL (widget), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sb_label_unwrap (child);
}
