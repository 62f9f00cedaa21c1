/* sb-schedule.h — what the rehearsal and the drill schedules share
 *
 * Both keep only a log and fold it, oldest first, into figures per story
 * (sb-practice.c) or per question (sb-drill.c): the pause doubles after
 * each success up to a ceiling, and the item falls due that many days
 * after it was last met. Each module keeps its own constants and its own
 * idea of a success.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-database.h"

G_BEGIN_DECLS

#define SB_SCHEDULE_SECONDS_PER_DAY 86400

/* The pause, in days, after a success: @first when there is no earlier
 * pause to build on (@previous_days 0), else twice @previous_days, at
 * most @max. */
guint       sb_schedule_grow          (guint          previous_days,
                                       guint          first,
                                       guint          max);
/* When an item last met at @last_at (seconds) with a pause of
 * @interval_days falls due. */
gint64      sb_schedule_due           (gint64         last_at,
                                       guint          interval_days);

/* Folds one row of @stmt, its figures starting at @column, into @fold. */
typedef void (*SbScheduleFoldFunc)    (gpointer       fold,
                                       sqlite3_stmt  *stmt,
                                       int            column);

/* Runs @sql, with ?1 bound to @owner_id, and folds every row, oldest
 * first, into @fold (its figures from column 0). A failure is a warning
 * naming @log ("rehearsal log"): the figures are what was read before it. */
void        sb_schedule_fold_owner    (SbDatabase        *db,
                                       const char        *sql,
                                       gint64             owner_id,
                                       gpointer           fold,
                                       SbScheduleFoldFunc add,
                                       const char        *log);
/* Runs @sql, whose rows are an owner's id and then its figures, ordered
 * by owner and then oldest first, and folds each owner's rows into a
 * fold of its own (@fold_size bytes, zeroed). Returns gint64* id → fold,
 * both freed with the table; a failure is a warning and the table holds
 * what was read before it. */
GHashTable *sb_schedule_fold_by_owner (SbDatabase        *db,
                                       const char        *sql,
                                       gsize              fold_size,
                                       SbScheduleFoldFunc add,
                                       const char        *log);

G_END_DECLS
