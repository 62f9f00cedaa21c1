/* sb-schedule.c — what the rehearsal and the drill schedules share
 *
 * See sb-schedule.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-schedule.h"

guint
sb_schedule_grow (guint previous_days,
                  guint first,
                  guint max)
{
  return previous_days == 0 ? first : MIN (previous_days * 2, max);
}

gint64
sb_schedule_due (gint64 last_at,
                 guint  interval_days)
{
  return last_at + (gint64) interval_days * SB_SCHEDULE_SECONDS_PER_DAY;
}

void
sb_schedule_fold_owner (SbDatabase         *db,
                        const char         *sql,
                        gint64              owner_id,
                        gpointer            fold,
                        SbScheduleFoldFunc  add,
                        const char         *log)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  SbStep step;

  stmt = sb_database_prepare (db, sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((step = sb_database_step (db, stmt, &error)) == SB_STEP_ROW)
    add (fold, stmt, 0);
  if (step == SB_STEP_ERROR)
    g_warning ("The %s could not be read: %s", log, error->message);
}

GHashTable *
sb_schedule_fold_by_owner (SbDatabase         *db,
                           const char         *sql,
                           gsize               fold_size,
                           SbScheduleFoldFunc  add,
                           const char         *log)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gpointer fold = NULL;
  gint64 current = 0;
  SbStep step;

  stmt = sb_database_prepare (db, sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return g_steal_pointer (&by_id);
    }
  while ((step = sb_database_step (db, stmt, &error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (fold == NULL || id != current)
        {
          gint64 *key = g_new (gint64, 1);

          *key = current = id;
          fold = g_malloc0 (fold_size);
          g_hash_table_insert (by_id, key, fold);
        }
      add (fold, stmt, 1);
    }
  if (step == SB_STEP_ERROR)
    g_warning ("The %s could not be read: %s", log, error->message);
  return g_steal_pointer (&by_id);
}
