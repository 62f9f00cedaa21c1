/* sb-window-files.c — the window's files: import and export, backups, the
 * cheat sheet, and What to Fix Next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-backup.h"
#include "sb-backups-dialog.h"
#include "sb-bank-job.h"
#include "sb-cheat-sheet-dialog.h"
#include "sb-exchange.h"
#include "sb-next-fixes-dialog.h"
#include "sb-practice-modes.h"
#include "sb-practice-page.h"
#include "sb-questions-page.h"
#include "sb-window-private.h"

/* ---- actions: files -------------------------------------------------- */

typedef void (*FileChosenFunc) (SbWindow *self, GFile *file);

typedef struct
{
  SbWindow       *self;
  FileChosenFunc  func;
} FileChoice;

static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  FileChoice *choice = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        choice->func (choice->self, file);
    }
  g_object_unref (choice->self);
  g_free (choice);
  g_object_unref (native);
}

static void
choose_file (SbWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             const char           *suggested_name,
             const char           *filter_name,
             const char           *mime_type,
             const char           *pattern,
             FileChosenFunc        func)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  FileChoice *choice;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);

  choice = g_new0 (FileChoice, 1);
  choice->self = g_object_ref (self);
  choice->func = func;
  g_signal_connect (native, "response", G_CALLBACK (file_chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- imports and exports in a worker ---------------------------------- */

/* A job that takes longer than this says what it is doing. */
#define PROGRESS_DELAY_MS 500

static const char * const file_job_actions[] = { "win.import", "win.export", "win.export-markdown" };

static gboolean
show_progress_cb (gpointer user_data)
{
  SbWindow *self = user_data;
  AdwToast *toast;

  self->file_job_progress_id = 0;
  toast = adw_toast_new (self->file_job_stage);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->file_job_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return G_SOURCE_REMOVE;
}

/* What the job is doing now: shown once it has taken half a second. */
static void
set_file_job_stage (SbWindow   *self,
                    const char *stage)
{
  g_free (self->file_job_stage);
  self->file_job_stage = g_strdup (stage);
  if (self->file_job_toast != NULL)
    adw_toast_set_title (self->file_job_toast, stage);
}

static void
begin_file_job (SbWindow   *self,
                const char *stage)
{
  self->file_job_running = TRUE;
  set_file_job_stage (self, stage);
  for (guint i = 0; i < G_N_ELEMENTS (file_job_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), file_job_actions[i], FALSE);
  g_clear_handle_id (&self->file_job_progress_id, g_source_remove);
  self->file_job_progress_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);
}

static void
end_file_job (SbWindow *self)
{
  self->file_job_running = FALSE;
  g_clear_handle_id (&self->file_job_progress_id, g_source_remove);
  if (self->file_job_toast != NULL)
    adw_toast_dismiss (self->file_job_toast);
  g_clear_weak_pointer (&self->file_job_toast);
  g_clear_pointer (&self->file_job_stage, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (file_job_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), file_job_actions[i], TRUE);
}

void
_sb_window_dispose_files (SbWindow *self)
{
  g_clear_handle_id (&self->file_job_progress_id, g_source_remove);
  g_clear_weak_pointer (&self->file_job_toast);
  g_clear_pointer (&self->file_job_stage, g_free);
}

gboolean
sb_window_get_file_job_running (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  return self->file_job_running;
}

const char *
sb_window_get_progress_text (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);
  return self->file_job_toast != NULL ? adw_toast_get_title (self->file_job_toast) : NULL;
}

static char *
file_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  return g_filename_display_name (name);
}

static const char *
bank_path (SbWindow *self)
{
  return sb_database_get_path (sb_store_get_database (self->store));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SbImportSummary summary = { 0 };
  gboolean ok = sb_bank_job_run_finish (result, &summary, &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  end_file_job (self);
  if (!ok)
    {
      _sb_window_show_error (self, _("Import Failed"), error);
      return;
    }
  /* Another connection wrote the bank: the store reads it again as it does
   * after a command-line import, keeping what the person typed since. */
  if (!sb_store_sync (self->store, &error))
    {
      _sb_window_show_error (self, _("Import Failed"), error);
      return;
    }

  _sb_window_update_stories_stack (self);
  /* The file may add rehearsals to stories the bank already had (a page
   * not built yet reads them when it is). */
  if (self->practice_page != NULL)
    sb_practice_page_refresh (SB_PRACTICE_PAGE (self->practice_page));
  if (summary.stories_updated > 0)
    /* Translators: "Imported 3 new stories, updated 2" */
    message = g_strdup_printf (ngettext ("Imported %u new story, updated %u",
                                         "Imported %u new stories, updated %u",
                                         summary.stories_added),
                               summary.stories_added, summary.stories_updated);
  else
    message = g_strdup_printf (ngettext ("Imported %u new story", "Imported %u new stories",
                                         summary.stories_added),
                               summary.stories_added);
  if (summary.applications_added + summary.applications_updated > 0)
    {
      guint n = summary.applications_added + summary.applications_updated;
      char *with_applications =
        /* Translators: appended to "Imported 3 new stories": "Imported 3 new stories · 1 application" */
        g_strdup_printf (ngettext ("%s · %u application", "%s · %u applications", n), message, n);

      g_free (message);
      message = with_applications;
    }
  _sb_window_show_toast (self, message);
}

/* The import runs in a worker with a connection of its own; the window
 * stays usable meanwhile and reads the result when it is committed. */
static void
import_file (SbWindow *self,
             GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = file_display_name (file);
  g_autofree char *stage = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      end_file_job (self);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local files can be imported"));
      _sb_window_show_error (self, _("Import Failed"), error);
      return;
    }
  sb_story_editor_flush (self->story_editor);
  /* Translators: %s is the file's name */
  stage = g_strdup_printf (_("Importing “%s”…"), name);
  set_file_job_stage (self, stage);
  sb_bank_job_run_async (bank_path (self), SB_BANK_JOB_IMPORT_JSON, path, NULL,
                         import_done_cb, g_object_ref (self));
}

/* ---- backups: before an import, daily, and the Backups dialog -------- */

typedef struct
{
  SbWindow *window;
  GFile    *file;
} ImportBackup;

static void
import_backup_ready_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  ImportBackup *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_backup_create_finish (result, &error);

  if (!gtk_widget_in_destruction (GTK_WIDGET (data->window)))
    {
      if (path != NULL)
        import_file (data->window, data->file);
      else
        {
          end_file_job (data->window);
          g_prefix_error (&error, "%s ", _("Nothing was imported: the bank could not be backed up first."));
          _sb_window_show_error (data->window, _("Import Failed"), error);
        }
    }
  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

/* The bank as it was goes into backups/ (in a worker) before an import
 * changes it; a bank without stories has nothing to lose. */
static void
import_file_backed_up (SbWindow *self,
                       GFile    *file)
{
  ImportBackup *data;

  if (self->file_job_running)
    return;
  begin_file_job (self, _("Backing up the bank before the import…"));
  sb_story_editor_flush (self->story_editor);
  if (sb_store_get_n_stories (self->store) == 0)
    {
      import_file (self, file);
      return;
    }
  data = g_new0 (ImportBackup, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  sb_backup_create_async (sb_database_get_path (sb_store_get_database (self->store)),
                          SB_BACKUP_REASON_BEFORE_IMPORT, NULL, import_backup_ready_cb, data);
}

static void
daily_backup_ready_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_backup_daily_if_due_finish (result, &error);
  g_autoptr(SbWindow) self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  if (error != NULL && self != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_autofree char *title = g_strdup_printf (_("Today’s backup failed: %s"), error->message);
      _sb_window_show_toast (self, title);
    }
}

void
_sb_window_start_daily_backup (SbWindow *self)
{
  GWeakRef *weak;

  /* A bank nobody can change needs no new copy, and reading it for one
   * must not leave files beside it. */
  if (sb_store_is_read_only (self->store))
    return;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  sb_backup_daily_if_due_async (sb_database_get_path (sb_store_get_database (self->store)),
                                NULL, daily_backup_ready_cb, weak);
}

/* ---- what to fix next ------------------------------------------------- */

static void
fix_activated_cb (SbWindow          *self,
                  int                kind,
                  const char        *target,
                  SbNextFixesDialog *dialog)
{
  SbStory *story;

  switch ((SbFixKind) kind)
    {
    case SB_FIX_THEME_GAP:
      /* The row to click a story into. */
      sb_window_show_page (self, "coverage");
      break;
    case SB_FIX_STORY_PROBLEMS:
    case SB_FIX_STRETCHED:
      story = sb_store_find_story (self->store, target);
      sb_window_show_page (self, "stories");
      if (story != NULL)
        {
          sb_story_list_select_story (self->story_list, story);
          _sb_window_show_editor (self);
        }
      break;
    case SB_FIX_UNANSWERED:
      sb_window_show_page (self, "questions");
      sb_questions_page_select_question (SB_QUESTIONS_PAGE (_sb_window_ensure_page (self, "questions")),
                                         target);
      break;
    case SB_FIX_NEVER_REHEARSED:
    case SB_FIX_DUE:
      story = sb_store_find_story (self->store, target);
      sb_window_show_page (self, "practice");
      sb_practice_modes_set_mode (SB_PRACTICE_MODES (_sb_window_ensure_page (self, "practice")), "tell");
      if (story != NULL)
        sb_practice_page_select_story (SB_PRACTICE_PAGE (self->practice_page), story);
      break;
    default:
      break;
    }
}

static void
next_fixes_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *framework = NULL;
  GtkWidget *dialog;

  sb_story_editor_flush (self->story_editor);
  /* The framework the Coverage page shows is the one being prepared for. */
  framework = self->settings != NULL ? g_settings_get_string (self->settings, "coverage-framework")
                                     : g_strdup ("core");
  dialog = sb_next_fixes_dialog_new (GTK_WINDOW (self), self->store, framework);
  g_signal_connect_object (dialog, "fix-activated", G_CALLBACK (fix_activated_cb), self, G_CONNECT_SWAPPED);
  self->last_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
backups_restored_cb (SbWindow        *self,
                     const char      *safety_path,
                     SbBackupsDialog *dialog)
{
  _sb_window_update_stories_stack (self);
  if (self->practice_page != NULL)
    sb_practice_page_refresh (SB_PRACTICE_PAGE (self->practice_page));
}

static void
backups_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbBackupsDialog *dialog = sb_backups_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "restored", G_CALLBACK (backups_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Exported to “bank.json”", with a button that opens the folder it is in:
 * a person should not have to remember where the chooser put it. */
static void
show_written_toast (SbWindow   *self,
                    const char *title,
                    GFile      *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  AdwToast *toast = _sb_window_show_toast (self, title);

  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);

      adw_toast_set_button_label (toast, _("_Open Folder"));
      /* The target first: a name without it would be activated without one. */
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_set_action_name (toast, "win.open-folder");
    }
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

typedef struct
{
  SbWindow *window;
  GFile    *file;
  gboolean  markdown;
} ExportJob;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  SbWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  gboolean ok = sb_bank_job_run_finish (result, NULL, &error);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      end_file_job (self);
      if (!ok)
        _sb_window_show_error (self, _("Export Failed"), error);
      else
        {
          g_autofree char *name = file_display_name (job->file);
          g_autofree char *title = job->markdown
            /* Translators: %s is the file's name */
            ? g_strdup_printf (_("Stories exported as Markdown to “%s”"), name)
            /* Translators: %s is the file's name */
            : g_strdup_printf (_("Story bank exported to “%s”"), name);

          show_written_toast (self, title, job->file);
        }
    }
  g_object_unref (job->window);
  g_object_unref (job->file);
  g_free (job);
}

/* The export reads the bank in a worker, so what the person typed is
 * written first; if it cannot be (the bank is busy, the disk full), the
 * export is made here from memory, unsaved text included, as before. */
static void
export_to (SbWindow *self,
           GFile    *file,
           gboolean  markdown)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = file_display_name (file);
  g_autofree char *stage = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;

  if (self->file_job_running)
    return;
  sb_story_editor_flush (self->story_editor);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written"));
      _sb_window_show_error (self, _("Export Failed"), error);
      return;
    }
  if (!sb_store_save_pending (self->store, NULL))
    {
      gboolean ok = markdown ? sb_exchange_export_markdown_file (self->store, path, &error)
                             : sb_exchange_export_json_file (self->store, path, &error);

      if (!ok)
        _sb_window_show_error (self, _("Export Failed"), error);
      else
        {
          g_autofree char *title = markdown
            ? g_strdup_printf (_("Stories exported as Markdown to “%s”"), name)
            : g_strdup_printf (_("Story bank exported to “%s”"), name);

          show_written_toast (self, title, file);
        }
      return;
    }

  /* Translators: %s is the file's name */
  stage = g_strdup_printf (_("Exporting to “%s”…"), name);
  begin_file_job (self, stage);
  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->file = g_object_ref (file);
  job->markdown = markdown;
  sb_bank_job_run_async (bank_path (self), markdown ? SB_BANK_JOB_EXPORT_MARKDOWN : SB_BANK_JOB_EXPORT_JSON,
                         path, NULL, export_done_cb, job);
}

static void
export_file (SbWindow *self,
             GFile    *file)
{
  export_to (self, file, FALSE);
}

void
sb_window_export_file (SbWindow *self,
                       GFile    *file)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  export_to (self, file, FALSE);
}

static void
export_markdown_file (SbWindow *self,
                      GFile    *file)
{
  export_to (self, file, TRUE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (SB_WINDOW (widget), _("Import Stories"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), NULL, _("Storybank files"), "application/json", "*.json",
               import_file_backed_up);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (SB_WINDOW (widget), _("Export Stories"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), _("storybank.json"), _("Storybank files"), "application/json", "*.json",
               export_file);
}

static void
export_markdown_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  choose_file (SB_WINDOW (widget), _("Export Stories as Markdown"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), _("stories.md"), _("Markdown files"), "text/markdown", "*.md",
               export_markdown_file);
}

/* Both open the cheat sheet dialog: the person chooses what goes on the
 * sheet there, sees it, and prints or exports from it. */
static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_story_editor_flush (self->story_editor);
  sb_cheat_sheet_dialog_present_for (GTK_WINDOW (self), self->store, SB_CHEAT_SHEET_PURPOSE_EXPORT);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_story_editor_flush (self->story_editor);
  sb_cheat_sheet_dialog_present_for (GTK_WINDOW (self), self->store, SB_CHEAT_SHEET_PURPOSE_PRINT);
}


void
sb_window_import_file (SbWindow *self,
                       GFile    *file)
{
  import_file_backed_up (self, file);
}

void
_sb_window_install_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-fixes", NULL, next_fixes_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-markdown", NULL, export_markdown_action);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
}
