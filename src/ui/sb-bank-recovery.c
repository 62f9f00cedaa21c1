/* sb-bank-recovery.c — what a person can do when their bank cannot be opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-bank-recovery"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-backup.h"
#include "sb-bank-recovery.h"
#include "sb-store.h"
#include "sb-window.h"

typedef struct
{
  GtkApplication *app;
  char           *bank_path;    /* the refused file, never written */
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_object_unref (recovery->app);
  g_free (recovery->bank_path);
  g_free (recovery);
}

static void
show_message (GtkApplication *app,
              GtkWindow      *parent,
              const char     *heading,
              const char     *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), app);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens @path in a new window; FALSE (and says why) when it cannot. */
static GtkWindow *
open_window (GtkApplication *app,
             const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  GtkWindow *window;

  if (store == NULL)
    {
      show_message (app, NULL, _("The Story Bank Could Not Be Opened"), error->message);
      return NULL;
    }
  window = GTK_WINDOW (sb_window_new (app, store));
  gtk_window_present (window);
  return window;
}

static void
open_newest_backup (Recovery *recovery)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = sb_backup_copy_newest_beside (recovery->bank_path, &error);
  g_autofree char *copy_display = NULL;
  g_autofree char *bank_display = NULL;
  g_autofree char *body = NULL;
  GtkWindow *window;

  if (copy == NULL)
    {
      show_message (recovery->app, NULL, _("The Backup Could Not Be Opened"), error->message);
      return;
    }
  window = open_window (recovery->app, copy);
  if (window == NULL)
    return;

  copy_display = g_filename_display_name (copy);
  bank_display = g_filename_display_name (recovery->bank_path);
  body = g_strdup_printf (_("This window shows a copy of the newest backup, saved as “%s”. "
                            "The file that could not be opened, “%s”, was left as it was. "
                            "To make the copy your bank for good, move that file away and give "
                            "the copy its name."),
                          copy_display, bank_display);
  show_message (recovery->app, window, _("Opened the Newest Backup"), body);
}

static void
new_bank_response_cb (GtkNativeDialog *native,
                      int              response,
                      gpointer         user_data)
{
  Recovery *recovery = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GFile) refused = g_file_new_for_path (recovery->bank_path);

      if (path == NULL)
        show_message (recovery->app, NULL, _("The Story Bank Could Not Be Opened"),
                      _("Only local files can hold a bank"));
      else if (g_file_equal (file, refused))
        show_message (recovery->app, NULL, _("The Story Bank Could Not Be Opened"),
                      _("That is the file that could not be opened; choose another name or folder."));
      else
        open_window (recovery->app, path);
    }
  g_application_release (G_APPLICATION (recovery->app));
  recovery_free (recovery);
  g_object_unref (native);
}

static void
start_new_bank (Recovery *recovery)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Start a New Bank"), NULL, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Storybank banks"));
  gtk_file_filter_add_pattern (filter, "*.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "storybank.sqlite3");

  /* No window holds the application while the chooser is up. */
  g_application_hold (G_APPLICATION (recovery->app));
  g_signal_connect (native, "response", G_CALLBACK (new_bank_response_cb), recovery);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Recovery *recovery = user_data;

  if (g_strcmp0 (response, "backup") == 0)
    open_newest_backup (recovery);
  else if (g_strcmp0 (response, "new") == 0)
    {
      start_new_bank (recovery);
      return;
    }
  recovery_free (recovery);
}

static gboolean
has_readable_backup (const char *bank_path)
{
  g_autoptr(GPtrArray) backups = sb_backup_list (bank_path, NULL);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    if (((SbBackupInfo *) backups->pdata[i])->n_stories >= 0)
      return TRUE;
  return FALSE;
}

gboolean
sb_bank_recovery_offer (GtkApplication *app,
                        const char     *bank_path,
                        const GError   *error)
{
  Recovery *recovery;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), FALSE);

  if (!g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CORRUPT) &&
      !g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_NOT_A_BANK))
    return FALSE;

  recovery = g_new0 (Recovery, 1);
  recovery->app = g_object_ref (app);
  recovery->bank_path = bank_path != NULL ? g_strdup (bank_path) : sb_database_default_path ();
  g_printerr ("%s: %s\n", recovery->bank_path, error->message);

  body = g_strdup_printf (_("%s\n\nThe file was left as it is. You can open a copy of its newest "
                            "backup, or start a new bank in another file."), error->message);
  dialog = adw_message_dialog_new (NULL, _("The Story Bank Could Not Be Opened"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "new", _("Start a _New Bank Elsewhere…"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  if (has_readable_backup (recovery->bank_path))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "backup", _("Open the Newest _Backup"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "backup",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "backup");
    }
  else
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), recovery);
  gtk_window_set_application (GTK_WINDOW (dialog), app);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
