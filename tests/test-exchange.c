/* test-exchange.c — Storybank JSON import/export and Markdown export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-bank-job.h"
#include "sb-exchange.h"
#include "sb-practice.h"
#include "sb-test-store.h"

/* A fixed, recent moment: 2023-11-14T22:13:20Z. */
#define T0  ((gint64) 1700000000)
#define DAY 86400

static void
import_ok (SbStore         *store,
           const char      *json,
           SbImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  SbImportSummary local = { 0, };

  g_assert_true (sb_exchange_import_json (store, json, -1, "stories.json",
                                          summary != NULL ? summary : &local, &error));
  g_assert_no_error (error);
}

/* Straight from the table, so "unchanged" does not rest on the export. */
static guint
count_rehearsals (SbStore *store)
{
  return sb_test_count_rows (store, "practice_log", "1");
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

  g_assert_true (sb_practice_log (store, story, question_slug, seconds, rating, practiced_at, &error));
  g_assert_no_error (error);
}

static SbStory *
find_story_by_title (SbStore    *store,
                     const char *title)
{
  GListModel *stories = sb_store_get_stories (store);

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      if (g_strcmp0 (sb_story_get_title (story), title) == 0)
        return story;   /* the model still holds it */
    }
  return NULL;
}

static const char minimal[] =
  "{\"format\":\"storybank\",\"version\":1,\"stories\":["
  " {\"title\":\"Checkout outage\",\"situation\":\"Checkout timed out at peak.\","
  "  \"task\":\"I was on call.\",\"action\":\"I found a leaked connection and fixed it.\","
  "  \"result\":\"Errors fell from 15% to 0.1%.\",\"learning\":\"Alert on saturation.\","
  "  \"themes\":[\"core-production-incident\",{\"slug\":\"lp-ownership\",\"strength\":\"secondary\"}]},"
  " {\"title\":\"Ledger migration\",\"themes\":[{\"slug\":\"core-data-migration\"}]}]}";

static void
test_minimal_import (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  SbImportSummary summary = { 0, };
  SbStory *outage, *ledger;

  import_ok (bank->store, minimal, &summary);
  g_assert_cmpuint (summary.stories_added, ==, 2);
  g_assert_cmpuint (summary.stories_updated, ==, 0);
  g_assert_cmpuint (summary.themes_added, ==, 0);
  g_assert_cmpuint (summary.questions_added, ==, 0);
  g_assert_cmpuint (sb_store_get_n_stories (bank->store), ==, 2);

  outage = find_story_by_title (bank->store, "Checkout outage");
  g_assert_nonnull (outage);
  g_assert_true (g_uuid_string_is_valid (sb_story_get_uuid (outage)));
  g_assert_cmpstr (sb_story_get_action (outage), ==, "I found a leaked connection and fixed it.");
  g_assert_cmpstr (sb_story_get_result (outage), ==, "Errors fell from 15% to 0.1%.");
  g_assert_cmpstr (sb_story_get_notes (outage), ==, "");
  g_assert_cmpint (sb_story_get_status (outage), ==, SB_STORY_STATUS_DRAFT);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, outage, "core-production-incident"), ==,
                   SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, outage, "lp-ownership"), ==,
                   SB_STRENGTH_SECONDARY);

  ledger = find_story_by_title (bank->store, "Ledger migration");
  g_assert_nonnull (ledger);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, ledger, "core-data-migration"), ==,
                   SB_STRENGTH_PRIMARY);
  g_assert_cmpstr (sb_story_get_situation (ledger), ==, "");
}

typedef struct
{
  const char *name;
  const char *json;
  int         code;
  const char *needle;    /* must appear in the message */
  const char *needle2;   /* and this, when set */
} Refusal;

#define HEAD "{\"format\":\"storybank\",\"version\":1,"

static const Refusal refusals[] = {
  { "empty", "", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:1: ", "empty" },
  { "blank", "  \n\t ", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:2:", "empty" },
  { "trailing-garbage", HEAD "\"stories\":[]} x", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:49: ", "“x”" },
  { "two-values", HEAD "\"stories\":[]}{}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:48: ", "after the end" },
  { "duplicate-key-top", HEAD "\"version\":1,\"stories\":[]}", SB_EXCHANGE_ERROR_SYNTAX,
    "stories.json:1:35: ", "“version” appears twice" },
  { "duplicate-key-story", HEAD "\"stories\":[{\"title\":\"A\",\n\"title\":\"B\"}]}", SB_EXCHANGE_ERROR_SYNTAX,
    "stories.json:2:1: ", "“title” appears twice in stories[0]" },
  { "huge-number", HEAD "\"stories\":[],\"x\":1e400}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:52: ", "1e400" },
  { "huge-negative", HEAD "\"stories\":[],\"x\":-1E+999}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:", "too large" },
  { "syntax", "{\n  \"format\": \"storybank\",\n  \"version\": 1,\n  \"stories\": [{\"title\": \"Half\",}]\n}",
    SB_EXCHANGE_ERROR_SYNTAX, "stories.json:4:32: ", "“}”" },
  { "single-quotes", HEAD "\"stories\":['x']}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:46: ", NULL },
  { "comment", "/* hi */" HEAD "\"stories\":[]}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:1: ", NULL },
  { "leading-zero", HEAD "\"stories\":[],\"x\":01}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", "0" },
  { "hex", HEAD "\"stories\":[],\"x\":0x1}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", NULL },
  { "bad-escape", HEAD "\"stories\":[{\"title\":\"a\\qb\"}]}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", "escape" },
  { "lone-surrogate", HEAD "\"stories\":[{\"title\":\"\\ud83d\"}]}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", "surrogate" },
  { "raw-newline-in-string", HEAD "\"stories\":[{\"title\":\"a\nb\"}]}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", NULL },
  { "not-utf8", HEAD "\"stories\":[{\"title\":\"caf\xe9\"}]}", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", "UTF-8" },
  { "unclosed", HEAD "\"stories\":[", SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", "unexpected end of file, expected a value" },
  { "root-array", "[]", SB_EXCHANGE_ERROR_FORMAT, "stories.json", "not a Storybank file" },
  { "no-format", "{\"version\":1,\"stories\":[]}", SB_EXCHANGE_ERROR_FORMAT, "stories.json", "format" },
  { "wrong-format", "{\"format\":\"storyboard\",\"version\":1}", SB_EXCHANGE_ERROR_FORMAT, "stories.json:1:11: format: ", "not a Storybank file" },
  { "no-version", "{\"format\":\"storybank\",\"stories\":[]}", SB_EXCHANGE_ERROR_FORMAT, "stories.json", "version" },
  { "string-version", "{\"format\":\"storybank\",\"version\":\"1\"}", SB_EXCHANGE_ERROR_FORMAT, "version: ", "a string" },
  { "float-version", "{\"format\":\"storybank\",\"version\":1.0}", SB_EXCHANGE_ERROR_FORMAT, "version: ", "a number" },
  { "newer-version", "{\"format\":\"storybank\",\"version\":3,\"stories\":[{\"whatever\":true}]}",
    SB_EXCHANGE_ERROR_VERSION, "stories.json", "was written by a newer Storybank (format version 3); this version reads up to 2" },
  { "unknown-theme", HEAD "\n\"stories\":[{\"title\":\"A\",\"themes\":[\"core-production-incident\"]},\n"
    "{\"title\":\"B\",\"themes\":[\"core-made-up\"]}]}", SB_EXCHANGE_ERROR_UNKNOWN_THEME,
    "stories.json:3:24: stories[1].themes[0]: ", "“core-made-up” (story “B”)" },
  { "title-number", HEAD "\"stories\":[{\"title\":42}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].title: ", "expected a string, found a number" },
  { "situation-array", HEAD "\"stories\":[{\"title\":\"A\",\"situation\":[]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].situation: ", "found an array" },
  { "themes-string", HEAD "\"stories\":[{\"title\":\"A\",\"themes\":\"lp-ownership\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].themes: ", "expected an array" },
  { "stories-object", HEAD "\"stories\":{}}", SB_EXCHANGE_ERROR_INVALID, "stories: ", "expected an array" },
  { "story-string", HEAD "\"stories\":[\"A\"]}", SB_EXCHANGE_ERROR_INVALID, "stories[0]: ", "expected an object" },
  { "missing-title", HEAD "\"stories\":[{\"title\":\"A\"},{\"situation\":\"s\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[1]: ", "“title”" },
  { "bad-status", HEAD "\"stories\":[{\"title\":\"A\",\"status\":\"done\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].status: ", "“done”" },
  { "bad-strength", HEAD "\"stories\":[{\"title\":\"A\",\"themes\":[{\"slug\":\"lp-ownership\",\"strength\":\"tertiary\"}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].themes[0].strength: ", "“tertiary”" },
  { "bad-uuid", HEAD "\"stories\":[{\"title\":\"A\",\"uuid\":\"not-a-uuid\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].uuid: ", "not-a-uuid" },
  { "twice-same-uuid", HEAD "\"stories\":[{\"title\":\"A\",\"uuid\":\"0b7e8c9a-3f4d-4a5b-9c6d-7e8f9a0b1c2d\"},"
    "{\"title\":\"B\",\"uuid\":\"0b7e8c9a-3f4d-4a5b-9c6d-7e8f9a0b1c2d\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[1].uuid: ", NULL },
  { "bad-date", HEAD "\"stories\":[{\"title\":\"A\",\"created\":\"yesterday\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].created: ", "“yesterday”" },
  { "bad-example", HEAD "\"stories\":[{\"title\":\"A\",\"example\":\"yes\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].example: ", "true or false" },
  { "unknown-question", HEAD "\"stories\":[{\"title\":\"A\",\"questions\":[\"no-such-question\"]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].questions[0]: ", "“no-such-question”" },
  { "question-unknown-theme", HEAD "\"questions\":[{\"slug\":\"mine\",\"text\":\"Why?\",\"themes\":[\"nope\"]}]}",
    SB_EXCHANGE_ERROR_UNKNOWN_THEME, "questions[0].themes[0]: ", "“nope”" },
  { "new-theme-without-name", HEAD "\"frameworks\":[{\"slug\":\"mine\",\"name\":\"Mine\",\"themes\":[{\"slug\":\"my-x\"}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "frameworks[0].themes[0]: ", "“my-x”" },
  { "huge-integer", HEAD "\"stories\":[{\"title\":\"A\",\"example\":99999999999999999999}]}",
    SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:69: ", "99999999999999999999 is too large" },
  { "huge-version", "{\"format\":\"storybank\",\"version\":18446744073709551617}",
    SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:33: ", "too large" },
  { "misspelt-field", HEAD "\"stories\":[{\"title\":\"A\",\"situaton\":\"My words\"}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories.json:1:70: stories[0].situaton: ", "not a field" },
  { "unknown-top-field", HEAD "\"storys\":[]}", SB_EXCHANGE_ERROR_INVALID, "storys: ", "not a field" },
  { "unknown-link-field", HEAD "\"stories\":[{\"title\":\"A\",\"themes\":[{\"slug\":\"lp-ownership\",\"weight\":2}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].themes[0].weight: ", "not a field" },
  { "unknown-person-field", HEAD "\"person\":{\"nmae\":\"Ada\"}}", SB_EXCHANGE_ERROR_INVALID, "person.nmae: ", NULL },
  { "builtin-string", HEAD "\"questions\":[{\"slug\":\"mine\",\"text\":\"Why?\",\"builtin\":\"yes\"}]}",
    SB_EXCHANGE_ERROR_INVALID, "questions[0].builtin: ", "true or false" },
  { "exported-number", HEAD "\"exported\":5}", SB_EXCHANGE_ERROR_INVALID, "exported: ", "expected a string" },
  { "deleted-questions-string", HEAD "\"deleted_questions\":\"q-bad-news\"}", SB_EXCHANGE_ERROR_INVALID,
    "deleted_questions: ", "expected an array" },
  { "edited-theme-without-name", HEAD "\"frameworks\":[{\"slug\":\"core\",\"themes\":[{\"slug\":\"core-ambiguity\",\"edited\":true}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "frameworks[0].themes[0]: ", "“core-ambiguity” has no “name”" },
  { "practice-object", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":{}}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice: ", "expected an array" },
  { "practice-string", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":[\"yesterday\"]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0]: ", "expected an object" },
  { "practice-bad-rating", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":90,\"rating\":\"okay\"},"
    "{\"at\":\"2024-03-02T09:30:00Z\",\"seconds\":90,\"rating\":\"great\"}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[1].rating: ", "“great” is not a rating" },
  { "practice-number-rating", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":90,\"rating\":5}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0].rating: ", "expected a string" },
  { "practice-too-long", HEAD "\"stories\":[{\"title\":\"A\"},{\"title\":\"B\",\"practice\":[\n"
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":4000}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories.json:2:40: stories[1].practice[0].seconds: ", "4000 seconds" },
  { "practice-negative-seconds", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":-1}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0].seconds: ", "-1 seconds" },
  { "practice-fractional-seconds", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":90.5}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0].seconds: ", "not a whole number" },
  { "practice-string-seconds", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":\"90\"}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0].seconds: ", "found a string" },
  { "practice-no-seconds", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\"}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0]: ", "“seconds”" },
  { "practice-no-at", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":[{\"seconds\":90,\"rating\":\"nailed\"}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].practice[0]: ", "no “at”" },
  { "practice-bad-at", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":[{\"at\":\"last Tuesday\",\"seconds\":90}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].practice[0].at: ", "“last Tuesday”" },
  { "practice-before-1970", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":[{\"at\":\"1969-12-31T23:59:59Z\",\"seconds\":90}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].practice[0].at: ", "1970" },
  { "practice-unknown-member", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":90,\"minutes\":1}]}]}", SB_EXCHANGE_ERROR_INVALID,
    "stories[0].practice[0].minutes: ", "not a field" },
  { "practice-unknown-question", HEAD "\"stories\":[{\"title\":\"A\",\"practice\":["
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":90,\"question\":\"no-such-question\"}]}]}",
    SB_EXCHANGE_ERROR_INVALID, "stories[0].practice[0].question: ", "no question “no-such-question” (story “A”)" },
  { "deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    SB_EXCHANGE_ERROR_SYNTAX, "stories.json:1:", "nested" },
};

static void
test_refusals (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *before = NULL;
  guint n_before;
  guint n_rehearsals;

  /* Something in the bank, so that "unchanged" means something. */
  import_ok (bank->store, minimal, NULL);
  g_assert_true (sb_store_set_person_name (bank->store, "Ada", NULL));
  log_ok (bank->store, find_story_by_title (bank->store, "Checkout outage"), NULL, 90, SB_RATING_OKAY, T0);
  before = sb_test_export_stable (bank->store);
  n_before = sb_store_get_n_stories (bank->store);
  n_rehearsals = count_rehearsals (bank->store);
  g_assert_cmpuint (n_rehearsals, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      SbImportSummary summary = { 7, 7, 7, 7 };

      g_test_message ("refusal: %s", r->name);
      g_assert_false (sb_exchange_import_json (bank->store, r->json, -1, "stories.json", &summary, &error));
      g_assert_error (error, SB_EXCHANGE_ERROR, r->code);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, r->needle));
      if (r->needle2 != NULL)
        g_assert_nonnull (strstr (error->message, r->needle2));
      g_assert_true (g_str_has_prefix (error->message, "stories.json"));
      g_assert_null (strchr (error->message, '\n'));   /* one line */
      g_assert_cmpuint (summary.stories_added, ==, 7);  /* untouched on failure */

      g_assert_cmpuint (sb_store_get_n_stories (bank->store), ==, n_before);
      g_assert_cmpuint (count_rehearsals (bank->store), ==, n_rehearsals);
      after = sb_test_export_stable (bank->store);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A failure while writing (here a trigger the test plants) rolls back what
 * the import had already added: the new framework, theme, question and the
 * stories before the failing one. */
static void
test_failure_while_writing_rolls_back (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SbDatabase *db = sb_store_get_database (bank->store);

  import_ok (bank->store, minimal, NULL);
  before = sb_test_export_stable (bank->store);
  g_assert_true (sb_database_exec (db,
                                   "CREATE TEMP TRIGGER boom BEFORE INSERT ON stories "
                                   "WHEN NEW.title = 'Boom' BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                   &error));
  g_assert_no_error (error);

  g_assert_false (sb_exchange_import_json (bank->store,
                                           HEAD "\"frameworks\":[{\"slug\":\"acme\",\"name\":\"Acme\","
                                           "\"themes\":[{\"slug\":\"acme-grit\",\"name\":\"Grit\"}]}],"
                                           "\"questions\":[{\"slug\":\"my-q-grit\",\"text\":\"Grit?\",\"themes\":[\"acme-grit\"]}],"
                                           "\"stories\":[{\"title\":\"Fine\",\"themes\":[\"acme-grit\"],\"questions\":[\"my-q-grit\"]},"
                                           "{\"title\":\"Boom\"}]}",
                                           -1, "stories.json", NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "stories.json: "));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));

  g_assert_cmpuint (sb_store_get_n_stories (bank->store), ==, 2);
  g_assert_null (find_story_by_title (bank->store, "Fine"));
  g_assert_null (sb_store_find_framework (bank->store, "acme"));
  g_assert_null (sb_store_find_theme (bank->store, "acme-grit"));
  g_assert_null (sb_store_find_question (bank->store, "my-q-grit"));
  after = sb_test_export_stable (bank->store);
  g_assert_cmpstr (after, ==, before);
}

/* A builtin question the person deleted stays deleted when a file (say, an
 * export from before) still lists it; links to it are left out. */
static void
test_deleted_question_stays_deleted (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(SbTestBank) other = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbQuestion) question = g_list_model_get_item (sb_store_get_questions (bank->store), 0);
  g_autofree char *slug = g_strdup (sb_question_get_slug (question));
  g_autofree char *exported = NULL;
  SbImportSummary summary = { 0, };
  SbStory *story;
  guint n_questions;

  story = sb_store_create_story (other->store, "Answer", &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_story_question (other->store, story, slug, TRUE, &error));
  g_assert_no_error (error);
  exported = sb_exchange_export_json (other->store, NULL);

  g_assert_true (sb_store_delete_question (bank->store, question, &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_find_question (bank->store, slug));
  n_questions = g_list_model_get_n_items (sb_store_get_questions (bank->store));

  g_assert_true (sb_exchange_import_json (bank->store, exported, -1, "old.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.stories_added, ==, 1);
  g_assert_cmpuint (summary.questions_added, ==, 0);
  g_assert_null (sb_store_find_question (bank->store, slug));
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_questions (bank->store)), ==, n_questions);
  {
    g_auto(GStrv) linked = sb_store_get_story_questions (bank->store, find_story_by_title (bank->store, "Answer"));
    g_assert_cmpuint (g_strv_length (linked), ==, 0);
  }
}

static void
test_round_trip (void)
{
  g_autoptr(SbTestBank) first = sb_test_bank_new ();
  g_autoptr(SbTestBank) second = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *stable = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second_name = NULL;
  SbImportSummary summary = { 0, };
  const char *question_themes[] = { "my-negotiation", "core-cross-team", NULL };
  SbFramework *framework;
  SbTheme *theme;
  SbQuestion *question;
  SbStory *a, *b, *c;

  /* A bank using every part of the format. */
  g_assert_true (sb_store_set_person_name (first->store, "Zoë Ø'Brien", &error));
  framework = sb_store_add_framework (first->store, "my-company", "Acme values", "What Acme asks about", &error);
  g_assert_no_error (error);
  g_assert_nonnull (framework);
  theme = sb_store_add_theme (first->store, "my-company", "Frugal by default", "Doing more with less", &error);
  g_assert_no_error (error);
  theme = sb_store_add_theme_with_slug (first->store, "core", "my-negotiation", "Negotiation", "", &error);
  g_assert_no_error (error);
  g_assert_nonnull (theme);
  question = sb_store_add_question (first->store, "Tell me about a hard negotiation.", "Win–win, not a fight",
                                    question_themes, &error);
  g_assert_no_error (error);

  a = sb_store_create_story (first->store, "Vendor renegotiation", &error);
  g_assert_no_error (error);
  sb_story_set_field (a, SB_STORY_FIELD_SITUATION, "Our contract doubled.\n\nSecond paragraph.");
  sb_story_set_field (a, SB_STORY_FIELD_RESULT, "Saved 40% — €120k a year");
  sb_story_set_field (a, SB_STORY_FIELD_NOTES, "Quote: \"never again\" \\ tab\there");
  sb_story_set_field (a, SB_STORY_FIELD_CUE_RESULT, "Saved 40%, €120k a year");
  sb_story_set_status (a, SB_STORY_STATUS_READY);
  g_assert_true (sb_store_save_story (first->store, a, &error));
  g_assert_true (sb_store_set_story_theme (first->store, a, "my-negotiation", SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (first->store, a, sb_theme_get_slug (sb_store_find_theme (first->store, "my-frugal-by-default")),
                                           SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_theme (first->store, a, "lp-frugality", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_question (first->store, a, sb_question_get_slug (question), TRUE, &error));
  g_assert_no_error (error);

  /* Rehearsals: one of the person's own question, one of none, and one of
   * a shipped question deleted below (the log still names it). */
  log_ok (first->store, a, sb_question_get_slug (question), 95, SB_RATING_NAILED, T0 + DAY);
  log_ok (first->store, a, NULL, 150, SB_RATING_STUMBLED, T0);
  log_ok (first->store, a, "q-delay-launch", 120, SB_RATING_OKAY, T0 + 2 * DAY);

  /* The person's own wording of shipped items, and a shipped question they
   * deleted: an export carries these too. */
  g_assert_true (sb_store_update_theme (first->store, sb_store_find_theme (first->store, "core-ambiguity"),
                                        "Ambiguity (my words)", "When nobody knew the answer", &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_update_question (first->store, sb_store_find_question (first->store, "q-bad-news"),
                                           "How did you tell your boss the launch would slip?", "Early, with options",
                                           question_themes, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_delete_question (first->store, sb_store_find_question (first->store, "q-delay-launch"),
                                           &error));
  g_assert_no_error (error);

  b = sb_store_create_story (first->store, "", &error);   /* an untitled draft */
  g_assert_no_error (error);
  c = sb_store_create_story (first->store, "Checkout outage", &error);
  g_assert_no_error (error);
  sb_story_set_is_example (c, TRUE);
  g_assert_true (sb_store_save_story (first->store, c, &error));
  g_assert_true (sb_store_set_story_theme (first->store, c, "core-production-incident", SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  log_ok (first->store, c, NULL, 3600, SB_RATING_OKAY, T0);
  (void) b;

  exported = sb_exchange_export_json (first->store, NULL);
  stable = sb_test_export_stable (first->store);
  g_assert_nonnull (strstr (exported, "\"format\" : \"storybank\""));
  g_assert_nonnull (strstr (exported, "\"version\" : 2"));
  g_assert_nonnull (strstr (exported, "\"strength\" : \"secondary\""));
  g_assert_nonnull (strstr (exported, "\"rating\" : \"stumbled\""));
  g_assert_nonnull (strstr (exported, "\"question\" : \"q-delay-launch\""));
  g_assert_nonnull (strstr (exported, "\"at\" : \"2023-11-14T22:13:20Z\""));

  g_assert_true (sb_exchange_import_json (second->store, exported, -1, "export.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.stories_added, ==, 3);
  g_assert_cmpuint (summary.themes_added, ==, 2);
  g_assert_cmpuint (summary.questions_added, ==, 1);
  g_assert_cmpuint (summary.rehearsals_added, ==, 4);
  second_name = sb_store_get_person_name (second->store);
  g_assert_cmpstr (second_name, ==, "Zoë Ø'Brien");
  g_assert_cmpstr (sb_story_get_field (find_story_by_title (second->store, "Vendor renegotiation"),
                                       SB_STORY_FIELD_CUE_RESULT), ==, "Saved 40%, €120k a year");

  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (second->store, "core-ambiguity")), ==,
                   "Ambiguity (my words)");
  g_assert_true (sb_theme_get_edited (sb_store_find_theme (second->store, "core-ambiguity")));
  question = sb_store_find_question (second->store, "q-bad-news");
  g_assert_cmpstr (sb_question_get_text (question), ==, "How did you tell your boss the launch would slip?");
  g_assert_cmpstr (sb_question_get_listen_for (question), ==, "Early, with options");
  g_assert_cmpuint (g_strv_length ((char **) sb_question_get_theme_slugs (question)), ==, 2);
  g_assert_true (sb_question_has_theme (question, "my-negotiation"));
  g_assert_true (sb_question_has_theme (question, "core-cross-team"));
  g_assert_true (sb_question_get_edited (question));
  g_assert_null (sb_store_find_question (second->store, "q-delay-launch"));
  g_assert_cmpuint (count_rehearsals (second->store), ==, 4);

  again = sb_test_export_stable (second->store);
  g_assert_cmpstr (again, ==, stable);

  /* Importing the bank's own export again changes nothing: every story
   * merges, nothing is added, no "updated" time moves, and nothing is
   * reported as updated. */
  memset (&summary, 0, sizeof summary);
  g_assert_true (sb_exchange_import_json (first->store, exported, -1, "export.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.stories_added, ==, 0);
  g_assert_cmpuint (summary.stories_updated, ==, 0);
  g_assert_cmpuint (summary.themes_added, ==, 0);
  g_assert_cmpuint (summary.questions_added, ==, 0);
  g_assert_cmpuint (summary.rehearsals_added, ==, 0);
  g_assert_cmpuint (count_rehearsals (first->store), ==, 4);
  g_free (again);
  again = sb_test_export_stable (first->store);
  g_assert_cmpstr (again, ==, stable);

  /* And the bank it was imported into takes it again without a double. */
  g_assert_true (sb_exchange_import_json (second->store, exported, -1, "export.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rehearsals (second->store), ==, 4);
  g_free (again);
  again = sb_test_export_stable (second->store);
  g_assert_cmpstr (again, ==, stable);
}

/* A file's edit of a shipped theme or question reaches a bank that has it as
 * shipped, never one where the person changed it themselves; a deletion
 * never hides a question a story in the bank answers. */
static void
test_catalog_edits_merge (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  const char *themes[] = { "core-bad-news", NULL };
  SbStory *story;

  g_assert_true (sb_store_update_theme (bank->store, sb_store_find_theme (bank->store, "core-ambiguity"),
                                        "Mine first", "", &error));
  g_assert_true (sb_store_update_question (bank->store, sb_store_find_question (bank->store, "q-bad-news"),
                                           "My own question?", "", themes, &error));
  story = sb_store_create_story (bank->store, "Launch slip", &error);
  g_assert_true (sb_store_set_story_question (bank->store, story, "q-delay-launch", TRUE, &error));
  g_assert_no_error (error);

  import_ok (bank->store,
             HEAD "\"frameworks\":[{\"slug\":\"core\",\"themes\":["
             "  {\"slug\":\"core-ambiguity\",\"name\":\"From the file\",\"edited\":true},"
             "  {\"slug\":\"core-tight-deadline\",\"name\":\"Deadlines (file)\",\"edited\":true},"
             "  {\"slug\":\"core-learning-fast\",\"name\":\"Not an edit\",\"edited\":false}]}],"
             "\"questions\":[{\"slug\":\"q-bad-news\",\"text\":\"File question?\",\"edited\":true},"
             "  {\"slug\":\"q-failed-project\",\"text\":\"File wording?\",\"themes\":[\"core-mistake-failure\"],\"edited\":true}],"
             "\"deleted_questions\":[\"q-delay-launch\",\"q-were-wrong\",\"q-from-a-newer-catalog\"],"
             "\"stories\":[]}",
             NULL);

  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (bank->store, "core-ambiguity")), ==, "Mine first");
  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (bank->store, "core-tight-deadline")), ==, "Deadlines (file)");
  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (bank->store, "core-learning-fast")), ==,
                   "Learning something fast");
  g_assert_cmpstr (sb_question_get_text (sb_store_find_question (bank->store, "q-bad-news")), ==, "My own question?");
  g_assert_cmpstr (sb_question_get_text (sb_store_find_question (bank->store, "q-failed-project")), ==, "File wording?");
  g_assert_nonnull (sb_store_find_question (bank->store, "q-delay-launch"));
  g_assert_null (sb_store_find_question (bank->store, "q-were-wrong"));
}

static void
test_merge_by_uuid (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  SbImportSummary summary = { 0, };
  SbStory *story;

  import_ok (bank->store,
             HEAD "\"stories\":[{\"uuid\":\"6F1C2B3A-4D5E-4F60-8172-93A4B5C6D7E8\",\"title\":\"Old title\","
             "\"situation\":\"kept\",\"notes\":\"old notes\",\"themes\":[\"lp-ownership\",\"core-scaling-performance\"]}]}",
             &summary);
  g_assert_cmpuint (summary.stories_added, ==, 1);
  story = sb_store_find_story (bank->store, "6f1c2b3a-4d5e-4f60-8172-93a4b5c6d7e8");
  g_assert_nonnull (story);

  memset (&summary, 0, sizeof summary);
  import_ok (bank->store,
             HEAD "\"stories\":[{\"uuid\":\"6f1c2b3a-4d5e-4f60-8172-93a4b5c6d7e8\",\"title\":\"New title\","
             "\"notes\":\"\",\"status\":\"ready\",\"themes\":[{\"slug\":\"core-scaling-performance\",\"strength\":\"secondary\"}]},"
             "{\"title\":\"Another\"}]}",
             &summary);
  g_assert_cmpuint (summary.stories_added, ==, 1);
  g_assert_cmpuint (summary.stories_updated, ==, 1);
  g_assert_cmpuint (sb_store_get_n_stories (bank->store), ==, 2);

  g_assert_true (sb_store_find_story (bank->store, "6f1c2b3a-4d5e-4f60-8172-93a4b5c6d7e8") == story);
  g_assert_cmpstr (sb_story_get_title (story), ==, "New title");
  g_assert_cmpstr (sb_story_get_situation (story), ==, "kept");   /* not in the file: left alone */
  g_assert_cmpstr (sb_story_get_notes (story), ==, "");
  g_assert_cmpint (sb_story_get_status (story), ==, SB_STORY_STATUS_READY);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, story, "lp-ownership"), ==, SB_STRENGTH_NONE);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, story, "core-scaling-performance"), ==,
                   SB_STRENGTH_SECONDARY);

  /* And it was written through: a reopened bank agrees. */
  {
    g_autofree char *path = g_strdup (sb_database_get_path (sb_store_get_database (bank->store)));
    g_autoptr(GError) error = NULL;
    g_autoptr(SbStore) reopened = NULL;
    SbStory *again;

    g_clear_object (&bank->store);
    reopened = sb_store_open (path, &error);
    g_assert_no_error (error);
    again = sb_store_find_story (reopened, "6f1c2b3a-4d5e-4f60-8172-93a4b5c6d7e8");
    g_assert_nonnull (again);
    g_assert_cmpstr (sb_story_get_title (again), ==, "New title");
    g_assert_cmpint (sb_store_get_story_theme (reopened, again, "core-scaling-performance"), ==,
                     SB_STRENGTH_SECONDARY);
    g_assert_cmpint (sb_store_get_story_theme (reopened, again, "lp-ownership"), ==, SB_STRENGTH_NONE);
  }
}

static void
test_file_defined_themes (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  SbImportSummary summary = { 0, };
  SbStory *story;
  SbTheme *theme;
  SbQuestion *question;

  import_ok (bank->store,
             HEAD "\"frameworks\":["
             " {\"slug\":\"core\",\"name\":\"ignored, the bank has it\",\"themes\":["
             "   {\"slug\":\"core-production-incident\"},"
             "   {\"slug\":\"my-negotiation\",\"name\":\"Negotiation\",\"description\":\"Deals\"}]},"
             " {\"slug\":\"acme\",\"name\":\"Acme values\",\"themes\":[{\"slug\":\"acme-grit\",\"name\":\"Grit\"}]}],"
             "\"questions\":[{\"slug\":\"my-q-deal\",\"text\":\"Tell me about a deal.\",\"themes\":[\"my-negotiation\"]},"
             " {\"text\":\"A question without a slug\"}],"
             "\"stories\":[{\"title\":\"Deal\",\"themes\":[\"my-negotiation\",{\"slug\":\"acme-grit\",\"strength\":\"secondary\"}],"
             "\"questions\":[\"my-q-deal\"]}]}",
             &summary);
  g_assert_cmpuint (summary.themes_added, ==, 2);
  g_assert_cmpuint (summary.questions_added, ==, 2);
  g_assert_cmpuint (summary.stories_added, ==, 1);

  theme = sb_store_find_theme (bank->store, "my-negotiation");
  g_assert_nonnull (theme);
  g_assert_cmpstr (sb_theme_get_framework_slug (theme), ==, "core");
  g_assert_false (sb_theme_get_builtin (theme));
  g_assert_nonnull (sb_store_find_framework (bank->store, "acme"));
  g_assert_cmpstr (sb_framework_get_name (sb_store_find_framework (bank->store, "core")), !=,
                   "ignored, the bank has it");
  question = sb_store_find_question (bank->store, "my-q-deal");
  g_assert_nonnull (question);
  g_assert_true (sb_question_has_theme (question, "my-negotiation"));

  story = find_story_by_title (bank->store, "Deal");
  g_assert_cmpint (sb_store_get_story_theme (bank->store, story, "my-negotiation"), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, story, "acme-grit"), ==, SB_STRENGTH_SECONDARY);
  {
    g_auto(GStrv) questions = sb_store_get_story_questions (bank->store, story);
    g_assert_cmpuint (g_strv_length (questions), ==, 1);
    g_assert_cmpstr (questions[0], ==, "my-q-deal");
  }
}

/* A rehearsal the bank cannot write (here a trigger the test plants) takes
 * back the rehearsals, and the story, written before it. */
static void
test_practice_failure_rolls_back (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  SbDatabase *db = sb_store_get_database (bank->store);
  SbStory *outage;

  import_ok (bank->store, minimal, NULL);
  outage = find_story_by_title (bank->store, "Checkout outage");
  log_ok (bank->store, outage, NULL, 90, SB_RATING_OKAY, T0);
  g_assert_true (sb_database_exec (db,
                                   "CREATE TEMP TRIGGER boom BEFORE INSERT ON practice_log "
                                   "WHEN NEW.seconds = 1234 BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                   &error));
  g_assert_no_error (error);

  g_assert_false (sb_exchange_import_json (bank->store,
                                           HEAD "\"stories\":[{\"title\":\"Fine\",\"practice\":["
                                           "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":60,\"rating\":\"nailed\"},"
                                           "{\"at\":\"2024-03-02T09:30:00Z\",\"seconds\":1234}]}]}",
                                           -1, "stories.json", NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_assert_cmpuint (count_rehearsals (bank->store), ==, 1);
  g_assert_null (find_story_by_title (bank->store, "Fine"));
}

#define PRACTICE_UUID "0b7e8c9a-3f4d-4a5b-9c6d-7e8f9a0b1c2d"

/* Rehearsals merge into the story with the same uuid; one already in the
 * log (same time, same length) is not added again, so a second import of
 * the same file leaves the history as it was. */
static void
test_practice_merge (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(SbTestBank) other = sb_test_bank_new ();
  g_autoptr(GArray) log = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *stable = NULL;
  g_autofree char *again = NULL;
  const char *file =
    HEAD "\"stories\":[{\"uuid\":\"" PRACTICE_UUID "\",\"title\":\"Outage\",\"practice\":["
    "{\"at\":\"2024-03-02T09:30:00Z\",\"seconds\":80,\"rating\":\"okay\",\"question\":\"q-bad-news\"},"
    "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":100}]}]}";
  SbRehearsal *r;
  SbStory *story;

  import_ok (bank->store, file, NULL);
  g_assert_cmpuint (count_rehearsals (bank->store), ==, 2);
  import_ok (bank->store, file, NULL);
  g_assert_cmpuint (count_rehearsals (bank->store), ==, 2);

  story = sb_store_find_story (bank->store, PRACTICE_UUID);
  g_assert_nonnull (story);
  log = sb_practice_get_log (bank->store, story);
  g_assert_cmpuint (log->len, ==, 2);
  r = &g_array_index (log, SbRehearsal, 0);   /* oldest first, whatever the file's order */
  g_assert_cmpint (r->practiced_at, ==, 1709285400);
  g_assert_cmpuint (r->seconds, ==, 100);
  g_assert_cmpint (r->rating, ==, 0);         /* the file gives none */
  g_assert_null (r->question_slug);
  r = &g_array_index (log, SbRehearsal, 1);
  g_assert_cmpuint (r->seconds, ==, 80);
  g_assert_cmpint (r->rating, ==, SB_RATING_OKAY);
  g_assert_cmpstr (r->question_slug, ==, "q-bad-news");

  /* The unrated rehearsal is written without a rating, and reads back so. */
  exported = sb_exchange_export_json (bank->store, NULL);
  g_assert_true (g_regex_match_simple ("\"at\" : \"2024-03-01T09:30:00Z\",\\s*\"seconds\" : 100\\s*}",
                                       exported, 0, 0));
  import_ok (other->store, exported, NULL);
  g_assert_cmpuint (count_rehearsals (other->store), ==, 2);
  stable = sb_test_export_stable (bank->store);
  again = sb_test_export_stable (other->store);
  g_assert_cmpstr (again, ==, stable);

  /* A later file adds only what is new; a rehearsal logged here since stays. */
  log_ok (bank->store, story, NULL, 70, SB_RATING_NAILED, T0);
  import_ok (bank->store,
             HEAD "\"stories\":[{\"uuid\":\"" PRACTICE_UUID "\",\"title\":\"Outage\",\"practice\":["
             "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":100},"
             "{\"at\":\"2024-03-01T09:30:00Z\",\"seconds\":101,\"rating\":\"stumbled\"}]}]}",
             NULL);
  g_assert_cmpuint (count_rehearsals (bank->store), ==, 4);
}

/* A story without rehearsals still has "practice": [], and a file without
 * the member (an older export) leaves the log alone. */
static void
test_practice_empty (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *exported = NULL;
  g_autofree char *merge = NULL;
  SbStory *story;

  import_ok (bank->store, minimal, NULL);
  exported = sb_exchange_export_json (bank->store, NULL);
  g_assert_nonnull (strstr (exported, "\"practice\" : []"));

  story = find_story_by_title (bank->store, "Checkout outage");
  log_ok (bank->store, story, NULL, 90, SB_RATING_OKAY, T0);
  merge = g_strdup_printf (HEAD "\"stories\":[{\"uuid\":\"%s\",\"title\":\"Checkout outage\"}]}",
                           sb_story_get_uuid (story));
  import_ok (bank->store, merge, NULL);
  g_assert_cmpuint (count_rehearsals (bank->store), ==, 1);
}

static void
test_unicode (void)
{
  g_autoptr(SbTestBank) first = sb_test_bank_new ();
  g_autoptr(SbTestBank) second = sb_test_bank_new ();
  g_autofree char *exported = NULL;
  SbStory *story;
  const char *title = "Café déjà vu — 数据迁移 🚀";

  import_ok (first->store,
             HEAD "\"stories\":[{\"title\":\"Caf\\u00e9 d\xc3\xa9j\xc3\xa0 vu \\u2014 数据迁移 \\ud83d\\ude80\","
             "\"situation\":\"Ünïcödé\\n\\t\\\"quoted\\\" \\\\ \\/ 🙂\",\"themes\":[\"lp-ownership\"]}]}",
             NULL);
  story = find_story_by_title (first->store, title);
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Ünïcödé\n\t\"quoted\" \\ / 🙂");

  exported = sb_exchange_export_json (first->store, NULL);
  g_assert_true (g_utf8_validate (exported, -1, NULL));
  import_ok (second->store, exported, NULL);
  story = find_story_by_title (second->store, title);
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_situation (story), ==, "Ünïcödé\n\t\"quoted\" \\ / 🙂");
}

static void
test_markdown (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  SbTheme *gap = NULL;
  GListModel *core;

  import_ok (bank->store, minimal, NULL);
  markdown = sb_exchange_export_markdown (bank->store);

  g_assert_true (g_str_has_prefix (markdown, "# Storybank — "));
  g_assert_nonnull (strstr (markdown, "\n## Checkout outage\n"));
  g_assert_nonnull (strstr (markdown, "\n## Ledger migration\n"));
  g_assert_nonnull (strstr (markdown, "**Situation**\n\nCheckout timed out at peak.\n"));
  g_assert_nonnull (strstr (markdown, "**Action**\n\nI found a leaked connection and fixed it.\n"));
  g_assert_nonnull (strstr (markdown, "**Result**\n\n"));
  g_assert_nonnull (strstr (markdown, "**Learning**\n\n"));
  g_assert_nonnull (strstr (markdown, "*Draft*"));
  g_assert_nonnull (strstr (markdown, "(secondary)"));
  g_assert_nonnull (strstr (markdown, "\n## Coverage\n"));
  g_assert_true (strstr (markdown, "## Checkout outage") < strstr (markdown, "## Coverage"));

  /* A core theme no story covers is listed as a gap; a covered one is not. */
  core = sb_store_get_themes (bank->store, "core");
  for (guint i = 0; i < g_list_model_get_n_items (core) && gap == NULL; i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (core, i);
      g_autoptr(GPtrArray) stories = sb_store_get_theme_stories (bank->store, sb_theme_get_slug (theme));
      if (stories->len == 0)
        gap = theme;
    }
  g_assert_nonnull (gap);
  {
    g_autofree char *line = g_strdup_printf ("\n- %s\n", sb_theme_get_name (gap));
    g_autofree char *covered = g_strdup_printf ("\n- %s\n",
        sb_theme_get_name (sb_store_find_theme (bank->store, "core-production-incident")));
    g_assert_nonnull (strstr (markdown, line));
    g_assert_null (strstr (markdown, covered));
  }

  path = sb_test_dir_file (bank->dir, "stories.md");
  g_assert_true (sb_exchange_export_markdown_file (bank->store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "## Checkout outage"));
}

static void
test_files (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(SbTestBank) other = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_test_dir_file (bank->dir, "export.json");
  g_autofree char *missing = sb_test_dir_file (bank->dir, "missing.json");
  g_autofree char *nowhere = sb_test_dir_file (bank->dir, "no/such/dir/export.json");
  SbImportSummary summary = { 0, };
  struct stat st;

  import_ok (bank->store, minimal, NULL);
  g_assert_true (sb_exchange_export_json_file (bank->store, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (sb_exchange_import_json_file (other->store, path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.stories_added, ==, 2);

  g_assert_false (sb_exchange_import_json_file (other->store, missing, &summary, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);

  g_assert_false (sb_exchange_export_json_file (bank->store, nowhere, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE);
  g_clear_error (&error);

  /* An export never writes into the old file in place (a failure half-way
   * would leave it cut short): the old contents stay whole under a handle
   * opened before, and the new file replaces it in one rename. */
  {
    g_autofree char *old_contents = NULL;
    g_autofree char *new_contents = NULL;
    char buffer[64] = { 0, };
    int fd;

    g_assert_true (g_file_set_contents (path, "{\"the\": \"previous export\"}", -1, NULL));
    fd = g_open (path, O_RDONLY, 0);
    g_assert_cmpint (fd, >=, 0);
    g_assert_true (sb_exchange_export_json_file (bank->store, path, &error));
    g_assert_no_error (error);
    g_assert_cmpint (read (fd, buffer, sizeof buffer - 1), ==, strlen ("{\"the\": \"previous export\"}"));
    g_assert_cmpstr (buffer, ==, "{\"the\": \"previous export\"}");
    close (fd);
    g_assert_true (g_file_get_contents (path, &new_contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (new_contents, "{\n  \"format\" : \"storybank\""));
  }

  /* A failed export (here: the name is a folder) leaves nothing behind. */
  {
    g_autofree char *folder = sb_test_dir_file (bank->dir, "folder.json");
    g_autoptr(GDir) listing = NULL;
    const char *name;
    guint n_files = 0;

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_false (sb_exchange_export_json_file (bank->store, folder, &error));
    g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "folder.json"));
    g_clear_error (&error);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    listing = g_dir_open (bank->dir->path, 0, NULL);
    while ((name = g_dir_read_name (listing)) != NULL)
      if (g_str_has_prefix (name, "folder.json"))
        n_files++;
    g_assert_cmpuint (n_files, ==, 1);   /* no temporary file left */
  }

  /* A file's name appears in its syntax errors, with line and column. */
  g_assert_true (g_file_set_contents (missing, "{\n  \"format\": \"storybank\",\n  nope\n}", -1, NULL));
  g_assert_false (sb_exchange_import_json_file (other->store, missing, &summary, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "missing.json:3:3: "));
}

static void
test_example_file (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_test_data_path ("example-import.json");
  SbImportSummary summary = { 0, };
  GListModel *stories;

  g_assert_true (sb_exchange_import_json_file (bank->store, path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.stories_added, ==, 3);
  stories = sb_store_get_stories (bank->store);
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_autoptr(GArray) links = sb_store_get_story_themes (bank->store, story);

      g_assert_cmpstr (sb_story_get_title (story), !=, "");
      g_assert_cmpuint (sb_story_get_word_count (story), >, 40);
      g_assert_cmpuint (links->len, >=, 1);
    }
}

/* The cue card travels with its story: exported as "cue_card", read back
 * the same; a file without it (an older export) leaves a story's card as
 * it is and gives a new story none; a line over the limit is refused
 * naming the story and the line, and nothing is written. */
static void
test_cue_card (void)
{
  g_autoptr(SbTestBank) first = sb_test_bank_new ();
  g_autoptr(SbTestBank) second = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *stable = NULL;
  g_autofree char *again = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *older = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *huge = g_strnfill (SB_STORY_MAX_CUE_CHARS + 1, 'z');
  const char *lines[] = { "Peak sale, checkout failing", "Incident lead: stop the loss",
                          "Rolled back the timeout deploy", "Errors under 0.5% in 22 min",
                          "Retry budgets; load-test pool changes" };
  SbStory *with, *without, *read;

  with = sb_store_create_story (first->store, "With a card", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    sb_story_set_field (with, SB_STORY_FIELD_CUE_SITUATION + i, lines[i]);
  sb_story_set_field (with, SB_STORY_FIELD_RESULT, "Errors fell under 0.5%.");
  g_assert_true (sb_store_save_story (first->store, with, &error));
  without = sb_store_create_story (first->store, "Without a card", &error);
  g_assert_no_error (error);

  exported = sb_exchange_export_json (first->store, NULL);
  g_assert_nonnull (strstr (exported, "\"cue_card\" : {"));
  g_assert_nonnull (strstr (exported, "\"result\" : \"Errors under 0.5% in 22 min\""));
  g_assert_null (strstr (exported, "cue_result"));
  stable = sb_test_export_stable (first->store);

  import_ok (second->store, exported, NULL);
  read = sb_store_find_story (second->store, sb_story_get_uuid (with));
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (sb_story_get_field (read, SB_STORY_FIELD_CUE_SITUATION + i), ==, lines[i]);
  g_assert_false (sb_story_has_cue_card (sb_store_find_story (second->store, sb_story_get_uuid (without))));
  again = sb_test_export_stable (second->store);
  g_assert_cmpstr (again, ==, stable);

  /* Markdown: the card under the story that has one. */
  markdown = sb_exchange_export_markdown (first->store);
  g_assert_nonnull (strstr (markdown, "**Cue card**\n\n- *Situation:* Peak sale, checkout failing\n"));
  g_assert_nonnull (strstr (markdown, "- *Result:* Errors under 0.5% in 22 min\n"));
  g_assert_true (strstr (markdown, "**Cue card**") < strstr (markdown, "## Without a card"));
  g_assert_null (strstr (strstr (markdown, "## Without a card"), "**Cue card**"));

  /* An older file: no "cue_card". The story keeps its card; a new story
   * has none; a line break in a line is a space. */
  older = g_strdup_printf ("{\"format\":\"storybank\",\"version\":1,\"stories\":["
                           "{\"uuid\":\"%s\",\"title\":\"With a card, renamed\"},"
                           "{\"title\":\"New one\"},"
                           "{\"title\":\"Pasted\",\"cue_card\":{\"task\":\"two\\nlines\"}}]}",
                           sb_story_get_uuid (with));
  import_ok (second->store, older, NULL);
  g_assert_cmpstr (sb_story_get_title (read), ==, "With a card, renamed");
  g_assert_cmpstr (sb_story_get_field (read, SB_STORY_FIELD_CUE_ACTION), ==, lines[2]);
  for (guint i = 0; i < g_list_model_get_n_items (sb_store_get_stories (second->store)); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (sb_store_get_stories (second->store), i);

      if (g_str_equal (sb_story_get_title (story), "New one"))
        g_assert_false (sb_story_has_cue_card (story));
      if (g_str_equal (sb_story_get_title (story), "Pasted"))
        g_assert_cmpstr (sb_story_get_field (story, SB_STORY_FIELD_CUE_TASK), ==, "two lines");
    }

  /* Too long: refused, naming the story, the line and the limit. */
  too_long = g_strdup_printf ("{\"format\":\"storybank\",\"version\":1,\"stories\":["
                              "{\"uuid\":\"%s\",\"title\":\"Changed\",\"cue_card\":{\"result\":\"%s\"}}]}",
                              sb_story_get_uuid (with), huge);
  g_assert_false (sb_exchange_import_json (second->store, too_long, -1, "long.json", NULL, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "long.json"));
  g_assert_nonnull (strstr (error->message, "cue_card.result"));
  g_assert_nonnull (strstr (error->message, "Changed"));
  g_assert_nonnull (strstr (error->message, "160"));
  g_assert_cmpstr (sb_story_get_title (read), ==, "With a card, renamed");
  g_clear_error (&error);

  /* A misspelt line is refused rather than dropped. */
  g_assert_false (sb_exchange_import_json (second->store,
                                           "{\"format\":\"storybank\",\"version\":1,\"stories\":["
                                           "{\"title\":\"Typo\",\"cue_card\":{\"reslut\":\"x\"}}]}",
                                           -1, "typo.json", NULL, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "reslut"));
  g_clear_error (&error);
  g_assert_false (sb_exchange_import_json (second->store,
                                           "{\"format\":\"storybank\",\"version\":1,\"stories\":["
                                           "{\"title\":\"Not an object\",\"cue_card\":\"S T A R L\"}]}",
                                           -1, "shape.json", NULL, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cue_card"));
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for_job (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A job imports and exports with a store of its own in a worker: the
 * main store reads what it committed with sb_store_sync(); a bad file is
 * refused with the reason and leaves the bank as it was. */
static void
test_bank_job (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *bank = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *good = sb_test_dir_file (dir, "good.json");
  g_autofree char *bad = sb_test_dir_file (dir, "bad.json");
  g_autofree char *out = sb_test_dir_file (dir, "out.json");
  g_autofree char *markdown = sb_test_dir_file (dir, "out.md");
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (bank, &error);
  g_autoptr(GAsyncResult) result = NULL;
  SbImportSummary summary = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (sb_store_create_story (store, "Already here", &error));
  g_assert_true (g_file_set_contents (good, "{\"format\":\"storybank\",\"version\":1,"
                                            "\"stories\":[{\"title\":\"From the worker\"}]}", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\"format\":\"storybank\",\"version\":1,"
                                           "\"stories\":[{\"title\":}]}", -1, NULL));

  sb_bank_job_run_async (bank, SB_BANK_JOB_IMPORT_JSON, bad, NULL, job_done_cb, &result);
  g_assert_false (sb_bank_job_run_finish (wait_for_job (&result), &summary, &error));
  g_assert_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_true (sb_store_sync (store, &error));
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);

  sb_bank_job_run_async (bank, SB_BANK_JOB_IMPORT_JSON, good, NULL, job_done_cb, &result);
  g_assert_true (sb_bank_job_run_finish (wait_for_job (&result), &summary, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (summary.stories_added, ==, 1);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);
  g_assert_true (sb_store_sync (store, &error));
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 2);

  sb_bank_job_run_async (bank, SB_BANK_JOB_EXPORT_JSON, out, NULL, job_done_cb, &result);
  g_assert_true (sb_bank_job_run_finish (wait_for_job (&result), NULL, &error));
  g_clear_object (&result);
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "From the worker"));
  g_assert_nonnull (strstr (written, "Already here"));
  g_clear_pointer (&written, g_free);

  sb_bank_job_run_async (bank, SB_BANK_JOB_EXPORT_MARKDOWN, markdown, NULL, job_done_cb, &result);
  g_assert_true (sb_bank_job_run_finish (wait_for_job (&result), NULL, &error));
  g_assert_true (g_file_get_contents (markdown, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "From the worker"));
}

/* A big import writes the full-text index as many segments; left so, the
 * merging of them ran a slice at a time inside the next autosaves. The
 * import merges them into one itself, and search still finds every story
 * (the first, the last, and one edited after). */
static void
test_import_compacts_search_index (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GString) json = g_string_new (HEAD "\"stories\":[");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  SbImportSummary summary = { 0, };
  SbStory *last;

  for (guint i = 0; i < 600; i++)
    {
      g_string_append_printf (json, "%s{\"title\":\"Story marker%u\",\"situation\":\"", i ? "," : "", i);
      /* Words of their own, so the index holds much more than one page. */
      for (guint w = 0; w < 150; w++)
        g_string_append_printf (json, "word%ux%u ", i, w);
      g_string_append (json, "\"}");
    }
  g_string_append (json, "]}");

  import_ok (bank->store, json->str, &summary);
  g_assert_cmpuint (summary.stories_added, ==, 600);
  g_assert_cmpuint (sb_test_count_rows (bank->store, "(SELECT DISTINCT segid FROM stories_fts_idx)", "1"), ==, 1);

  found = sb_store_search_stories (bank->store, "marker0", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sb_store_search_stories (bank->store, "word599x149", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  last = find_story_by_title (bank->store, "Story marker599");
  g_assert_nonnull (last);
  sb_story_set_field (last, SB_STORY_FIELD_RESULT, "Shipped unbelievably early.");
  g_assert_true (sb_store_save_story (bank->store, last, &error));
  g_assert_no_error (error);
  found = sb_store_search_stories (bank->store, "unbelievably", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == (gpointer) last);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exchange/minimal-import", test_minimal_import);
  g_test_add_func ("/exchange/refusals-change-nothing", test_refusals);
  g_test_add_func ("/exchange/failure-while-writing-rolls-back", test_failure_while_writing_rolls_back);
  g_test_add_func ("/exchange/deleted-question-stays-deleted", test_deleted_question_stays_deleted);
  g_test_add_func ("/exchange/round-trip", test_round_trip);
  g_test_add_func ("/exchange/cue-card", test_cue_card);
  g_test_add_func ("/exchange/merge-by-uuid", test_merge_by_uuid);
  g_test_add_func ("/exchange/catalog-edits-merge", test_catalog_edits_merge);
  g_test_add_func ("/exchange/file-defined-themes", test_file_defined_themes);
  g_test_add_func ("/exchange/practice-failure-rolls-back", test_practice_failure_rolls_back);
  g_test_add_func ("/exchange/practice-merge", test_practice_merge);
  g_test_add_func ("/exchange/practice-empty", test_practice_empty);
  g_test_add_func ("/exchange/unicode", test_unicode);
  g_test_add_func ("/exchange/markdown", test_markdown);
  g_test_add_func ("/exchange/files", test_files);
  g_test_add_func ("/exchange/bank-job", test_bank_job);
  g_test_add_func ("/exchange/example-file", test_example_file);
  g_test_add_func ("/exchange/import-compacts-search-index", test_import_compacts_search_index);
  return g_test_run ();
}
