/* test-exchange-applications.c — applications and the introduction in the
 * Storybank JSON file: round trips, merging by id, the refusals, Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-application.h"
#include "sb-exchange.h"
#include "sb-test-store.h"

#define STORY_A "0b7e8c9a-3f4d-4a5b-9c6d-7e8f9a0b1c2d"
#define STORY_B "1c8f9dab-4a5e-4b6c-8d7e-8f9a0b1c2d3e"

static const char *job_description =
  "About us\n"
  "Acme builds the checkout that half the internet pays with.\n"
  "\n"
  "What you'll do\n"
  "- Own the design and operation of our payment services end to end\n"
  "- Lead incident response for the systems your team runs\n"
  "- Mentor engineers and raise the bar of code review\n"
  "\n"
  "Requirements\n"
  "- 5+ years of experience building distributed systems in production\n"
  "- Experience with PostgreSQL at scale\n"
  "\n"
  "Benefits\n"
  "- Health insurance, 401(k) matching and 25 days of PTO\n"
  "\n"
  "Acme is an equal opportunity employer.\n";

static SbStory *
add_story (SbStore    *store,
           const char *uuid,
           const char *title,
           const char *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) story = sb_story_new ();

  sb_story_set_uuid (story, uuid);
  sb_story_set_field (story, SB_STORY_FIELD_TITLE, title);
  sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
  g_assert_true (sb_store_insert_story (store, story, &error));
  g_assert_no_error (error);
  return sb_store_find_story (store, uuid);
}

/* Acme with every field, two requirements (one proven by both stories),
 * two rounds with focus and stories, current; Globex with little; and the
 * introduction. */
static void
fill_bank (SbStore *store)
{
  g_autoptr(GError) error = NULL;
  static const char * const bar_raiser_focus[] = { "lp-earn-trust", "lp-ownership", NULL };
  SbStory *a = add_story (store, STORY_A, "Checkout outage", "Errors fell from 15% to 0.1%.");
  SbStory *b = add_story (store, STORY_B, "Ledger migration", "We moved 2 TB with no downtime.");
  SbApplication *acme, *globex;
  SbRequirement *own, *lead;
  SbRound *round;

  acme = sb_store_create_application (store, "acme-2026", "Acme", "Senior Backend Engineer", &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_application_field (store, acme, SB_APPLICATION_FIELD_DATE, "2026-12-10", &error));
  g_assert_true (sb_store_set_application_field (store, acme, SB_APPLICATION_FIELD_JOB_DESCRIPTION,
                                                 job_description, &error));
  g_assert_true (sb_store_set_application_field (store, acme, SB_APPLICATION_FIELD_WHY_COMPANY,
                                                 "Payments at their scale, and a team that writes things down.",
                                                 &error));
  g_assert_true (sb_store_set_application_field (store, acme, SB_APPLICATION_FIELD_NOTES,
                                                 "Ask about on-call.\nSecond line.", &error));
  g_assert_true (sb_store_set_application_framework (store, acme, "amazon-lp", &error));
  g_assert_no_error (error);

  own = sb_store_add_requirement (store, acme, "Own payment services end to end", -1, &error);
  g_assert_no_error (error);
  lead = sb_store_add_requirement (store, acme, "Lead incident response", -1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_requirement_story (store, own, b, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (store, own, a, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (store, lead, a, TRUE, &error));
  sb_store_add_requirement (store, acme, "Mentor engineers", -1, &error);
  g_assert_no_error (error);

  round = sb_store_add_round (store, acme, "Hiring manager", -1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_round_story (store, round, b, TRUE, &error));
  g_assert_true (sb_store_set_round_story (store, round, a, TRUE, &error));
  round = sb_store_add_round (store, acme, "Bar raiser", -1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_round_focus (store, round, bar_raiser_focus, &error));
  g_assert_true (sb_store_set_round_story (store, round, a, TRUE, &error));
  g_assert_no_error (error);

  globex = sb_store_create_application (store, "globex", "Globex", "", &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_application_status (store, globex, SB_APPLICATION_STATUS_DONE, &error));
  g_assert_true (sb_store_set_current_application (store, acme, &error));
  g_assert_true (sb_store_set_introduction (store, "I build payment systems.\nTen years of it.", &error));
  g_assert_no_error (error);
}

static void
assert_acme (SbStore *store)
{
  SbApplication *acme = sb_store_find_application (store, "acme-2026");
  GListModel *requirements, *rounds;
  g_autoptr(SbRequirement) own = NULL;
  g_autoptr(SbRequirement) mentor = NULL;
  g_autoptr(SbRound) hiring = NULL;
  g_autoptr(SbRound) bar = NULL;
  g_autofree char *introduction = sb_store_get_introduction (store);

  g_assert_nonnull (acme);
  g_assert_cmpstr (sb_application_get_company (acme), ==, "Acme");
  g_assert_cmpstr (sb_application_get_role (acme), ==, "Senior Backend Engineer");
  g_assert_cmpstr (sb_application_get_date (acme), ==, "2026-12-10");
  g_assert_cmpstr (sb_application_get_field (acme, SB_APPLICATION_FIELD_JOB_DESCRIPTION), ==, job_description);
  g_assert_cmpstr (sb_application_get_field (acme, SB_APPLICATION_FIELD_NOTES), ==, "Ask about on-call.\nSecond line.");
  g_assert_cmpstr (sb_application_get_framework (acme), ==, "amazon-lp");
  g_assert_cmpint (sb_application_get_status (acme), ==, SB_APPLICATION_STATUS_PREPARING);
  g_assert_true (sb_store_get_current_application (store) == acme);
  g_assert_cmpstr (introduction, ==, "I build payment systems.\nTen years of it.");

  requirements = sb_application_get_requirements (acme);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, 3);
  own = g_list_model_get_item (requirements, 0);
  g_assert_cmpstr (sb_requirement_get_text (own), ==, "Own payment services end to end");
  g_assert_cmpuint (sb_requirement_get_n_stories (own), ==, 2);
  g_assert_true (g_strv_contains (sb_requirement_get_story_uuids (own), STORY_A));
  g_assert_true (g_strv_contains (sb_requirement_get_story_uuids (own), STORY_B));
  mentor = g_list_model_get_item (requirements, 2);
  g_assert_cmpuint (sb_requirement_get_n_stories (mentor), ==, 0);

  rounds = sb_application_get_rounds (acme);
  g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 2);
  hiring = g_list_model_get_item (rounds, 0);
  bar = g_list_model_get_item (rounds, 1);
  g_assert_cmpstr (sb_round_get_name (hiring), ==, "Hiring manager");
  g_assert_cmpstr (sb_round_get_story_uuids (hiring)[0], ==, STORY_B);
  g_assert_cmpstr (sb_round_get_story_uuids (hiring)[1], ==, STORY_A);
  g_assert_cmpstr (sb_round_get_name (bar), ==, "Bar raiser");
  g_assert_cmpuint (g_strv_length ((char **) sb_round_get_focus (bar)), ==, 2);
  g_assert_true (g_strv_contains (sb_round_get_focus (bar), "lp-earn-trust"));
  g_assert_true (g_strv_contains (sb_round_get_focus (bar), "lp-ownership"));
  g_assert_cmpstr (sb_round_get_story_uuids (bar)[0], ==, STORY_A);

  g_assert_cmpint (sb_application_get_status (sb_store_find_application (store, "globex")), ==,
                   SB_APPLICATION_STATUS_DONE);
}

/* Export → import into a fresh bank gives every field back, and the same
 * export; importing it into the bank it came from changes nothing. */
static void
test_round_trip (void)
{
  g_autoptr(SbTestBank) from = sb_test_bank_new ();
  g_autoptr(SbTestBank) to = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SbImportSummary summary = { 0, };

  fill_bank (from->store);
  exported = sb_test_export_stable (from->store);
  g_assert_nonnull (strstr (exported, "\"applications\""));
  g_assert_nonnull (strstr (exported, "\"current\" : true"));
  g_assert_nonnull (strstr (exported, "\"framework\" : null"));   /* Globex has none */

  g_assert_true (sb_exchange_import_json (to->store, exported, -1, "bank.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applications_added, ==, 2);
  g_assert_cmpuint (summary.applications_updated, ==, 0);
  assert_acme (to->store);
  again = sb_test_export_stable (to->store);
  g_assert_cmpstr (again, ==, exported);

  /* Into the same bank: nothing is updated, nothing changes. */
  before = sb_test_export_stable (from->store);
  memset (&summary, 0, sizeof summary);
  g_assert_true (sb_exchange_import_json (from->store, exported, -1, "bank.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applications_added, ==, 0);
  g_assert_cmpuint (summary.applications_updated, ==, 0);
  g_assert_cmpuint (summary.stories_updated, ==, 0);
  after = sb_test_export_stable (from->store);
  g_assert_cmpstr (after, ==, before);

  /* And a second store on the fresh bank's file reads the same. */
  {
    g_autofree char *path = sb_test_dir_file (to->dir, "bank.sqlite3");
    g_autoptr(SbStore) other = sb_store_open (path, &error);
    g_autofree char *other_export = NULL;

    g_assert_no_error (error);
    assert_acme (other);
    other_export = sb_test_export_stable (other);
    g_assert_cmpstr (other_export, ==, exported);
  }
}

/* A changed file updates the application by id, counted once; what the
 * file leaves out stays; the bank's current application and introduction
 * are not replaced. */
static void
test_merge_by_id (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  SbImportSummary summary = { 0, };
  SbApplication *acme, *globex;
  g_autofree char *introduction = NULL;
  const char *json =
    "{\"format\":\"storybank\",\"version\":2,\"introduction\":\"Someone else.\",\"applications\":["
    " {\"id\":\"acme-2026\",\"company\":\"Acme Corp\",\"rounds\":[{\"name\":\"Bar raiser\","
    "   \"focus\":[\"lp-earn-trust\"],\"stories\":[\"" STORY_B "\"]}]},"
    " {\"id\":\"globex\",\"current\":true},"
    " {\"id\":\"initech\",\"company\":\"Initech\"}]}";

  fill_bank (bank->store);
  g_assert_true (sb_exchange_import_json (bank->store, json, -1, "changes.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applications_added, ==, 1);
  g_assert_cmpuint (summary.applications_updated, ==, 1);   /* Globex: nothing new */

  acme = sb_store_find_application (bank->store, "acme-2026");
  globex = sb_store_find_application (bank->store, "globex");
  g_assert_cmpstr (sb_application_get_company (acme), ==, "Acme Corp");
  g_assert_cmpstr (sb_application_get_role (acme), ==, "Senior Backend Engineer");
  g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_requirements (acme)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_rounds (acme)), ==, 1);
  g_assert_true (sb_store_get_current_application (bank->store) == acme);
  g_assert_nonnull (globex);
  introduction = sb_store_get_introduction (bank->store);
  g_assert_cmpstr (introduction, ==, "I build payment systems.\nTen years of it.");
  g_assert_nonnull (sb_store_find_application (bank->store, "initech"));
}

/* The shape the issue promises, other fields left out: the job
 * description is split into requirements as the window would. */
static void
test_minimal_shape (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *escaped = g_strescape (job_description, NULL);
  SbImportSummary summary = { 0, };
  SbApplication *acme;
  GListModel *requirements;
  g_autoptr(SbRound) round = NULL;

  add_story (bank->store, STORY_A, "Checkout outage", "Errors fell from 15% to 0.1%.");
  g_string_append_printf (json,
                          "{\"format\":\"storybank\",\"version\":1,\"applications\":[{\"id\":\"acme-2026\","
                          "\"company\":\"Acme\",\"role\":\"Senior Backend Engineer\",\"date\":\"2026-12-10\","
                          "\"job_description\":\"%s\",\"rounds\":[{\"name\":\"Bar raiser\","
                          "\"focus\":[\"lp-earn-trust\"],\"stories\":[\"%s\"]}]}]}",
                          escaped, "0B7E8C9A-3F4D-4A5B-9C6D-7E8F9A0B1C2D");
  g_assert_true (sb_exchange_import_json (bank->store, json->str, -1, "acme.json", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.applications_added, ==, 1);

  acme = sb_store_find_application (bank->store, "acme-2026");
  g_assert_nonnull (acme);
  g_assert_cmpstr (sb_application_get_date (acme), ==, "2026-12-10");
  requirements = sb_application_get_requirements (acme);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);
      g_assert_null (strstr (sb_requirement_get_text (requirement), "401(k)"));
      g_assert_null (strstr (sb_requirement_get_text (requirement), "equal opportunity"));
    }
  round = g_list_model_get_item (sb_application_get_rounds (acme), 0);
  g_assert_cmpstr (sb_round_get_name (round), ==, "Bar raiser");
  g_assert_cmpstr (sb_round_get_focus (round)[0], ==, "lp-earn-trust");
  g_assert_cmpstr (sb_round_get_story_uuids (round)[0], ==, STORY_A);
  g_assert_null (sb_store_get_current_application (bank->store));

  /* A file that lists its requirements, even none, keeps them. */
  {
    const char *none = "{\"format\":\"storybank\",\"version\":2,\"applications\":[{\"id\":\"globex\","
                       "\"job_description\":\"- Lead the platform team of eight engineers\","
                       "\"requirements\":[]}]}";

    g_assert_true (sb_exchange_import_json (bank->store, none, -1, "globex.json", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_requirements (
                        sb_store_find_application (bank->store, "globex"))), ==, 0);
  }
}

/* A story and an application in one file: the plan may name the story. */
static void
test_story_from_same_file (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRequirement) requirement = NULL;
  const char *json =
    "{\"format\":\"storybank\",\"version\":2,"
    "\"stories\":[{\"uuid\":\"" STORY_B "\",\"title\":\"Ledger migration\"}],"
    "\"applications\":[{\"id\":\"acme\",\"requirements\":[\"Lead migrations\","
    " {\"text\":\"Own data\",\"stories\":[\"" STORY_B "\"]}]}]}";

  g_assert_true (sb_exchange_import_json (bank->store, json, -1, "both.json", NULL, &error));
  g_assert_no_error (error);
  requirement = g_list_model_get_item (sb_application_get_requirements (
                                         sb_store_find_application (bank->store, "acme")), 1);
  g_assert_cmpstr (sb_requirement_get_text (requirement), ==, "Own data");
  g_assert_cmpstr (sb_requirement_get_story_uuids (requirement)[0], ==, STORY_B);
}

typedef struct
{
  const char *name;
  const char *json;        /* the applications array */
  const char *where;       /* the path in the message */
  const char *what;        /* and a part of its reason */
} Refusal;

#define TOO_LONG_NAME \
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

static const Refusal refusals[] = {
  { "company-number", "[{\"id\":\"acme\",\"company\":42}]", "applications[0].company: ",
    "expected a string, found a number (application “acme”)" },
  { "rounds-object", "[{\"id\":\"acme\",\"rounds\":{}}]", "applications[0].rounds: ",
    "expected an array, found an object (application “acme”)" },
  { "focus-string", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"R\",\"focus\":\"lp-ownership\"}]}]",
    "applications[0].rounds[0].focus: ", "expected an array, found a string (application “acme”)" },
  { "no-id", "[{\"company\":\"Acme\"}]", "applications[0]: ", "“id” is missing" },
  { "id-with-space", "[{\"id\":\"acme 2026\"}]", "applications[0].id: ", "“acme 2026” is not an application id" },
  { "misspelt-field", "[{\"id\":\"acme\",\"compnay\":\"Acme\"}]", "applications[0].compnay: ",
    "not a field Storybank knows here (expected one of: id, company, role, date, status, job_description, "
    "why_company, notes, framework, current, requirements, rounds) (application “acme”)" },
  { "misspelt-round-field", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"R\",\"storys\":[]}]}]",
    "applications[0].rounds[0].storys: ", "not a field" },
  { "company-too-long", "[{\"id\":\"acme\",\"company\":\"" TOO_LONG_NAME "\"}]",
    "applications[0].company: ", "the company of the application “acme” has 204 characters; it keeps at most 200" },
  { "round-name-too-long", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"" TOO_LONG_NAME "\"}]}]",
    "applications[0].rounds[0].name: ", "the round name of the application “acme” has 204 characters" },
  { "unknown-story", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"R\",\"stories\":"
    "[\"2d9fa0bc-5b6f-4c7d-9e8f-9a0b1c2d3e4f\"]}]}]", "applications[0].rounds[0].stories[0]: ",
    "no story 2d9fa0bc-5b6f-4c7d-9e8f-9a0b1c2d3e4f, neither in the bank nor in the file (application “acme”)" },
  { "requirement-unknown-story", "[{\"id\":\"acme\",\"requirements\":[{\"text\":\"Lead\",\"stories\":"
    "[\"2d9fa0bc-5b6f-4c7d-9e8f-9a0b1c2d3e4f\"]}]}]", "applications[0].requirements[0].stories[0]: ",
    "(application “acme”)" },
  { "not-a-uuid", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"R\",\"stories\":[\"checkout\"]}]}]",
    "applications[0].rounds[0].stories[0]: ", "“checkout” is not a story id" },
  { "story-twice", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"R\",\"stories\":[\"" STORY_A "\",\"" STORY_A "\"]}]}]",
    "applications[0].rounds[0].stories[1]: ", "listed twice (application “acme”)" },
  { "unknown-focus", "[{\"id\":\"acme\",\"rounds\":[{\"name\":\"Bar raiser\",\"focus\":[\"lp-made-up\"]}]}]",
    "applications[0].rounds[0].focus[0]: ", "no theme “lp-made-up” (round “Bar raiser” of the application “acme”)" },
  { "bad-date", "[{\"id\":\"acme\",\"date\":\"10/12/2026\"}]", "applications[0].date: ",
    "“10/12/2026” is not a date (application “acme”" },
  { "no-such-day", "[{\"id\":\"acme\",\"date\":\"2026-02-30\"}]", "applications[0].date: ", "“2026-02-30”" },
  { "duplicate-id", "[{\"id\":\"acme\"},{\"id\":\"globex\"},{\"id\":\"acme\"}]", "applications[2].id: ",
    "two applications have the id “acme”" },
  { "bad-status", "[{\"id\":\"acme\",\"status\":\"hired\"}]", "applications[0].status: ", "“hired”" },
  { "unknown-framework", "[{\"id\":\"acme\",\"framework\":\"acme-values\"}]", "applications[0].framework: ",
    "no framework “acme-values” (application “acme”)" },
  { "two-current", "[{\"id\":\"acme\",\"current\":true},{\"id\":\"globex\",\"current\":true}]",
    "applications[1].current: ", "only one application" },
  { "empty-requirement", "[{\"id\":\"acme\",\"requirements\":[{\"text\":\"  \"}]}]",
    "applications[0].requirements[0].text: ", "empty" },
  { "round-without-name", "[{\"id\":\"acme\",\"rounds\":[{\"focus\":[]}]}]", "applications[0].rounds[0]: ",
    "“name” is missing" },
  { "application-string", "[\"acme\"]", "applications[0]: ", "expected an object" },
};

/* Each refusal names the application and the field, and leaves the bank
 * as it was: its stories, its applications and their plans. */
static void
test_refusals (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *before = NULL;

  fill_bank (bank->store);
  before = sb_test_export_stable (bank->store);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;
      g_autofree char *after = NULL;
      SbImportSummary summary = { 0, };

      /* A story changed and a new application earlier in the same file:
       * neither may stay behind. */
      json = g_strdup_printf ("{\"format\":\"storybank\",\"version\":2,\"introduction\":\"Changed\","
                              "\"stories\":[{\"uuid\":\"" STORY_A "\",\"title\":\"Renamed\"}],"
                              "\"applications\":%s}", refusals[i].json);
      g_test_message ("%s", refusals[i].name);
      g_assert_false (sb_exchange_import_json (bank->store, json, -1, "apps.json", &summary, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, refusals[i].where) == NULL || strstr (error->message, refusals[i].what) == NULL)
        g_error ("%s: expected “%s” and “%s” in: %s", refusals[i].name, refusals[i].where,
                 refusals[i].what, error->message);
      g_assert_true (g_str_has_prefix (error->message, "apps.json"));

      g_assert_cmpstr (sb_story_get_title (sb_store_find_story (bank->store, STORY_A)), ==, "Checkout outage");
      g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (bank->store)), ==, 2);
      after = sb_test_export_stable (bank->store);
      g_assert_cmpstr (after, ==, before);
    }

  /* An introduction past what the bank keeps. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *words = g_strnfill (SB_APPLICATION_MAX_NOTE_CHARS + 1, 'x');
    g_autofree char *json = g_strdup_printf ("{\"format\":\"storybank\",\"version\":2,"
                                             "\"introduction\":\"%s\"}", words);
    g_autofree char *after = NULL;

    g_assert_false (sb_exchange_import_json (bank->store, json, -1, "apps.json", NULL, &error));
    g_assert_nonnull (strstr (error->message, "introduction: the introduction has 20001 characters"));
    after = sb_test_export_stable (bank->store);
    g_assert_cmpstr (after, ==, before);
  }
}

/* A failure while writing (the bank refuses a row the file's checks let
 * through) rolls every application back, in memory too, and the stories
 * of the same file with them. */
static void
test_write_failure_rolls_back (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *json =
    "{\"format\":\"storybank\",\"version\":2,"
    "\"stories\":[{\"uuid\":\"" STORY_A "\",\"title\":\"Renamed\"}],"
    "\"applications\":["
    " {\"id\":\"initech\",\"company\":\"Initech\",\"rounds\":[{\"name\":\"Screen\"}]},"
    " {\"id\":\"acme-2026\",\"company\":\"Acme Corp\",\"rounds\":[{\"name\":\"Boom\"}]}]}";

  fill_bank (bank->store);
  before = sb_test_export_stable (bank->store);
  g_assert_true (sb_database_exec (sb_store_get_database (bank->store),
                                   "CREATE TEMP TRIGGER boom BEFORE INSERT ON rounds "
                                   "WHEN NEW.name = 'Boom' BEGIN SELECT RAISE (ABORT, 'boom'); END",
                                   &error));
  g_assert_no_error (error);

  g_assert_false (sb_exchange_import_json (bank->store, json, -1, "apps.json", NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_clear_error (&error);
  g_assert_null (sb_store_find_application (bank->store, "initech"));
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (bank->store)), ==, 2);
  g_assert_cmpstr (sb_application_get_company (sb_store_find_application (bank->store, "acme-2026")), ==, "Acme");
  g_assert_cmpstr (sb_story_get_title (sb_store_find_story (bank->store, STORY_A)), ==, "Checkout outage");
  after = sb_test_export_stable (bank->store);
  g_assert_cmpstr (after, ==, before);

  /* And a file the bank takes imports after it, in full. */
  {
    g_autofree char *fine = g_strdup (json);
    char *boom = strstr (fine, "\"Boom\"");

    memcpy (boom, "\"Fine\"", strlen ("\"Fine\""));
    g_assert_true (sb_exchange_import_json (bank->store, fine, -1, "apps.json", NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (sb_store_find_application (bank->store, "initech"));
    g_assert_cmpstr (sb_application_get_company (sb_store_find_application (bank->store, "acme-2026")), ==,
                     "Acme Corp");
    g_assert_cmpstr (sb_story_get_title (sb_store_find_story (bank->store, STORY_A)), ==, "Renamed");
  }
}

static void
test_markdown (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *markdown = NULL;

  fill_bank (bank->store);
  markdown = sb_exchange_export_markdown (bank->store);
  g_assert_nonnull (strstr (markdown, "## Applications\n"));
  g_assert_nonnull (strstr (markdown, "### Acme · Senior Backend Engineer — 2026-12-10\n"));
  g_assert_true (strstr (markdown, "- Own payment services end to end — Ledger migration, Checkout outage\n") != NULL ||
                 strstr (markdown, "- Own payment services end to end — Checkout outage, Ledger migration\n") != NULL);
  g_assert_nonnull (strstr (markdown, "- Mentor engineers — *no story yet*\n"));
  g_assert_nonnull (strstr (markdown, "2. Bar raiser: Checkout outage\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exchange-applications/round-trip", test_round_trip);
  g_test_add_func ("/exchange-applications/merge-by-id", test_merge_by_id);
  g_test_add_func ("/exchange-applications/minimal-shape", test_minimal_shape);
  g_test_add_func ("/exchange-applications/story-from-same-file", test_story_from_same_file);
  g_test_add_func ("/exchange-applications/refusals", test_refusals);
  g_test_add_func ("/exchange-applications/write-failure-rolls-back", test_write_failure_rolls_back);
  g_test_add_func ("/exchange-applications/markdown", test_markdown);
  return g_test_run ();
}
