/* sb-backups-dialog.c — the bank's backups: what each holds, restoring one, making one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-backups-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-backup.h"
#include "sb-backups-dialog.h"
#include "sb-label.h"
#include "sb-ui-resources.h"
#include "sb-window.h"

struct _SbBackupsDialog
{
  AdwWindow        parent_instance;

  SbStore         *store;
  GPtrArray       *backups;       /* SbBackupInfo, newest first; NULL while loading */
  GCancellable    *cancellable;       /* the list being read */
  GCancellable    *life;              /* cancelled when the dialog goes */
  char            *select_after_load;
  gboolean         loading;
  gboolean         backing_up;
  gboolean         restoring;         /* a restore runs in a worker */

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *empty_page;
  GtkLabel        *folder_label;
  GtkListBox      *list_box;
  GtkLabel        *preview_heading;
  GtkLabel        *preview_label;
};

G_DEFINE_FINAL_TYPE (SbBackupsDialog, sb_backups_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
bank_path (SbBackupsDialog *self)
{
  return sb_database_get_path (sb_store_get_database (self->store));
}

/* "Today, 08:15", "Yesterday, 21:03", "3 December 2026, 08:15". */
static char *
format_when (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *clock = g_date_time_format (local, "%H:%M");
  int y, m, d, ny, nm, nd, yy, ym, yd;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_time_get_ymd (now, &ny, &nm, &nd);
  g_date_time_get_ymd (yesterday, &yy, &ym, &yd);
  if (y == ny && m == nm && d == nd)
    /* Translators: a backup's time, e.g. "Today, 08:15" */
    return g_strdup_printf (_("Today, %s"), clock);
  if (y == yy && m == ym && d == yd)
    /* Translators: a backup's time, e.g. "Yesterday, 21:03" */
    return g_strdup_printf (_("Yesterday, %s"), clock);
  /* Translators: a backup's date and time, see strftime(3) */
  return g_date_time_format (local, _("%e %B %Y, %H:%M"));
}

static char *
describe_backup (SbBackupInfo *info)
{
  g_autofree char *size = g_format_size (info->size);

  if (info->n_stories < 0)
    /* Translators: "Daily · cannot be read: file is not a database" */
    return g_strdup_printf (_("%s · cannot be read: %s"), sb_backup_reason_describe (info->reason),
                            info->problem);
  /* Translators: "Daily · 12 stories · 180 kB" */
  return g_strdup_printf (ngettext ("%s · %d story · %s", "%s · %d stories · %s", info->n_stories),
                          sb_backup_reason_describe (info->reason), info->n_stories, size);
}

static SbBackupInfo *
selected_info (SbBackupsDialog *self)
{
  GtkListBoxRow *row;
  int index;

  /* The list goes before the dialog while it is disposed. */
  if (self->list_box == NULL)
    return NULL;
  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL || self->backups == NULL)
    return NULL;
  index = gtk_list_box_row_get_index (row);
  return index >= 0 && (guint) index < self->backups->len ? self->backups->pdata[index] : NULL;
}

static void
update_actions (SbBackupsDialog *self)
{
  SbBackupInfo *info = selected_info (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore",
                                 !self->loading && !self->restoring && info != NULL &&
                                 info->n_stories >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up-now", !self->backing_up);
}

static void
update_preview (SbBackupsDialog *self)
{
  SbBackupInfo *info = selected_info (self);
  g_autofree char *heading = NULL;
  g_autofree char *titles = NULL;

  if (info == NULL)
    {
      gtk_label_set_text (self->preview_heading, _("Select a backup to see its stories"));
      gtk_label_set_text (self->preview_label, "");
      return;
    }

  if (info->n_stories < 0)
    {
      heading = g_strdup (_("This backup cannot be read"));
      titles = g_strdup (info->problem);
    }
  else if (info->n_stories == 0)
    {
      heading = g_strdup (_("Stories in this backup"));
      titles = g_strdup (_("This backup holds no stories."));
    }
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      heading = g_strdup_printf (ngettext ("The %d story in this backup", "The %d stories in this backup",
                                           info->n_stories), info->n_stories);
      for (guint i = 0; info->titles[i] != NULL; i++)
        g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "",
                                info->titles[i][0] != '\0' ? info->titles[i] : _("Untitled story"));
      titles = g_string_free (g_steal_pointer (&text), FALSE);
    }
  gtk_label_set_text (self->preview_heading, heading);
  gtk_label_set_text (self->preview_label, titles);
}

static void
row_selected_cb (SbBackupsDialog *self,
                 GtkListBoxRow   *row,
                 GtkListBox      *list_box)
{
  if (self->preview_label == NULL)
    return;
  update_preview (self);
  update_actions (self);
}

static void
row_activated_cb (SbBackupsDialog *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list_box)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "backups.restore", NULL);
}

static GtkWidget *
make_row (SbBackupInfo *info)
{
  g_autofree char *when = format_when (info->time);
  g_autofree char *what = describe_backup (info);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", when, what);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), what);
  gtk_widget_set_tooltip_text (row, info->path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, info->path,
                                  -1);
  return row;
}

static void
show_backups (SbBackupsDialog *self,
              GPtrArray       *backups)
{
  GtkWidget *child;
  guint select = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = g_ptr_array_ref (backups);

  for (guint i = 0; i < backups->len; i++)
    {
      SbBackupInfo *info = backups->pdata[i];

      gtk_list_box_append (self->list_box, make_row (info));
      if (g_strcmp0 (info->path, self->select_after_load) == 0)
        select = i;
    }
  g_clear_pointer (&self->select_after_load, g_free);

  gtk_stack_set_visible_child_name (self->stack, backups->len > 0 ? "list" : "empty");
  if (backups->len > 0)
    gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, select));
  update_preview (self);
  update_actions (self);
}

static void
list_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = sb_backup_list_finish (result, &error);
  SbBackupsDialog *self;

  /* The dialog may be gone: then the task was cancelled, and self is not
   * touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SB_BACKUPS_DIALOG (user_data);
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);

  if (backups == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Backups Could Not Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }
  adw_status_page_set_title (self->empty_page, _("No Backups Yet"));
  show_backups (self, backups);
}

static void
reload (SbBackupsDialog *self)
{
  g_autofree char *folder = sb_backup_get_folder (bank_path (self));
  g_autofree char *folder_display = g_filename_display_name (folder);
  g_autofree char *folder_text = g_strdup_printf (_("Kept in %s"), folder_display);
  g_autofree char *empty_text = g_strdup_printf (
    _("A backup is made when Storybank starts (once a day), before every import and restore, "
      "and whenever you choose “Back Up Now”. They are kept in %s."), folder_display);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->backups == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_label_set_text (self->folder_label, folder_text);
  adw_status_page_set_description (self->empty_page, empty_text);
  self->loading = TRUE;
  gtk_spinner_start (self->spinner);
  update_actions (self);

  sb_backup_list_async (bank_path (self), self->cancellable, list_ready_cb, self);
}

/* Writes what was typed last, so a backup (or the one before a restore)
 * holds it. */
static gboolean
flush_parent (SbBackupsDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  return !SB_IS_WINDOW (parent) || sb_window_flush (SB_WINDOW (parent));
}

static void
backup_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_backup_create_finish (result, &error);
  SbBackupsDialog *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SB_BACKUPS_DIALOG (user_data);
  self->backing_up = FALSE;
  update_actions (self);

  if (path == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Not backed up: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Backed up")));
  self->select_after_load = g_steal_pointer (&path);
  reload (self);
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (widget);

  if (self->backing_up)
    return;
  flush_parent (self);
  self->backing_up = TRUE;
  update_actions (self);
  sb_backup_create_async (bank_path (self), SB_BACKUP_REASON_MANUAL, self->life,
                          backup_ready_cb, self);
}

gboolean
sb_backups_dialog_restore (SbBackupsDialog  *self,
                           const char       *path,
                           GError          **error)
{
  g_autofree char *safety = NULL;

  g_return_val_if_fail (SB_IS_BACKUPS_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!flush_parent (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Nothing was restored: your last edit could not be saved yet, and restoring "
                     "now would lose it. Try again when it is saved."));
      return FALSE;
    }
  if (!sb_backup_restore (sb_store_get_database (self->store), path, &safety, error))
    return FALSE;
  if (!sb_store_reload (self->store, error))
    return FALSE;

  g_signal_emit (self, signals[RESTORED], 0, safety);
  self->select_after_load = g_strdup (path);
  reload (self);
  return TRUE;
}

static void
show_restore_failed (SbBackupsDialog *self,
                     const GError    *error)
{
  GtkWidget *failed = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Restore the Backup"),
                                              error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (failed));
}

typedef struct
{
  SbBackupsDialog *dialog;
  char            *path;
} Restore;

static void
restore_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Restore *restore = user_data;
  SbBackupsDialog *self = restore->dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  gboolean ok = sb_backup_restore_finish (result, &safety, &error);

  self->restoring = FALSE;
  if (self->store == NULL)
    {
      /* Closed meanwhile: the window's next look at the bank reads it. */
      g_object_unref (restore->dialog);
      g_free (restore->path);
      g_free (restore);
      return;
    }
  update_actions (self);
  /* The store reads the bank the worker restored into. */
  if (ok && !sb_store_reload (self->store, &error))
    ok = FALSE;
  if (!ok)
    show_restore_failed (self, error);
  else
    {
      g_signal_emit (self, signals[RESTORED], 0, safety);
      g_free (self->select_after_load);
      self->select_after_load = g_strdup (restore->path);
      reload (self);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Restored. The bank as it was is the newest backup.")));
    }
  g_object_unref (restore->dialog);
  g_free (restore->path);
  g_free (restore);
}

/* The copy runs in a worker (a large bank takes seconds); the dialog says
 * so and the window stays usable. */
static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (user_data);
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  Restore *restore;

  if (g_strcmp0 (response, "restore") != 0 || self->restoring)
    return;
  if (!flush_parent (self))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                     _("Nothing was restored: your last edit could not be saved yet, "
                                                       "and restoring now would lose it. Try again when it is saved."));
      show_restore_failed (self, error);
      return;
    }
  self->restoring = TRUE;
  update_actions (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Restoring the backup…")));
  restore = g_new0 (Restore, 1);
  restore->dialog = g_object_ref (self);
  restore->path = g_strdup (path);
  sb_backup_restore_async (bank_path (self), path, NULL, restore_ready_cb, restore);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (widget);
  SbBackupInfo *info = selected_info (self);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (info == NULL || info->n_stories < 0)
    return;

  when = format_when (info->time);
  body = g_strdup_printf (ngettext ("The bank will be replaced by the backup of %s, which holds %d story. "
                                    "The bank as it is now is backed up first, so you can undo this by "
                                    "restoring that backup.",
                                    "The bank will be replaced by the backup of %s, which holds %d stories. "
                                    "The bank as it is now is backed up first, so you can undo this by "
                                    "restoring that backup.",
                                    info->n_stories),
                          when, info->n_stories);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (info->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (SB_BACKUPS_DIALOG (widget));
}

static void
sb_backups_dialog_constructed (GObject *object)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (object);

  G_OBJECT_CLASS (sb_backups_dialog_parent_class)->constructed (object);
  g_return_if_fail (SB_IS_STORE (self->store));
  reload (self);
}

static void
sb_backups_dialog_dispose (GObject *object)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->life);
  g_clear_object (&self->life);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_BACKUPS_DIALOG);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_pointer (&self->select_after_load, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_backups_dialog_parent_class)->dispose (object);
}

static void
sb_backups_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_backups_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SbBackupsDialog *self = SB_BACKUPS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_backups_dialog_class_init (SbBackupsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sb_backups_dialog_constructed;
  object_class->dispose = sb_backups_dialog_dispose;
  object_class->get_property = sb_backups_dialog_get_property;
  object_class->set_property = sb_backups_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  (void) sb_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-backups-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, preview_heading);
  gtk_widget_class_bind_template_child (widget_class, SbBackupsDialog, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "backups.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "backups.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "backups.back-up-now", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "backups.reload", NULL);
}

static void
sb_backups_dialog_init (SbBackupsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels measured at 12 characters: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));
  self->life = g_cancellable_new ();
}

SbBackupsDialog *
sb_backups_dialog_new (GtkWindow *parent,
                       SbStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  return g_object_new (SB_TYPE_BACKUPS_DIALOG, "transient-for", parent, "store", store, NULL);
}

gboolean
sb_backups_dialog_is_loading (SbBackupsDialog *self)
{
  g_return_val_if_fail (SB_IS_BACKUPS_DIALOG (self), FALSE);
  return self->loading;
}

GPtrArray *
sb_backups_dialog_get_backups (SbBackupsDialog *self)
{
  g_return_val_if_fail (SB_IS_BACKUPS_DIALOG (self), NULL);
  return self->loading ? NULL : self->backups;
}

void
sb_backups_dialog_select (SbBackupsDialog *self,
                          guint            index)
{
  g_return_if_fail (SB_IS_BACKUPS_DIALOG (self));
  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, index));
}

const char *
sb_backups_dialog_get_selected_path (SbBackupsDialog *self)
{
  SbBackupInfo *info;

  g_return_val_if_fail (SB_IS_BACKUPS_DIALOG (self), NULL);
  info = selected_info (self);
  return info != NULL ? info->path : NULL;
}
