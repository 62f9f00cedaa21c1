/* sb-accessible.h — plain accessible names for controls with mnemonics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Call once before the first widget is made (the application's startup;
 * the UI tests' start-up). Safe to call again. */
void   sb_accessible_init              (void);

G_END_DECLS
