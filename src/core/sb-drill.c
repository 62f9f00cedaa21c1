/* sb-drill.c — the "Which story?" drill's log and its schedule per question
 *
 * As with rehearsals, the log (question_drills) is the only thing stored:
 * the schedule is folded from it in time order whenever it is asked for,
 * so nothing needs keeping in step when a story or a question goes away.
 * A deleted story leaves its drills with no pick (ON DELETE SET NULL); an
 * undo of the delete puts the picks back (sb-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-drill"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-coach.h"
#include "sb-drill.h"
#include "sb-schedule.h"

G_DEFINE_QUARK (sb-drill-error-quark, sb_drill_error)

/* ---- the schedule --------------------------------------------------- */

typedef struct
{
  SbDrillStats stats;
  guint        streak;    /* hits in a row, up to the last one */
} Fold;

static void
fold_add (Fold     *fold,
          gint64    drilled_at,
          gboolean  hit)
{
  SbDrillStats *stats = &fold->stats;

  stats->n_drills++;
  stats->last_at = drilled_at;
  stats->last_hit = hit;
  if (hit)
    {
      stats->n_hits++;
      /* After a miss the doubling starts over from the first pause. */
      stats->interval_days = sb_schedule_grow (fold->streak == 0 ? 0 : stats->interval_days,
                                               SB_DRILL_FIRST_INTERVAL, SB_DRILL_MAX_INTERVAL);
      fold->streak++;
    }
  else
    {
      stats->interval_days = 1;
      fold->streak = 0;
    }
  stats->due_at = sb_schedule_due (stats->last_at, stats->interval_days);
}

/* Reads one row of (drilled_at, hit) starting at @column. */
static void
fold_add_row (gpointer      fold,
              sqlite3_stmt *stmt,
              int           column)
{
  fold_add (fold, sqlite3_column_int64 (stmt, column), sqlite3_column_int (stmt, column + 1) != 0);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- what counts as a hit ------------------------------------------- */

gboolean
sb_drill_is_hit (SbStore    *store,
                 SbQuestion *question,
                 SbStory    *pick,
                 guint       seconds)
{
  g_autoptr(GPtrArray) linked = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (pick == NULL || SB_IS_STORY (pick), FALSE);

  if (pick == NULL || seconds > SB_DRILL_SECONDS)
    return FALSE;

  linked = sb_store_get_question_stories (store, sb_question_get_slug (question));
  if (linked->len > 0)
    return g_ptr_array_find (linked, pick, NULL);

  suggestions = sb_coach_suggest_stories (store, question, SB_DRILL_TOP_SUGGESTIONS);
  for (guint i = 0; i < suggestions->len; i++)
    if (((SbSuggestion *) suggestions->pdata[i])->story == pick)
      return TRUE;
  return FALSE;
}

/* ---- logging -------------------------------------------------------- */

static gboolean
check_time (gint64    drilled_at,
            guint     seconds,
            GError  **error)
{
  if (seconds > SB_DRILL_MAX_SECONDS)
    {
      g_set_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                   _("An answer that took %u seconds cannot be logged; "
                     "at most %u seconds can"),
                   seconds, (guint) SB_DRILL_MAX_SECONDS);
      return FALSE;
    }
  if (drilled_at < 0)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, drilled_at);

      g_set_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                   _("The drill time %s is not a valid date"), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_pick (SbStore  *store,
            SbStory  *pick,
            GError  **error)
{
  if (pick == NULL)
    return TRUE;
  if (sb_story_get_id (pick) == 0 || sb_store_find_story (store, sb_story_get_uuid (pick)) != pick)
    {
      g_set_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                   _("The story “%s” is not saved in this bank, so it cannot be logged as a pick"),
                   sb_story_get_display_title (pick));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_drill (SbStore   *store,
              gint64     question_id,
              SbStory   *pick,
              gint64     drilled_at,
              guint      seconds,
              gboolean   hit,
              GError   **error)
{
  SbDatabase *db = sb_store_get_database (store);
  sqlite3_stmt *stmt;

  stmt = sb_database_prepare (db,
                              "INSERT INTO question_drills (question_id, story_id, drilled_at, seconds, hit) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, question_id);
  if (pick != NULL)
    sqlite3_bind_int64 (stmt, 2, sb_story_get_id (pick));
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, drilled_at);
  sqlite3_bind_int64 (stmt, 4, seconds);
  sqlite3_bind_int (stmt, 5, hit ? 1 : 0);
  if (!sb_database_step_done (db, stmt, error))
    return FALSE;
  sb_store_notify_practice_logged (store);
  return TRUE;
}

gboolean
sb_drill_log (SbStore     *store,
              SbQuestion  *question,
              SbStory     *pick,
              guint        seconds,
              gint64       drilled_at,
              gboolean    *out_hit,
              GError     **error)
{
  gboolean hit;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_QUESTION (question), FALSE);
  g_return_val_if_fail (pick == NULL || SB_IS_STORY (pick), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_hit != NULL)
    *out_hit = FALSE;
  if (sb_store_find_question (store, sb_question_get_slug (question)) != question)
    {
      g_set_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                   _("The question “%s” is not in this bank, so an answer to it cannot be logged"),
                   sb_question_get_text (question));
      return FALSE;
    }
  if (!check_pick (store, pick, error) || !check_time (drilled_at, seconds, error))
    return FALSE;

  hit = sb_drill_is_hit (store, question, pick, seconds);
  if (!insert_drill (store, sb_question_get_id (question), pick,
                     drilled_at != 0 ? drilled_at : now_seconds (), seconds, hit, error))
    return FALSE;
  if (out_hit != NULL)
    *out_hit = hit;
  return TRUE;
}

/* The row id of @slug's question, hidden ones included (a shipped question
 * the person deleted keeps its row, and its drills); 0 with @error set
 * when there is none. */
static gint64
find_question_id (SbStore     *store,
                  const char  *slug,
                  GError     **error)
{
  SbQuestion *question = sb_store_find_question (store, slug);
  SbDatabase *db;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  SbStep step;

  if (question != NULL)
    return sb_question_get_id (question);

  db = sb_store_get_database (store);
  stmt = sb_database_prepare (db, "SELECT id FROM questions WHERE slug = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  step = sb_database_step (db, stmt, error);
  if (step == SB_STEP_ERROR)
    return 0;
  if (step == SB_STEP_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (id == 0)
    g_set_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                 _("There is no question “%s” in this bank"), slug);
  return id;
}

gboolean
sb_drill_add (SbStore        *store,
              const SbDrill  *drill,
              GError        **error)
{
  SbStory *pick = NULL;
  gint64 question_id;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (drill != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (drill->question_slug == NULL)
    {
      g_set_error_literal (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                           _("A drill must name the question it answered"));
      return FALSE;
    }
  if (drill->story_uuid != NULL)
    {
      pick = sb_store_find_story (store, drill->story_uuid);
      if (pick == NULL)
        {
          g_set_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID,
                       _("There is no story %s in this bank to log as a pick"), drill->story_uuid);
          return FALSE;
        }
    }
  if (!check_pick (store, pick, error) || !check_time (drill->drilled_at, drill->seconds, error))
    return FALSE;
  question_id = find_question_id (store, drill->question_slug, error);
  if (question_id == 0)
    return FALSE;
  return insert_drill (store, question_id, pick, drill->drilled_at, drill->seconds, drill->hit, error);
}

/* ---- reading -------------------------------------------------------- */

gboolean
sb_drill_has (SbStore     *store,
              const char  *question_slug,
              gint64       drilled_at,
              guint        seconds,
              GError     **error)
{
  SbDatabase *db;
  sqlite3_stmt *stmt;
  SbStep step;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (question_slug != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = sb_store_get_database (store);
  stmt = sb_database_prepare (db,
                              "SELECT 1 FROM question_drills d JOIN questions q ON q.id = d.question_id "
                              "WHERE q.slug = ?1 AND d.drilled_at = ?2 AND d.seconds = ?3 LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, question_slug, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, drilled_at);
  sqlite3_bind_int64 (stmt, 3, seconds);
  step = sb_database_step (db, stmt, error);
  sqlite3_reset (stmt);
  return step == SB_STEP_ROW;
}

static void
drill_clear (SbDrill *drill)
{
  g_clear_pointer (&drill->question_slug, g_free);
  g_clear_pointer (&drill->question_text, g_free);
  g_clear_pointer (&drill->story_uuid, g_free);
}

static GArray *
new_log (void)
{
  GArray *log = g_array_new (FALSE, TRUE, sizeof (SbDrill));

  g_array_set_clear_func (log, (GDestroyNotify) drill_clear);
  return log;
}

/* Reads rows of (drilled_at, seconds, hit, slug, text, story uuid). The
 * question's text is the store's when it shows the question (translated);
 * a hidden one's is the bank's. */
static void
read_log (SbStore      *store,
          sqlite3_stmt *stmt,
          GArray       *log)
{
  g_autoptr(GError) error = NULL;
  SbDatabase *db = sb_store_get_database (store);
  SbStep step;

  while ((step = sb_database_step (db, stmt, &error)) == SB_STEP_ROW)
    {
      gint64 seconds = sqlite3_column_int64 (stmt, 1);
      const char *slug = (const char *) sqlite3_column_text (stmt, 3);
      SbQuestion *question = slug != NULL ? sb_store_find_question (store, slug) : NULL;
      SbDrill drill = {
        .drilled_at = sqlite3_column_int64 (stmt, 0),
        .seconds = (guint) CLAMP (seconds, 0, G_MAXUINT),
        .hit = sqlite3_column_int (stmt, 2) != 0,
        .question_slug = g_strdup (slug),
        .question_text = g_strdup (question != NULL ? sb_question_get_text (question)
                                                    : (const char *) sqlite3_column_text (stmt, 4)),
        .story_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
      };

      g_array_append_val (log, drill);
    }
  if (step == SB_STEP_ERROR)
    g_warning ("The drill log could not be read: %s", error->message);
}

GArray *
sb_drill_get_log (SbStore *store)
{
  g_autoptr(GError) error = NULL;
  GArray *log;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  log = new_log ();
  stmt = sb_database_prepare (sb_store_get_database (store),
                              "SELECT d.drilled_at, d.seconds, d.hit, q.slug, q.text, s.uuid "
                              "FROM question_drills d JOIN questions q ON q.id = d.question_id "
                              "LEFT JOIN stories s ON s.id = d.story_id "
                              "ORDER BY d.drilled_at, d.id",
                              &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return log;
    }
  read_log (store, stmt, log);
  return log;
}

GArray *
sb_drill_get_story_log (SbStore *store,
                        SbStory *story)
{
  g_autoptr(GError) error = NULL;
  GArray *log;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  log = new_log ();
  if (sb_story_get_id (story) == 0)
    return log;
  stmt = sb_database_prepare (sb_store_get_database (store),
                              "SELECT d.drilled_at, d.seconds, d.hit, q.slug, q.text, s.uuid "
                              "FROM question_drills d JOIN questions q ON q.id = d.question_id "
                              "JOIN stories s ON s.id = d.story_id "
                              "WHERE d.story_id = ?1 ORDER BY d.drilled_at, d.id",
                              &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return log;
    }
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  read_log (store, stmt, log);
  return log;
}

void
sb_drill_get_stats (SbStore      *store,
                    SbQuestion   *question,
                    SbDrillStats *stats)
{
  Fold fold = { 0 };

  g_return_if_fail (stats != NULL);
  *stats = (SbDrillStats) { 0 };
  g_return_if_fail (SB_IS_STORE (store));
  g_return_if_fail (SB_IS_QUESTION (question));

  if (sb_question_get_id (question) == 0)
    return;

  sb_schedule_fold_owner (sb_store_get_database (store),
                          "SELECT drilled_at, hit FROM question_drills "
                          "WHERE question_id = ?1 ORDER BY drilled_at, id",
                          sb_question_get_id (question), &fold, fold_add_row, "drill log");
  *stats = fold.stats;
}

/* ---- the queue ------------------------------------------------------ */

/* Stats of every question that has drills, by question id, from one pass
 * over the log. */
static GHashTable *
collect_all_stats (SbStore *store)
{
  return sb_schedule_fold_by_owner (sb_store_get_database (store),
                                    "SELECT question_id, drilled_at, hit FROM question_drills "
                                    "ORDER BY question_id, drilled_at, id",
                                    sizeof (Fold), fold_add_row, "drill log");
}

typedef enum
{
  GROUP_DUE,             /* drilled, and due: most overdue first */
  GROUP_NEW_UNLINKED,    /* never drilled, no story linked: bank order */
  GROUP_NEW,             /* never drilled: bank order */
  GROUP_LATER,           /* drilled, not due yet: by when it falls due */
} Group;

typedef struct
{
  SbQuestion *question;  /* borrowed from the store's model */
  guint       position;
  gboolean    for_loop;  /* asked about the current application's values or focus */
  Group       group;
  gint64      due_at;
} QueueEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const QueueEntry *x = a;
  const QueueEntry *y = b;

  /* The current loop's questions come first, unless they are not due yet:
   * a question drilled well yesterday can wait even for Acme. */
  gboolean x_first = x->for_loop && x->group != GROUP_LATER;
  gboolean y_first = y->for_loop && y->group != GROUP_LATER;

  if (x_first != y_first)
    return x_first ? -1 : 1;
  if (x->group != y->group)
    return x->group < y->group ? -1 : 1;
  if ((x->group == GROUP_DUE || x->group == GROUP_LATER) && x->due_at != y->due_at)
    return x->due_at < y->due_at ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

/* The themes the current application (while it is being prepared) asks
 * about: every value of its framework and every round's focus. NULL when
 * there is none. */
static GHashTable *
current_loop_themes (SbStore *store)
{
  SbApplication *application = sb_store_get_current_application (store);
  g_autoptr(GHashTable) themes = NULL;
  const char *framework;
  GListModel *rounds;

  if (application == NULL || sb_application_get_status (application) == SB_APPLICATION_STATUS_DONE)
    return NULL;

  themes = g_hash_table_new (g_str_hash, g_str_equal);
  framework = sb_application_get_framework (application);
  if (framework != NULL)
    {
      GListModel *values = sb_store_get_themes (store, framework);

      for (guint i = 0; i < g_list_model_get_n_items (values); i++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (values, i);
          g_hash_table_add (themes, (gpointer) sb_theme_get_slug (theme));
        }
    }
  rounds = sb_application_get_rounds (application);
  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, r);

      for (const char * const *focus = sb_round_get_focus (round); focus != NULL && *focus != NULL; focus++)
        g_hash_table_add (themes, (gpointer) *focus);
    }
  return g_hash_table_size (themes) > 0 ? g_steal_pointer (&themes) : NULL;
}

static gboolean
asks_about (SbQuestion *question,
            GHashTable *themes)
{
  if (themes == NULL)
    return FALSE;
  for (const char * const *slug = sb_question_get_theme_slugs (question); slug != NULL && *slug != NULL; slug++)
    if (g_hash_table_contains (themes, *slug))
      return TRUE;
  return FALSE;
}

static GArray *
collect_entries (SbStore *store,
                 gint64   now)
{
  g_autoptr(GHashTable) stats = collect_all_stats (store);
  g_autoptr(GHashTable) loop_themes = current_loop_themes (store);
  GListModel *questions = sb_store_get_questions (store);
  guint n = g_list_model_get_n_items (questions);
  GArray *entries = g_array_sized_new (FALSE, TRUE, sizeof (QueueEntry), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (questions, i);
      gint64 id = sb_question_get_id (question);
      Fold *fold = g_hash_table_lookup (stats, &id);
      QueueEntry entry = {
        .question = question,
        .position = i,
        .for_loop = asks_about (question, loop_themes),
      };

      if (fold != NULL)
        {
          entry.due_at = fold->stats.due_at;
          entry.group = entry.due_at <= now ? GROUP_DUE : GROUP_LATER;
        }
      else
        {
          g_autoptr(GPtrArray) linked = sb_store_get_question_stories (store, sb_question_get_slug (question));

          entry.group = linked->len == 0 ? GROUP_NEW_UNLINKED : GROUP_NEW;
        }
      g_array_append_val (entries, entry);
    }
  return entries;
}

GPtrArray *
sb_drill_get_queue (SbStore *store,
                    gint64   now)
{
  g_autoptr(GArray) entries = NULL;
  GPtrArray *queue;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  entries = collect_entries (store, now != 0 ? now : now_seconds ());
  g_array_sort (entries, compare_entries);

  queue = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (queue, g_object_ref (g_array_index (entries, QueueEntry, i).question));
  return queue;
}

guint
sb_drill_count_due (SbStore *store,
                    gint64   now)
{
  g_autoptr(GHashTable) stats = NULL;
  GListModel *questions;
  guint n_due = 0;

  g_return_val_if_fail (SB_IS_STORE (store), 0);

  if (now == 0)
    now = now_seconds ();

  /* Only the shown questions: a hidden one's drills stay in the log but
   * never come back. */
  stats = collect_all_stats (store);
  questions = sb_store_get_questions (store);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (questions, i);
      gint64 id = sb_question_get_id (question);
      Fold *fold = g_hash_table_lookup (stats, &id);

      if (fold != NULL && fold->stats.due_at <= now)
        n_due++;
    }
  return n_due;
}
