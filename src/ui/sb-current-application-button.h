/* sb-current-application-button.h — the header's "Acme · in 3 days"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_CURRENT_APPLICATION_BUTTON (sb_current_application_button_get_type ())
G_DECLARE_FINAL_TYPE (SbCurrentApplicationButton, sb_current_application_button,
                      SB, CURRENT_APPLICATION_BUTTON, GtkButton)

/* Hidden while no application is current; a click activates
 * "win.show-application" with its slug. */
GtkWidget  *sb_current_application_button_new     (SbStore                    *store);
/* Reads the current application and today's date again. */
void        sb_current_application_button_update  (SbCurrentApplicationButton *self);
/* The text shown, or NULL while hidden. */
const char *sb_current_application_button_get_text (SbCurrentApplicationButton *self);

G_END_DECLS
