/* sb-application-editor.c — one application: the company, the job, its
 * requirements, the rounds and the story plan
 *
 * Reads top to bottom as the person prepares: who and when, the job
 * description as pasted, why this company, the requirements found in the
 * description with the stories that prove them, the rounds with the stories
 * planned for each, then notes.
 *
 * The requirements, the rounds and the plan are in
 * sb-application-editor-plan.c. Typing is written 400 ms after the last
 * key, as in the story editor,
 * and at once when another application is shown, the editor is hidden or
 * goes away (sb_application_editor_flush()), so no edit is lost by
 * switching. Requirements and rounds are rows bound to the application's
 * models; they keep their own unsaved text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-application-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sb-application-editor-private.h"
#include "sb-countdown.h"
#include "sb-label.h"

#define SAVE_DELAY_MS 400

G_DEFINE_FINAL_TYPE (SbApplicationEditor, sb_application_editor, GTK_TYPE_WIDGET)

/* ---- the text fields ----------------------------------------------------- */

static GtkTextView *
field_view (SbApplicationEditor *self,
            SbApplicationField   field)
{
  switch (field)
    {
    case SB_APPLICATION_FIELD_JOB_DESCRIPTION: return self->job_view;
    case SB_APPLICATION_FIELD_WHY_COMPANY:     return self->why_view;
    case SB_APPLICATION_FIELD_NOTES:           return self->notes_view;
    default:                                   return NULL;
    }
}

static GtkEditable *
field_editable (SbApplicationEditor *self,
                SbApplicationField   field)
{
  switch (field)
    {
    case SB_APPLICATION_FIELD_COMPANY: return GTK_EDITABLE (self->company_row);
    case SB_APPLICATION_FIELD_ROLE:    return GTK_EDITABLE (self->role_row);
    case SB_APPLICATION_FIELD_DATE:    return GTK_EDITABLE (self->date_row);
    default:                           return NULL;
    }
}

static char *
dup_field_text (SbApplicationEditor *self,
                SbApplicationField   field)
{
  GtkTextView *view = field_view (self, field);

  if (view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (field_editable (self, field)));
}

static void
set_field_text (SbApplicationEditor *self,
                SbApplicationField   field,
                const char          *text)
{
  GtkTextView *view = field_view (self, field);
  g_autofree char *current = dup_field_text (self, field);

  if (g_strcmp0 (current, text) == 0)
    return;
  self->loading = TRUE;
  if (view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  else
    gtk_editable_set_text (field_editable (self, field), text);
  self->loading = FALSE;
}

/* A date is "YYYY-MM-DD" of a real day, or nothing. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;
  char tail;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
update_countdown (SbApplicationEditor *self)
{
  GDate today;
  g_autofree char *text = NULL;

  if (self->application == NULL)
    return;
  sb_countdown_get_today (&today);
  text = sb_countdown_format (sb_application_days_until (self->application, &today));
  gtk_label_set_text (self->countdown_label, text != NULL ? text : "");
}

static void
check_date (SbApplicationEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  GDate date;

  g_clear_pointer (&self->date_error, g_free);
  if (*text != '\0' && !parse_date (text, &date))
    /* Translators: %s is what the person typed as the date */
    self->date_error = g_strdup_printf (_("“%s” is not a date: write it as YYYY-MM-DD, "
                                          "for example 2026-12-10"), text);
  if (self->date_error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), self->date_error);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), NULL);
    }
}

gboolean
sb_application_editor_flush (SbApplicationEditor *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (SB_IS_APPLICATION_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  /* Gone from the bank (deleted, or by an import): nothing to write to. */
  if (self->application == NULL ||
      sb_store_find_application (self->store, sb_application_get_slug (self->application)) != self->application)
    {
      self->pending = 0;
      return TRUE;
    }
  for (SbApplicationField field = 0; field < SB_APPLICATION_N_FIELDS; field++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if ((self->pending & (1u << field)) == 0)
        continue;
      self->pending &= ~(1u << field);
      /* A date that is not one stays in the field, marked, unsaved. */
      if (field == SB_APPLICATION_FIELD_DATE && self->date_error != NULL)
        continue;
      text = dup_field_text (self, field);
      if (g_strcmp0 (text, sb_application_get_field (self->application, field)) == 0)
        continue;
      if (!sb_store_set_application_field (self->store, self->application, field, text, &error))
        {
          sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Application"), error);
          ok = FALSE;
        }
    }

  /* The rows keep their own unsaved text. */
  if (!_sb_application_editor_flush_rows (self))
    ok = FALSE;
  return ok;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SbApplicationEditor *self = user_data;

  self->save_id = 0;
  sb_application_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
field_changed (SbApplicationEditor *self,
               SbApplicationField   field)
{
  if (self->loading || self->application == NULL)
    return;
  if (field == SB_APPLICATION_FIELD_DATE)
    check_date (self);
  if (field == SB_APPLICATION_FIELD_JOB_DESCRIPTION)
    {
      g_autofree char *text = dup_field_text (self, field);

      gtk_widget_set_sensitive (GTK_WIDGET (self->split_button), *g_strstrip (text) != '\0');
    }
  self->pending |= 1u << field;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
editable_changed_cb (GtkEditable         *editable,
                     SbApplicationEditor *self)
{
  field_changed (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "sb-field")));
}

static void
buffer_changed_cb (GtkTextBuffer       *buffer,
                   SbApplicationEditor *self)
{
  field_changed (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "sb-field")));
}

/* Another change of the application (undo, import, another window) shows,
 * unless the person has typed over that field since. */
static void
load_field (SbApplicationEditor *self,
            SbApplicationField   field)
{
  if ((self->pending & (1u << field)) != 0)
    return;
  set_field_text (self, field, sb_application_get_field (self->application, field));
  if (field == SB_APPLICATION_FIELD_DATE)
    {
      check_date (self);
      update_countdown (self);
    }
  if (field == SB_APPLICATION_FIELD_JOB_DESCRIPTION)
    gtk_widget_set_sensitive (GTK_WIDGET (self->split_button),
                              *sb_application_get_field (self->application, field) != '\0');
}

static void
application_notify_cb (SbApplicationEditor *self,
                       GParamSpec          *pspec)
{
  for (SbApplicationField field = 0; field < SB_APPLICATION_N_FIELDS; field++)
    {
      g_autofree char *name = g_strdup (sb_application_field_to_string (field));

      g_strdelimit (name, "_", '-');
      if (g_strcmp0 (name, pspec->name) == 0)
        load_field (self, field);
    }
}

/* ---- the date's calendar ---------------------------------------------- */

static void
calendar_shown_cb (SbApplicationEditor *self)
{
  GDate date;
  g_autoptr(GDateTime) day = NULL;

  if (parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date))
    day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 0, 0, 0);
  else
    day = g_date_time_new_now_local ();
  gtk_calendar_select_day (self->calendar, day);
}

static void
day_selected_cb (SbApplicationEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  /* Only a click of the person's: showing the popover selects too. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->calendar)))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

/* ---- status, values, current ------------------------------------------ */

static void
load_status (SbApplicationEditor *self)
{
  self->loading = TRUE;
  adw_combo_row_set_selected (self->status_row,
                              sb_application_get_status (self->application) == SB_APPLICATION_STATUS_DONE);
  self->loading = FALSE;
}

static void
status_selected_cb (SbApplicationEditor *self)
{
  g_autoptr(GError) error = NULL;
  SbApplicationStatus status = adw_combo_row_get_selected (self->status_row) == 1
                               ? SB_APPLICATION_STATUS_DONE : SB_APPLICATION_STATUS_PREPARING;

  if (self->loading || self->application == NULL || status == sb_application_get_status (self->application))
    return;
  if (!sb_store_set_application_status (self->store, self->application, status, &error))
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Application"), error);
      load_status (self);
    }
}

static void
fill_frameworks (SbApplicationEditor *self)
{
  GListModel *frameworks = sb_store_get_frameworks (self->store);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->framework_slugs, 0);
  gtk_string_list_append (names, C_("values framework", "None"));
  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      gtk_string_list_append (names, sb_framework_get_name (framework));
      g_ptr_array_add (self->framework_slugs, g_strdup (sb_framework_get_slug (framework)));
    }
  self->loading = TRUE;
  adw_combo_row_set_model (self->framework_row, G_LIST_MODEL (names));
  self->loading = FALSE;
}

static void
load_framework (SbApplicationEditor *self)
{
  const char *slug = self->application != NULL ? sb_application_get_framework (self->application) : NULL;
  guint selected = 0;

  for (guint i = 0; slug != NULL && i < self->framework_slugs->len; i++)
    if (g_strcmp0 (self->framework_slugs->pdata[i], slug) == 0)
      selected = i + 1;
  self->loading = TRUE;
  adw_combo_row_set_selected (self->framework_row, selected);
  self->loading = FALSE;

  /* The values open on the Coverage and Questions pages, for this loop. */
  gtk_widget_set_visible (self->values_row, selected > 0);
  if (selected > 0)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->values_coverage), "s", slug);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->values_questions), "s", slug);
    }
}

static void
framework_selected_cb (SbApplicationEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->framework_row);
  const char *slug = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->application == NULL)
    return;
  if (selected >= 1 && selected - 1 < self->framework_slugs->len)
    slug = self->framework_slugs->pdata[selected - 1];
  if (g_strcmp0 (slug, sb_application_get_framework (self->application)) == 0)
    return;
  if (!sb_store_set_application_framework (self->store, self->application, slug, &error))
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Application"), error);
      load_framework (self);
    }
}

static void
catalog_changed_cb (SbApplicationEditor *self)
{
  fill_frameworks (self);
  load_framework (self);
}

static void
load_current (SbApplicationEditor *self)
{
  self->loading = TRUE;
  gtk_switch_set_active (self->current_switch,
                         self->application != NULL &&
                         sb_store_get_current_application (self->store) == self->application);
  self->loading = FALSE;
}

static void
current_switched_cb (SbApplicationEditor *self)
{
  gboolean current = gtk_switch_get_active (self->current_switch);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->application == NULL)
    return;
  if (current == (sb_store_get_current_application (self->store) == self->application))
    return;
  if (!sb_store_set_current_application (self->store, current ? self->application : NULL, &error))
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Change the Current Application"), error);
      load_current (self);
    }
}

static void
applications_changed_cb (SbApplicationEditor *self)
{
  if (self->application == NULL)
    return;
  load_current (self);
  update_countdown (self);
  /* Hidden, it waits to be shown (see map). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->warnings_stale = TRUE;
      return;
    }
  _sb_application_editor_queue_warnings (self);
}

/* ---- deleting ------------------------------------------------------------ */

static void
delete_response_cb (SbApplicationEditor *self,
                    const char          *response)
{
  g_autoptr(SbApplication) application = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->application == NULL)
    return;
  application = g_object_ref (self->application);
  /* What was typed goes with it. */
  self->pending = 0;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!sb_store_delete_application (self->store, application, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Delete the Application"), error);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->application == NULL || !GTK_IS_WINDOW (root))
    return;
  name = sb_application_dup_display_name (self->application);
  /* Translators: %s is the application's company and role */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading,
                                   _("Its job description, requirements, rounds and plan are deleted. "
                                     "Your stories stay in the bank."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- showing an application ---------------------------------------------- */

void
sb_application_editor_set_application (SbApplicationEditor *self,
                                       SbApplication       *application)
{
  g_return_if_fail (SB_IS_APPLICATION_EDITOR (self));
  g_return_if_fail (application == NULL || SB_IS_APPLICATION (application));

  if (self->application == application)
    return;
  /* Before anything moves: the typing belongs to the one shown. */
  sb_application_editor_flush (self);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_set_object (&self->application, application);
  _sb_application_editor_bind_plan (self);
  self->pending = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->plan_status), FALSE);
  if (application == NULL)
    return;

  for (SbApplicationField field = 0; field < SB_APPLICATION_N_FIELDS; field++)
    load_field (self, field);
  load_status (self);
  load_framework (self);
  load_current (self);
  g_signal_connect_object (application, "notify", G_CALLBACK (application_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::status", G_CALLBACK (load_status),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::framework", G_CALLBACK (load_framework),
                           self, G_CONNECT_SWAPPED);

  sb_application_editor_update_warnings (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
}

SbApplication *
sb_application_editor_get_application (SbApplicationEditor *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION_EDITOR (self), NULL);
  return self->application;
}

void
sb_application_editor_focus_company (SbApplicationEditor *self)
{
  g_return_if_fail (SB_IS_APPLICATION_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->company_row));
}

void
sb_application_editor_type_field (SbApplicationEditor *self,
                                  SbApplicationField   field,
                                  const char          *text)
{
  GtkTextView *view;

  g_return_if_fail (SB_IS_APPLICATION_EDITOR (self));

  view = field_view (self, field);
  if (view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  else
    gtk_editable_set_text (field_editable (self, field), text);
}

const char *
sb_application_editor_get_date_error (SbApplicationEditor *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION_EDITOR (self), NULL);
  return self->date_error;
}

GtkListBox *
sb_application_editor_get_requirement_list (SbApplicationEditor *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION_EDITOR (self), NULL);
  return self->requirement_list;
}

GtkListBox *
sb_application_editor_get_round_list (SbApplicationEditor *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION_EDITOR (self), NULL);
  return self->round_list;
}

/* ---- building ------------------------------------------------------------ */

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (buttons, child);
      else
        collect_buttons (child, buttons);
    }
}

/* GtkCalendar 4.8 leaves its arrows nameless; in its order they are the
 * month's, then the year's. */
static void
name_calendar_arrows (GtkCalendar *calendar)
{
  const char *names[] = { N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year") };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (calendar), buttons);
  for (guint i = 0; i < buttons->len && i < G_N_ELEMENTS (names); i++)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons->pdata[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(names[i]), -1);
      gtk_widget_set_tooltip_text (buttons->pdata[i], _(names[i]));
    }
}

static AdwEntryRow *
entry_row_new (SbApplicationEditor *self,
               const char          *title,
               SbApplicationField   field,
               int                  max_chars)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "sb-field", GINT_TO_POINTER (field));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (row), max_chars);
  g_signal_connect (row, "changed", G_CALLBACK (editable_changed_cb), self);
  return ADW_ENTRY_ROW (row);
}

static GtkTextView *
text_view_new (SbApplicationEditor *self,
               SbApplicationField   field,
               const char          *name,
               int                  min_height)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_set_size_request (view, -1, min_height);
  gtk_widget_add_css_class (view, "star-field");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (buffer), "sb-field", GINT_TO_POINTER (field));
  g_signal_connect (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  return GTK_TEXT_VIEW (view);
}

static GtkWidget *
framed (GtkTextView *view)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (view));
  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (frame, "star-frame");
  return frame;
}

GtkWidget *
_sb_application_editor_group_new (const char *title,
                                  const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

GtkWidget *
_sb_application_editor_action_button_new (const char *label,
                                          const char *action,
                                          const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
build_details (SbApplicationEditor *self)
{
  GtkWidget *group = _sb_application_editor_group_new (_("Application"), NULL);
  GtkWidget *calendar_popover, *row;
  g_autoptr(GtkStringList) statuses = NULL;

  self->company_row = entry_row_new (self, _("_Company"), SB_APPLICATION_FIELD_COMPANY, 40);
  self->role_row = entry_row_new (self, _("_Role"), SB_APPLICATION_FIELD_ROLE, 40);
  self->date_row = entry_row_new (self, _("_Date (YYYY-MM-DD)"), SB_APPLICATION_FIELD_DATE, 10);
  adw_entry_row_set_input_purpose (self->date_row, GTK_INPUT_PURPOSE_DIGITS);

  self->countdown_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "dim-label");
  adw_entry_row_add_suffix (self->date_row, GTK_WIDGET (self->countdown_label));
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  name_calendar_arrows (self->calendar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date of the loop"), -1);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb),
                           self, G_CONNECT_SWAPPED);
  calendar_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (calendar_popover), GTK_WIDGET (self->calendar));
  g_signal_connect_object (calendar_popover, "show", G_CALLBACK (calendar_shown_cb),
                           self, G_CONNECT_SWAPPED);
  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->calendar_button, calendar_popover);
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->calendar_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Choose the Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the Date"), -1);
  adw_entry_row_add_suffix (self->date_row, GTK_WIDGET (self->calendar_button));

  statuses = gtk_string_list_new ((const char *[]) { _("Preparing"), _("Done"), NULL });
  self->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (status_selected_cb),
                           self, G_CONNECT_SWAPPED);

  self->framework_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->framework_row), _("Company Values"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->framework_row),
                               _("The framework of values the interviewers probe"));
  fill_frameworks (self);
  g_signal_connect_object (self->framework_row, "notify::selected", G_CALLBACK (framework_selected_cb),
                           self, G_CONNECT_SWAPPED);

  self->values_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->values_row), _("These Values"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->values_row),
                               _("Which values your stories cover, and the questions asked about them"));
  self->values_coverage = gtk_button_new_with_mnemonic (_("Co_verage"));
  self->values_questions = gtk_button_new_with_mnemonic (_("_Questions"));
  gtk_widget_set_tooltip_text (self->values_coverage, _("Show these values on the Coverage page"));
  gtk_widget_set_tooltip_text (self->values_questions, _("Show the questions about these values"));
  /* The target first: the action takes a framework slug. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->values_coverage), "s", "");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->values_questions), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->values_coverage), "win.show-coverage-framework");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->values_questions), "win.show-questions-framework");
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? self->values_coverage : self->values_questions;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->values_row), button);
    }
  gtk_widget_set_visible (self->values_row, FALSE);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Current Application"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Shown in the header with its countdown; Practice and the cheat sheet follow it"));
  self->current_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->current_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->current_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Current Application"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->current_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->current_switch));
  g_signal_connect_object (self->current_switch, "notify::active", G_CALLBACK (current_switched_cb),
                           self, G_CONNECT_SWAPPED);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->company_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->role_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->date_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->status_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->framework_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->values_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

static GtkWidget *
build_text_group (SbApplicationEditor *self,
                  const char          *title,
                  const char          *description,
                  SbApplicationField   field,
                  int                  min_height,
                  GtkTextView        **view)
{
  GtkWidget *group = _sb_application_editor_group_new (title, description);

  *view = text_view_new (self, field, title, min_height);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), framed (*view));
  return group;
}

static void
build (SbApplicationEditor *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *delete;

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), build_details (self));
  gtk_box_append (GTK_BOX (box),
                  build_text_group (self, _("Job Description"),
                                    _("Paste the job ad as it is; Storybank finds the requirements in it."),
                                    SB_APPLICATION_FIELD_JOB_DESCRIPTION, 160, &self->job_view));
  gtk_box_append (GTK_BOX (box),
                  build_text_group (self, _("Why This Company and This Role?"),
                                    _("Every loop asks. A few sentences in your own words: what draws you "
                                      "to them, and what you bring."),
                                    SB_APPLICATION_FIELD_WHY_COMPANY, 96, &self->why_view));
  gtk_box_append (GTK_BOX (box), _sb_application_editor_build_requirements (self));
  gtk_box_append (GTK_BOX (box), _sb_application_editor_build_rounds (self));
  gtk_box_append (GTK_BOX (box),
                  build_text_group (self, _("Notes"), NULL, SB_APPLICATION_FIELD_NOTES, 96,
                                    &self->notes_view));

  delete = gtk_button_new_with_mnemonic (_("_Delete Application…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "application.delete");
  gtk_widget_add_css_class (delete, "destructive-action");
  gtk_widget_set_halign (delete, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), delete);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
sb_application_editor_map (GtkWidget *widget)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (widget);

  GTK_WIDGET_CLASS (sb_application_editor_parent_class)->map (widget);
  update_countdown (self);
  if (self->warnings_stale)
    sb_application_editor_update_warnings (self);
}

static void
sb_application_editor_unmap (GtkWidget *widget)
{
  sb_application_editor_flush (SB_APPLICATION_EDITOR (widget));
  GTK_WIDGET_CLASS (sb_application_editor_parent_class)->unmap (widget);
}

static void
sb_application_editor_dispose (GObject *object)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (object);

  if (self->store != NULL)
    sb_application_editor_flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->warnings_id, g_source_remove);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  if (self->requirement_list != NULL)
    gtk_list_box_bind_model (self->requirement_list, NULL, NULL, NULL, NULL);
  if (self->round_list != NULL)
    gtk_list_box_bind_model (self->round_list, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  self->requirement_list = NULL;
  self->round_list = NULL;
  g_clear_object (&self->application);
  g_clear_object (&self->store);
  g_clear_pointer (&self->framework_slugs, g_ptr_array_unref);
  g_clear_pointer (&self->date_error, g_free);

  G_OBJECT_CLASS (sb_application_editor_parent_class)->dispose (object);
}

static void
sb_application_editor_class_init (SbApplicationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_application_editor_dispose;
  widget_class->map = sb_application_editor_map;
  widget_class->unmap = sb_application_editor_unmap;

  _sb_application_editor_install_plan_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "application.delete", NULL, delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "applicationeditor");
}

static void
sb_application_editor_init (SbApplicationEditor *self)
{
  self->framework_slugs = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
sb_application_editor_new (SbStore *store)
{
  SbApplicationEditor *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_APPLICATION_EDITOR, NULL);
  self->store = g_object_ref (store);
  build (self);
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));
  g_signal_connect_object (store, "applications-changed", G_CALLBACK (applications_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "catalog-changed", G_CALLBACK (catalog_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
