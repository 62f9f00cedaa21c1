/* sb-question-editor.c — add or edit a question: its text, guidance and themes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-question-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-label.h"
#include "sb-question-editor.h"
#include "sb-views-resources.h"

struct _SbQuestionEditor
{
  AdwWindow       parent_instance;

  SbStore        *store;
  SbQuestion     *question;      /* NULL: a new one */
  GHashTable     *theme_checks;  /* slug → GtkCheckButton */
  char           *error;

  /* template */
  AdwWindowTitle     *window_title;
  AdwPreferencesPage *page;
  GtkWidget          *text_frame;
  GtkTextView        *text_view;
  GtkTextView        *listen_view;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (SbQuestionEditor, sb_question_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
show_error (SbQuestionEditor *self,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (self->text_frame, "error-field");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->text_view),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->text_frame, "error-field");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
text_changed_cb (SbQuestionEditor *self)
{
  if (self->error != NULL)
    show_error (self, NULL);
}

static void
add_theme_groups (SbQuestionEditor *self)
{
  GListModel *frameworks = sb_store_get_frameworks (self->store);

  for (guint f = 0; f < g_list_model_get_n_items (frameworks); f++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, f);
      GListModel *themes = sb_store_get_themes (self->store, sb_framework_get_slug (framework));
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sb_framework_get_name (framework));
      if (f == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("The themes this question is about. Stories "
                                                 "linked to them are suggested as answers."));

      for (guint t = 0; themes != NULL && t < g_list_model_get_n_items (themes); t++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (themes, t);
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          gboolean active = self->question != NULL &&
                            sb_question_has_theme (self->question, sb_theme_get_slug (theme));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_theme_get_name (theme));
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          /* The row names its activatable widget (labelled by the title):
           * a label of our own would make a screen reader say it twice. */
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_hash_table_insert (self->theme_checks, g_strdup (sb_theme_get_slug (theme)), check);
        }

      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
    }
}

/* ---- public API ----------------------------------------------------- */

SbQuestionEditor *
sb_question_editor_new (SbStore    *store,
                        SbQuestion *question)
{
  SbQuestionEditor *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (question == NULL || SB_IS_QUESTION (question), NULL);

  self = g_object_new (SB_TYPE_QUESTION_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->question = question != NULL ? g_object_ref (question) : NULL;

  adw_window_title_set_title (self->window_title,
                              question != NULL ? _("Edit Question") : _("New Question"));
  gtk_window_set_title (GTK_WINDOW (self),
                        question != NULL ? _("Edit Question") : _("New Question"));
  if (question != NULL && sb_question_get_builtin (question))
    adw_window_title_set_subtitle (self->window_title, _("Came with Storybank"));

  if (question != NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                sb_question_get_text (question), -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->listen_view),
                                sb_question_get_listen_for (question), -1);
    }
  add_theme_groups (self);

  return self;
}

void
sb_question_editor_set_text (SbQuestionEditor *self,
                             const char       *text)
{
  g_return_if_fail (SB_IS_QUESTION_EDITOR (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
}

void
sb_question_editor_set_listen_for (SbQuestionEditor *self,
                                   const char       *listen_for)
{
  g_return_if_fail (SB_IS_QUESTION_EDITOR (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->listen_view),
                            listen_for != NULL ? listen_for : "", -1);
}

void
sb_question_editor_set_theme (SbQuestionEditor *self,
                              const char       *theme_slug,
                              gboolean          active)
{
  GtkCheckButton *check;

  g_return_if_fail (SB_IS_QUESTION_EDITOR (self));

  check = g_hash_table_lookup (self->theme_checks, theme_slug);
  if (check != NULL)
    gtk_check_button_set_active (check, active);
}

const char *
sb_question_editor_get_error (SbQuestionEditor *self)
{
  g_return_val_if_fail (SB_IS_QUESTION_EDITOR (self), NULL);
  return self->error;
}

gboolean
sb_question_editor_save (SbQuestionEditor *self)
{
  g_autofree char *text = NULL;
  g_autofree char *listen_for = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) theme_slugs = NULL;
  g_autoptr(GError) error = NULL;
  SbQuestion *saved;
  GListModel *themes;

  g_return_val_if_fail (SB_IS_QUESTION_EDITOR (self), FALSE);

  text = text_view_get_text (self->text_view);
  listen_for = text_view_get_text (self->listen_view);

  if (*text == '\0')
    {
      show_error (self, _("Write the question first: it cannot be empty."));
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      return FALSE;
    }

  /* In catalog order, so the chips read the same way everywhere. */
  themes = sb_store_get_themes (self->store, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      GtkCheckButton *check = g_hash_table_lookup (self->theme_checks, sb_theme_get_slug (theme));

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, sb_theme_get_slug (theme));
    }
  theme_slugs = g_strv_builder_end (builder);

  if (self->question != NULL)
    {
      const char *slug = sb_question_get_slug (self->question);

      if (!sb_store_update_question (self->store, self->question, text, listen_for,
                                     (const char * const *) theme_slugs, &error))
        {
          show_error (self, error->message);
          return FALSE;
        }
      /* The store replaces the object on an edit. */
      saved = sb_store_find_question (self->store, slug);
    }
  else
    {
      saved = sb_store_add_question (self->store, text, listen_for,
                                     (const char * const *) theme_slugs, &error);
      if (saved == NULL)
        {
          show_error (self, error->message);
          return FALSE;
        }
    }

  show_error (self, NULL);
  if (saved != NULL)
    g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sb_question_editor_save (SB_QUESTION_EDITOR (widget));
}

/* ---- GObject -------------------------------------------------------- */

static void
sb_question_editor_dispose (GObject *object)
{
  SbQuestionEditor *self = SB_QUESTION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_QUESTION_EDITOR);
  g_clear_object (&self->question);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_question_editor_parent_class)->dispose (object);
}

static void
sb_question_editor_finalize (GObject *object)
{
  SbQuestionEditor *self = SB_QUESTION_EDITOR (object);

  g_hash_table_unref (self->theme_checks);
  g_free (self->error);

  G_OBJECT_CLASS (sb_question_editor_parent_class)->finalize (object);
}

static void
sb_question_editor_class_init (SbQuestionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_question_editor_dispose;
  object_class->finalize = sb_question_editor_finalize;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_QUESTION);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.save", NULL);

  (void) sb_views_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-question-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbQuestionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionEditor, page);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionEditor, text_frame);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionEditor, listen_view);
  gtk_widget_class_bind_template_child (widget_class, SbQuestionEditor, error_label);
}

static void
sb_question_editor_init (SbQuestionEditor *self)
{
  self->theme_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}
