/* sb-questions-page-actions.c — what the Questions page's buttons and menus do
 *
 * Choosing or unchoosing a story for the selected question, showing all
 * its answers, new/edit/delete (hide) a question, clearing the filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-questions-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sb-question-editor.h"
#include "sb-questions-page-private.h"

void
_sb_questions_page_show_toast (SbQuestionsPage *self,
                               const char      *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_debug ("%s", title);
}

static void
link_story (SbQuestionsPage *self,
            const char      *uuid,
            gboolean         linked)
{
  SbQuestion *question = sb_questions_page_get_selected_question (self);
  SbStory *story = sb_store_find_story (self->store, uuid);
  g_autoptr(GError) error = NULL;

  if (question == NULL || story == NULL)
    return;

  if (linked)
    _sb_questions_page_set_str (&self->kept_slug, sb_question_get_slug (question));
  if (!sb_store_set_story_question (self->store, story, sb_question_get_slug (question), linked, &error))
    {
      _sb_questions_page_show_toast (self, error->message);
      return;
    }

  /* Show the change before the next frame, not one idle later. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  _sb_questions_page_refresh_idle_cb (self);
}

static void
use_story_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  link_story (SB_QUESTIONS_PAGE (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
show_all_answers_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (widget);

  self->show_all_answers = TRUE;
  _sb_questions_page_update_detail (self);
}

static void
unlink_story_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  link_story (SB_QUESTIONS_PAGE (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
select_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sb_questions_page_select_question (SB_QUESTIONS_PAGE (widget),
                                     g_variant_get_string (parameter, NULL));
}

static void
editor_saved_cb (SbQuestionsPage *self,
                 SbQuestion      *question)
{
  sb_questions_page_select_question (self, sb_question_get_slug (question));
}

static void
open_editor (SbQuestionsPage *self,
             SbQuestion      *question)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  SbQuestionEditor *editor = sb_question_editor_new (self->store, question);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (SB_QUESTIONS_PAGE (widget), NULL);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (widget);
  SbQuestion *question = sb_questions_page_get_selected_question (self);

  if (question != NULL)
    open_editor (self, question);
}

static void
clear_filters_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  _sb_questions_page_search_changed_cb (self);
  gtk_drop_down_set_selected (self->framework_filter, 0);
  gtk_drop_down_set_selected (self->theme_filter, 0);
  gtk_check_button_set_active (self->unanswered_check, FALSE);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SbQuestionsPage  *self)
{
  const char *slug = g_object_get_data (G_OBJECT (dialog), "question-slug");
  SbQuestion *question = sb_store_find_question (self->store, slug);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || question == NULL)
    return;

  if (!sb_store_delete_question (self->store, question, &error))
    _sb_questions_page_show_toast (self, error->message);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SbQuestionsPage *self = SB_QUESTIONS_PAGE (widget);
  SbQuestion *question = sb_questions_page_get_selected_question (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  gboolean builtin;

  if (question == NULL)
    return;

  builtin = sb_question_get_builtin (question);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   builtin ? _("Hide Question?") : _("Delete Question?"),
                                   NULL);
  if (builtin)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” came with Storybank. It will be hidden from the "
                                      "question bank for good; your stories stay as they are."),
                                    sb_question_get_text (question));
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” and the stories you chose for it will no longer be "
                                      "linked. Your stories stay as they are."),
                                    sb_question_get_text (question));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", builtin ? _("_Hide") : _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "question-slug",
                          g_strdup (sb_question_get_slug (question)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sb_questions_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "questions.use-story", "s", use_story_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.unlink-story", "s", unlink_story_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.select", "s", select_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.show-all-answers", NULL,
                                   show_all_answers_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "questions.clear-filters", NULL, clear_filters_action_cb);
}
