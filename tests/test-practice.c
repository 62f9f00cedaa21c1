/* test-practice.c — the rehearsal log, its schedule and the practice queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-application.h"
#include "sb-practice.h"
#include "sb-test-store.h"

#define DAY 86400
/* A fixed, recent moment so schedules do not depend on the clock. */
#define T0  ((gint64) 1700000000)

typedef SbTestBank Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  sb_test_bank_init (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_bank_clear (f);
}

static SbStory *
add_story (SbStore    *store,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  /* Something to tell: the queue leaves out stories with nothing written. */
  g_assert_true (sb_store_edit_story (store, story, SB_STORY_FIELD_ACTION, "I did the work.", &error));
  g_assert_true (sb_store_save_story (store, story, &error));
  g_assert_no_error (error);
  return story;
}

static void
log_ok (SbStore    *store,
        SbStory    *story,
        const char *question_slug,
        guint       seconds,
        SbRating    rating,
        gint64      practiced_at)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_practice_log (store, story, question_slug, seconds, rating,
                                  practiced_at, &error));
  g_assert_no_error (error);
}

/* Counts the rows straight from the table, so a refusal is seen to have
 * written nothing, whatever the stats would say. */
static guint
count_rows (SbStore    *store,
           const char *where)
{
  return sb_test_count_rows (store, "practice_log", where);
}

static SbQuestion *
first_question (SbStore *store)
{
  GListModel *questions = sb_store_get_questions (store);
  g_autoptr(SbQuestion) question = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (questions), >, 0);
  question = g_list_model_get_item (questions, 0);
  return question;   /* still owned by the store's model */
}

/* ---- logging and stats ---------------------------------------------- */

static void
test_log_and_stats (Fixture *f, gconstpointer data)
{
  SbStory *story = add_story (f->store, "Checkout outage");
  SbStory *other = add_story (f->store, "Hiring loop");
  SbQuestion *question = first_question (f->store);
  SbPracticeStats stats;

  sb_practice_get_stats (f->store, story, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 0);
  g_assert_cmpint (stats.last_at, ==, 0);
  g_assert_cmpint (stats.last_rating, ==, 0);
  g_assert_cmpuint (stats.mean_seconds, ==, 0);
  g_assert_cmpuint (stats.interval_days, ==, 0);
  g_assert_cmpint (stats.due_at, ==, 0);

  /* Logged out of time order: the last is the latest, not the newest row. */
  log_ok (f->store, story, sb_question_get_slug (question), 100, SB_RATING_OKAY, T0 + 2 * DAY);
  log_ok (f->store, story, NULL, 121, SB_RATING_STUMBLED, T0);
  log_ok (f->store, story, NULL, 90, SB_RATING_NAILED, T0 + DAY);
  log_ok (f->store, other, NULL, 300, SB_RATING_NAILED, T0);

  sb_practice_get_stats (f->store, story, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 3);
  g_assert_cmpint (stats.last_at, ==, T0 + 2 * DAY);
  g_assert_cmpuint (stats.last_seconds, ==, 100);
  g_assert_cmpint (stats.last_rating, ==, SB_RATING_OKAY);
  /* (121 + 90 + 100) / 3 = 103.67, rounded */
  g_assert_cmpuint (stats.mean_seconds, ==, 104);
  /* STUMBLED → 1, NAILED → 2, OKAY keeps 2 */
  g_assert_cmpuint (stats.interval_days, ==, 2);
  g_assert_cmpint (stats.due_at, ==, T0 + 4 * DAY);

  g_assert_cmpuint (count_rows (f->store, "question_id IS NOT NULL"), ==, 1);
}

static void
test_log_now (Fixture *f, gconstpointer data)
{
  SbStory *story = add_story (f->store, "Checkout outage");
  SbPracticeStats stats;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after;

  log_ok (f->store, story, NULL, 95, SB_RATING_NAILED, 0);
  after = g_get_real_time () / G_USEC_PER_SEC;

  sb_practice_get_stats (f->store, story, &stats);
  g_assert_cmpint (stats.last_at, >=, before);
  g_assert_cmpint (stats.last_at, <=, after);
  g_assert_cmpint (stats.due_at, ==, stats.last_at + SB_PRACTICE_FIRST_INTERVAL * DAY);
}

/* ---- the schedule --------------------------------------------------- */

static void
test_schedule (Fixture *f, gconstpointer data)
{
  static const struct {
    SbRating rating;
    guint    interval;
  } steps[] = {
    { SB_RATING_NAILED,   2 },
    { SB_RATING_NAILED,   4 },
    { SB_RATING_NAILED,   8 },
    { SB_RATING_STUMBLED, 1 },
    { SB_RATING_OKAY,     1 },
    { SB_RATING_NAILED,   2 },
    { SB_RATING_OKAY,     2 },
    { SB_RATING_NAILED,   4 },
    { SB_RATING_NAILED,   8 },
    { SB_RATING_NAILED,   16 },
    { SB_RATING_NAILED,   30 },   /* capped, not 32 */
    { SB_RATING_NAILED,   30 },
    { SB_RATING_OKAY,     30 },
    { SB_RATING_STUMBLED, 1 },
  };
  SbStory *story = add_story (f->store, "Checkout outage");
  SbStory *okay = add_story (f->store, "Hiring loop");
  SbPracticeStats stats;
  gint64 at = T0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      log_ok (f->store, story, NULL, 100, steps[i].rating, at);
      sb_practice_get_stats (f->store, story, &stats);
      g_assert_cmpuint (stats.n_rehearsals, ==, i + 1);
      g_assert_cmpuint (stats.interval_days, ==, steps[i].interval);
      g_assert_cmpint (stats.due_at, ==, at + (gint64) steps[i].interval * DAY);
      at = stats.due_at;
    }

  /* A first rehearsal that went only okay comes back the next day. */
  log_ok (f->store, okay, NULL, 100, SB_RATING_OKAY, T0);
  sb_practice_get_stats (f->store, okay, &stats);
  g_assert_cmpuint (stats.interval_days, ==, 1);
  g_assert_cmpint (stats.due_at, ==, T0 + DAY);
}

/* ---- the queue ------------------------------------------------------ */

static void
test_queue_order (Fixture *f, gconstpointer data)
{
  SbStory *a = add_story (f->store, "A");   /* due in 2 days */
  SbStory *b = add_story (f->store, "B");   /* never */
  SbStory *c = add_story (f->store, "C");   /* 5 days overdue */
  SbStory *d = add_story (f->store, "D");   /* never */
  SbStory *e = add_story (f->store, "E");   /* due now, exactly */
  SbStory *g = add_story (f->store, "G");   /* 5 days overdue too: after C */
  SbStory *h = add_story (f->store, "H");   /* 1 day overdue */
  gint64 now = T0 + 30 * DAY;
  g_autoptr(GPtrArray) queue = NULL;
  SbStory *expected[] = { b, d, c, g, h, e, a };

  log_ok (f->store, a, NULL, 100, SB_RATING_NAILED, now);                  /* due now + 2 */
  log_ok (f->store, c, NULL, 100, SB_RATING_STUMBLED, now - 6 * DAY);      /* due now - 5 */
  log_ok (f->store, e, NULL, 100, SB_RATING_OKAY, now - DAY);              /* due now */
  log_ok (f->store, g, NULL, 100, SB_RATING_NAILED, now - 7 * DAY);        /* due now - 5 */
  log_ok (f->store, h, NULL, 100, SB_RATING_NAILED, now - 10 * DAY);
  log_ok (f->store, h, NULL, 100, SB_RATING_NAILED, now - 5 * DAY);        /* 4 days: due now - 1 */

  queue = sb_practice_get_queue (f->store, now);
  g_assert_cmpuint (queue->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_ptr_array_index (queue, i) == expected[i]);

  /* b, d (never), c, g, h (overdue) and e (due this second) */
  g_assert_cmpuint (sb_practice_count_due (f->store, now), ==, 6);
  g_assert_cmpuint (sb_practice_count_due (f->store, now - 1), ==, 5);
  g_assert_cmpuint (sb_practice_count_due (f->store, now + 2 * DAY), ==, 7);

  /* The queue with its count, in one read: the same order and figures. */
  {
    const gint64 nows[] = { now, now - 1, now + 2 * DAY };
    const guint counts[] = { 6, 5, 7 };

    for (guint n = 0; n < G_N_ELEMENTS (nows); n++)
      {
        g_autoptr(GPtrArray) full = NULL;
        guint n_due = 0;

        full = sb_practice_get_queue_full (f->store, nows[n], &n_due);
        g_assert_cmpuint (n_due, ==, counts[n]);
        g_assert_cmpuint (full->len, ==, G_N_ELEMENTS (expected));
        for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
          g_assert_true (g_ptr_array_index (full, i) == expected[i]);
      }
    g_ptr_array_unref (sb_practice_get_queue_full (f->store, now, NULL));
  }
}

/* A new story nobody wrote in yet is not offered for rehearsal. */
static void
test_queue_skips_empty_story (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *written = add_story (f->store, "Written");
  SbStory *blank = sb_store_create_story (f->store, "Only a title", &error);
  g_autoptr(GPtrArray) queue = NULL;

  g_assert_no_error (error);
  queue = sb_practice_get_queue (f->store, 0);
  g_assert_cmpuint (queue->len, ==, 1);
  g_assert_true (g_ptr_array_index (queue, 0) == written);
  g_assert_false (g_ptr_array_find (queue, blank, NULL));
  g_assert_cmpuint (sb_practice_count_due (f->store, 0), ==, 1);
}

static void
test_queue_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) queue = sb_practice_get_queue (f->store, 0);

  g_assert_cmpuint (queue->len, ==, 0);
  g_assert_cmpuint (sb_practice_count_due (f->store, 0), ==, 0);
}

/* The schedule the header describes, written out independently of the
 * implementation, for checking the big queue. */
static gint64
reference_due_at (const SbRating *ratings,
                  const gint64   *times,
                  guint           n)
{
  guint interval = 0;

  for (guint k = 0; k < n; k++)
    {
      if (ratings[k] == SB_RATING_NAILED)
        interval = interval == 0 ? SB_PRACTICE_FIRST_INTERVAL
                                 : MIN (interval * 2, SB_PRACTICE_MAX_INTERVAL);
      else if (ratings[k] == SB_RATING_OKAY)
        interval = MAX (interval, 1);
      else
        interval = 1;
    }
  return times[n - 1] + (gint64) interval * DAY;
}

#define BIG_N_STORIES    1000
#define BIG_N_REHEARSALS 20

typedef struct
{
  SbStory *stories[BIG_N_STORIES];
  gint64   due_at[BIG_N_STORIES];   /* 0: never rehearsed */
} BigBank;

static gboolean
fill_big_bank (SbStore   *store,
               gpointer   user_data,
               GError   **error)
{
  static const SbRating pattern[] = {
    SB_RATING_NAILED, SB_RATING_NAILED, SB_RATING_OKAY, SB_RATING_STUMBLED, SB_RATING_NAILED,
  };
  BigBank *bank = user_data;

  for (guint i = 0; i < BIG_N_STORIES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);

      bank->stories[i] = sb_store_create_story (store, title, error);
      if (bank->stories[i] == NULL ||
          !sb_store_edit_story (store, bank->stories[i], SB_STORY_FIELD_ACTION, "I did the work.", error) ||
          !sb_store_save_story (store, bank->stories[i], error))
        return FALSE;
    }

  for (guint i = 0; i < BIG_N_STORIES; i++)
    {
      SbRating ratings[BIG_N_REHEARSALS];
      gint64 times[BIG_N_REHEARSALS];

      /* Every 97th story is never rehearsed. */
      if (i % 97 == 0)
        continue;

      for (guint k = 0; k < BIG_N_REHEARSALS; k++)
        {
          ratings[k] = pattern[(i + k * (i % 7 + 1)) % G_N_ELEMENTS (pattern)];
          /* Spread over a few days; stories share times so some fall due
           * together and must keep the bank's order. */
          times[k] = T0 + (gint64) k * DAY + (gint64) (i % 13) * 3600;
        }

      /* Logged newest first, so the time order must come from the query. */
      for (guint k = BIG_N_REHEARSALS; k-- > 0;)
        if (!sb_practice_log (store, bank->stories[i], NULL, 60 + k, ratings[k], times[k], error))
          return FALSE;

      bank->due_at[i] = reference_due_at (ratings, times, BIG_N_REHEARSALS);
    }
  return TRUE;
}

static void
test_queue_big_bank (Fixture *f, gconstpointer data)
{
  g_autofree BigBank *bank = g_new0 (BigBank, 1);
  g_autoptr(GHashTable) position = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *stories;
  gboolean seen_rehearsed = FALSE;
  guint n_never = 0;
  guint n_due = 0;
  gint64 now = T0 + 25 * DAY;

  g_assert_true (sb_store_run_in_transaction (f->store, fill_big_bank, bank, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (f->store, "1"), ==,
                    (BIG_N_STORIES - (BIG_N_STORIES + 96) / 97) * BIG_N_REHEARSALS);

  stories = sb_store_get_stories (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (stories), ==, BIG_N_STORIES);
  for (guint i = 0; i < BIG_N_STORIES; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);

      g_assert_true (story == bank->stories[i]);
      g_hash_table_insert (position, story, GUINT_TO_POINTER (i + 1));
    }

  queue = sb_practice_get_queue (f->store, now);
  g_assert_cmpuint (queue->len, ==, BIG_N_STORIES);

  for (guint q = 0; q < queue->len; q++)
    {
      SbStory *story = g_ptr_array_index (queue, q);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (position, story));

      g_assert_cmpuint (i, >, 0);
      i--;
      /* each story exactly once */
      g_hash_table_remove (position, story);

      if (bank->due_at[i] == 0)
        {
          g_assert_false (seen_rehearsed);
          n_never++;
        }
      else
        {
          SbPracticeStats stats;

          sb_practice_get_stats (f->store, story, &stats);
          g_assert_cmpuint (stats.n_rehearsals, ==, BIG_N_REHEARSALS);
          g_assert_cmpint (stats.due_at, ==, bank->due_at[i]);
          seen_rehearsed = TRUE;
          if (bank->due_at[i] <= now)
            n_due++;
        }

      if (q > 0)
        {
          SbStory *prev = g_ptr_array_index (queue, q - 1);
          guint p;

          for (p = 0; p < BIG_N_STORIES && bank->stories[p] != prev; p++)
            ;
          g_assert_cmpuint (p, <, BIG_N_STORIES);
          if ((bank->due_at[p] == 0) == (bank->due_at[i] == 0))
            {
              g_assert_cmpint (bank->due_at[p], <=, bank->due_at[i]);
              if (bank->due_at[p] == bank->due_at[i])
                g_assert_cmpuint (p, <, i);
            }
        }
    }
  g_assert_cmpuint (g_hash_table_size (position), ==, 0);
  g_assert_cmpuint (n_never, ==, (BIG_N_STORIES + 96) / 97);
  g_assert_cmpuint (sb_practice_count_due (f->store, now), ==, n_never + n_due);
  /* the test means something only if both kinds are there */
  g_assert_cmpuint (n_due, >, 0);
  g_assert_cmpuint (n_due, <, BIG_N_STORIES - n_never);
}

/* ---- refusals ------------------------------------------------------- */

static void
assert_refused (SbStore    *store,
                SbStory    *story,
                const char *question_slug,
                guint       seconds,
                SbRating    rating,
                const char *in_message)
{
  g_autoptr(GError) error = NULL;
  guint before = count_rows (store, "1");

  g_assert_false (sb_practice_log (store, story, question_slug, seconds, rating, T0, &error));
  g_assert_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, in_message));
  g_assert_cmpuint (count_rows (store, "1"), ==, before);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  SbStory *story = add_story (f->store, "Checkout outage");
  g_autoptr(SbStory) unsaved = sb_story_new ();
  g_autoptr(GPtrArray) queue = NULL;
  SbPracticeStats stats;

  sb_story_set_title (unsaved, "Draft in memory");
  log_ok (f->store, story, NULL, 100, SB_RATING_OKAY, T0);

  assert_refused (f->store, unsaved, NULL, 100, SB_RATING_OKAY, "Draft in memory");
  assert_refused (f->store, story, NULL, 100, (SbRating) 2, "not 2");
  assert_refused (f->store, story, NULL, 100, (SbRating) 7, "not 7");
  assert_refused (f->store, story, NULL, 100, (SbRating) 0, "not 0");
  assert_refused (f->store, story, "no-such-question", 100, SB_RATING_OKAY, "no-such-question");
  assert_refused (f->store, story, NULL, 3601, SB_RATING_OKAY, "3601");

  /* The longest allowed is allowed. */
  log_ok (f->store, story, NULL, 3600, SB_RATING_OKAY, T0 + DAY);
  g_assert_cmpuint (count_rows (f->store, "1"), ==, 2);

  /* An unsaved story has no figures and is not in the queue. */
  sb_practice_get_stats (f->store, unsaved, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 0);
  g_assert_cmpint (stats.due_at, ==, 0);
  queue = sb_practice_get_queue (f->store, 0);
  g_assert_cmpuint (queue->len, ==, 1);
}

static void
test_story_of_another_bank (Fixture *f, gconstpointer data)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "other.sqlite3");
  g_autoptr(GError) error = NULL;
  SbStore *other;
  SbStory *stranger;

  add_story (f->store, "Ours");
  other = sb_store_open (path, &error);
  g_assert_no_error (error);
  /* Same row id as "Ours", but not the same story. */
  stranger = add_story (other, "Theirs");
  assert_refused (f->store, stranger, NULL, 100, SB_RATING_OKAY, "Theirs");
  g_assert_finalize_object (other);
}

/* ---- what deletions do to the log ----------------------------------- */

static void
test_deleted_story (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDeletedStory) deleted = NULL;
  SbStory *gone = add_story (f->store, "Gone");
  SbStory *kept = add_story (f->store, "Kept");
  gint64 gone_id = sb_story_get_id (gone);
  g_autofree char *where = g_strdup_printf ("story_id = %" G_GINT64_FORMAT, gone_id);
  g_autoptr(GPtrArray) queue = NULL;

  log_ok (f->store, gone, NULL, 100, SB_RATING_OKAY, T0);
  log_ok (f->store, gone, NULL, 100, SB_RATING_NAILED, T0 + DAY);
  log_ok (f->store, kept, NULL, 100, SB_RATING_NAILED, T0);
  g_assert_cmpuint (count_rows (f->store, where), ==, 2);

  deleted = sb_store_delete_story (f->store, gone, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);

  g_assert_cmpuint (count_rows (f->store, where), ==, 0);
  g_assert_cmpuint (count_rows (f->store, "1"), ==, 1);
  queue = sb_practice_get_queue (f->store, 0);
  g_assert_cmpuint (queue->len, ==, 1);
  g_assert_true (g_ptr_array_index (queue, 0) == kept);

  /* Undo brings the practice history back with the story. */
  {
    SbPracticeStats stats = { 0, };
    SbStory *back = sb_store_restore_story (f->store, deleted, &error);
    g_autofree char *where_back = NULL;

    g_assert_no_error (error);
    g_assert_true (back == gone);
    where_back = g_strdup_printf ("story_id = %" G_GINT64_FORMAT, sb_story_get_id (back));
    g_assert_cmpuint (count_rows (f->store, where_back), ==, 2);
    sb_practice_get_stats (f->store, back, &stats);
    g_assert_cmpuint (stats.n_rehearsals, ==, 2);
    g_assert_cmpint (stats.last_rating, ==, SB_RATING_NAILED);
    g_assert_cmpint (stats.last_at, ==, T0 + DAY);
  }
}

static void
test_deleted_question (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *themes[] = { NULL };
  SbStory *story = add_story (f->store, "Checkout outage");
  SbQuestion *question;
  g_autofree char *slug = NULL;
  SbPracticeStats stats;

  /* A question of the person's own: deleting it removes the row (a shipped
   * one would only be hidden). */
  question = sb_store_add_question (f->store, "Tell me about a night on call.", "", themes, &error);
  g_assert_no_error (error);
  slug = g_strdup (sb_question_get_slug (question));

  log_ok (f->store, story, slug, 100, SB_RATING_NAILED, T0);
  log_ok (f->store, story, slug, 100, SB_RATING_NAILED, T0 + DAY);
  g_assert_cmpuint (count_rows (f->store, "question_id IS NOT NULL"), ==, 2);

  g_assert_true (sb_store_delete_question (f->store, question, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_rows (f->store, "1"), ==, 2);
  g_assert_cmpuint (count_rows (f->store, "question_id IS NULL"), ==, 2);
  sb_practice_get_stats (f->store, story, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 2);
  g_assert_cmpuint (stats.interval_days, ==, 4);

  /* and the slug is now unknown */
  assert_refused (f->store, story, slug, 100, SB_RATING_OKAY, slug);
}

/* ---- persistence ---------------------------------------------------- */

static void
test_survives_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  SbStory *story = add_story (f->store, "Checkout outage");
  SbStory *again;
  SbPracticeStats before, after;

  uuid = g_strdup (sb_story_get_uuid (story));
  log_ok (f->store, story, NULL, 80, SB_RATING_NAILED, T0);
  log_ok (f->store, story, NULL, 120, SB_RATING_NAILED, T0 + 2 * DAY);
  sb_practice_get_stats (f->store, story, &before);

  g_assert_finalize_object (f->store);
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);

  again = sb_store_find_story (f->store, uuid);
  g_assert_nonnull (again);
  sb_practice_get_stats (f->store, again, &after);
  g_assert_cmpuint (after.n_rehearsals, ==, 2);
  g_assert_cmpint (after.last_at, ==, T0 + 2 * DAY);
  g_assert_cmpuint (after.last_seconds, ==, 120);
  g_assert_cmpint (after.last_rating, ==, SB_RATING_NAILED);
  g_assert_cmpuint (after.mean_seconds, ==, 100);
  g_assert_cmpuint (after.interval_days, ==, 4);
  g_assert_cmpint (after.due_at, ==, before.due_at);
}

/* ---- the log as a list, and carrying it over ------------------------- */

static void
test_get_log (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) log = NULL;
  SbStory *story = add_story (f->store, "Outage");
  SbStory *other = add_story (f->store, "Migration");
  const char *slug = sb_question_get_slug (first_question (f->store));
  SbRehearsal *r;

  log_ok (f->store, story, NULL, 120, SB_RATING_OKAY, T0 + DAY);
  log_ok (f->store, story, slug, 95, SB_RATING_NAILED, T0);
  log_ok (f->store, other, NULL, 60, SB_RATING_STUMBLED, T0);

  log = sb_practice_get_log (f->store, story);
  g_assert_cmpuint (log->len, ==, 2);
  r = &g_array_index (log, SbRehearsal, 0);   /* oldest first */
  g_assert_cmpint (r->practiced_at, ==, T0);
  g_assert_cmpuint (r->seconds, ==, 95);
  g_assert_cmpint (r->rating, ==, SB_RATING_NAILED);
  g_assert_cmpstr (r->question_slug, ==, slug);
  r = &g_array_index (log, SbRehearsal, 1);
  g_assert_cmpint (r->practiced_at, ==, T0 + DAY);
  g_assert_cmpuint (r->seconds, ==, 120);
  g_assert_cmpint (r->rating, ==, SB_RATING_OKAY);
  g_assert_null (r->question_slug);

  g_assert_true (sb_practice_has_rehearsal (f->store, story, T0, 95, &error));
  g_assert_no_error (error);
  g_assert_false (sb_practice_has_rehearsal (f->store, story, T0, 96, &error));
  g_assert_no_error (error);
  g_assert_false (sb_practice_has_rehearsal (f->store, other, T0, 95, &error));
  g_assert_no_error (error);
}

/* A rehearsal carried over from an export keeps its time as given, may be
 * unrated, and may name a shipped question the person deleted. */
static void
test_add_rehearsal (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) log = NULL;
  SbStory *story = add_story (f->store, "Outage");
  SbQuestion *question = first_question (f->store);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  SbRehearsal unrated = { T0, 100, 0, NULL };
  SbRehearsal at_epoch = { 0, 30, SB_RATING_OKAY, NULL };
  SbRehearsal deleted_question = { T0 + DAY, 90, SB_RATING_NAILED, slug };
  SbRehearsal bad_rating = { T0, 100, 2, NULL };
  SbRehearsal too_long = { T0, 3601, SB_RATING_OKAY, NULL };
  SbRehearsal no_question = { T0, 100, SB_RATING_OKAY, (char *) "no-such-question" };

  g_assert_true (sb_question_get_builtin (question));
  g_assert_true (sb_store_delete_question (f->store, question, &error));
  g_assert_no_error (error);

  g_assert_true (sb_practice_add_rehearsal (f->store, story, &unrated, &error));
  g_assert_no_error (error);
  g_assert_true (sb_practice_add_rehearsal (f->store, story, &at_epoch, &error));
  g_assert_no_error (error);
  g_assert_true (sb_practice_add_rehearsal (f->store, story, &deleted_question, &error));
  g_assert_no_error (error);

  g_assert_false (sb_practice_add_rehearsal (f->store, story, &bad_rating, &error));
  g_assert_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_practice_add_rehearsal (f->store, story, &too_long, &error));
  g_assert_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_practice_add_rehearsal (f->store, story, &no_question, &error));
  g_assert_error (error, SB_PRACTICE_ERROR, SB_PRACTICE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no-such-question"));
  g_clear_error (&error);
  g_assert_cmpuint (count_rows (f->store, "1"), ==, 3);
  g_assert_cmpuint (count_rows (f->store, "rating IS NULL"), ==, 1);

  log = sb_practice_get_log (f->store, story);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpint (g_array_index (log, SbRehearsal, 0).practiced_at, ==, 0);
  g_assert_cmpint (g_array_index (log, SbRehearsal, 1).rating, ==, 0);
  g_assert_cmpstr (g_array_index (log, SbRehearsal, 2).question_slug, ==, slug);
}

/* ---- the current application ---------------------------------------- */

/* The stories planned for the current application's rounds come first,
 * round by round, then those proving its requirements; the rest as
 * always. Another application, or this one once done, changes nothing. */
static void
test_queue_follows_application (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *a = add_story (f->store, "A");   /* never rehearsed */
  SbStory *b = add_story (f->store, "B");   /* 5 days overdue */
  SbStory *c = add_story (f->store, "C");   /* due in 2 days: planned second round */
  SbStory *d = add_story (f->store, "D");   /* never: planned first round */
  SbStory *e = add_story (f->store, "E");   /* due in 2 days: proves a requirement */
  SbStory *blank = sb_store_create_story (f->store, "Nothing written", &error);
  gint64 now = T0 + 30 * DAY;
  SbApplication *acme, *globex;
  SbRound *screen, *onsite;
  SbRequirement *requirement;

  g_assert_no_error (error);
  log_ok (f->store, b, NULL, 100, SB_RATING_STUMBLED, now - 6 * DAY);
  log_ok (f->store, c, NULL, 100, SB_RATING_NAILED, now);
  log_ok (f->store, e, NULL, 100, SB_RATING_NAILED, now);

  acme = sb_store_create_application (f->store, "acme", "Acme", NULL, &error);
  globex = sb_store_create_application (f->store, "globex", "Globex", NULL, &error);
  screen = sb_store_add_round (f->store, acme, "Phone screen", -1, &error);
  onsite = sb_store_add_round (f->store, acme, "Onsite", -1, &error);
  requirement = sb_store_add_requirement (f->store, acme, "Lead incident response", -1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_round_story (f->store, onsite, c, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, screen, d, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, screen, blank, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, requirement, e, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, requirement, c, TRUE, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) queue = sb_practice_get_queue (f->store, now);
    SbStory *expected[] = { a, d, b, c, e };

    /* No current application yet: the schedule alone. */
    g_assert_cmpuint (queue->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_true (g_ptr_array_index (queue, i) == expected[i]);
  }

  g_assert_true (sb_store_set_current_application (f->store, acme, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) queue = sb_practice_get_queue (f->store, now);
    /* d (first round; the blank story is not offered), c (second round),
     * e (requirement; c is already there), then a, b as always. */
    SbStory *expected[] = { d, c, e, a, b };

    g_assert_cmpuint (queue->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_true (g_ptr_array_index (queue, i) == expected[i]);
  }

  g_assert_true (sb_store_set_current_application (f->store, globex, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) queue = sb_practice_get_queue (f->store, now);

    g_assert_true (g_ptr_array_index (queue, 0) == a);
    g_assert_true (g_ptr_array_index (queue, 1) == d);
  }

  g_assert_true (sb_store_set_current_application (f->store, acme, &error));
  g_assert_true (sb_store_set_application_status (f->store, acme, SB_APPLICATION_STATUS_DONE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) queue = sb_practice_get_queue (f->store, now);

    g_assert_true (g_ptr_array_index (queue, 0) == a);
    g_assert_true (g_ptr_array_index (queue, 1) == d);
    g_assert_true (g_ptr_array_index (queue, 2) == b);
  }
}

/* ---- the schedule is kept, and follows every change ------------------- */

static gboolean
queue_has (SbStore *store,
           SbStory *story)
{
  g_autoptr(GPtrArray) queue = sb_practice_get_queue (store, 0);

  return g_ptr_array_find (queue, story, NULL);
}

static guint
queue_index (SbStore *store,
             SbStory *story)
{
  g_autoptr(GPtrArray) queue = sb_practice_get_queue (store, 0);
  guint index = G_MAXUINT;

  g_ptr_array_find (queue, story, &index);
  return index;
}

/* Read once, the schedule is kept; each change that makes it is seen at
 * the next read. */
static void
test_kept_schedule_follows_changes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDeletedStory) deleted = NULL;
  SbStory *a = add_story (f->store, "A");
  SbStory *b = add_story (f->store, "B");
  SbStory *blank = sb_store_create_story (f->store, "Nothing written", &error);
  SbPracticeStats stats;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_cmpuint (queue_index (f->store, a), ==, 0);
  g_assert_cmpuint (sb_practice_count_due (f->store, 0), ==, 2);

  /* A rehearsal: A goes after B, and its figures follow. */
  log_ok (f->store, a, NULL, 100, SB_RATING_NAILED, now - 60);
  g_assert_cmpuint (queue_index (f->store, a), ==, 1);
  g_assert_cmpuint (sb_practice_count_due (f->store, 0), ==, 1);
  sb_practice_get_stats (f->store, a, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 1);

  /* A blank story written in joins the queue, whether saved yet or not;
   * emptied again, it leaves. */
  g_assert_false (queue_has (f->store, blank));
  g_assert_true (sb_store_edit_story (f->store, blank, SB_STORY_FIELD_RESULT, "It shipped.", &error));
  g_assert_true (queue_has (f->store, blank));
  g_assert_true (sb_store_save_story (f->store, blank, &error));
  g_assert_true (sb_store_edit_story (f->store, blank, SB_STORY_FIELD_RESULT, " ", &error));
  g_assert_false (queue_has (f->store, blank));
  g_assert_true (sb_store_save_story (f->store, blank, &error));
  g_assert_no_error (error);

  /* Deleted, then put back with its rehearsal. */
  deleted = sb_store_delete_story (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_false (queue_has (f->store, a));
  g_assert_cmpuint (sb_practice_count_due (f->store, 0), ==, 1);
  g_assert_true (sb_store_restore_story (f->store, deleted, &error) == a);
  g_assert_no_error (error);
  g_assert_cmpuint (queue_index (f->store, a), ==, 1);
  sb_practice_get_stats (f->store, a, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 1);
  g_assert_cmpuint (sb_practice_count_due (f->store, 0), ==, 1);
  (void) b;
}

/* Another program logs a rehearsal: this store's schedule has it once it
 * has taken in what others committed, as it has their stories. */
static void
test_kept_schedule_other_store (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *a = add_story (f->store, "A");
  SbStory *b = add_story (f->store, "B");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  SbStore *other;
  SbPracticeStats stats;

  g_assert_cmpuint (queue_index (f->store, a), ==, 0);
  other = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  log_ok (other, sb_store_find_story (other, sb_story_get_uuid (a)), NULL, 100, SB_RATING_NAILED, now - 60);
  g_assert_finalize_object (other);

  g_assert_true (sb_store_sync (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queue_index (f->store, a), ==, 1);
  g_assert_cmpuint (queue_index (f->store, b), ==, 0);
  sb_practice_get_stats (f->store, a, &stats);
  g_assert_cmpuint (stats.n_rehearsals, ==, 1);
}

typedef struct
{
  SbStory *story;
  guint    index_inside;
} Inside;

static gboolean
log_then_fail (SbStore  *store,
               gpointer  user_data,
               GError  **error)
{
  Inside *inside = user_data;

  log_ok (store, inside->story, NULL, 100, SB_RATING_NAILED, g_get_real_time () / G_USEC_PER_SEC - 60);
  inside->index_inside = queue_index (store, inside->story);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "on purpose");
  return FALSE;
}

/* Read inside a transaction that rolls back, the schedule is not kept. */
static void
test_kept_schedule_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *a = add_story (f->store, "A");
  Inside inside = { a, G_MAXUINT };

  add_story (f->store, "B");
  g_assert_cmpuint (queue_index (f->store, a), ==, 0);
  g_assert_false (sb_store_run_in_transaction (f->store, log_then_fail, &inside, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (inside.index_inside, ==, 1);
  g_assert_cmpuint (count_rows (f->store, "1"), ==, 0);
  g_assert_cmpuint (queue_index (f->store, a), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/practice/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("log-and-stats", test_log_and_stats);
  ADD ("log-now", test_log_now);
  ADD ("schedule", test_schedule);
  ADD ("queue-order", test_queue_order);
  ADD ("queue-empty", test_queue_empty);
  ADD ("queue-skips-empty-story", test_queue_skips_empty_story);
  ADD ("queue-big-bank", test_queue_big_bank);
  ADD ("refusals", test_refusals);
  ADD ("story-of-another-bank", test_story_of_another_bank);
  ADD ("deleted-story", test_deleted_story);
  ADD ("deleted-question", test_deleted_question);
  ADD ("survives-reopen", test_survives_reopen);
  ADD ("get-log", test_get_log);
  ADD ("add-rehearsal", test_add_rehearsal);
  ADD ("queue-follows-application", test_queue_follows_application);
  ADD ("kept-schedule-follows-changes", test_kept_schedule_follows_changes);
  ADD ("kept-schedule-other-store", test_kept_schedule_other_store);
  ADD ("kept-schedule-rollback", test_kept_schedule_rollback);

#undef ADD

  return g_test_run ();
}
