/* sb-theme-editor.c — rename a theme, reword it, or delete one of your own
 *
 * Any theme can be renamed and reworded: a shipped one is then marked as
 * edited, and the catalog merge at the next start leaves the person's
 * wording alone. Only a theme the person added can be deleted, after a
 * confirmation that says how many stories lose the link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-theme-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-label.h"
#include "sb-theme-editor.h"
#include "sb-views-resources.h"

struct _SbThemeEditor
{
  AdwWindow            parent_instance;

  SbStore             *store;
  char                *slug;    /* the store replaces theme objects on edits */
  char                *error;

  /* template */
  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *fields_group;
  AdwEntryRow         *name_row;
  AdwEntryRow         *description_row;
  AdwPreferencesGroup *delete_group;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (SbThemeEditor, sb_theme_editor, ADW_TYPE_WINDOW)

static void
show_error (SbThemeEditor *self,
            const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
field_changed_cb (SbThemeEditor *self)
{
  if (self->error != NULL)
    show_error (self, NULL);
}

static void
entry_activated_cb (SbThemeEditor *self)
{
  sb_theme_editor_save (self);
}

gboolean
sb_theme_editor_save (SbThemeEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_THEME_EDITOR (self), FALSE);

  theme = sb_store_find_theme (self->store, self->slug);
  if (theme == NULL)
    {
      show_error (self, _("This theme was deleted meanwhile."));
      return FALSE;
    }
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));
  if (*name == '\0')
    {
      show_error (self, _("Give the theme a name: it cannot be empty."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  if (!sb_store_update_theme (self->store, theme, name, description, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

gboolean
sb_theme_editor_delete (SbThemeEditor *self)
{
  g_autoptr(GError) error = NULL;
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_THEME_EDITOR (self), FALSE);

  theme = sb_store_find_theme (self->store, self->slug);
  if (theme == NULL || !sb_store_delete_theme (self->store, theme, &error))
    {
      show_error (self, error != NULL ? error->message : _("This theme was deleted meanwhile."));
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
delete_response_cb (SbThemeEditor    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "delete") == 0)
    sb_theme_editor_delete (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sb_theme_editor_save (SB_THEME_EDITOR (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbThemeEditor *self = SB_THEME_EDITOR (widget);
  SbTheme *theme = sb_store_find_theme (self->store, self->slug);
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (theme == NULL)
    return;
  stories = sb_store_get_theme_stories (self->store, self->slug);
  heading = g_strdup_printf (_("Delete “%s”?"), sb_theme_get_name (theme));
  if (stories->len == 0)
    body = g_strdup (_("No story is linked to it."));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u story loses its link to it. The story itself stays.",
                                         "%u stories lose their link to it. The stories themselves stay.",
                                         stories->len),
                            stories->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
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

SbThemeEditor *
sb_theme_editor_new (SbStore *store,
                     SbTheme *theme)
{
  SbThemeEditor *self;
  SbFramework *framework;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_THEME (theme), NULL);

  self = g_object_new (SB_TYPE_THEME_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->slug = g_strdup (sb_theme_get_slug (theme));

  framework = sb_store_find_framework (store, sb_theme_get_framework_slug (theme));
  if (framework != NULL)
    adw_window_title_set_subtitle (self->window_title, sb_framework_get_name (framework));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sb_theme_get_name (theme));
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), sb_theme_get_description (theme));
  if (sb_theme_get_builtin (theme))
    adw_preferences_group_set_description (self->fields_group,
                                           _("This theme came with Storybank. Your wording is kept "
                                             "when Storybank updates its themes."));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !sb_theme_get_builtin (theme));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "theme-editor.delete", !sb_theme_get_builtin (theme));
  return self;
}

GtkEditable *
sb_theme_editor_get_name_row (SbThemeEditor *self)
{
  g_return_val_if_fail (SB_IS_THEME_EDITOR (self), NULL);
  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
sb_theme_editor_get_description_row (SbThemeEditor *self)
{
  g_return_val_if_fail (SB_IS_THEME_EDITOR (self), NULL);
  return GTK_EDITABLE (self->description_row);
}

gboolean
sb_theme_editor_can_delete (SbThemeEditor *self)
{
  g_return_val_if_fail (SB_IS_THEME_EDITOR (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->delete_group));
}

const char *
sb_theme_editor_get_error (SbThemeEditor *self)
{
  g_return_val_if_fail (SB_IS_THEME_EDITOR (self), NULL);
  return self->error;
}

static void
sb_theme_editor_dispose (GObject *object)
{
  SbThemeEditor *self = SB_THEME_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_THEME_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_theme_editor_parent_class)->dispose (object);
}

static void
sb_theme_editor_finalize (GObject *object)
{
  SbThemeEditor *self = SB_THEME_EDITOR (object);

  g_free (self->slug);
  g_free (self->error);

  G_OBJECT_CLASS (sb_theme_editor_parent_class)->finalize (object);
}

static void
sb_theme_editor_class_init (SbThemeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_theme_editor_dispose;
  object_class->finalize = sb_theme_editor_finalize;

  /* Names the views bundle, so the linker keeps it (see sb-coverage-page.c). */
  (void) sb_views_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-theme-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbThemeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbThemeEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, SbThemeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SbThemeEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, SbThemeEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, SbThemeEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "theme-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "theme-editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_theme_editor_init (SbThemeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Theme"));
}
