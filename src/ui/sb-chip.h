/* sb-chip.h — a chip of a wrapped line: a name and a button to take it out
 *
 * The requirement rows (linked stories) and the round rows (focus themes,
 * planned stories) show what they hold as chips in an SbWrapBox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A chip showing @title. With @open_cb, the title is a flat button named
 * @open_name that calls @open_cb (button, @data) when clicked; without, a
 * plain label. Its remove button, named @remove_name, calls @remove_cb
 * (button, @data). Both buttons carry @value (copied) as object data
 * @key, for the callbacks to read. A long title is ellipsized, so it
 * never widens a narrow window. */
GtkWidget *sb_chip_new (const char *title,
                        const char *open_name,
                        const char *remove_name,
                        GCallback   open_cb,
                        GCallback   remove_cb,
                        const char *key,
                        const char *value,
                        gpointer    data);

G_END_DECLS
