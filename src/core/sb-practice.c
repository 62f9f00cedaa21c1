/* sb-practice.c — rehearsals against the clock, and which story to rehearse next
 *
 * The log (practice_log) is the only thing stored: the schedule is folded
 * from it in time order, so there is nothing in the bank to keep in step
 * when a rehearsal, a story or a question goes away. The whole bank's
 * schedule is kept in memory between two reads until the store says
 * something it is made of changed (see "the schedule, kept").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-practice"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-practice.h"
#include "sb-schedule.h"

G_DEFINE_QUARK (sb-practice-error-quark, sb_practice_error)

/* ---- the schedule --------------------------------------------------- */

/* Figures for one story while its rehearsals are folded in, oldest first. */
typedef struct
{
  SbPracticeStats stats;
  guint64         total_seconds;
} Fold;

/* A rating the API never writes (2, 4 or none, from an older or hand-made
 * bank) still counts: it goes with the nearest rating below it, and an
 * unrated rehearsal keeps the pause as OKAY does. */
static void
fold_add (Fold   *fold,
          gint64  practiced_at,
          guint   seconds,
          int     rating)
{
  SbPracticeStats *stats = &fold->stats;

  stats->n_rehearsals++;
  stats->last_at = practiced_at;
  stats->last_seconds = seconds;
  stats->last_rating = rating;
  fold->total_seconds += seconds;

  if (rating >= SB_RATING_NAILED)
    stats->interval_days = sb_schedule_grow (stats->interval_days,
                                             SB_PRACTICE_FIRST_INTERVAL, SB_PRACTICE_MAX_INTERVAL);
  else if (rating >= SB_RATING_OKAY || rating == 0)
    stats->interval_days = MAX (stats->interval_days, 1);
  else
    stats->interval_days = 1;
}

static void
fold_finish (Fold *fold)
{
  SbPracticeStats *stats = &fold->stats;

  if (stats->n_rehearsals == 0)
    return;
  stats->mean_seconds = (guint) ((fold->total_seconds + stats->n_rehearsals / 2) / stats->n_rehearsals);
  stats->due_at = sb_schedule_due (stats->last_at, stats->interval_days);
}

/* Reads one row of (practiced_at, seconds, rating) starting at @column. */
static void
fold_add_row (gpointer      fold,
              sqlite3_stmt *stmt,
              int           column)
{
  gint64 seconds = sqlite3_column_int64 (stmt, column + 1);

  fold_add (fold,
            sqlite3_column_int64 (stmt, column),
            (guint) CLAMP (seconds, 0, G_MAXUINT),
            sqlite3_column_int (stmt, column + 2));
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- logging -------------------------------------------------------- */

static gboolean
check_story (SbStore  *store,
             SbStory  *story,
             GError  **error)
{
  if (sb_story_get_id (story) == 0)
    {
      g_set_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID,
                   _("The story “%s” is not saved yet, so a rehearsal of it cannot be logged"),
                   sb_story_get_display_title (story));
      return FALSE;
    }
  if (sb_store_find_story (store, sb_story_get_uuid (story)) != story)
    {
      g_set_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID,
                   _("The story “%s” is not in this bank, so a rehearsal of it cannot be logged"),
                   sb_story_get_display_title (story));
      return FALSE;
    }
  return TRUE;
}

/* @unrated_ok: a rating of 0 (none) is accepted, as a rehearsal carried
 * over from an older bank may have none; the person always rates a new one. */
static gboolean
check_rehearsal (guint      seconds,
                 SbRating   rating,
                 gboolean   unrated_ok,
                 gint64     practiced_at,
                 GError   **error)
{
  if (!(unrated_ok && rating == 0) &&
      rating != SB_RATING_STUMBLED && rating != SB_RATING_OKAY && rating != SB_RATING_NAILED)
    {
      g_set_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID,
                   _("A rehearsal is rated 1 (stumbled), 3 (okay) or 5 (nailed), not %d"),
                   (int) rating);
      return FALSE;
    }
  if (seconds > SB_PRACTICE_MAX_SECONDS)
    {
      g_set_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID,
                   _("A rehearsal of %u seconds is longer than an hour; "
                     "at most %u seconds can be logged"),
                   seconds, (guint) SB_PRACTICE_MAX_SECONDS);
      return FALSE;
    }
  if (practiced_at < 0)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, practiced_at);

      /* The number goes in as text: a format macro inside _() cuts the
       * message short for translators. */
      g_set_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID,
                   _("The rehearsal time %s is not a valid date"), shown);
      return FALSE;
    }
  return TRUE;
}

/* @question_id 0: none; @rating 0: none. */
static gboolean
insert_rehearsal (SbStore   *store,
                  SbStory   *story,
                  gint64     question_id,
                  gint64     practiced_at,
                  guint      seconds,
                  SbRating   rating,
                  GError   **error)
{
  SbDatabase *db = sb_store_get_database (store);
  sqlite3_stmt *stmt;

  stmt = sb_database_prepare (db,
                              "INSERT INTO practice_log (story_id, question_id, practiced_at, seconds, rating) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  if (question_id != 0)
    sqlite3_bind_int64 (stmt, 2, question_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, practiced_at);
  sqlite3_bind_int64 (stmt, 4, seconds);
  if (rating != 0)
    sqlite3_bind_int (stmt, 5, rating);
  else
    sqlite3_bind_null (stmt, 5);
  if (!sb_database_step_done (db, stmt, error))
    return FALSE;
  sb_store_notify_practice_logged (store);
  return TRUE;
}

static void
set_no_question_error (GError     **error,
                       const char  *slug)
{
  g_set_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID,
               _("There is no question “%s” in this bank"), slug);
}

gboolean
sb_practice_log (SbStore     *store,
                 SbStory     *story,
                 const char  *question_slug,
                 guint        seconds,
                 SbRating     rating,
                 gint64       practiced_at,
                 GError     **error)
{
  SbQuestion *question = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_story (store, story, error) ||
      !check_rehearsal (seconds, rating, FALSE, practiced_at, error))
    return FALSE;

  if (question_slug != NULL)
    {
      question = sb_store_find_question (store, question_slug);
      if (question == NULL)
        {
          set_no_question_error (error, question_slug);
          return FALSE;
        }
    }

  return insert_rehearsal (store, story, question != NULL ? sb_question_get_id (question) : 0,
                           practiced_at != 0 ? practiced_at : now_seconds (),
                           seconds, rating, error);
}

gboolean
sb_practice_add_rehearsal (SbStore            *store,
                           SbStory            *story,
                           const SbRehearsal  *rehearsal,
                           GError            **error)
{
  gint64 question_id = 0;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (rehearsal != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_story (store, story, error) ||
      !check_rehearsal (rehearsal->seconds, rehearsal->rating, TRUE, rehearsal->practiced_at, error))
    return FALSE;

  if (rehearsal->question_slug != NULL)
    {
      SbQuestion *question = sb_store_find_question (store, rehearsal->question_slug);

      if (question != NULL)
        question_id = sb_question_get_id (question);
      else
        {
          /* A shipped question the person deleted is only hidden: its row,
           * and the rehearsals that answered it, are still there. */
          SbDatabase *db = sb_store_get_database (store);
          sqlite3_stmt *stmt = sb_database_prepare (db, "SELECT id FROM questions WHERE slug = ?1", error);
          SbStep step;

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, rehearsal->question_slug, -1, SQLITE_TRANSIENT);
          step = sb_database_step (db, stmt, error);
          if (step == SB_STEP_ERROR)
            return FALSE;
          if (step == SB_STEP_ROW)
            {
              question_id = sqlite3_column_int64 (stmt, 0);
              sqlite3_reset (stmt);
            }
          if (question_id == 0)
            {
              set_no_question_error (error, rehearsal->question_slug);
              return FALSE;
            }
        }
    }

  return insert_rehearsal (store, story, question_id, rehearsal->practiced_at,
                           rehearsal->seconds, rehearsal->rating, error);
}

/* ---- the schedule, kept ------------------------------------------------ */

/* Folding the whole log and sorting the bank takes ~8 ms at 10,000
 * stories: the window's badge, the Practice page and each of its rows
 * ask for it. It is worked out once and kept on the store until what it
 * is made of changes: a rehearsal logged ("practice-logged"), a story
 * added, deleted or put back (the model's "items-changed"), the bank read
 * again ("stories-reloaded": another program, a restore) or a story
 * gained its first word or lost its last ("save-state-changed": a story
 * with no words is not in the queue). What is read inside a transaction is not kept (it may roll
 * back, and an undo puts a story back before its rehearsals). The current
 * application's stories are put first at each read: they are few, and
 * its plan changes without any of the above. */

typedef struct
{
  SbStory *story;      /* borrowed from the store's model */
  guint    position;   /* in the bank */
  gboolean rehearsed;
  gint64   due_at;
} QueueEntry;

typedef struct
{
  GListModel *stories;    /* the store's model, watched */
  GHashTable *stats;      /* story id → Fold; NULL: not worked out */
  GArray     *entries;    /* QueueEntry, in queue order (application aside) */
  GHashTable *blank;      /* the stories left out, with no words (borrowed) */
} Schedule;

static GQuark
schedule_quark (void)
{
  return g_quark_from_static_string ("sb-practice-schedule");
}

static void
forget_schedule (Schedule *schedule)
{
  g_clear_pointer (&schedule->stats, g_hash_table_unref);
  g_clear_pointer (&schedule->entries, g_array_unref);
  g_clear_pointer (&schedule->blank, g_hash_table_unref);
}

/* A story's text changed: the schedule holds unless the story gained its
 * first word or lost its last (typing in a story does not change when it
 * is due, nor its place in the bank). */
static void
story_text_changed_cb (SbStore  *store,
                       SbStory  *story,
                       Schedule *schedule)
{
  if (schedule->blank != NULL &&
      g_hash_table_contains (schedule->blank, story) != !sb_story_has_words (story))
    forget_schedule (schedule);
}

static void
schedule_free (Schedule *schedule)
{
  /* The store's own handlers went with its dispose; the model may live on. */
  g_signal_handlers_disconnect_by_data (schedule->stories, schedule);
  g_object_unref (schedule->stories);
  forget_schedule (schedule);
  g_free (schedule);
}

static Schedule *
get_schedule (SbStore *store)
{
  Schedule *schedule = g_object_get_qdata (G_OBJECT (store), schedule_quark ());

  if (schedule != NULL)
    return schedule;
  schedule = g_new0 (Schedule, 1);
  schedule->stories = g_object_ref (sb_store_get_stories (store));
  g_signal_connect_swapped (store, "practice-logged", G_CALLBACK (forget_schedule), schedule);
  g_signal_connect_swapped (store, "stories-reloaded", G_CALLBACK (forget_schedule), schedule);
  g_signal_connect (store, "save-state-changed", G_CALLBACK (story_text_changed_cb), schedule);
  g_signal_connect_swapped (schedule->stories, "items-changed", G_CALLBACK (forget_schedule), schedule);
  g_object_set_qdata_full (G_OBJECT (store), schedule_quark (), schedule, (GDestroyNotify) schedule_free);
  return schedule;
}

/* The kept schedule, or NULL when there is none to trust. */
static Schedule *
peek_schedule (SbStore *store)
{
  Schedule *schedule = g_object_get_qdata (G_OBJECT (store), schedule_quark ());

  if (schedule == NULL || schedule->stats == NULL ||
      sb_database_in_transaction (sb_store_get_database (store)))
    return NULL;
  return schedule;
}

/* ---- reading -------------------------------------------------------- */

static void
rehearsal_clear (SbRehearsal *rehearsal)
{
  g_clear_pointer (&rehearsal->question_slug, g_free);
}

gboolean
sb_practice_has_rehearsal (SbStore  *store,
                           SbStory  *story,
                           gint64    practiced_at,
                           guint     seconds,
                           GError  **error)
{
  SbDatabase *db;
  sqlite3_stmt *stmt;
  SbStep step;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sb_story_get_id (story) == 0)
    return FALSE;

  db = sb_store_get_database (store);
  stmt = sb_database_prepare (db,
                              "SELECT 1 FROM practice_log "
                              "WHERE story_id = ?1 AND practiced_at = ?2 AND seconds = ?3 LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  sqlite3_bind_int64 (stmt, 2, practiced_at);
  sqlite3_bind_int64 (stmt, 3, seconds);
  step = sb_database_step (db, stmt, error);
  sqlite3_reset (stmt);
  return step == SB_STEP_ROW;
}

GArray *
sb_practice_get_log (SbStore *store,
                     SbStory *story)
{
  g_autoptr(GError) error = NULL;
  GArray *log;
  SbDatabase *db;
  sqlite3_stmt *stmt;
  SbStep step;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  log = g_array_new (FALSE, TRUE, sizeof (SbRehearsal));
  g_array_set_clear_func (log, (GDestroyNotify) rehearsal_clear);
  if (sb_story_get_id (story) == 0)
    return log;

  db = sb_store_get_database (store);
  stmt = sb_database_prepare (db,
                              "SELECT p.practiced_at, p.seconds, p.rating, q.slug "
                              "FROM practice_log p LEFT JOIN questions q ON q.id = p.question_id "
                              "WHERE p.story_id = ?1 ORDER BY p.practiced_at, p.id",
                              &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return log;
    }
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  while ((step = sb_database_step (db, stmt, &error)) == SB_STEP_ROW)
    {
      gint64 seconds = sqlite3_column_int64 (stmt, 1);
      const char *slug = (const char *) sqlite3_column_text (stmt, 3);
      SbRehearsal rehearsal = {
        .practiced_at = sqlite3_column_int64 (stmt, 0),
        .seconds = (guint) CLAMP (seconds, 0, G_MAXUINT),
        .rating = sqlite3_column_int (stmt, 2),
        .question_slug = g_strdup (slug),
      };

      g_array_append_val (log, rehearsal);
    }
  if (step == SB_STEP_ERROR)
    g_warning ("The rehearsal log could not be read: %s", error->message);
  return log;
}

void
sb_practice_get_stats (SbStore         *store,
                       SbStory         *story,
                       SbPracticeStats *stats)
{
  Fold fold = { 0 };
  Schedule *schedule;

  g_return_if_fail (stats != NULL);
  *stats = (SbPracticeStats) { 0 };
  g_return_if_fail (SB_IS_STORE (store));
  g_return_if_fail (SB_IS_STORY (story));

  if (sb_story_get_id (story) == 0)
    return;

  /* The queue's rows ask for their figures one by one: from the schedule
   * kept since the queue was read, when it still holds. */
  if ((schedule = peek_schedule (store)) != NULL)
    {
      gint64 id = sb_story_get_id (story);
      Fold *kept = g_hash_table_lookup (schedule->stats, &id);

      if (kept != NULL)
        *stats = kept->stats;
      return;
    }

  sb_schedule_fold_owner (sb_store_get_database (store),
                          "SELECT practiced_at, seconds, rating FROM practice_log "
                          "WHERE story_id = ?1 ORDER BY practiced_at, id",
                          sb_story_get_id (story), &fold, fold_add_row, "rehearsal log");

  fold_finish (&fold);
  *stats = fold.stats;
}

/* Stats of every story that has rehearsals, by story id, from one pass over
 * the log: one query however many stories the bank holds. */
static GHashTable *
collect_all_stats (SbStore *store)
{
  g_autoptr(GHashTable) by_id =
    sb_schedule_fold_by_owner (sb_store_get_database (store),
                               "SELECT story_id, practiced_at, seconds, rating FROM practice_log "
                               "ORDER BY story_id, practiced_at, id",
                               sizeof (Fold), fold_add_row, "rehearsal log");
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    fold_finish (value);
  return g_steal_pointer (&by_id);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const QueueEntry *x = a;
  const QueueEntry *y = b;

  if (x->rehearsed != y->rehearsed)
    return x->rehearsed ? 1 : -1;
  if (x->rehearsed && x->due_at != y->due_at)
    return x->due_at < y->due_at ? -1 : 1;
  return x->position < y->position ? -1 : x->position > y->position;
}

/* Every story of the bank with something to tell and when it falls due,
 * in the bank's order. */
static GArray *
collect_entries (SbStore    *store,
                 GHashTable *stats,
                 GHashTable *blank)
{
  GListModel *stories = sb_store_get_stories (store);
  guint n = g_list_model_get_n_items (stories);
  GArray *entries = g_array_sized_new (FALSE, TRUE, sizeof (QueueEntry), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      gint64 id = sb_story_get_id (story);
      Fold *fold = g_hash_table_lookup (stats, &id);
      QueueEntry entry;

      /* A story with nothing written yet has nothing to tell. */
      if (!sb_story_has_words (story))
        {
          g_hash_table_add (blank, story);
          continue;
        }
      entry = (QueueEntry) {
        .story = story,
        .position = i,
        .rehearsed = fold != NULL,
        .due_at = fold != NULL ? fold->stats.due_at : 0,
      };

      g_array_append_val (entries, entry);
    }
  return entries;
}

/* The stories the current application wants rehearsed first: those
 * planned in its rounds, round by round, then those that prove its
 * requirements; none once it is done. Borrowed, each once. */
static GPtrArray *
current_application_stories (SbStore *store)
{
  GPtrArray *stories = g_ptr_array_new ();
  SbApplication *application = sb_store_get_current_application (store);
  GListModel *rounds, *requirements;

  if (application == NULL || sb_application_get_status (application) == SB_APPLICATION_STATUS_DONE)
    return stories;

#define ADD_STORIES(uuids) \
  for (const char * const *u = (uuids); *u != NULL; u++) \
    { \
      SbStory *story = sb_store_find_story (store, *u); \
      if (story != NULL && !g_ptr_array_find (stories, story, NULL)) \
        g_ptr_array_add (stories, story); \
    }

  rounds = sb_application_get_rounds (application);
  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, r);
      ADD_STORIES (sb_round_get_story_uuids (round));
    }
  requirements = sb_application_get_requirements (application);
  for (guint r = 0; r < g_list_model_get_n_items (requirements); r++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, r);
      ADD_STORIES (sb_requirement_get_story_uuids (requirement));
    }
#undef ADD_STORIES
  return stories;
}

/* The schedule's stats and sorted entries, worked out if need be: kept
 * when read outside a transaction, else @scratch holds them. */
static Schedule *
read_schedule (SbStore  *store,
               Schedule *scratch)
{
  Schedule *schedule = peek_schedule (store);

  if (schedule != NULL)
    return schedule;
  schedule = sb_database_in_transaction (sb_store_get_database (store)) ? scratch : get_schedule (store);
  forget_schedule (schedule);
  schedule->stats = collect_all_stats (store);
  schedule->blank = g_hash_table_new (NULL, NULL);
  schedule->entries = collect_entries (store, schedule->stats, schedule->blank);
  /* Ordering by due_at alone already puts the most overdue first and the
   * rest after by when they fall due, so the time of the read does not
   * change the order; it only says which stories count as due. */
  g_array_sort (schedule->entries, compare_entries);
  return schedule;
}

GPtrArray *
sb_practice_get_queue (SbStore *store,
                       gint64   now)
{
  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  return sb_practice_get_queue_full (store, now, NULL);
}

/* Stories of @entries due at @now (never rehearsed, or due_at <= now). */
static guint
count_due_entries (GArray *entries,
                   gint64  now)
{
  guint n_due = 0;

  if (now == 0)
    now = now_seconds ();
  for (guint i = 0; i < entries->len; i++)
    {
      QueueEntry *entry = &g_array_index (entries, QueueEntry, i);

      if (!entry->rehearsed || entry->due_at <= now)
        n_due++;
    }
  return n_due;
}

GPtrArray *
sb_practice_get_queue_full (SbStore *store,
                            gint64   now,
                            guint   *n_due)
{
  Schedule scratch = { 0, };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GHashTable) queued = NULL;
  Schedule *schedule;
  GArray *entries;
  GPtrArray *queue;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  schedule = read_schedule (store, &scratch);
  entries = schedule->entries;
  if (n_due != NULL)
    *n_due = count_due_entries (entries, now);

  queue = g_ptr_array_new_full (entries->len, g_object_unref);
  first = current_application_stories (store);
  if (first->len > 0)
    {
      queued = g_hash_table_new (NULL, NULL);
      for (guint e = 0; e < entries->len; e++)
        g_hash_table_add (queued, g_array_index (entries, QueueEntry, e).story);
    }
  for (guint i = 0; i < first->len; i++)
    if (g_hash_table_contains (queued, first->pdata[i]))
      g_ptr_array_add (queue, g_object_ref (first->pdata[i]));
  for (guint i = 0; i < entries->len; i++)
    {
      SbStory *story = g_array_index (entries, QueueEntry, i).story;

      if (first->len == 0 || !g_ptr_array_find (first, story, NULL))
        g_ptr_array_add (queue, g_object_ref (story));
    }
  forget_schedule (&scratch);
  return queue;
}

guint
sb_practice_count_due (SbStore *store,
                       gint64   now)
{
  Schedule scratch = { 0, };
  guint n_due;

  g_return_val_if_fail (SB_IS_STORE (store), 0);

  n_due = count_due_entries (read_schedule (store, &scratch)->entries, now);
  forget_schedule (&scratch);
  return n_due;
}
