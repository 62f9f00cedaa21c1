/* sb-applications-page.c — the Applications page: the loops a person
 * prepares for, their introduction, and the application shown
 *
 * A sidebar lists the introduction (one for the bank) and the
 * applications (company · role, the date and how far it is, the status);
 * the content shows the one selected. In a narrow window the two become
 * one stack, as on the Stories page.
 *
 * Nothing is built or read until the page is first shown or warmed up
 * (sb_applications_page_prepare()); while it is hidden, a change of the
 * applications only marks the list stale, and the list is read again
 * when the page shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-applications-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-applications-page.h"
#include "sb-countdown.h"
#include "sb-error-dialog.h"
#include "sb-label.h"

struct _SbApplicationsPage
{
  GtkWidget             parent_instance;

  SbStore              *store;
  gboolean              built;
  gboolean              stale;
  gboolean              selecting;
  guint                 refresh_id;
  guint                 n_refreshes;
  guint                 refreshed_day;    /* Julian day of the countdowns shown */
  char                 *selected_slug;
  gboolean              showing_introduction;

  AdwLeaflet           *leaflet;
  GtkListBox           *intro_list;
  AdwActionRow         *intro_row;
  GtkListBox           *list;
  GtkStack             *content_stack;
  GtkWidget            *back_button;
  GtkWidget            *content;
  SbApplicationEditor  *editor;
  SbIntroductionEditor *introduction;
};

G_DEFINE_FINAL_TYPE (SbApplicationsPage, sb_applications_page, GTK_TYPE_WIDGET)

static void refresh (SbApplicationsPage *self);

/* ---- the list ---------------------------------------------------------- */

static const char *
row_get_slug (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sb-slug");
}

static GtkWidget *
application_row_new (SbApplicationsPage *self,
                     SbApplication      *application,
                     GDate              *today)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title, *subtitle;
  g_autofree char *name = sb_application_dup_display_name (application);
  g_autofree char *when = sb_countdown_format (sb_application_days_until (application, today));
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) spoken = g_string_new (name);
  gboolean current = sb_store_get_current_application (self->store) == application;
  gboolean done = sb_application_get_status (application) == SB_APPLICATION_STATUS_DONE;

  if (*sb_application_get_date (application) != '\0')
    g_string_append (line, sb_application_get_date (application));
  if (when != NULL)
    g_string_append_printf (line, " · %s", when);
  if (line->len > 0)
    g_string_append (line, " · ");
  g_string_append (line, done ? _("Done") : _("Preparing"));

  title = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  subtitle = gtk_label_new (line->str);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  /* The current one is marked in words too, for a screen reader. */
  if (current)
    {
      GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

      gtk_widget_set_tooltip_text (star, _("Current application"));
      gtk_box_append (GTK_BOX (box), star);
      g_string_append_printf (spoken, ", %s", _("current application"));
    }
  g_string_append_printf (spoken, ", %s", line->str);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
  g_object_set_data_full (G_OBJECT (row), "sb-slug", g_strdup (sb_application_get_slug (application)), g_free);
  if (done)
    gtk_widget_add_css_class (box, "dim-label");
  return row;
}

static void
show_content (SbApplicationsPage *self)
{
  SbApplication *application = NULL;
  GListModel *applications = sb_store_get_applications (self->store);

  if (self->selected_slug != NULL)
    application = sb_store_find_application (self->store, self->selected_slug);
  sb_application_editor_set_application (self->editor, application);
  if (self->showing_introduction)
    {
      sb_introduction_editor_load (self->introduction);
      gtk_stack_set_visible_child_name (self->content_stack, "introduction");
    }
  else if (application != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "application");
  else
    gtk_stack_set_visible_child_name (self->content_stack,
                                      g_list_model_get_n_items (applications) == 0 ? "empty" : "none");
}

static void
select_row_of (SbApplicationsPage *self,
               const char         *slug)
{
  GtkListBoxRow *row;

  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->list);
  for (int i = 0; slug != NULL && (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (g_strcmp0 (row_get_slug (row), slug) == 0)
      {
        gtk_list_box_select_row (self->list, row);
        break;
      }
  if (self->showing_introduction)
    gtk_list_box_select_row (self->intro_list, GTK_LIST_BOX_ROW (self->intro_row));
  else
    gtk_list_box_unselect_all (self->intro_list);
  self->selecting = FALSE;
}

static void
update_intro_row (SbApplicationsPage *self)
{
  g_autofree char *text = sb_store_get_introduction (self->store);
  g_autofree char *length = NULL;

  if (text == NULL || *text == '\0')
    {
      adw_action_row_set_subtitle (self->intro_row, _("“Tell me about yourself”: not written yet"));
      return;
    }
  length = sb_introduction_describe_length (text, NULL);
  adw_action_row_set_subtitle (self->intro_row, length);
}

static void
refresh (SbApplicationsPage *self)
{
  GListModel *applications = sb_store_get_applications (self->store);
  guint n = g_list_model_get_n_items (applications);
  GtkListBoxRow *row;
  GDate today;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;
  self->n_refreshes++;

  self->selecting = TRUE;
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  self->selecting = FALSE;
  sb_countdown_get_today (&today);
  self->refreshed_day = g_date_get_julian (&today);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);

      gtk_list_box_append (self->list, application_row_new (self, application, &today));
    }

  /* The one shown stays; gone, the current one or the first is shown. */
  if (self->selected_slug == NULL || sb_store_find_application (self->store, self->selected_slug) == NULL)
    {
      SbApplication *current = sb_store_get_current_application (self->store);
      g_autoptr(SbApplication) first = n > 0 ? g_list_model_get_item (applications, 0) : NULL;
      SbApplication *next = current != NULL ? current : first;

      g_free (self->selected_slug);
      self->selected_slug = next != NULL ? g_strdup (sb_application_get_slug (next)) : NULL;
    }
  select_row_of (self, self->selected_slug);
  update_intro_row (self);
  show_content (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  SbApplicationsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
applications_changed_cb (SbApplicationsPage *self)
{
  /* Hidden, it waits to be shown (see map). */
  if (!self->built || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

static void
row_selected_cb (SbApplicationsPage *self,
                 GtkListBoxRow      *row)
{
  if (self->selecting || row == NULL)
    return;
  sb_application_editor_flush (self->editor);
  g_free (self->selected_slug);
  self->selected_slug = g_strdup (row_get_slug (row));
  self->showing_introduction = FALSE;
  select_row_of (self, self->selected_slug);
  show_content (self);
}

static void
row_activated_cb (SbApplicationsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
intro_selected_cb (SbApplicationsPage *self,
                   GtkListBoxRow      *row)
{
  if (self->selecting || row == NULL)
    return;
  self->showing_introduction = TRUE;
  select_row_of (self, NULL);
  show_content (self);
}

static void
back_clicked_cb (SbApplicationsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- actions ----------------------------------------------------------- */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SbApplicationsPage *self = SB_APPLICATIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  SbApplication *application;

  if (self->built)
    sb_application_editor_flush (self->editor);
  application = sb_store_create_application (self->store, NULL, "", "", &error);
  if (application == NULL)
    {
      sb_error_dialog_show (widget, _("Could Not Add an Application"), error);
      return;
    }
  sb_applications_page_select_application (self, sb_application_get_slug (application));
  sb_application_editor_focus_company (self->editor);
}

/* ---- building ------------------------------------------------------------ */

static GtkWidget *
build_sidebar (SbApplicationsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Applications"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "applications.new");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("New Application"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New Application"), -1);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), add);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);

  /* The introduction: once for the bank, above every application. */
  self->intro_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->intro_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->intro_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your introduction"), -1);
  self->intro_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->intro_row), _("Your Introduction"));
  adw_action_row_set_icon_name (self->intro_row, "user-info-symbolic");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->intro_row), TRUE);
  gtk_list_box_append (self->intro_list, GTK_WIDGET (self->intro_row));
  gtk_widget_set_margin_start (GTK_WIDGET (self->intro_list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->intro_list), 12);
  g_signal_connect_object (self->intro_list, "row-selected", G_CALLBACK (intro_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->intro_list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Applications"), -1);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->intro_list));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), inner);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_size_request (box, 280, -1);
  /* The header's title expands; the sidebar must not take the editor's
   * room for it. */
  gtk_widget_set_hexpand (box, FALSE);
  return box;
}

static GtkWidget *
build_empty (void)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_New Application"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Prepare for One Company’s Loop"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("An application is one company’s interviews: the job description and "
                                     "the requirements in it, the company’s values, the rounds of the loop "
                                     "and the stories you will tell in each. Add one when an interview is "
                                     "booked; Storybank then shows what still has no story."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "applications.new");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
  return status;
}

static void
build (SbApplicationsPage *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *none = adw_status_page_new ();
  AdwLeafletPage *separator;

  self->built = TRUE;
  self->content = content;
  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_halign (self->back_button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->back_button, 6);
  gtk_widget_set_margin_top (self->back_button, 6);
  gtk_widget_add_css_class (self->back_button, "flat");
  gtk_widget_set_tooltip_text (self->back_button, _("Back to the Applications"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the Applications"), -1);
  g_signal_connect_object (self->back_button, "clicked", G_CALLBACK (back_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);

  self->editor = SB_APPLICATION_EDITOR (sb_application_editor_new (self->store));
  self->introduction = SB_INTRODUCTION_EDITOR (sb_introduction_editor_new (self->store));
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Application Selected"));
  self->content_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->content_stack), TRUE);
  gtk_stack_add_named (self->content_stack, build_empty (), "empty");
  gtk_stack_add_named (self->content_stack, none, "none");
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->introduction), "introduction");
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->editor), "application");
  gtk_box_append (GTK_BOX (content), self->back_button);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->content_stack));
  gtk_widget_set_hexpand (content, TRUE);
  gtk_widget_set_size_request (content, 360, -1);

  adw_leaflet_append (self->leaflet, build_sidebar (self));
  separator = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (separator, FALSE);
  adw_leaflet_append (self->leaflet, content);
  gtk_widget_set_parent (GTK_WIDGET (self->leaflet), GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h (the
   * editors' own rows do the same for theirs). */
  sb_label_narrow_wrapping (GTK_WIDGET (self->leaflet));

  g_signal_connect_object (self->store, "applications-changed", G_CALLBACK (update_intro_row),
                           self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* ---- public -------------------------------------------------------------- */

gboolean
sb_applications_page_select_application (SbApplicationsPage *self,
                                         const char         *slug)
{
  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), FALSE);

  if (slug == NULL || sb_store_find_application (self->store, slug) == NULL)
    return FALSE;
  if (self->built)
    sb_application_editor_flush (self->editor);
  g_free (self->selected_slug);
  self->selected_slug = g_strdup (slug);
  self->showing_introduction = FALSE;
  if (!self->built)
    build (self);
  else
    refresh (self);
  /* Asked for by name: in a narrow window, it is what is shown. */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  return TRUE;
}

SbApplication *
sb_applications_page_get_selected (SbApplicationsPage *self)
{
  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), NULL);
  return self->built ? sb_application_editor_get_application (self->editor) : NULL;
}

void
sb_applications_page_show_introduction (SbApplicationsPage *self)
{
  g_return_if_fail (SB_IS_APPLICATIONS_PAGE (self));

  if (!self->built)
    build (self);
  sb_application_editor_flush (self->editor);
  self->showing_introduction = TRUE;
  select_row_of (self, NULL);
  show_content (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
sb_applications_page_prepare (SbApplicationsPage *self)
{
  g_return_if_fail (SB_IS_APPLICATIONS_PAGE (self));

  if (!self->built)
    build (self);
  else if (self->stale)
    refresh (self);
}

gboolean
sb_applications_page_flush (SbApplicationsPage *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), FALSE);

  if (!self->built)
    return TRUE;
  ok = sb_application_editor_flush (self->editor) && ok;
  ok = sb_introduction_editor_flush (self->introduction) && ok;
  return ok;
}

gboolean
sb_applications_page_is_built (SbApplicationsPage *self)
{
  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), FALSE);
  return self->built;
}

guint
sb_applications_page_get_n_refreshes (SbApplicationsPage *self)
{
  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), 0);
  return self->n_refreshes;
}

guint
sb_applications_page_get_n_rows (SbApplicationsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), 0);

  while (self->built && gtk_list_box_get_row_at_index (self->list, n) != NULL)
    n++;
  return n;
}

SbApplicationEditor *
sb_applications_page_get_editor (SbApplicationsPage *self)
{
  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), NULL);
  return self->editor;
}

SbIntroductionEditor *
sb_applications_page_get_introduction (SbApplicationsPage *self)
{
  g_return_val_if_fail (SB_IS_APPLICATIONS_PAGE (self), NULL);
  return self->introduction;
}

/* ---- GObject ------------------------------------------------------------ */

static void
sb_applications_page_map (GtkWidget *widget)
{
  SbApplicationsPage *self = SB_APPLICATIONS_PAGE (widget);

  GDate today;

  sb_countdown_get_today (&today);
  /* Changed while hidden, or shown again on another day ("in 3 days"). */
  if (!self->built)
    build (self);
  else if (self->stale || self->refreshed_day != g_date_get_julian (&today))
    refresh (self);
  GTK_WIDGET_CLASS (sb_applications_page_parent_class)->map (widget);
}

static void
sb_applications_page_unmap (GtkWidget *widget)
{
  sb_applications_page_flush (SB_APPLICATIONS_PAGE (widget));
  GTK_WIDGET_CLASS (sb_applications_page_parent_class)->unmap (widget);
}

static void
sb_applications_page_dispose (GObject *object)
{
  SbApplicationsPage *self = SB_APPLICATIONS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->leaflet != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->leaflet));
      self->leaflet = NULL;
    }
  self->editor = NULL;
  self->introduction = NULL;
  g_clear_pointer (&self->selected_slug, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_applications_page_parent_class)->dispose (object);
}

static void
sb_applications_page_class_init (SbApplicationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_applications_page_dispose;
  widget_class->map = sb_applications_page_map;
  widget_class->unmap = sb_applications_page_unmap;

  gtk_widget_class_install_action (widget_class, "applications.new", NULL, new_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "applicationspage");
}

static void
sb_applications_page_init (SbApplicationsPage *self)
{
}

GtkWidget *
sb_applications_page_new (SbStore *store)
{
  SbApplicationsPage *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_APPLICATIONS_PAGE, NULL);
  self->store = g_object_ref (store);
  /* One connection, that only marks the list stale while hidden. */
  g_signal_connect_object (store, "applications-changed", G_CALLBACK (applications_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
