/* test-drill.c — the "Which story?" drill: what is a hit, the schedule per
 * question, the queue, and what deleting and hiding do to the log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-application.h"
#include "sb-coach.h"
#include "sb-drill.h"
#include "sb-exchange.h"
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
           const char *title,
           const char *action,
           const char *theme_slug)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  g_assert_true (sb_store_edit_story (store, story, SB_STORY_FIELD_ACTION, action, &error));
  g_assert_true (sb_store_save_story (store, story, &error));
  if (theme_slug != NULL)
    g_assert_true (sb_store_set_story_theme (store, story, theme_slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  return story;
}

static void
link_question (SbStore    *store,
               SbStory    *story,
               SbQuestion *question)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_set_story_question (store, story, sb_question_get_slug (question), TRUE, &error));
  g_assert_no_error (error);
}

static gboolean
drill (SbStore    *store,
       SbQuestion *question,
       SbStory    *pick,
       guint       seconds,
       gint64      at)
{
  g_autoptr(GError) error = NULL;
  gboolean hit = 2;   /* neither: the call must say */

  g_assert_true (sb_drill_log (store, question, pick, seconds, at, &hit, &error));
  g_assert_no_error (error);
  g_assert_true (hit == TRUE || hit == FALSE);
  return hit;
}

static SbQuestion *
question_at (SbStore *store,
             guint    position)
{
  g_autoptr(SbQuestion) question = g_list_model_get_item (sb_store_get_questions (store), position);

  g_assert_nonnull (question);
  return question;   /* still owned by the store's model */
}

static guint
count_drill_rows (SbStore    *store,
                 const char *where)
{
  return sb_test_count_rows (store, "question_drills", where);
}

static guint
queue_position (GPtrArray  *queue,
                SbQuestion *question)
{
  guint position = G_MAXUINT;

  g_assert_true (g_ptr_array_find (queue, question, &position));
  return position;
}

/* ---- what counts as a hit ------------------------------------------- */

static void
test_hit_rule (Fixture *f, gconstpointer data)
{
  SbQuestion *question = sb_store_find_question (f->store, "q-production-outage");
  SbStory *outage = add_story (f->store, "Checkout outage", "I rolled back the deploy.",
                               "core-production-incident");
  SbStory *hiring = add_story (f->store, "Hiring loop", "I rewrote the interview guide.", NULL);
  g_autoptr(GPtrArray) top = NULL;

  g_assert_nonnull (question);

  /* Nothing linked yet: one of the top suggestions is a hit. */
  top = sb_coach_suggest_stories (f->store, question, SB_DRILL_TOP_SUGGESTIONS);
  g_assert_cmpuint (top->len, >=, 1);
  g_assert_true (((SbSuggestion *) top->pdata[0])->story == outage);
  g_assert_true (sb_drill_is_hit (f->store, question, outage, 4));
  g_assert_false (sb_drill_is_hit (f->store, question, hiring, 4));

  /* No pick, or a pick after the countdown, is a miss. */
  g_assert_false (sb_drill_is_hit (f->store, question, NULL, 2));
  g_assert_true (sb_drill_is_hit (f->store, question, outage, SB_DRILL_SECONDS));
  g_assert_false (sb_drill_is_hit (f->store, question, outage, SB_DRILL_SECONDS + 1));

  /* Once the person links a story, only a linked story is a hit, however
   * well another would rank. */
  link_question (f->store, hiring, question);
  g_assert_true (sb_drill_is_hit (f->store, question, hiring, 3));
  g_assert_false (sb_drill_is_hit (f->store, question, outage, 3));

  /* The log keeps what the rule said then. */
  g_assert_true (drill (f->store, question, hiring, 3, T0));
  g_assert_false (drill (f->store, question, outage, 3, T0 + 1));
  g_assert_false (drill (f->store, question, hiring, 12, T0 + 2));
  g_assert_false (drill (f->store, question, NULL, 10, T0 + 3));
  g_assert_cmpuint (count_drill_rows (f->store, "hit = 1"), ==, 1);
  g_assert_cmpuint (count_drill_rows (f->store, "story_id IS NULL"), ==, 1);
  link_question (f->store, outage, question);
  {
    SbDrillStats stats;

    sb_drill_get_stats (f->store, question, &stats);
    g_assert_cmpuint (stats.n_drills, ==, 4);
    g_assert_cmpuint (stats.n_hits, ==, 1);
  }
}

/* ---- the schedule --------------------------------------------------- */

static void
test_schedule (Fixture *f, gconstpointer data)
{
  SbQuestion *question = question_at (f->store, 0);
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  SbDrillStats stats;
  gint64 at = T0;

  link_question (f->store, story, question);

  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.n_drills, ==, 0);
  g_assert_cmpint (stats.last_at, ==, 0);
  g_assert_cmpint (stats.due_at, ==, 0);
  g_assert_cmpuint (stats.interval_days, ==, 0);

  /* hit: the first pause */
  g_assert_true (drill (f->store, question, story, 4, at));
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.interval_days, ==, SB_DRILL_FIRST_INTERVAL);
  g_assert_cmpint (stats.due_at, ==, at + SB_DRILL_FIRST_INTERVAL * DAY);
  g_assert_true (stats.last_hit);

  /* hit again: doubled */
  at = stats.due_at;
  g_assert_true (drill (f->store, question, story, 6, at));
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.interval_days, ==, 2 * SB_DRILL_FIRST_INTERVAL);
  g_assert_cmpint (stats.due_at, ==, at + 2 * SB_DRILL_FIRST_INTERVAL * DAY);

  /* miss: back tomorrow */
  at = stats.due_at;
  g_assert_false (drill (f->store, question, NULL, 10, at));
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.interval_days, ==, 1);
  g_assert_cmpint (stats.due_at, ==, at + DAY);
  g_assert_false (stats.last_hit);

  /* hit after a miss: the doubling starts over */
  at = stats.due_at;
  g_assert_true (drill (f->store, question, story, 2, at));
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.interval_days, ==, SB_DRILL_FIRST_INTERVAL);
  g_assert_cmpint (stats.due_at, ==, at + SB_DRILL_FIRST_INTERVAL * DAY);
  g_assert_cmpuint (stats.n_drills, ==, 4);
  g_assert_cmpuint (stats.n_hits, ==, 3);
  g_assert_cmpint (stats.last_at, ==, at);

  /* Hit after hit never goes past the longest pause. */
  for (guint i = 0; i < 8; i++)
    {
      at = stats.due_at;
      g_assert_true (drill (f->store, question, story, 2, at));
      sb_drill_get_stats (f->store, question, &stats);
    }
  g_assert_cmpuint (stats.interval_days, ==, SB_DRILL_MAX_INTERVAL);
  g_assert_cmpint (stats.due_at, ==, at + SB_DRILL_MAX_INTERVAL * DAY);

  /* A pick after the countdown is a miss, with the pick kept. */
  at = stats.due_at;
  g_assert_false (drill (f->store, question, story, SB_DRILL_SECONDS + 5, at));
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.interval_days, ==, 1);
}

/* ---- the queue ------------------------------------------------------ */

static void
test_queue_order (Fixture *f, gconstpointer data)
{
  SbQuestion *linked = question_at (f->store, 0);
  SbQuestion *later = question_at (f->store, 1);
  SbQuestion *fresh = question_at (f->store, 2);
  SbQuestion *overdue = question_at (f->store, 3);
  SbQuestion *due = question_at (f->store, 4);
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  guint n_questions = g_list_model_get_n_items (sb_store_get_questions (f->store));
  g_autoptr(GPtrArray) queue = NULL;

  /* Before anything is drilled: the bank's order, but unlinked first. */
  link_question (f->store, story, linked);
  queue = sb_drill_get_queue (f->store, T0);
  g_assert_cmpuint (queue->len, ==, n_questions);
  g_assert_true (queue->pdata[0] == later);
  g_assert_true (queue->pdata[n_questions - 1] == linked);
  g_clear_pointer (&queue, g_ptr_array_unref);
  g_assert_cmpuint (sb_drill_count_due (f->store, T0), ==, 0);

  /* Missed three days ago (due two days ago), missed two days ago (due
   * yesterday), hit today (due in two days). */
  g_assert_false (drill (f->store, overdue, NULL, 10, T0 - 3 * DAY));
  g_assert_false (drill (f->store, due, NULL, 10, T0 - 2 * DAY));
  link_question (f->store, story, later);
  g_assert_true (drill (f->store, later, story, 3, T0));

  queue = sb_drill_get_queue (f->store, T0);
  g_assert_cmpuint (queue->len, ==, n_questions);
  /* due, the most overdue first */
  g_assert_true (queue->pdata[0] == overdue);
  g_assert_true (queue->pdata[1] == due);
  /* then never drilled with no story, in the bank's order */
  g_assert_true (queue->pdata[2] == fresh);
  g_assert_true (queue->pdata[3] == question_at (f->store, 5));
  /* then never drilled with a story */
  g_assert_cmpuint (queue_position (queue, linked), ==, n_questions - 2);
  /* then the rest, by when they fall due */
  g_assert_true (queue->pdata[n_questions - 1] == later);
  g_assert_cmpuint (sb_drill_count_due (f->store, T0), ==, 2);

  /* Now stays in the API: a day before, only the most overdue was due. */
  g_assert_cmpuint (sb_drill_count_due (f->store, T0 - DAY - 1), ==, 1);
  /* Two days on, the hit is due too, and it is the least overdue. */
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = sb_drill_get_queue (f->store, T0 + 2 * DAY);
  g_assert_cmpuint (sb_drill_count_due (f->store, T0 + 2 * DAY), ==, 3);
  g_assert_true (queue->pdata[2] == later);
  g_assert_true (queue->pdata[3] == fresh);
}

/* The current application's questions (its values, its rounds' focus)
 * come first while it is prepared; not once it is done. */
static void
test_queue_follows_application (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  guint n_questions = g_list_model_get_n_items (sb_store_get_questions (f->store));
  SbApplication *application;
  SbRound *round;
  SbQuestion *last = question_at (f->store, n_questions - 1);
  const char *focus[2] = { NULL, NULL };
  guint first_other = 0;

  /* Pick the last question's first theme as the round's focus. */
  focus[0] = sb_question_get_theme_slugs (last)[0];
  g_assert_nonnull (focus[0]);

  queue = sb_drill_get_queue (f->store, T0);
  g_assert_true (queue->pdata[0] != last);
  g_clear_pointer (&queue, g_ptr_array_unref);

  application = sb_store_create_application (f->store, "acme", "Acme", "Engineer", &error);
  g_assert_no_error (error);
  round = sb_store_add_round (f->store, application, "Bar raiser", -1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_round_focus (f->store, round, focus, &error));
  g_assert_no_error (error);

  /* Not current yet: nothing changes. */
  queue = sb_drill_get_queue (f->store, T0);
  g_assert_true (queue->pdata[0] != last);
  g_clear_pointer (&queue, g_ptr_array_unref);

  g_assert_true (sb_store_set_current_application (f->store, application, &error));
  g_assert_no_error (error);
  queue = sb_drill_get_queue (f->store, T0);
  g_assert_cmpuint (queue->len, ==, n_questions);
  /* Every question about the focus theme comes before every other one. */
  for (guint i = 0; i < queue->len; i++)
    {
      SbQuestion *question = queue->pdata[i];
      gboolean about = g_strv_contains (sb_question_get_theme_slugs (question), focus[0]);

      if (!about && first_other == 0)
        first_other = i;
      if (about)
        g_assert_cmpuint (first_other, ==, 0);
    }
  g_assert_cmpuint (first_other, >, 0);
  g_assert_true (g_strv_contains (sb_question_get_theme_slugs (queue->pdata[0]), focus[0]));
  g_clear_pointer (&queue, g_ptr_array_unref);

  /* A loop question drilled well and not due waits like any other. */
  {
    g_autoptr(GPtrArray) before = sb_drill_get_queue (f->store, T0);
    SbQuestion *drilled = before->pdata[0];

    g_assert_false (drill (f->store, drilled, NULL, 10, T0 - 3 * DAY));  /* a miss, due two days ago */
    queue = sb_drill_get_queue (f->store, T0);
    g_assert_true (queue->pdata[0] == drilled);                        /* due: first */
    g_clear_pointer (&queue, g_ptr_array_unref);
    queue = sb_drill_get_queue (f->store, T0 - 3 * DAY + 60);           /* not due yet: last */
    g_assert_true (queue->pdata[queue->len - 1] == drilled);
    g_clear_pointer (&queue, g_ptr_array_unref);
  }

  /* Done: the bank's own order again. */
  g_assert_true (sb_store_set_application_status (f->store, application, SB_APPLICATION_STATUS_DONE, &error));
  g_assert_no_error (error);
  queue = sb_drill_get_queue (f->store, T0 - 3 * DAY + 60);
  g_assert_true (queue->pdata[0] != last);
}

static void
test_hidden_question (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(SbQuestion) question = g_object_ref (question_at (f->store, 0));
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  guint n_questions = g_list_model_get_n_items (sb_store_get_questions (f->store));

  g_assert_true (sb_question_get_builtin (question));
  g_assert_false (drill (f->store, question, NULL, 10, T0 - 5 * DAY));
  g_assert_cmpuint (sb_drill_count_due (f->store, T0), ==, 1);

  g_assert_true (sb_store_delete_question (f->store, question, &error));
  g_assert_no_error (error);

  queue = sb_drill_get_queue (f->store, T0);
  g_assert_cmpuint (queue->len, ==, n_questions - 1);
  g_assert_false (g_ptr_array_find (queue, question, NULL));
  g_assert_cmpuint (sb_drill_count_due (f->store, T0), ==, 0);

  /* Hidden, not forgotten: the drill stays in the log (an export keeps it),
   * and the question's text is still there to show in a history. */
  log = sb_drill_get_log (f->store);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (g_array_index (log, SbDrill, 0).question_slug, ==, slug);
  g_assert_nonnull (g_array_index (log, SbDrill, 0).question_text);

  /* A hidden question is drilled no more. */
  g_assert_false (sb_drill_log (f->store, question, NULL, 3, T0, NULL, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_assert_cmpuint (count_drill_rows (f->store, "1"), ==, 1);
}

/* ---- deleting a story ----------------------------------------------- */

static void
test_deleted_story (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbQuestion *question = question_at (f->store, 0);
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  g_autoptr(SbStory) kept = g_object_ref (story);
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (story));
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(GArray) log = NULL;
  g_autoptr(GArray) story_log = NULL;
  SbDrillStats before, after;
  SbStory *back = NULL;

  link_question (f->store, story, question);
  g_assert_true (drill (f->store, question, story, 3, T0));
  g_assert_false (drill (f->store, question, story, 14, T0 + DAY));
  sb_drill_get_stats (f->store, question, &before);

  deleted = sb_store_delete_story (f->store, story, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);

  /* The drills stay, with no pick, and the schedule does not change. */
  log = sb_drill_get_log (f->store);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_null (g_array_index (log, SbDrill, 0).story_uuid);
  g_assert_true (g_array_index (log, SbDrill, 0).hit);
  g_assert_null (g_array_index (log, SbDrill, 1).story_uuid);
  g_assert_cmpuint (count_drill_rows (f->store, "story_id IS NULL"), ==, 2);
  sb_drill_get_stats (f->store, question, &after);
  g_assert_cmpint (after.due_at, ==, before.due_at);
  g_assert_cmpuint (after.n_hits, ==, before.n_hits);
  g_clear_pointer (&log, g_array_unref);

  /* Undo brings the picks back with the story. */
  g_assert_true (sb_store_undo (f->store, &back, &error));
  g_assert_no_error (error);
  g_assert_true (back == kept);
  story_log = sb_drill_get_story_log (f->store, back);
  g_assert_cmpuint (story_log->len, ==, 2);
  g_assert_cmpstr (g_array_index (story_log, SbDrill, 0).story_uuid, ==, uuid);
  g_assert_cmpstr (g_array_index (story_log, SbDrill, 0).question_slug, ==, sb_question_get_slug (question));
  g_assert_cmpstr (g_array_index (story_log, SbDrill, 0).question_text, ==, sb_question_get_text (question));
  g_assert_true (g_array_index (story_log, SbDrill, 0).hit);
  g_assert_false (g_array_index (story_log, SbDrill, 1).hit);
  g_assert_cmpuint (g_array_index (story_log, SbDrill, 1).seconds, ==, 14);
  g_assert_cmpuint (count_drill_rows (f->store, "story_id IS NULL"), ==, 0);

  /* Redo deletes it again, and the picks go again; undo once more, and
   * the snapshot the redo took brings them back too. */
  g_assert_true (sb_store_redo (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_drill_rows (f->store, "story_id IS NULL"), ==, 2);
  g_assert_true (sb_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_drill_rows (f->store, "story_id IS NULL"), ==, 0);

  /* The snapshot the caller holds restores it too (after another delete). */
  {
    g_autoptr(SbDeletedStory) again = sb_store_delete_story (f->store, kept, &error);

    g_assert_no_error (error);
    g_assert_nonnull (sb_store_restore_story (f->store, again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_drill_rows (f->store, "story_id IS NULL"), ==, 0);
  }
}

/* ---- refusals ------------------------------------------------------- */

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbQuestion *question = question_at (f->store, 0);
  g_autoptr(SbStory) unsaved = sb_story_new ();
  gboolean hit = TRUE;

  sb_story_set_field (unsaved, SB_STORY_FIELD_TITLE, "Not in the bank");
  g_assert_false (sb_drill_log (f->store, question, unsaved, 3, T0, &hit, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Not in the bank"));
  g_assert_false (hit);
  g_clear_error (&error);

  g_assert_false (sb_drill_log (f->store, question, NULL, SB_DRILL_MAX_SECONDS + 1, T0, NULL, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sb_drill_log (f->store, question, NULL, 3, -5, NULL, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "-5"));
  g_clear_error (&error);

  g_assert_cmpuint (count_drill_rows (f->store, "1"), ==, 0);

  /* Then a good one goes in (a refusal leaves nothing stuck). */
  g_assert_true (sb_drill_log (f->store, question, NULL, 3, 0, &hit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_drill_rows (f->store, "1"), ==, 1);
  /* 0 is now */
  g_assert_cmpuint (count_drill_rows (f->store, "drilled_at > 1700000000"), ==, 1);
}

static void
test_story_of_another_bank (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = sb_test_dir_file (f->dir, "other.sqlite3");
  g_autoptr(SbStore) other = sb_store_open (other_path, &error);
  SbStory *stranger;

  g_assert_no_error (error);
  stranger = add_story (other, "Elsewhere", "I did it there.", NULL);
  g_assert_false (sb_drill_log (f->store, question_at (f->store, 0), stranger, 3, T0, NULL, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_assert_cmpuint (count_drill_rows (f->store, "1"), ==, 0);
}

/* ---- two stores, one file ------------------------------------------- */

static void
test_two_stores (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) second = sb_store_open (f->path, &error);
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  SbQuestion *question = question_at (f->store, 0);
  SbQuestion *there;
  SbStory *story_there;
  SbDrillStats stats;

  g_assert_no_error (error);
  link_question (f->store, story, question);
  g_assert_true (drill (f->store, question, story, 3, T0));

  /* The other store folds the same log: nothing to keep in step. */
  g_assert_true (sb_store_sync (second, &error));
  g_assert_no_error (error);
  there = sb_store_find_question (second, sb_question_get_slug (question));
  story_there = sb_store_find_story (second, sb_story_get_uuid (story));
  g_assert_nonnull (story_there);
  sb_drill_get_stats (second, there, &stats);
  g_assert_cmpuint (stats.n_drills, ==, 1);
  g_assert_cmpint (stats.due_at, ==, T0 + SB_DRILL_FIRST_INTERVAL * DAY);

  /* A miss logged there is seen here. */
  g_assert_false (drill (second, there, NULL, 10, T0 + SB_DRILL_FIRST_INTERVAL * DAY));
  sb_drill_get_stats (f->store, question, &stats);
  g_assert_cmpuint (stats.n_drills, ==, 2);
  g_assert_cmpuint (stats.interval_days, ==, 1);
  g_assert_cmpuint (sb_drill_count_due (f->store, T0 + 10 * DAY), ==, 1);
  {
    g_autoptr(GArray) log = sb_drill_get_story_log (second, story_there);
    g_assert_cmpuint (log->len, ==, 1);
  }
}

/* ---- the store says so ---------------------------------------------- */

static void
count_cb (SbStore *store,
          guint   *n)
{
  (*n)++;
}

static void
test_practice_logged_signal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  guint n = 0;

  g_signal_connect (f->store, "practice-logged", G_CALLBACK (count_cb), &n);
  drill (f->store, question_at (f->store, 0), story, 3, T0);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (sb_practice_log (f->store, story, NULL, 100, SB_RATING_OKAY, T0, &error));
  g_assert_cmpuint (n, ==, 2);
  /* A refusal says nothing. */
  g_assert_false (sb_drill_log (f->store, question_at (f->store, 0), NULL, 3, -1, NULL, &error));
  g_assert_cmpuint (n, ==, 2);
  g_signal_handlers_disconnect_by_func (f->store, count_cb, &n);
}

/* ---- carried over from an export -------------------------------------- */

static void
test_add_and_has (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  g_autoptr(SbQuestion) hidden = g_object_ref (question_at (f->store, 1));
  SbDrill drill_in = {
    .drilled_at = 0,
    .seconds = 7,
    .hit = TRUE,
    .question_slug = (char *) sb_question_get_slug (hidden),
    .story_uuid = (char *) sb_story_get_uuid (story),
  };
  g_autoptr(GArray) log = NULL;

  g_assert_true (sb_store_delete_question (f->store, hidden, &error));
  g_assert_no_error (error);

  g_assert_false (sb_drill_has (f->store, drill_in.question_slug, 0, 7, &error));
  g_assert_no_error (error);
  /* A hidden question's drill is taken, at 1970 as given, hit as given. */
  g_assert_true (sb_drill_add (f->store, &drill_in, &error));
  g_assert_no_error (error);
  g_assert_true (sb_drill_has (f->store, drill_in.question_slug, 0, 7, &error));
  g_assert_false (sb_drill_has (f->store, drill_in.question_slug, 0, 8, &error));
  log = sb_drill_get_log (f->store);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpint (g_array_index (log, SbDrill, 0).drilled_at, ==, 0);
  g_assert_true (g_array_index (log, SbDrill, 0).hit);
  g_assert_cmpstr (g_array_index (log, SbDrill, 0).story_uuid, ==, sb_story_get_uuid (story));

  /* An unknown question or story is refused by name. */
  drill_in.question_slug = (char *) "q-no-such-question";
  g_assert_false (sb_drill_add (f->store, &drill_in, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "q-no-such-question"));
  g_clear_error (&error);
  drill_in.question_slug = (char *) sb_question_get_slug (question_at (f->store, 0));
  drill_in.story_uuid = (char *) "0b7c1c7e-6f6e-4b4e-9a55-000000000000";
  g_assert_false (sb_drill_add (f->store, &drill_in, &error));
  g_assert_error (error, SB_DRILL_ERROR, SB_DRILL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "0b7c1c7e"));
  g_assert_cmpuint (count_drill_rows (f->store, "1"), ==, 1);
}

/* ---- export and import ---------------------------------------------- */

#define HEAD "{\"format\":\"storybank\",\"version\":1,"
#define UUID_A "0b7e8c9a-3f4d-4a5b-9c6d-7e8f9a0b1c2d"

static char *
log_signature (SbStore *store)
{
  g_autoptr(GArray) log = sb_drill_get_log (store);
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < log->len; i++)
    {
      SbDrill *d = &g_array_index (log, SbDrill, i);
      g_string_append_printf (signature, "%s/%s/%" G_GINT64_FORMAT "/%u/%d;", d->question_slug,
                              d->story_uuid != NULL ? d->story_uuid : "-", d->drilled_at, d->seconds, d->hit);
    }
  return g_string_free (signature, FALSE);
}

static void
test_exchange_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = sb_test_dir_file (f->dir, "other.sqlite3");
  g_autoptr(SbStore) other = NULL;
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  SbQuestion *question = question_at (f->store, 0);
  g_autoptr(SbQuestion) hidden = g_object_ref (question_at (f->store, 1));
  g_autofree char *json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  SbImportSummary summary = { 0, };

  link_question (f->store, story, question);
  g_assert_true (drill (f->store, question, story, 4, T0));
  g_assert_false (drill (f->store, question, NULL, 10, T0 + DAY));
  g_assert_false (drill (f->store, hidden, story, 12, T0 + 2 * DAY));
  g_assert_true (sb_store_delete_question (f->store, hidden, &error));
  g_assert_no_error (error);

  json = sb_exchange_export_json (f->store, NULL);
  g_assert_nonnull (strstr (json, "\"drills\" : ["));
  g_assert_nonnull (strstr (json, "\"story\" : null"));
  g_assert_nonnull (strstr (json, "\"hit\" : true"));
  before = log_signature (f->store);

  /* Into a fresh bank that has hidden the same question: all three come
   * over, the hidden question's too, with the same schedule. */
  other = sb_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_delete_question (other, sb_store_find_question (other, sb_question_get_slug (hidden)),
                                           &error));
  g_assert_true (sb_exchange_import_json (other, json, -1, "bank.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.drills_added, ==, 3);
  after = log_signature (other);
  g_assert_cmpstr (after, ==, before);
  {
    SbDrillStats here, there;

    sb_drill_get_stats (f->store, question, &here);
    sb_drill_get_stats (other, sb_store_find_question (other, sb_question_get_slug (question)), &there);
    g_assert_cmpint (here.due_at, ==, there.due_at);
    g_assert_cmpuint (here.n_hits, ==, there.n_hits);
  }

  /* The same file again adds nothing. */
  g_assert_true (sb_exchange_import_json (other, json, -1, "bank.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.drills_added, ==, 0);
  again = log_signature (other);
  g_assert_cmpstr (again, ==, before);

  /* And back into the first bank: nothing new there either. */
  g_assert_true (sb_exchange_import_json (f->store, json, -1, "bank.json", &summary, &error));
  g_assert_cmpuint (summary.drills_added, ==, 0);
}

static void
test_exchange_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sb_exchange_export_json (f->store, NULL);
  SbImportSummary summary = { 0, };

  /* Always written, so every file looks the same; and a file without it
   * (an older export) reads as before. */
  g_assert_nonnull (strstr (json, "\"drills\" : []"));
  g_assert_true (sb_exchange_import_json (f->store, HEAD "\"stories\":[]}", -1, "old.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.drills_added, ==, 0);
}

typedef struct
{
  const char *name;
  const char *json;
  const char *where;
  const char *what;
} BadDrill;

static const BadDrill bad_drills[] = {
  { "not-array", HEAD "\"drills\":{}}", "drills: ", "expected an array" },
  { "not-object", HEAD "\"drills\":[3]}", "drills[0]: ", "expected an object" },
  { "unknown-member", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":3,\"hit\":true,\"pick\":null}]}", "drills[0].pick: ", "not a field" },
  { "no-question", HEAD "\"drills\":[{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":3,\"hit\":true}]}",
    "drills[0]: ", "no “question”" },
  { "unknown-question", HEAD "\"drills\":[{\"question\":\"q-nope\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":3,\"hit\":true}]}", "drills[0].question: ", "no question “q-nope”" },
  { "unknown-story", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"story\":\"" UUID_A "\","
    "\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":3,\"hit\":true}]}", "drills[0].story: ", UUID_A },
  { "story-not-uuid", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"story\":\"Outage\","
    "\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":3,\"hit\":true}]}", "drills[0].story: ", "not a valid story id" },
  { "story-number", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"story\":4,"
    "\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":3,\"hit\":true}]}", "drills[0].story: ", "found a number" },
  { "bad-at", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"yesterday\","
    "\"seconds\":3,\"hit\":true}]}", "drills[0].at: ", "“yesterday”" },
  { "before-1970", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"1969-12-31T23:59:59Z\","
    "\"seconds\":3,\"hit\":true}]}", "drills[0].at: ", "1970" },
  { "no-seconds", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"hit\":true}]}", "drills[0]: ", "“seconds”" },
  { "too-long", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":3,\"hit\":true},\n{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":4000,\"hit\":false}]}", "drills.json:2:73: drills[1].seconds: ", "4000 seconds" },
  { "fractional-seconds", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":2.5,\"hit\":true}]}", "drills[0].seconds: ", "whole number" },
  { "no-hit", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":3}]}", "drills[0]: ", "“hit”" },
  { "hit-string", HEAD "\"drills\":[{\"question\":\"q-production-outage\",\"at\":\"2024-03-01T09:30:00Z\","
    "\"seconds\":3,\"hit\":\"yes\"}]}", "drills[0].hit: ", "true or false" },
};

static void
test_exchange_refusals (Fixture *f, gconstpointer data)
{
  /* Each bad file changes nothing, not even the story it also carries. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_drills); i++)
    {
      const BadDrill *bad = &bad_drills[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) json = g_string_new (bad->json);

      g_test_message ("%s", bad->name);
      /* The story goes in at the front, after HEAD. */
      g_string_insert (json, strlen (HEAD), "\"stories\":[{\"title\":\"Smuggled\"}],");
      g_assert_false (sb_exchange_import_json (f->store, json->str, -1, "drills.json", NULL, &error));
      g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID);
      if (strstr (error->message, bad->where) == NULL || strstr (error->message, bad->what) == NULL)
        g_error ("%s: “%s” lacks “%s” or “%s”", bad->name, error->message, bad->where, bad->what);
      g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 0);
      g_assert_cmpuint (count_drill_rows (f->store, "1"), ==, 0);
    }
}

static void
test_exchange_story_of_the_file (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbImportSummary summary = { 0, };
  g_autoptr(GArray) log = NULL;
  SbStory *story;

  /* A pick may be a story the file brings; a question the file lists as
   * deleted that this bank never had drops the drill, not the file. */
  g_assert_true (sb_exchange_import_json (f->store,
    HEAD "\"deleted_questions\":[\"q-from-a-newer-catalog\"],"
    "\"stories\":[{\"uuid\":\"" UUID_A "\",\"title\":\"Outage\"}],"
    "\"drills\":[{\"question\":\"q-production-outage\",\"story\":\"" UUID_A "\","
    "\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":3,\"hit\":true},"
    "{\"question\":\"q-from-a-newer-catalog\",\"story\":null,\"at\":\"2024-03-02T09:30:00Z\","
    "\"seconds\":10,\"hit\":false}]}", -1, "drills.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.drills_added, ==, 1);
  story = sb_store_find_story (f->store, UUID_A);
  g_assert_nonnull (story);
  log = sb_drill_get_story_log (f->store, story);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpint (g_array_index (log, SbDrill, 0).drilled_at, ==, 1709285400);
  g_assert_true (g_array_index (log, SbDrill, 0).hit);
}

/* The command line's import says how many drills it added. */
static void
test_exchange_cli (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = sb_test_dir_file (f->dir, "bank.json");
  g_autofree char *other = sb_test_dir_file (f->dir, "other.sqlite3");
  g_autofree char *database = g_strconcat ("--database=", other, NULL);
  g_autofree char *import = g_strconcat ("--import=", file, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("STORYBANK_BIN"), database, import, NULL };
  SbStory *story = add_story (f->store, "Checkout outage", "I rolled back.", NULL);
  int wait_status;

  g_assert_nonnull (argv[0]);
  drill (f->store, question_at (f->store, 0), story, 3, T0);
  drill (f->store, question_at (f->store, 1), NULL, 10, T0);
  g_assert_true (sb_exchange_export_json_file (f->store, file, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (out, "; 2 “Which story?” drills added"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/drill/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("hit-rule", test_hit_rule);
  ADD ("schedule", test_schedule);
  ADD ("queue-order", test_queue_order);
  ADD ("queue-follows-application", test_queue_follows_application);
  ADD ("hidden-question", test_hidden_question);
  ADD ("deleted-story", test_deleted_story);
  ADD ("refusals", test_refusals);
  ADD ("story-of-another-bank", test_story_of_another_bank);
  ADD ("two-stores", test_two_stores);
  ADD ("practice-logged-signal", test_practice_logged_signal);
  ADD ("add-and-has", test_add_and_has);
  ADD ("exchange-round-trip", test_exchange_round_trip);
  ADD ("exchange-empty", test_exchange_empty);
  ADD ("exchange-refusals", test_exchange_refusals);
  ADD ("exchange-story-of-the-file", test_exchange_story_of_the_file);
  ADD ("exchange-cli", test_exchange_cli);

#undef ADD

  return g_test_run ();
}
