/* sb-application-editor-plan.c — the application editor's requirements,
 * rounds and story plan
 *
 * Two GtkListBoxes bound to the application's requirement and round
 * models (their rows keep their own unsaved text), the split of the job
 * description, the proposed plan, and the plan's warnings, read in an idle
 * after a change and handed to the rows they are about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-application-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-application-editor-private.h"
#include "sb-label.h"
#include "sb-plan.h"
#include "sb-requirement-row.h"
#include "sb-round-row.h"

/* Two stories a round: the loop of five needs ten, most banks hold that. */
#define PROPOSE_PER_ROUND SB_PLAN_DEFAULT_PER_ROUND

static void update_propose (SbApplicationEditor *self);

/* ---- requirements -------------------------------------------------------- */

static GtkWidget *
create_requirement_row (gpointer item,
                        gpointer user_data)
{
  SbApplicationEditor *self = user_data;

  return sb_requirement_row_new (self->store, self->application, item);
}

static void
update_requirements_summary (SbApplicationEditor *self)
{
  GListModel *model;
  guint n, missing = 0;
  g_autofree char *text = NULL;

  if (self->application == NULL)
    return;
  model = sb_application_get_requirements (self->application);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (model, i);

      if (sb_requirement_get_n_stories (requirement) == 0)
        missing++;
    }
  if (n == 0)
    text = g_strdup (_("No requirements yet: paste the job description above and split it, or add them one by one."));
  else if (missing == 0)
    text = g_strdup_printf (ngettext ("The requirement has a story.", "All %u requirements have a story.", n), n);
  else
    text = g_strdup_printf (ngettext ("%u of %u requirements has no story yet.",
                                      "%u of %u requirements have no story yet.", missing),
                            missing, n);
  gtk_label_set_text (self->requirements_summary, text);
  /* An empty boxed list is a bare frame. */
  gtk_widget_set_visible (GTK_WIDGET (self->requirement_list), n > 0);
  if (missing > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->requirements_summary), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->requirements_summary), "error");
}

static void
split_now (SbApplicationEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!sb_application_editor_flush (self))
    return;
  if (!sb_store_split_requirements (self->store, self->application, &error))
    sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Split the Description"), error);
}

static void
split_response_cb (SbApplicationEditor *self,
                   const char          *response)
{
  if (g_strcmp0 (response, "replace") == 0 && self->application != NULL)
    split_now (self);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (widget);
  guint n;
  GtkRoot *root;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->application == NULL)
    return;
  n = g_list_model_get_n_items (sb_application_get_requirements (self->application));
  root = gtk_widget_get_root (widget);
  if (n == 0 || !GTK_IS_WINDOW (root))
    {
      split_now (self);
      return;
    }

  body = g_strdup_printf (ngettext ("The requirement you have is replaced by the lines found in the job "
                                    "description. A line whose text stays the same keeps its stories.",
                                    "The %u requirements you have are replaced by the lines found in the job "
                                    "description. A line whose text stays the same keeps its stories.", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Replace the Requirements?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (split_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
focus_last_row_entry (GtkListBox *list,
                      gboolean    rounds)
{
  GtkWidget *row = gtk_widget_get_last_child (GTK_WIDGET (list));

  while (row != NULL && !GTK_IS_LIST_BOX_ROW (row))
    row = gtk_widget_get_prev_sibling (row);
  if (row == NULL)
    return;
  if (rounds && SB_IS_ROUND_ROW (row))
    gtk_widget_grab_focus (GTK_WIDGET (sb_round_row_get_entry (SB_ROUND_ROW (row))));
  else if (!rounds && SB_IS_REQUIREMENT_ROW (row))
    gtk_widget_grab_focus (GTK_WIDGET (sb_requirement_row_get_text_view (SB_REQUIREMENT_ROW (row))));
}

static void
add_requirement_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->application == NULL)
    return;
  if (sb_store_add_requirement (self->store, self->application, "", -1, &error) == NULL)
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Add a Requirement"), error);
      return;
    }
  update_requirements_summary (self);
  focus_last_row_entry (self->requirement_list, FALSE);
}

/* ---- rounds and the plan ------------------------------------------------- */

static GtkWidget *
create_round_row (gpointer item,
                  gpointer user_data)
{
  SbApplicationEditor *self = user_data;

  return sb_round_row_new (self->store, self->application, item);
}

static void
add_round_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint n;
  g_autofree char *name = NULL;

  if (self->application == NULL)
    return;
  n = g_list_model_get_n_items (sb_application_get_rounds (self->application));
  /* Translators: the name a new round of interviews gets; %u counts from 1 */
  name = g_strdup_printf (_("Round %u"), n + 1);
  if (sb_store_add_round (self->store, self->application, name, -1, &error) == NULL)
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Add a Round"), error);
      return;
    }
  update_propose (self);
  focus_last_row_entry (self->round_list, TRUE);
}

static void
propose_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbApplicationEditor *self = SB_APPLICATION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint filled = 0, left_empty = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->application == NULL || !sb_application_editor_flush (self))
    return;
  if (!sb_plan_propose_full (self->store, self->application, PROPOSE_PER_ROUND,
                             &filled, &left_empty, &error))
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Propose a Plan"), error);
      return;
    }
  if (filled == 0 && left_empty == 0)
    g_string_append (text, _("Every round has its stories already; a proposal only fills empty rounds."));
  else if (filled > 0)
    g_string_append_printf (text, ngettext ("Planned stories for %u round. Change what you like.",
                                            "Planned stories for %u rounds. Change what you like.", filled),
                            filled);
  if (left_empty > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u round stays empty: every story that fits is planned already.",
                                              "%u rounds stay empty: every story that fits is planned already.",
                                              left_empty), left_empty);
    }
  gtk_label_set_text (self->plan_status, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_status), TRUE);
}

static void
update_propose (SbApplicationEditor *self)
{
  gboolean any = self->application != NULL &&
                 g_list_model_get_n_items (sb_application_get_rounds (self->application)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "application.propose", any);
  gtk_widget_set_visible (GTK_WIDGET (self->round_list), any);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->propose_button),
                               any ? _("Fill the rounds without stories from the ranking, never one story twice")
                                   : _("Add the rounds of the loop first"));
}

/* The plan's warnings go beside what they are about: a round's under the
 * round, a requirement's in its row (red), the rest under the rounds. */
void
sb_application_editor_update_warnings (SbApplicationEditor *self)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GtkWidget *child;

  g_return_if_fail (SB_IS_APPLICATION_EDITOR (self));

  g_clear_handle_id (&self->warnings_id, g_source_remove);
  self->warnings_stale = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_warnings))) != NULL)
    gtk_box_remove (self->plan_warnings, child);
  if (self->application == NULL)
    return;

  warnings = sb_plan_get_warnings (self->store, self->application);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->round_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SB_IS_ROUND_ROW (child))
      sb_round_row_set_warnings (SB_ROUND_ROW (child), warnings);

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      SbPlanWarning *warning = warnings->pdata[i];
      GtkWidget *label;

      if (warning->round_id != 0 || warning->requirement_id != 0)
        continue;
      label = gtk_label_new (warning->message);
      sb_label_set_wrapping (GTK_LABEL (label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->plan_warnings, label);
    }
  update_requirements_summary (self);
  update_propose (self);
}

static gboolean
warnings_idle_cb (gpointer user_data)
{
  SbApplicationEditor *self = user_data;

  self->warnings_id = 0;
  sb_application_editor_update_warnings (self);
  return G_SOURCE_REMOVE;
}


void
_sb_application_editor_queue_warnings (SbApplicationEditor *self)
{
  if (self->warnings_id == 0)
    self->warnings_id = g_idle_add_full (G_PRIORITY_LOW, warnings_idle_cb, self, NULL);
}

void
_sb_application_editor_bind_plan (SbApplicationEditor *self)
{
  if (self->application == NULL)
    {
      gtk_list_box_bind_model (self->requirement_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->round_list, NULL, NULL, NULL, NULL);
      return;
    }
  gtk_list_box_bind_model (self->requirement_list, sb_application_get_requirements (self->application),
                           create_requirement_row, self, NULL);
  gtk_list_box_bind_model (self->round_list, sb_application_get_rounds (self->application),
                           create_round_row, self, NULL);
}

gboolean
_sb_application_editor_flush_rows (SbApplicationEditor *self)
{
  gboolean ok = TRUE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->requirement_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (SB_IS_REQUIREMENT_ROW (row) && !sb_requirement_row_flush (SB_REQUIREMENT_ROW (row)))
      ok = FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->round_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (SB_IS_ROUND_ROW (row) && !sb_round_row_flush (SB_ROUND_ROW (row)))
      ok = FALSE;
  return ok;
}

void
_sb_application_editor_install_plan_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "application.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "application.add-requirement", NULL, add_requirement_action);
  gtk_widget_class_install_action (widget_class, "application.add-round", NULL, add_round_action);
  gtk_widget_class_install_action (widget_class, "application.propose", NULL, propose_action);
}

/* ---- building ------------------------------------------------------------ */

static GtkWidget *
list_new (const char *name)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return list;
}

GtkWidget *
_sb_application_editor_build_requirements (SbApplicationEditor *self)
{
  GtkWidget *group, *box, *add;

  group = _sb_application_editor_group_new (_("Requirements"),
                                            _("What the job asks for, line by line, and the stories "
                                              "that prove each."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  /* Under the title rather than beside it: a narrow window keeps both whole. */
  self->split_button =
    GTK_BUTTON (_sb_application_editor_action_button_new (_("_Split From the Description"), "application.split",
                                                          _("Find the requirement lines in the job description")));
  gtk_widget_set_halign (GTK_WIDGET (self->split_button), GTK_ALIGN_START);

  self->requirements_summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->requirements_summary, TRUE);
  gtk_label_set_xalign (self->requirements_summary, 0);
  self->requirement_list = GTK_LIST_BOX (list_new (_("Requirements")));
  add = _sb_application_editor_action_button_new (_("_Add Requirement"), "application.add-requirement", NULL);
  gtk_widget_set_halign (add, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->requirements_summary));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->split_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->requirement_list));
  gtk_box_append (GTK_BOX (box), add);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}

GtkWidget *
_sb_application_editor_build_rounds (SbApplicationEditor *self)
{
  GtkWidget *group, *box, *add, *buttons;

  group = _sb_application_editor_group_new (_("Rounds and Plan"),
                                            _("The interviews of the loop, what each probes, and the two "
                                              "or three stories you will tell in it. No story twice in "
                                              "one loop."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->propose_button =
    GTK_BUTTON (_sb_application_editor_action_button_new (_("_Propose a Plan"), "application.propose", NULL));

  self->round_list = GTK_LIST_BOX (list_new (_("Rounds")));
  self->plan_status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->plan_status, TRUE);
  gtk_label_set_xalign (self->plan_status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->plan_status), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->plan_status), FALSE);
  self->plan_warnings = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  add = _sb_application_editor_action_button_new (_("Add _Round"), "application.add-round", NULL);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->propose_button));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->round_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->plan_warnings));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->plan_status));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}
