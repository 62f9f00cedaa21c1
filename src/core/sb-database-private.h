/* sb-database-private.h — what sb-database.c shares with its siblings
 * sb-database-check.c (the check of a bank's pages after opening),
 * sb-database-files.c (the bank's files before SQLite opens them),
 * sb-database-migrate.c (schema versions) and sb-database-statements.c
 * (statements, steps and transactions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <sys/types.h>

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

/* sb-database.c: SQLite's result code as an SbDatabaseError code, and the
 * error of a change to a bank open read-only. */
int      _sb_database_error_code            (int           rc);
void     _sb_database_set_read_only_error   (SbDatabase   *self,
                                             GError      **error);

/* sb-database-statements.c: the one integer a query answers. */
gboolean _sb_database_query_int             (sqlite3      *db,
                                             const char   *sql,
                                             int          *out,
                                             GError      **error);

/* sb-database-files.c: what opening a bank does to its files before and
 * around SQLite (see there). */
gboolean _sb_database_check_header          (const char   *path,
                                             gboolean     *out_empty,
                                             GError      **error);
gboolean _sb_database_vet_existing_file_settled (const char   *path,
                                                 gboolean     *defer_check,
                                                 GError      **error);
gboolean _sb_database_make_file_private     (const char   *path,
                                             GError      **error);
gboolean _sb_database_can_write             (const char   *path);
void     _sb_database_set_not_a_file_error  (GError      **error,
                                             const char   *display,
                                             mode_t        mode);
gboolean _sb_database_create_folders        (const char   *dir,
                                             GPtrArray    *created,
                                             GError      **error);
gboolean _sb_database_create_bank_file      (const char   *path,
                                             const char   *dir,
                                             gboolean     *created,
                                             GError      **error);
gboolean _sb_database_create_private_file   (const char   *path,
                                             GError      **error);
gboolean _sb_database_tighten_bank_files    (const char   *path,
                                             gboolean      writable,
                                             gboolean     *tightened,
                                             GError      **error);
void     _sb_database_remove_left_behind    (const char   *path,
                                             gboolean      created_file,
                                             GPtrArray    *created_dirs);
void     _sb_database_prepare_shm           (const char   *path,
                                             const char   *dir);
gboolean _sb_database_check_wal_readable    (const char   *real_path,
                                             const char   *path,
                                             const char   *dir,
                                             GError      **error);

G_END_DECLS
