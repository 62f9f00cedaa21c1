/* test-coach.c — story suggestions for a question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sb-coach.h"
#include "sb-exchange.h"
#include "sb-practice.h"
#include "sb-readiness.h"
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

  /* The core theme as primary, plus a principle, beats the core theme
   * alone; both beat a lone principle and the words of the question; a
   * tie in score goes by title (both are drafts). */
  g_assert_cmpint (position_of (suggestions, both), ==, 0);
  g_assert_cmpint (position_of (suggestions, linked_primary), ==, 1);
  g_assert_cmpint (position_of (suggestions, linked_secondary), ==, 2);
  g_assert_cmpint (position_of (suggestions, words_only), ==, 3);

  first = suggestions->pdata[0];
  {
    g_autofree char *expected = g_strdup_printf ("Primary: %s", migration_name);
    g_assert_cmpstr (first->reason, ==, expected);
    g_assert_cmpstr (((SbSuggestion *) suggestions->pdata[1])->reason, ==, expected);
  }
  {
    g_autofree char *expected = g_strdup_printf ("Shares: %s", dive_name);
    g_assert_cmpstr (((SbSuggestion *) suggestions->pdata[2])->reason, ==, expected);
  }
  /* Words of the question only: "migrated" counts for "migration"; the
   * listen-for note's "rollback" does not. */
  g_assert_cmpstr (((SbSuggestion *) suggestions->pdata[3])->reason, ==,
                   "Mentions “database” and “migration”");

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

  /* The list and the matrix header ask every story's readiness. */
  g_timer_start (timer);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (sb_store_get_stories (store), i);
      g_auto(SbReadiness) readiness = sb_story_get_readiness (store, story);

      g_assert_cmpint (readiness.level, ==, SB_READINESS_DRAFT);
    }
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("readiness of 1,000 stories: %.1f ms", seconds * 1000);
  g_assert_cmpfloat (seconds, <, 1.0);
}

/* The page ranks a slice at a time: the same suggestions, in the same
 * order, as all at once; and a run over a bank that lost stories
 * meanwhile ranks those left without touching the lost. */
static void
test_ranking_in_slices (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GString) json = g_string_new ("{\"format\":\"storybank\",\"version\":1,\"stories\":[");
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) sliced = NULL;
  g_autoptr(GPtrArray) after_delete = NULL;
  g_autoptr(GError) error = NULL;
  SbQuestion *question = add_question (store);
  SbSuggestRun *run;
  guint slices = 0;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (json,
                            "%s{\"title\":\"Story %u\",\"situation\":\"Story %u moved a %s.\","
                            "\"action\":\"I %s the work.\",\"themes\":[\"%s\"]}",
                            i > 0 ? "," : "", i, i, i % 4 == 0 ? "database migration" : "team",
                            i % 5 == 0 ? "dived deep into" : "planned",
                            i % 3 == 0 ? "core-data-migration" : "core-scaling-performance");
  g_string_append (json, "]}");
  g_assert_true (sb_exchange_import_json (store, json->str, json->len, "many.json", NULL, &error));
  g_assert_no_error (error);

  whole = sb_coach_suggest_stories (store, question, 0);
  g_assert_cmpuint (whole->len, >, 10);
  run = sb_coach_suggest_begin (store, question, 0);
  /* A deadline already past: one slice per step. */
  while (!sb_coach_suggest_step (run, 0))
    slices++;
  g_assert_cmpuint (slices, >, 2);
  sliced = sb_coach_suggest_finish (run);
  g_assert_cmpuint (sliced->len, ==, whole->len);
  for (guint i = 0; i < whole->len; i++)
    {
      SbSuggestion *a = whole->pdata[i], *b = sliced->pdata[i];

      g_assert_true (a->story == b->story);
      g_assert_cmpfloat (a->score, ==, b->score);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }

  /* Stories deleted from the end while a run is under way. */
  run = sb_coach_suggest_begin (store, question, 0);
  sb_coach_suggest_step (run, 0);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(SbStory) last = g_list_model_get_item (sb_store_get_stories (store),
                                                       sb_store_get_n_stories (store) - 1);
      g_autoptr(SbDeletedStory) deleted = sb_store_delete_story (store, last, &error);

      g_assert_no_error (error);
    }
  after_delete = sb_coach_suggest_finish (run);
  for (guint i = 0; i < after_delete->len; i++)
    {
      SbSuggestion *suggestion = after_delete->pdata[i];

      g_assert_nonnull (sb_store_find_story (store, sb_story_get_uuid (suggestion->story)));
    }
}

/* A clean, strong story of the labelled set (tests/data/coach/stories.json)
 * written into @story. */
static void
fill_strong_story (SbStore    *store,
                   SbStory    *story,
                   const char *id)
{
  g_autofree char *path = sb_test_data_path ("coach/stories.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *clean;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  clean = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "clean");
  for (guint i = 0; i < json_array_get_length (clean); i++)
    {
      JsonObject *entry = json_array_get_object_element (clean, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "id"), id) != 0)
        continue;
      for (SbStoryField f = SB_STORY_FIELD_SITUATION; f <= SB_STORY_FIELD_LEARNING; f++)
        sb_story_set_field (story, f, json_object_get_string_member (entry, sb_story_field_to_string (f)));
      g_assert_true (sb_store_save_story (store, story, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_not_reached ();
}

/* Draft → needs work → ready, each step for the reason the header gives. */
static void
test_readiness_levels (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GError) error = NULL;
  SbStory *story = add_story (store, "Ledger", "", "");

  {
    g_auto(SbReadiness) r = sb_story_get_readiness (store, story);
    g_assert_cmpint (r.level, ==, SB_READINESS_DRAFT);
    g_assert_cmpstr (r.label, ==, "Draft");
    g_assert_cmpstr (r.reason, ==, "5 sections still to write");
    g_assert_cmpuint (r.n_empty_sections, ==, 5);
    g_assert_false (sb_readiness_allows_ready_status (store, story));
  }

  fill_strong_story (store, story, "ledger-migration");
  {
    g_auto(SbReadiness) r = sb_story_get_readiness (store, story);
    g_assert_cmpint (r.level, ==, SB_READINESS_NEEDS_WORK);
    g_assert_cmpstr (r.label, ==, "Needs work");
    g_assert_cmpstr (r.reason, ==, "Link it to a theme, so it comes up for the right questions");
    g_assert_cmpuint (r.n_problems + r.n_warnings + r.n_hints, ==, 0);
    g_assert_true (sb_readiness_allows_ready_status (store, story));
  }

  link_theme (store, story, "core-data-migration", SB_STRENGTH_PRIMARY);
  {
    g_auto(SbReadiness) r = sb_story_get_readiness (store, story);
    g_assert_cmpint (r.level, ==, SB_READINESS_NEEDS_WORK);
    g_assert_cmpstr (r.reason, ==, "Never rehearsed: tell it once against the clock");
    g_assert_cmpuint (r.n_themes, ==, 1);
  }

  g_assert_true (sb_practice_log (store, story, NULL, 105, SB_RATING_OKAY, 0, &error));
  g_assert_no_error (error);
  {
    g_auto(SbReadiness) r = sb_story_get_readiness (store, story);
    g_assert_cmpint (r.level, ==, SB_READINESS_READY);
    g_assert_cmpstr (r.label, ==, "Ready");
    g_assert_cmpstr (r.reason, ==, "Complete and rehearsed 1 time");
  }

  /* One warning: its own message is the reason. */
  {
    g_autofree char *result = g_strconcat (sb_story_get_result (story), " It got better.", NULL);
    sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
  }
  {
    g_auto(SbReadiness) r = sb_story_get_readiness (store, story);
    g_assert_cmpint (r.level, ==, SB_READINESS_NEEDS_WORK);
    g_assert_cmpuint (r.n_warnings, ==, 1);
    g_assert_nonnull (strstr (r.reason, "“It got better”"));
  }

  /* An Action too thin to tell is a problem: back to draft, and it may not
   * be marked ready. */
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I migrated it.");
  {
    g_auto(SbReadiness) r = sb_story_get_readiness (store, story);
    g_assert_cmpint (r.level, ==, SB_READINESS_DRAFT);
    g_assert_cmpuint (r.n_problems, ==, 1);
    g_assert_false (sb_readiness_allows_ready_status (store, story));
  }
}

/* The hero hint follows the store's links: linking a theme about others
 * brings it, for the same text. */
static void
test_check_in_store_follows_links (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  SbStory *story = add_story (store, "Solo", "", "");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  fill_strong_story (store, story, "stale-prices");
  sb_story_set_field (story, SB_STORY_FIELD_ACTION,
                      "I rolled the change back within 20 minutes, replayed the updates on a staging copy "
                      "until the stale entries came back, traced the fault to a race in the invalidation path, "
                      "added a version number to every cache entry and wrote a test that fires a thousand "
                      "parallel updates, then wrote the postmortem.");
  before = sb_story_check_in_store (store, story);
  g_assert_null (sb_findings_find (before, "hero-story"));
  link_theme (store, story, "core-cross-team", SB_STRENGTH_SECONDARY);
  after = sb_story_check_in_store (store, story);
  g_assert_nonnull (sb_findings_find (after, "hero-story"));
}

/* A story whose primary theme is the question's core theme ranks above one
 * that shares every other theme of the question and its words. */
static void
test_core_theme_first (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) suggestions = NULL;
  SbQuestion *question = sb_store_find_question (store, "q-production-outage");
  const char * const *themes;
  SbStory *core, *principles, *core_secondary;

  g_assert_nonnull (question);
  themes = sb_question_get_theme_slugs (question);
  g_assert_cmpstr (themes[0], ==, "core-production-incident");

  core = add_story (store, "Core", "Payments went down.", "I rolled back.");
  link_theme (store, core, "core-production-incident", SB_STRENGTH_PRIMARY);

  principles = add_story (store, "Principles", "A production outage that I debugged.", "I debugged the outage.");
  for (guint i = 1; themes[i] != NULL; i++)
    link_theme (store, principles, themes[i], SB_STRENGTH_PRIMARY);
  link_theme (store, principles, "core-scaling-performance", SB_STRENGTH_PRIMARY);

  core_secondary = add_story (store, "Core secondary", "Search slowed down.", "I added a cache.");
  link_theme (store, core_secondary, "core-production-incident", SB_STRENGTH_SECONDARY);
  link_theme (store, core_secondary, "core-scaling-performance", SB_STRENGTH_PRIMARY);

  suggestions = sb_coach_suggest_stories (store, question, 0);
  for (guint i = 0; i < suggestions->len; i++)
    g_test_message ("%.1f  %s — %s", ((SbSuggestion *) suggestions->pdata[i])->score,
                    sb_story_get_title (((SbSuggestion *) suggestions->pdata[i])->story),
                    ((SbSuggestion *) suggestions->pdata[i])->reason);
  g_assert_cmpuint (suggestions->len, ==, 3);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == core);
  g_assert_cmpstr (((SbSuggestion *) suggestions->pdata[0])->reason, ==,
                   "Primary: Production incident and debugging");
  g_assert_true (((SbSuggestion *) suggestions->pdata[1])->story == principles);
  {
    /* At most two themes, in the question's order. */
    g_autofree char *expected = g_strdup_printf ("Shares: %s and %s",
                                                 sb_theme_get_name (sb_store_find_theme (store, themes[1])),
                                                 sb_theme_get_name (sb_store_find_theme (store, themes[2])));
    g_assert_cmpstr (((SbSuggestion *) suggestions->pdata[1])->reason, ==, expected);
  }
  g_assert_true (((SbSuggestion *) suggestions->pdata[2])->story == core_secondary);
  g_assert_cmpstr (((SbSuggestion *) suggestions->pdata[2])->reason, ==,
                   "Secondary: Production incident and debugging");
}

/* Equal scores: the readier story first, whatever its title. */
static void
test_readiness_breaks_ties (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  SbQuestion *question = add_question (store);
  SbStory *draft, *ready;

  draft = add_story (store, "Alpha", "", "");
  ready = add_story (store, "Zulu", "", "");
  fill_strong_story (store, ready, "ledger-migration");
  link_theme (store, draft, "core-data-migration", SB_STRENGTH_PRIMARY);
  link_theme (store, ready, "core-data-migration", SB_STRENGTH_PRIMARY);
  g_assert_true (sb_practice_log (store, ready, NULL, 110, SB_RATING_NAILED, 0, &error));

  suggestions = sb_coach_suggest_stories (store, question, 0);
  g_assert_cmpuint (suggestions->len, ==, 2);
  /* The ready story's text shares "migration" and "database": the score
   * may differ by words, so compare the themes alone first. */
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == ready);
  g_assert_cmpint (((SbSuggestion *) suggestions->pdata[0])->readiness, ==, SB_READINESS_READY);
  g_assert_cmpint (((SbSuggestion *) suggestions->pdata[1])->readiness, ==, SB_READINESS_DRAFT);

  /* Same text for both: the tie is broken by readiness alone. */
  fill_strong_story (store, draft, "ledger-migration");
  sb_story_set_field (draft, SB_STORY_FIELD_LEARNING, "");
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = sb_coach_suggest_stories (store, question, 0);
  g_assert_cmpfloat (((SbSuggestion *) suggestions->pdata[0])->score, ==,
                     ((SbSuggestion *) suggestions->pdata[1])->score);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == ready);
}

/* A fixed bank whose texts try the matching's corners: case, words at the
 * start of a field, in the title and the notes, only on the cue card (not
 * counted), split across two fields, accents, Greek, the Kelvin sign, a
 * dotted capital I, typographic apostrophes. Every suggestion (story,
 * score, reason) for a few questions and a requirement's text is pinned:
 * the coach's internals may change, what it suggests may not. */
typedef struct
{
  const char *title;
  const char *fields[SB_STORY_N_FIELDS - 1];   /* after the title, in field order */
  const char *theme;
  SbStrength  strength;
} PinnedStory;

static const PinnedStory pinned_stories[] = {
  { "Ledger cut-over", { "Two ledgers had to become one.", "", "I wrote the plan.", "", "", "" },
    "core-data-migration", SB_STRENGTH_PRIMARY },
  { "SCHEMA CHANGE", { "WE MIGRATED THE ORDERS DATABASE AND IT FAILED.", "", "I PLANNED THE ROLLBACK.", "", "", "" } },
  { "Mixed case", { "The DataBase MiGrAtIoN ran overnight.", "", "Rollbacks were rehearsed.", "", "", "" } },
  { "Field starts", { "Database first.", "Migration second.", "Rollback third.", "", "", "" } },
  { "Database migration in the title", { "Nothing here.", "", "Nor here.", "", "", "" } },
  { "Notes only", { "A quiet quarter.", "", "I kept notes.", "", "", "Database migration, rollback plan." } },
  { "Cue card only", { "A quiet week.", "", "I waited.", "", "", "",
                       "", "", "Database migration rollback", "", "" } },
  { "Split across fields", { "The data", "base migration", "was long.", "", "", "" } },
  { "Inside words", { "Metadatabase premigration nonrollback.", "", "", "", "", "" } },
  { "Zürich office", { "Our Zürich office screened résumés.", "", "A naïve filter failed.", "", "", "" },
    "lp-dive-deep", SB_STRENGTH_SECONDARY },
  { "ZÜRICH UPPER", { "THE ZÜRICH TEAM’S RÉSUMÉ SCREENING.", "", "", "", "", "" } },
  { "Greek", { "Η ΣΟΦΙΑ migration ΟΔΟΣ.", "", "Database moved.", "", "", "" } },
  { "Kelvin", { "The \342\204\252elvin scale and a database.", "", "Temperature migration.", "", "", "" } },
  { "Dotted I", { "\304\260nnovation days and a migration.", "", "Database too.", "", "", "" } },
  { "Apostrophes", { "Don’t guess: measure. The team's database.", "", "We didn't roll back.", "", "", "" } },
  { "Onboarding", { "New hires waited for laptops.", "", "I fixed onboarding and measured it.", "", "", "" },
    "lp-dive-deep", SB_STRENGTH_PRIMARY },
  { "Offsite", { "We needed an offsite.", "", "I booked a venue.", "", "", "" } },
  { "Latency", { "Latency doubled after a release.", "", "I measured every hop and guessed nothing.", "", "", "" } },
  { "Rollback drill", { "Rolling back took hours.", "", "I scripted the rollback.", "Rollbacks took minutes.", "", "" },
    "core-data-migration", SB_STRENGTH_SECONDARY },
  { "Plain words", { "Some customers waited under pressure.", "", "We kept them informed.", "", "", "" } },
};

static void
append_suggestions (GString    *out,
                    const char *label,
                    GPtrArray  *suggestions)
{
  g_string_append_printf (out, "%s:\n", label);
  for (guint i = 0; i < suggestions->len; i++)
    {
      SbSuggestion *s = suggestions->pdata[i];

      g_string_append_printf (out, "  %s | %.2f | %s\n", sb_story_get_title (s->story), s->score, s->reason);
    }
}

static void
test_pinned_bank (void)
{
  static const char * const questions[][2] = {
    { "Tell me about a database migration that went wrong.", "core-data-migration" },
    { "Describe a rollback under pressure, with customers waiting.", NULL },
    { "Talk about Zürich, naïve résumé screening and the σοφια project.", "lp-dive-deep" },
    { "Kelvin temperature, innovation days and the ΟΔΟΣ project.", NULL },
    { "When did you not guess but measure? Don't guess.", NULL },
  };
  static const char expected[] =
    "question 0:\n"
    "  Ledger cut-over | 10.00 | Primary: Data migration\n"
    "  Rollback drill | 5.00 | Secondary: Data migration\n"
    "  Database migration in the title | 1.00 | Mentions “database” and “migration”\n"
    "  Dotted I | 1.00 | Mentions “database” and “migration”\n"
    "  Field starts | 1.00 | Mentions “database” and “migration”\n"
    "  Greek | 1.00 | Mentions “database” and “migration”\n"
    "  Kelvin | 1.00 | Mentions “database” and “migration”\n"
    "  Mixed case | 1.00 | Mentions “database” and “migration”\n"
    "  Notes only | 1.00 | Mentions “database” and “migration”\n"
    "  SCHEMA CHANGE | 1.00 | Mentions “database” and “migration”\n"
    "question 1:\n"
    "  Plain words | 1.50 | Mentions “pressure” and “customers”\n"
    "question 2:\n"
    "  Onboarding | 10.00 | Primary: Dive Deep\n"
    "  Zürich office | 7.00 | Secondary: Dive Deep\n"
    "  ZÜRICH UPPER | 1.50 | Mentions “zürich” and “résumé”\n"
    "question 3:\n"
    "  Kelvin | 1.00 | Mentions “kelvin” and “temperature”\n"
    "question 4:\n"
    "  Apostrophes | 1.00 | Mentions “guess” and “measure”\n"
    "  Latency | 1.00 | Mentions “guess” and “measure”\n"
    "requirement:\n"
    "  Ledger cut-over | 10.00 | Primary: Data migration\n"
    "  Rollback drill | 5.50 | Secondary: Data migration\n"
    "  Field starts | 1.50 | Mentions “database” and “migration”\n"
    "  Mixed case | 1.50 | Mentions “database” and “migration”\n"
    "  Notes only | 1.50 | Mentions “database” and “migration”\n"
    "  SCHEMA CHANGE | 1.50 | Mentions “database” and “migration”\n"
    "  Apostrophes | 1.00 | Mentions “database” and “measure”\n"
    "  Database migration in the title | 1.00 | Mentions “database” and “migration”\n"
    "  Dotted I | 1.00 | Mentions “database” and “migration”\n"
    "  Greek | 1.00 | Mentions “database” and “migration”\n"
    "  Kelvin | 1.00 | Mentions “database” and “migration”\n"
    "  Latency | 1.00 | Mentions “measure” and “latency”\n";
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SbQuestion *first_question = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pinned_stories); i++)
    {
      const PinnedStory *pinned = &pinned_stories[i];
      SbStory *story = sb_store_create_story (store, pinned->title, &error);

      g_assert_no_error (error);
      for (guint f = 1; f < SB_STORY_N_FIELDS; f++)
        if (pinned->fields[f - 1] != NULL && pinned->fields[f - 1][0] != '\0')
          sb_story_set_field (story, (SbStoryField) f, pinned->fields[f - 1]);
      g_assert_true (sb_store_save_story (store, story, &error));
      if (pinned->theme != NULL)
        link_theme (store, story, pinned->theme, pinned->strength);
    }

  for (guint q = 0; q < G_N_ELEMENTS (questions); q++)
    {
      const char *themes[] = { questions[q][1], NULL };
      SbQuestion *question = sb_store_add_question (store, questions[q][0], "", themes, &error);
      g_autoptr(GPtrArray) suggestions = NULL;
      g_autofree char *label = g_strdup_printf ("question %u", q);

      g_assert_no_error (error);
      if (first_question == NULL)
        first_question = question;
      suggestions = sb_coach_suggest_stories (store, question, 0);
      append_suggestions (out, label, suggestions);
    }
  {
    const char *themes[] = { "core-data-migration", NULL };
    g_autoptr(GPtrArray) ranked = sb_coach_rank_stories (store, "Own the database MIGRATION and its rollback; measure latency.",
                                                         themes, NULL, 0);

    append_suggestions (out, "requirement", ranked);
  }
  g_test_message ("%s", out->str);
  g_assert_cmpstr (out->str, ==, expected);

  /* Nothing of a story's text is kept stale: a new word counts at once. */
  {
    SbQuestion *question = sb_store_find_question (store, sb_question_get_slug (first_question));
    SbStory *offsite = NULL;
    g_autoptr(GPtrArray) suggestions = NULL;

    for (guint i = 0; i < sb_store_get_n_stories (store); i++)
      {
        g_autoptr(SbStory) story = g_list_model_get_item (sb_store_get_stories (store), i);

        if (g_str_equal (sb_story_get_title (story), "Offsite"))
          offsite = story;
      }
    g_assert_nonnull (offsite);
    sb_story_set_field (offsite, SB_STORY_FIELD_RESULT, "The venue hosted our DATABASE MIGRATION talk.");
    suggestions = sb_coach_suggest_stories (store, question, 0);
    g_assert_cmpint (position_of (suggestions, offsite), >=, 0);
    sb_story_set_field (offsite, SB_STORY_FIELD_RESULT, "");
    g_clear_pointer (&suggestions, g_ptr_array_unref);
    suggestions = sb_coach_suggest_stories (store, question, 0);
    g_assert_cmpint (position_of (suggestions, offsite), ==, -1);
  }
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
  g_test_add_func ("/coach/ranking-in-slices", test_ranking_in_slices);
  g_test_add_func ("/coach/readiness-levels", test_readiness_levels);
  g_test_add_func ("/coach/check-in-store-follows-links", test_check_in_store_follows_links);
  g_test_add_func ("/coach/core-theme-first", test_core_theme_first);
  g_test_add_func ("/coach/readiness-breaks-ties", test_readiness_breaks_ties);
  g_test_add_func ("/coach/pinned-bank", test_pinned_bank);
  return g_test_run ();
}
