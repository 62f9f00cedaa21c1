/* sb-bank-job.c — importing and exporting a bank in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-bank-job"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-bank-job.h"
#include "sb-store.h"

typedef struct
{
  char            *bank_path;
  char            *file_path;
  SbBankJobKind    kind;
  SbImportSummary  summary;
} Job;

static void
job_free (Job *job)
{
  g_free (job->bank_path);
  g_free (job->file_path);
  g_free (job);
}

/* In the worker: everything here, the store included, lives and dies in
 * this thread. */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  gboolean ok = FALSE;

  store = sb_store_open (job->bank_path, &error);
  if (store != NULL)
    switch (job->kind)
      {
      case SB_BANK_JOB_IMPORT_JSON:
        ok = sb_exchange_import_json_file (store, job->file_path, &job->summary, &error);
        break;
      case SB_BANK_JOB_EXPORT_JSON:
        ok = sb_exchange_export_json_file (store, job->file_path, &error);
        break;
      case SB_BANK_JOB_EXPORT_MARKDOWN:
        ok = sb_exchange_export_markdown_file (store, job->file_path, &error);
        break;
      default:
        g_assert_not_reached ();
      }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
sb_bank_job_run_async (const char          *bank_path,
                       SbBankJobKind        kind,
                       const char          *file_path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (bank_path != NULL && file_path != NULL);

  job = g_new0 (Job, 1);
  job->bank_path = g_strdup (bank_path);
  job->file_path = g_strdup (file_path);
  job->kind = kind;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_bank_job_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
}

gboolean
sb_bank_job_run_finish (GAsyncResult     *result,
                        SbImportSummary  *summary,
                        GError          **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    *summary = job->summary;
  return g_task_propagate_boolean (G_TASK (result), error);
}
