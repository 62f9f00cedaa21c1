/* sb-checkpoint.h — folding the write-ahead log into the bank off the
 * main thread; only sb-database.c uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _SbCheckpointer SbCheckpointer;

/* From now on @db (opened on @real_path, the bank's resolved path) no
 * longer checkpoints inside the commit that crosses the WAL's limit: once
 * the WAL holds @threshold_pages, a worker thread runs a PASSIVE
 * checkpoint on a connection of its own. @db is only ever used by the
 * caller's thread. */
SbCheckpointer *sb_checkpointer_new   (sqlite3        *db,
                                       const char     *real_path,
                                       int             threshold_pages);
/* Waits for a checkpoint under way, and gives @db back its automatic
 * checkpoints. */
void            sb_checkpointer_free  (SbCheckpointer *self);
/* Between these two the worker does not checkpoint (it waits): for a
 * checkpoint of the caller's own, which a running one would make fail. */
void            sb_checkpointer_hold    (SbCheckpointer *self);
void            sb_checkpointer_release (SbCheckpointer *self);
/* How many checkpoints the worker has run to the end (for the tests). */
guint           sb_checkpointer_get_n_done (SbCheckpointer *self);
/* Returns once no checkpoint is queued or running. */
void            sb_checkpointer_wait       (SbCheckpointer *self);

G_END_DECLS
