/* test-cli-applications.c — --applications, --plan [--propose] [--json]
 * and --cheat-sheet --application, run as a person would run them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "sb-test-cli.h"
#include "sb-test-util.h"

#define STORY_A "0b7e8c9a-3f4d-4a5b-9c6d-7e8f9a0b1c2d"
#define STORY_B "1c8f9dab-4a5e-4b6c-8d7e-8f9a0b1c2d3e"
#define STORY_C "2d9fa0bc-5b6f-4c7d-9e8f-9a0b1c2d3e4f"
#define STORY_D "3eafb1cd-6c70-4d8e-8f90-ab1c2d3e4f50"
#define STORY_E "4fb0c2de-7d81-4e9f-9a01-bc2d3e4f5061"
#define STORY_F "50c1d3ef-8e92-4fa0-ab12-cd3e4f506172"

/* Six stories on Amazon's principles; Acme (current) plans the checkout
 * story in two rounds, focuses a round on a principle no planned story
 * covers, and has a requirement with no story; Globex is done; Initech's
 * three rounds are empty. Acme's company name carries an escape sequence
 * that a terminal would act on. */
static const char bank_json[] =
  "{\"format\":\"storybank\",\"version\":2,\"stories\":["
  " {\"uuid\":\"" STORY_A "\",\"title\":\"Checkout outage\",\"status\":\"ready\","
  "  \"situation\":\"Checkout timed out at peak.\",\"action\":\"I found a leaked connection.\","
  "  \"result\":\"Errors fell from 15% to 0.1%.\",\"themes\":[\"lp-ownership\",\"lp-dive-deep\"]},"
  " {\"uuid\":\"" STORY_B "\",\"title\":\"Ledger migration\",\"status\":\"ready\","
  "  \"result\":\"We moved 2 TB with no downtime.\",\"themes\":[\"lp-deliver-results\",\"lp-ownership\"]},"
  " {\"uuid\":\"" STORY_C "\",\"title\":\"Hard feedback\",\"status\":\"ready\","
  "  \"result\":\"The review time fell by 40%.\",\"themes\":[\"lp-earn-trust\"]},"
  " {\"uuid\":\"" STORY_D "\",\"title\":\"Hiring loop\",\"status\":\"ready\","
  "  \"result\":\"We hired 6 engineers in a quarter.\",\"themes\":[\"lp-hire-and-develop\",\"lp-earn-trust\"]},"
  " {\"uuid\":\"" STORY_E "\",\"title\":\"Launch on time\",\"status\":\"ready\","
  "  \"result\":\"We shipped on the date, with 3 of 4 features.\",\"themes\":[\"lp-deliver-results\"]},"
  " {\"uuid\":\"" STORY_F "\",\"title\":\"Cost cut\",\"status\":\"draft\","
  "  \"result\":\"Cloud costs fell by 30%.\",\"themes\":[\"lp-frugality\",\"lp-ownership\"]}],"
  "\"applications\":["
  " {\"id\":\"acme-2026\",\"company\":\"Acme\\u001b[31m\",\"role\":\"Senior Backend Engineer\","
  "  \"date\":\"2026-12-10\",\"current\":true,\"framework\":\"amazon-lp\","
  "  \"requirements\":[{\"text\":\"Own payment services\",\"stories\":[\"" STORY_A "\"]},"
  "                  {\"text\":\"Mentor engineers\",\"stories\":[]}],"
  "  \"rounds\":[{\"name\":\"Hiring manager\",\"focus\":[\"lp-ownership\"],\"stories\":[\"" STORY_A "\"]},"
  "             {\"name\":\"Bar raiser\",\"focus\":[\"lp-earn-trust\",\"lp-dive-deep\"],"
  "              \"stories\":[\"" STORY_A "\"]}]},"
  " {\"id\":\"globex\",\"company\":\"Globex\",\"role\":\"Staff Engineer\",\"status\":\"done\"},"
  " {\"id\":\"initech\",\"company\":\"Initech\",\"role\":\"Engineer\",\"framework\":\"amazon-lp\","
  "  \"rounds\":[{\"name\":\"Screen\",\"focus\":[\"lp-ownership\"]},"
  "             {\"name\":\"Values\",\"focus\":[\"lp-earn-trust\"]},"
  "             {\"name\":\"Delivery\",\"focus\":[\"lp-deliver-results\",\"lp-ownership\"]}]}]}";

typedef struct
{
  SbTestDir *dir;
  char      *bank;
  char      *database_arg;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *input = NULL;
  g_autofree char *import_arg = NULL;
  g_auto(SbTestRun) imported = { 0, };

  (void) data;
  fixture->dir = sb_test_dir_new ();
  fixture->bank = sb_test_dir_file (fixture->dir, "bank.sqlite3");
  fixture->database_arg = g_strconcat ("--database=", fixture->bank, NULL);
  input = sb_test_dir_write (fixture->dir, "bank.json", bank_json);
  import_arg = g_strconcat ("--import=", input, NULL);
  sb_test_run_storybank (&imported, fixture->database_arg, import_arg, NULL);
  if (imported.status != 0)
    g_error ("import failed: %s", imported.err);
  g_assert_nonnull (strstr (imported.out, "3 applications added"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;
  g_free (fixture->database_arg);
  g_free (fixture->bank);
  sb_test_dir_free (fixture->dir);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(SbTestRun) text = { 0, };
  g_auto(SbTestRun) json = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *acme, *globex;

  (void) data;
  sb_test_run_storybank (&text, fixture->database_arg, "--applications", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  /* The current one is marked; bank text is escaped. */
  g_assert_cmpstr (text.out, ==,
                   "* acme-2026  2026-12-10  preparing  Acme\\x1b[31m · Senior Backend Engineer\n"
                   "  globex     —           done       Globex · Staff Engineer\n"
                   "  initech    —           preparing  Initech · Engineer\n");
  g_assert_null (strchr (text.out, '\x1b'));

  sb_test_run_storybank (&json, fixture->database_arg, "--applications", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  acme = json_array_get_object_element (array, 0);
  globex = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (acme, "id"), ==, "acme-2026");
  g_assert_cmpstr (json_object_get_string_member (acme, "company"), ==, "Acme\x1b[31m");
  g_assert_cmpstr (json_object_get_string_member (acme, "role"), ==, "Senior Backend Engineer");
  g_assert_cmpstr (json_object_get_string_member (acme, "date"), ==, "2026-12-10");
  g_assert_cmpstr (json_object_get_string_member (acme, "status"), ==, "preparing");
  g_assert_true (json_object_get_boolean_member (acme, "current"));
  g_assert_cmpstr (json_object_get_string_member (globex, "status"), ==, "done");
  g_assert_false (json_object_get_boolean_member (globex, "current"));
}

static gboolean
has_warning (JsonArray  *warnings,
             const char *kind)
{
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *warning = json_array_get_object_element (warnings, i);

      if (g_strcmp0 (json_object_get_string_member (warning, "kind"), kind) == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (warning, "message"), !=, "");
          return TRUE;
        }
    }
  return FALSE;
}

/* Acme's plan: a story twice, a focus no planned story covers, a
 * requirement without a story; each is one warning of its kind. */
static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(SbTestRun) text = { 0, };
  g_auto(SbTestRun) json = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *rounds, *warnings;
  JsonObject *bar;

  (void) data;
  sb_test_run_storybank (&json, fixture->database_arg, "--plan=acme-2026", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse (json.out);
  object = json_node_get_object (root);
  rounds = json_object_get_array_member (object, "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 2);
  bar = json_array_get_object_element (rounds, 1);
  g_assert_cmpstr (json_object_get_string_member (bar, "name"), ==, "Bar raiser");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bar, "focus")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (bar, "stories"), 0), ==, STORY_A);

  warnings = json_object_get_array_member (object, "warnings");
  g_assert_true (has_warning (warnings, "repeat"));
  g_assert_true (has_warning (warnings, "uncovered-focus"));
  g_assert_true (has_warning (warnings, "requirement-without-story"));

  sb_test_run_storybank (&text, fixture->database_arg, "--plan=acme-2026", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "Acme\\x1b[31m · Senior Backend Engineer — 2026-12-10\n"));
  g_assert_nonnull (strstr (text.out, "2. Bar raiser (focus: "));
  g_assert_nonnull (strstr (text.out, "   - Checkout outage\n"));
  g_assert_nonnull (strstr (text.out, "Warnings:\n"));
  g_assert_nonnull (strstr (text.out, "[repeat]"));
  g_assert_nonnull (strstr (text.out, "[requirement-without-story]"));
}

static GPtrArray *
planned_uuids (JsonArray *rounds)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonArray *stories = json_object_get_array_member (json_array_get_object_element (rounds, i), "stories");

      for (guint j = 0; j < json_array_get_length (stories); j++)
        g_ptr_array_add (uuids, g_strdup (json_array_get_string_element (stories, j)));
    }
  return uuids;
}

/* --propose fills Initech's empty rounds, never a story twice, keeps the
 * plan in the bank, and leaves a planned round as the person planned it. */
static void
test_propose (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(SbTestRun) proposed = { 0, };
  g_auto(SbTestRun) again = { 0, };
  g_auto(SbTestRun) acme = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root_again = NULL;
  g_autoptr(JsonNode) acme_root = NULL;
  g_autoptr(GPtrArray) uuids = NULL;
  JsonArray *rounds;

  (void) data;
  sb_test_run_storybank (&proposed, fixture->database_arg, "--plan=initech", "--propose", "--json", NULL);
  g_assert_cmpint (proposed.status, ==, 0);
  g_assert_cmpstr (proposed.err, ==, "Stories proposed for 3 rounds.\n");
  root = parse (proposed.out);
  rounds = json_object_get_array_member (json_node_get_object (root), "rounds");
  g_assert_cmpuint (json_array_get_length (rounds), ==, 3);
  uuids = planned_uuids (rounds);
  g_assert_cmpuint (uuids->len, >=, 3);
  for (guint i = 0; i < uuids->len; i++)
    for (guint j = i + 1; j < uuids->len; j++)
      g_assert_cmpstr (uuids->pdata[i], !=, uuids->pdata[j]);
  g_assert_false (has_warning (json_object_get_array_member (json_node_get_object (root), "warnings"), "repeat"));
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_array_get_object_element (rounds, i), "stories")), >, 0);

  /* Kept: the plan without --propose is the same. */
  sb_test_run_storybank (&again, fixture->database_arg, "--plan=initech", "--json", NULL);
  g_assert_cmpint (again.status, ==, 0);
  root_again = parse (again.out);
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (root), "rounds"),
                                  json_object_get_member (json_node_get_object (root_again), "rounds")));

  /* Acme's rounds are planned already: --propose leaves them. */
  sb_test_run_storybank (&acme, fixture->database_arg, "--plan=acme-2026", "--propose", "--json", NULL);
  g_assert_cmpint (acme.status, ==, 0);
  g_assert_nonnull (strstr (acme.err, "nothing was proposed"));
  acme_root = parse (acme.out);
  rounds = json_object_get_array_member (json_node_get_object (acme_root), "rounds");
  for (guint i = 0; i < json_array_get_length (rounds); i++)
    {
      JsonArray *stories = json_object_get_array_member (json_array_get_object_element (rounds, i), "stories");

      g_assert_cmpuint (json_array_get_length (stories), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (stories, 0), ==, STORY_A);
    }
}

/* An id the bank does not have: one line naming it, a non-zero status,
 * nothing written. */
static void
test_unknown_id (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *pdf = sb_test_dir_file (fixture->dir, "sheet.pdf");
  g_autofree char *sheet_arg = g_strconcat ("--cheat-sheet=", pdf, NULL);
  g_autofree char *other = sb_test_dir_file (fixture->dir, "other.sqlite3");
  g_autofree char *other_arg = g_strconcat ("--database=", other, NULL);
  g_auto(SbTestRun) plan = { 0, };
  g_auto(SbTestRun) propose = { 0, };
  g_auto(SbTestRun) sheet = { 0, };
  g_auto(SbTestRun) fresh = { 0, };

  (void) data;
  sb_test_run_storybank (&plan, fixture->database_arg, "--plan=acme", "--json", NULL);
  g_assert_cmpint (plan.status, !=, 0);
  g_assert_cmpstr (plan.out, ==, "");
  g_assert_cmpstr (plan.err, ==,
                   "storybank: --plan: there is no application “acme” (known: acme-2026, globex, initech)\n");

  sb_test_run_storybank (&propose, fixture->database_arg, "--plan=nope\x1b", "--propose", NULL);
  g_assert_cmpint (propose.status, !=, 0);
  g_assert_nonnull (strstr (propose.err, "“nope\\x1b”"));

  sb_test_run_storybank (&sheet, fixture->database_arg, sheet_arg, "--application=globex-2025", NULL);
  g_assert_cmpint (sheet.status, !=, 0);
  g_assert_nonnull (strstr (sheet.err, "--application: there is no application “globex-2025”"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* A bank this command would have made is not left behind. */
  sb_test_run_storybank (&fresh, other_arg, "--plan=acme-2026", NULL);
  g_assert_cmpint (fresh.status, !=, 0);
  g_assert_nonnull (strstr (fresh.err, "the bank has none yet"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_bad_arguments (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(SbTestRun) propose = { 0, };
  g_auto(SbTestRun) application = { 0, };
  g_auto(SbTestRun) two_json = { 0, };
  g_auto(SbTestRun) help = { 0, };

  (void) data;
  sb_test_run_storybank (&propose, fixture->database_arg, "--propose", NULL);
  g_assert_cmpint (propose.status, !=, 0);
  g_assert_nonnull (strstr (propose.err, "--propose goes with --plan"));

  sb_test_run_storybank (&application, fixture->database_arg, "--application=acme-2026", NULL);
  g_assert_cmpint (application.status, !=, 0);
  g_assert_nonnull (strstr (application.err, "--application goes with --cheat-sheet"));

  {
    g_auto(SbTestRun) theme = { 0, };

    sb_test_run_storybank (&theme, fixture->database_arg, "--cheat-sheet=x.pdf", "--application=acme-2026",
                           "--theme=lp-ownership", NULL);
    g_assert_cmpint (theme.status, !=, 0);
    g_assert_nonnull (strstr (theme.err, "--theme does not go with --application"));
  }

  sb_test_run_storybank (&two_json, fixture->database_arg, "--applications", "--plan=acme-2026", "--json", NULL);
  g_assert_cmpint (two_json.status, !=, 0);
  g_assert_nonnull (strstr (two_json.err, "--json goes with one of"));

  sb_test_run_storybank (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--applications"));
  g_assert_nonnull (strstr (help.out, "--plan=ID"));
  g_assert_nonnull (strstr (help.out, "--propose"));
  g_assert_nonnull (strstr (help.out, "--application=ID"));
}

/* The sheet for an application from the command line: a one-page PDF. */
static void
test_cheat_sheet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *pdf = sb_test_dir_file (fixture->dir, "acme.pdf");
  g_autofree char *sheet_arg = g_strconcat ("--cheat-sheet=", pdf, NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_auto(SbTestRun) sheet = { 0, };

  (void) data;
  sb_test_run_storybank (&sheet, fixture->database_arg, sheet_arg, "--application=acme-2026", "--paper=a4", NULL);
  g_assert_cmpint (sheet.status, ==, 0);
  g_assert_cmpstr (sheet.err, ==, "");
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (pdfinfo == NULL || pdftotext == NULL)
    {
      g_test_skip ("pdfinfo and pdftotext (poppler-utils) are not installed");
      return;
    }
  {
    const char *info_argv[] = { "pdfinfo", pdf, NULL };
    const char *text_argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *info = NULL;
    g_autofree char *text = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) info_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &info, NULL, NULL, NULL));
    g_assert_nonnull (strstr (info, "Pages:           1\n"));
    g_assert_true (g_spawn_sync (NULL, (char **) text_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, NULL, NULL));
    g_assert_nonnull (strstr (text, "Senior Backend Engineer"));
    /* A control character in the bank is left out, not drawn as a box. */
    g_assert_nonnull (strstr (text, "Acme[31m · Senior Backend Engineer"));
    g_assert_nonnull (strstr (text, "BAR RAISER"));
    g_assert_nonnull (strstr (text, "Checkout outage"));
    g_assert_nonnull (strstr (text, "Own payment services"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-applications/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/cli-applications/plan", Fixture, NULL, fixture_set_up, test_plan, fixture_tear_down);
  g_test_add ("/cli-applications/propose", Fixture, NULL, fixture_set_up, test_propose, fixture_tear_down);
  g_test_add ("/cli-applications/unknown-id", Fixture, NULL, fixture_set_up, test_unknown_id, fixture_tear_down);
  g_test_add ("/cli-applications/bad-arguments", Fixture, NULL, fixture_set_up, test_bad_arguments,
              fixture_tear_down);
  g_test_add ("/cli-applications/cheat-sheet", Fixture, NULL, fixture_set_up, test_cheat_sheet, fixture_tear_down);
  return g_test_run ();
}
