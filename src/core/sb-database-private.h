/* sb-database-private.h — what sb-database.c shares with its sibling
 * sb-database-check.c (the check of a bank's pages after opening)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "sb-checkpoint.h"
#include "sb-database.h"

G_BEGIN_DECLS

struct _SbDatabase
{
  GObject     parent_instance;

  char       *path;
  char       *real_path;    /* folders resolved, as SQLite has it */
  sqlite3    *db;
  SbCheckpointer *checkpointer;  /* NULL: SQLite checkpoints in the commit */
  GHashTable *statements;   /* const SQL text (interned) → sqlite3_stmt* */
  char       *read_only_reason;   /* NULL when writable */
  guint       in_transaction : 1;
  guint       read_only : 1;
  guint       tightened : 1;
  guint       check_pending : 1;   /* opened before its pages were checked */
  guint       damaged : 1;         /* ... and the check found them damaged */
  int         busy_timeout_ms;   /* how long a write waits for another's lock */
};

/* Before the first write of a bank opened with its check deferred: runs
 * the check now (FALSE, with @error, when the bank is damaged). */
gboolean _sb_database_ensure_checked (SbDatabase  *self,
                                      GError     **error);

G_END_DECLS
