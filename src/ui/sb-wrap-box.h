/* sb-wrap-box.h — children in a row that wraps like words, each at its own width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SB_TYPE_WRAP_BOX (sb_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (SbWrapBox, sb_wrap_box, SB, WRAP_BOX, GtkWidget)

GtkWidget *sb_wrap_box_new        (void);
void       sb_wrap_box_append     (SbWrapBox *self,
                                   GtkWidget *child);
void       sb_wrap_box_remove_all (SbWrapBox *self);
guint      sb_wrap_box_get_n_children (SbWrapBox *self);

G_END_DECLS
