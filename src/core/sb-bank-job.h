/* sb-bank-job.h — importing and exporting a bank in a worker thread
 *
 * The window's SbStore and its connection belong to the main thread. A job
 * opens the bank again in a worker, with a store and a connection of its
 * own, and does there what the command line does (an import is one
 * transaction, all or nothing); the window then reads what changed with
 * sb_store_sync(), as it does after a command-line import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sb-exchange.h"

G_BEGIN_DECLS

typedef enum
{
  SB_BANK_JOB_IMPORT_JSON,
  SB_BANK_JOB_EXPORT_JSON,
  SB_BANK_JOB_EXPORT_MARKDOWN,
} SbBankJobKind;

/* Imports @file_path into the bank at @bank_path, or exports the bank to
 * it. Write what the person typed to the bank first: the job sees the
 * bank, not another store's memory. */
void     sb_bank_job_run_async  (const char          *bank_path,
                                 SbBankJobKind        kind,
                                 const char          *file_path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* @summary (may be NULL) is filled for an import. */
gboolean sb_bank_job_run_finish (GAsyncResult        *result,
                                 SbImportSummary     *summary,
                                 GError             **error);

G_END_DECLS
