/* sb-exchange-private.h — what the parts of sb-exchange share
 *
 * Only for sb-exchange*.c; everything else uses sb-exchange.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-exchange.h"

G_BEGIN_DECLS

/* Atomically (temp file, then rename) and readable by the owner only, as
 * every export holds private stories. */
gboolean _sb_exchange_write_private_file (const char  *path,
                                          const char  *contents,
                                          gsize        length,
                                          GError     **error);

/* sb-exchange-drills.c: the bank-level "drills" array. */

/* What the importer knows when it reads the drills: where each value was
 * (for messages), and what the file itself brings. */
typedef struct
{
  const char          *filename;
  GHashTable          *positions;       /* JSON path → guint64 (line << 32 | column) */
  GHashTable          *file_questions;  /* slugs of the file's questions */
  GHashTable          *file_stories;    /* uuids of the file's stories */
  const char * const  *file_deleted;    /* the file's deleted_questions; may be NULL */
} SbExchangeDrillContext;

void     _sb_exchange_build_drills (JsonBuilder                   *builder,
                                    SbStore                       *store);
/* *@out_drills: an array of SbDrill, or NULL when the file has none. */
gboolean _sb_exchange_read_drills  (SbStore                       *store,
                                    JsonObject                    *root,
                                    const SbExchangeDrillContext  *context,
                                    GArray                       **out_drills,
                                    GError                       **error);
/* Adds the drills the bank does not have yet, counting them in *@n_added. */
gboolean _sb_exchange_apply_drills (SbStore                       *store,
                                    GArray                        *drills,
                                    guint                         *n_added,
                                    GError                       **error);

G_END_DECLS
