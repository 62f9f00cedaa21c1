/* test-coach.c — story suggestions for a question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-coach.h"
#include "sb-exchange.h"
#include "sb-test-util.h"

static SbStore *
open_bank (SbTestDir *dir)
{
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static SbStory *
add_story (SbStore    *store,
           const char *title,
           const char *situation,
           const char *action)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_SITUATION, situation);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  g_assert_true (sb_store_save_story (store, story, &error));
  return story;
}

static void
link_theme (SbStore    *store,
            SbStory    *story,
            const char *slug,
            SbStrength  strength)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_set_story_theme (store, story, slug, strength, &error));
  g_assert_no_error (error);
}

static SbQuestion *
add_question (SbStore *store)
{
  const char *themes[] = { "core-data-migration", "lp-dive-deep", NULL };
  g_autoptr(GError) error = NULL;
  SbQuestion *question =
    sb_store_add_question (store, "Tell me about a database migration that went wrong.",
                           "Did they plan a rollback, and what did the failure teach them?",
                           themes, &error);

  g_assert_no_error (error);
  return question;
}

static gssize
position_of (GPtrArray *suggestions,
             SbStory   *story)
{
  for (guint i = 0; i < suggestions->len; i++)
    if (((SbSuggestion *) suggestions->pdata[i])->story == story)
      return i;
  return -1;
}

static void
test_ranking (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GError) error = NULL;
  SbQuestion *question = add_question (store);
  const char *migration_name = sb_theme_get_name (sb_store_find_theme (store, "core-data-migration"));
  const char *dive_name = sb_theme_get_name (sb_store_find_theme (store, "lp-dive-deep"));
  SbStory *linked_primary, *linked_secondary, *words_only, *unrelated, *chosen, *both;
  SbSuggestion *first;

  linked_primary = add_story (store, "Ledger cut-over", "Two ledgers had to become one.", "I wrote the plan.");
  link_theme (store, linked_primary, "core-data-migration", SB_STRENGTH_PRIMARY);

  linked_secondary = add_story (store, "Billing investigation", "Invoices were off by a cent.", "I traced it.");
  link_theme (store, linked_secondary, "lp-dive-deep", SB_STRENGTH_SECONDARY);

  /* Matches many words of the question, but no theme. */
  words_only = add_story (store, "Schema change",
                          "We migrated the orders database to a new schema and it failed halfway.",
                          "I planned the rollback, ran it, and we learned to rehearse migrations.");
  sb_story_set_status (words_only, SB_STORY_STATUS_READY);
  g_assert_true (sb_store_save_story (store, words_only, &error));

  unrelated = add_story (store, "Team offsite", "We needed an offsite.", "I booked a venue.");
  sb_story_set_status (unrelated, SB_STORY_STATUS_READY);
  g_assert_true (sb_store_save_story (store, unrelated, &error));

  /* Already the person's answer to this question: left out. */
  chosen = add_story (store, "Chosen answer", "A database migration went wrong.", "I rolled back.");
  link_theme (store, chosen, "core-data-migration", SB_STRENGTH_PRIMARY);
  g_assert_true (sb_store_set_story_question (store, chosen, sb_question_get_slug (question), TRUE, &error));
  g_assert_no_error (error);

  both = add_story (store, "Queue migration", "Moving the job queue to a new database.", "I wrote a rollback.");
  link_theme (store, both, "core-data-migration", SB_STRENGTH_PRIMARY);
  link_theme (store, both, "lp-dive-deep", SB_STRENGTH_SECONDARY);

  suggestions = sb_coach_suggest_stories (store, question, 0);
  for (guint i = 0; i < suggestions->len; i++)
    {
      SbSuggestion *s = suggestions->pdata[i];
      g_test_message ("%.1f  %s — %s", s->score, sb_story_get_title (s->story), s->reason);
      g_assert_cmpfloat (s->score, >, 0);
      if (i > 0)
        g_assert_cmpfloat (s->score, <=, ((SbSuggestion *) suggestions->pdata[i - 1])->score);
    }

  g_assert_cmpint (position_of (suggestions, chosen), ==, -1);
  g_assert_cmpint (position_of (suggestions, unrelated), ==, -1);   /* ready alone is no reason */
  g_assert_cmpuint (suggestions->len, ==, 4);

  /* Both themes beat one; a primary link beats the best text match; a text
   * match this strong (four words, and ready) beats a lone secondary link. */
  g_assert_cmpint (position_of (suggestions, both), ==, 0);
  g_assert_cmpint (position_of (suggestions, linked_primary), ==, 1);
  g_assert_cmpint (position_of (suggestions, words_only), ==, 2);
  g_assert_cmpint (position_of (suggestions, linked_secondary), ==, 3);

  first = suggestions->pdata[0];
  g_assert_nonnull (strstr (first->reason, migration_name));
  g_assert_nonnull (strstr (first->reason, "(primary)"));
  g_assert_nonnull (strstr (first->reason, dive_name));
  g_assert_nonnull (strstr (first->reason, "“rollback”"));
  g_assert_null (strchr (first->reason, '\n'));

  {
    SbSuggestion *words = suggestions->pdata[2];
    g_assert_true (g_str_has_prefix (words->reason, "Mentions "));
    g_assert_nonnull (strstr (words->reason, "“database”"));
    g_assert_nonnull (strstr (words->reason, "“migration”"));   /* found as "migrated" */
    g_assert_null (strstr (words->reason, migration_name));
  }
  {
    SbSuggestion *secondary = suggestions->pdata[3];
    g_assert_true (g_str_has_prefix (secondary->reason, "Covers "));
    g_assert_nonnull (strstr (secondary->reason, dive_name));
    g_assert_null (strstr (secondary->reason, "(primary)"));
  }

  limited = sb_coach_suggest_stories (store, question, 2);
  g_assert_cmpuint (limited->len, ==, 2);
  g_assert_true (((SbSuggestion *) limited->pdata[0])->story == both);
}

/* Words most of the bank shares do not make a suggestion, one shared word
 * alone is chance, and the listen-for notes weigh less than the question. */
static void
test_common_words_ignored (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  const char *themes[] = { "core-proud-project", NULL };
  SbQuestion *question;
  SbStory *rare_words, *common_words, *one_word, *notes_only;

  question = sb_store_add_question (store, "Tell me about a production outage you debugged.",
                                    "Which alerts fired, and how was the rollback decided?",
                                    themes, &error);
  g_assert_no_error (error);

  rare_words = add_story (store, "Checkout outage", "Production alerts fired at night.",
                          "I debugged the outage from the slow-query log.");
  common_words = add_story (store, "Cost review", "Production alerts cost money.", "I trimmed instances.");
  one_word = add_story (store, "Queue outage", "Production alerts were noisy.", "I tuned the queue.");
  add_story (store, "Hiring", "Production alerts woke the new hires.", "I wrote a runbook.");
  add_story (store, "Offsite", "Nothing to do with production alerts.", "I booked a venue.");
  /* Three words of what the interviewer listens for, none of the question. */
  notes_only = add_story (store, "Release drill", "The canary fired twice.", "I decided on a rollback.");

  suggestions = sb_coach_suggest_stories (store, question, 0);
  for (guint i = 0; i < suggestions->len; i++)
    g_test_message ("%s — %s", sb_story_get_title (((SbSuggestion *) suggestions->pdata[i])->story),
                    ((SbSuggestion *) suggestions->pdata[i])->reason);

  g_assert_cmpuint (suggestions->len, ==, 1);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == rare_words);
  g_assert_nonnull (strstr (((SbSuggestion *) suggestions->pdata[0])->reason, "“outage”"));
  /* "production" and "alerts" are in every story: not a reason. */
  g_assert_null (strstr (((SbSuggestion *) suggestions->pdata[0])->reason, "“production”"));
  g_assert_cmpint (position_of (suggestions, common_words), ==, -1);
  g_assert_cmpint (position_of (suggestions, one_word), ==, -1);
  g_assert_cmpint (position_of (suggestions, notes_only), ==, -1);
}

static void
test_ties_by_title (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) suggestions = NULL;
  SbQuestion *question = add_question (store);
  SbStory *zebra, *apple;

  zebra = add_story (store, "Zebra", "", "");
  apple = add_story (store, "Apple", "", "");
  link_theme (store, zebra, "core-data-migration", SB_STRENGTH_PRIMARY);
  link_theme (store, apple, "core-data-migration", SB_STRENGTH_PRIMARY);

  suggestions = sb_coach_suggest_stories (store, question, 0);
  g_assert_cmpuint (suggestions->len, ==, 2);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == apple);
  g_assert_true (((SbSuggestion *) suggestions->pdata[1])->story == zebra);
}

static void
test_empty_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) suggestions = NULL;
  GListModel *questions = sb_store_get_questions (store);
  g_autoptr(SbQuestion) question = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (questions), >, 0);
  question = g_list_model_get_item (questions, 0);
  suggestions = sb_coach_suggest_stories (store, question, 5);
  g_assert_nonnull (suggestions);
  g_assert_cmpuint (suggestions->len, ==, 0);
}

/* Called whenever a question is selected: a thousand stories must not lag. */
static void
test_thousand_stories (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GString) json = g_string_new ("{\"format\":\"storybank\",\"version\":1,\"stories\":[");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  SbQuestion *question = add_question (store);
  double seconds;

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (json,
                            "%s{\"title\":\"Story %u\",\"situation\":\"Our service %u had a slow "
                            "database and a long queue of customers waiting for answers.\","
                            "\"action\":\"I measured, found the cause and fixed it with the team, "
                            "then wrote down what we learned for next time.\",\"result\":\"Latency fell by %u%%.\","
                            "\"themes\":[\"%s\"]}",
                            i > 0 ? "," : "", i, i, i % 90,
                            i % 3 == 0 ? "core-data-migration" : "core-scaling-performance");
  g_string_append (json, "]}");
  g_assert_true (sb_exchange_import_json (store, json->str, json->len, "many.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1000);

  timer = g_timer_new ();
  suggestions = sb_coach_suggest_stories (store, question, 10);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("suggestions for 1,000 stories: %.1f ms", seconds * 1000);
  g_assert_cmpuint (suggestions->len, ==, 10);
  /* Generous, to stay reliable on a loaded CI machine; it takes a few ms. */
  g_assert_cmpfloat (seconds, <, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coach/ranking", test_ranking);
  g_test_add_func ("/coach/common-words-ignored", test_common_words_ignored);
  g_test_add_func ("/coach/ties-by-title", test_ties_by_title);
  g_test_add_func ("/coach/empty-bank", test_empty_bank);
  g_test_add_func ("/coach/thousand-stories", test_thousand_stories);
  return g_test_run ();
}
