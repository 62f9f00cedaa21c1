/* sb-error-dialog.c — telling the person why a change was refused
 *
 * See sb-error-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-error-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-error-dialog.h"

void
sb_error_dialog_show (GtkWidget    *widget,
                      const char   *heading,
                      const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  g_debug ("%s: %s", heading, error->message);
  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
