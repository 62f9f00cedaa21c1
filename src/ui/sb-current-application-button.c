/* sb-current-application-button.c — the header's "Acme · in 3 days"
 *
 * The application being prepared for, with how far its loop is; a click
 * opens it on the Applications page. It follows the store's
 * "applications-changed" (one look-up, cheap), the day changes at
 * midnight, and the window asks again when it becomes active (a laptop
 * that slept through midnight).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-current-application-button"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-countdown.h"
#include "sb-current-application-button.h"

struct _SbCurrentApplicationButton
{
  GtkButton  parent_instance;

  SbStore   *store;
  char      *slug;
  char      *text;
  guint      midnight_id;

  /* The company gives way in a narrow window; how far the loop is never
   * does. */
  GtkLabel  *company_label;
  GtkWidget *separator;
  GtkLabel  *when_label;
};

G_DEFINE_FINAL_TYPE (SbCurrentApplicationButton, sb_current_application_button, GTK_TYPE_BUTTON)

static void schedule_midnight (SbCurrentApplicationButton *self);

static gboolean
midnight_cb (gpointer user_data)
{
  SbCurrentApplicationButton *self = user_data;

  self->midnight_id = 0;
  sb_current_application_button_update (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_midnight (SbCurrentApplicationButton *self)
{
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = g_timeout_add (sb_countdown_ms_to_midnight (), midnight_cb, self);
}

void
sb_current_application_button_update (SbCurrentApplicationButton *self)
{
  SbApplication *application;
  GDate today;
  g_autofree char *tooltip = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (SB_IS_CURRENT_APPLICATION_BUTTON (self));

  application = self->store != NULL ? sb_store_get_current_application (self->store) : NULL;
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self), application != NULL);
  if (application == NULL)
    {
      g_clear_handle_id (&self->midnight_id, g_source_remove);
      return;
    }

  sb_countdown_get_today (&today);
  self->slug = g_strdup (sb_application_get_slug (application));
  self->text = sb_countdown_describe (application, &today);
  {
    const char *company = sb_application_get_company (application);
    g_autofree char *display = sb_application_dup_display_name (application);
    g_autofree char *when = sb_countdown_format (sb_application_days_until (application, &today));

    gtk_label_set_text (self->company_label, company != NULL && *company != '\0' ? company : display);
    gtk_label_set_text (self->when_label, when != NULL ? when : "");
    gtk_widget_set_visible (GTK_WIDGET (self->when_label), when != NULL);
    gtk_widget_set_visible (self->separator, when != NULL);
  }
  name = sb_application_dup_display_name (application);
  /* Translators: %s is the application's company and role */
  tooltip = g_strdup_printf (_("Preparing for %s: open the application"), name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  schedule_midnight (self);
}

const char *
sb_current_application_button_get_text (SbCurrentApplicationButton *self)
{
  g_return_val_if_fail (SB_IS_CURRENT_APPLICATION_BUTTON (self), NULL);
  return self->text;
}

static void
sb_current_application_button_clicked (GtkButton *button)
{
  SbCurrentApplicationButton *self = SB_CURRENT_APPLICATION_BUTTON (button);

  if (self->slug != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-application", "s", self->slug);
}

static void
sb_current_application_button_dispose (GObject *object)
{
  SbCurrentApplicationButton *self = SB_CURRENT_APPLICATION_BUTTON (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_current_application_button_parent_class)->dispose (object);
}

static void
sb_current_application_button_class_init (SbCurrentApplicationButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->dispose = sb_current_application_button_dispose;
  button_class->clicked = sb_current_application_button_clicked;
}

static void
sb_current_application_button_init (SbCurrentApplicationButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  /* A long company name must not push the view switcher away; in a narrow
   * window it keeps its first letters and the countdown stays whole. */
  self->company_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->company_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->company_label, 20);
  gtk_label_set_width_chars (self->company_label, 3);
  gtk_widget_add_css_class (GTK_WIDGET (self->company_label), "heading");
  self->when_label = GTK_LABEL (gtk_label_new (NULL));
  self->separator = gtk_label_new ("·");
  gtk_widget_add_css_class (self->separator, "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->company_label));
  gtk_box_append (GTK_BOX (box), self->separator);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->when_label));
  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Current application"), -1);
}

GtkWidget *
sb_current_application_button_new (SbStore *store)
{
  SbCurrentApplicationButton *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_CURRENT_APPLICATION_BUTTON, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "applications-changed",
                           G_CALLBACK (sb_current_application_button_update), self, G_CONNECT_SWAPPED);
  sb_current_application_button_update (self);
  return GTK_WIDGET (self);
}
