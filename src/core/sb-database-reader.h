/* sb-database-reader.h — a read-only connection to a bank, for queries
 * that run in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-database.h"

G_BEGIN_DECLS

typedef struct _SbDatabaseReader SbDatabaseReader;

/* Main thread: a second, read-only connection to @db's file, opened on
 * first use. In WAL mode its reads neither wait for nor hold up @db's
 * writes, and each read sees what was committed when it began. NULL when
 * @db's bank cannot have one: a writable bank whose journal is not a
 * write-ahead log (a reader would then lock the writer out), or a bank
 * that is not a file. */
SbDatabaseReader *sb_database_reader_new     (SbDatabase        *db);
SbDatabaseReader *sb_database_reader_ref     (SbDatabaseReader  *self);
void              sb_database_reader_unref   (SbDatabaseReader  *self);

/* Any thread, one at a time: the connection (opened now if it is not yet),
 * to use with sb_database_prepare() / sb_database_step() until
 * sb_database_reader_release(), which the caller must call whatever this
 * returns. While @cancellable is cancelled a statement stops with an
 * error. NULL with @error when the reader is closed (G_IO_ERROR_CLOSED) or
 * the file could not be opened (SB_DATABASE_ERROR_OPEN; it is not tried
 * again). */
SbDatabase       *sb_database_reader_acquire (SbDatabaseReader  *self,
                                              GCancellable      *cancellable,
                                              GError           **error);
void              sb_database_reader_release (SbDatabaseReader  *self);

/* Main thread, before @db closes (so that closing it still empties the
 * WAL): stops a query under way, waits for it and closes the connection.
 * Later acquires fail with G_IO_ERROR_CLOSED. */
void              sb_database_reader_close   (SbDatabaseReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbDatabaseReader, sb_database_reader_unref)

G_END_DECLS
