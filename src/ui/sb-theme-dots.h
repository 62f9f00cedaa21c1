/* sb-theme-dots.h — a story's theme dots, drawn by one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* More dots than this stop saying anything at a glance. */
#define SB_THEME_DOTS_MAX 8
/* The framework palette: @framework_0 … @framework_5 in style.css. */
#define SB_THEME_DOTS_N_COLOURS 6

#define SB_TYPE_THEME_DOTS (sb_theme_dots_get_type ())
G_DECLARE_FINAL_TYPE (SbThemeDots, sb_theme_dots, SB, THEME_DOTS, GtkWidget)

GtkWidget *sb_theme_dots_new        (void);
/* Shows @n_dots dots (at most SB_THEME_DOTS_MAX): dot i in palette colour
 * @colours[i], hollow when @secondary[i] (@secondary NULL: none is). */
void       sb_theme_dots_set        (SbThemeDots    *self,
                                     guint           n_dots,
                                     const guint    *colours,
                                     const gboolean *secondary);
guint      sb_theme_dots_get_n_dots (SbThemeDots *self);
/* The dot at @index: its palette colour and whether it is hollow. */
gboolean   sb_theme_dots_get_dot    (SbThemeDots *self,
                                     guint        index,
                                     guint       *colour,
                                     gboolean    *secondary);

G_END_DECLS
