/* test-plan.c — an application's round plan: its warnings, and the plan
 * Storybank proposes for the rounds still empty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-application.h"
#include "sb-coach.h"
#include "sb-plan.h"
#include "sb-store.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestDir     *dir;
  SbStore       *store;
  SbApplication *acme;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  f->acme = sb_store_create_application (f->store, "acme", "Acme", "Backend Engineer", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  sb_test_dir_free (f->dir);
}

/* A story with some text and primary links to @themes. */
static SbStory *
make_story (Fixture            *f,
            const char         *title,
            const char * const *themes)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (f->store, title, &error);

  g_assert_no_error (error);
  g_assert_true (sb_store_edit_story (f->store, story, SB_STORY_FIELD_SITUATION,
                                      "Our checkout service went down on a Friday evening.", &error));
  g_assert_true (sb_store_save_story (f->store, story, &error));
  for (guint i = 0; themes != NULL && themes[i] != NULL; i++)
    g_assert_true (sb_store_set_story_theme (f->store, story, themes[i], SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  return story;
}

static SbRound *
make_round (Fixture            *f,
            const char         *name,
            const char * const *focus)
{
  g_autoptr(GError) error = NULL;
  SbRound *round = sb_store_add_round (f->store, f->acme, name, -1, &error);

  g_assert_no_error (error);
  if (focus != NULL)
    g_assert_true (sb_store_set_round_focus (f->store, round, focus, &error));
  g_assert_no_error (error);
  return round;
}

static void
plan (Fixture *f,
      SbRound *round,
      SbStory *story)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_set_round_story (f->store, round, story, TRUE, &error));
  g_assert_no_error (error);
}

/* Every uuid planned in any round of the application, with repeats. */
static GPtrArray *
all_planned (Fixture *f)
{
  GPtrArray *uuids = g_ptr_array_new ();
  GListModel *rounds = sb_application_get_rounds (f->acme);

  for (guint r = 0; r < g_list_model_get_n_items (rounds); r++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, r);

      for (const char * const *u = sb_round_get_story_uuids (round); *u != NULL; u++)
        g_ptr_array_add (uuids, (gpointer) *u);
    }
  return uuids;
}

static void
assert_no_repeat (Fixture *f)
{
  g_autoptr(GPtrArray) uuids = all_planned (f);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < uuids->len; i++)
    g_assert_true (g_hash_table_add (seen, uuids->pdata[i]));
}

/* ---- warnings ----------------------------------------------------------- */

static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *trust[] = { "lp-earn-trust", NULL };
  const char *outage_themes[] = { "lp-ownership", "core-production-incident", NULL };
  const char *manager_focus[] = { "lp-ownership", "lp-hire-and-develop", NULL };
  SbStory *outage = make_story (f, "Checkout outage", outage_themes);
  SbStory *mentor = make_story (f, "Mentoring Sam", NULL);
  SbRound *manager = make_round (f, "Hiring manager", manager_focus);
  SbRound *raiser = make_round (f, "Bar raiser", trust);
  SbRound *peer = make_round (f, "Peer", NULL);
  SbRequirement *incidents, *sql;
  g_autoptr(GPtrArray) warnings = NULL;
  SbPlanWarning *w;

  incidents = sb_store_add_requirement (f->store, f->acme, "Lead incident response", -1, &error);
  sql = sb_store_add_requirement (f->store, f->acme, "Strong SQL skills across Postgres and MySQL", -1, &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_requirement_story (f->store, incidents, outage, TRUE, &error));
  plan (f, manager, outage);
  plan (f, raiser, outage);
  plan (f, raiser, mentor);
  plan (f, peer, outage);

  warnings = sb_plan_get_warnings (f->store, f->acme);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("%s: %s", sb_plan_warning_kind_to_string (((SbPlanWarning *) warnings->pdata[i])->kind),
                    ((SbPlanWarning *) warnings->pdata[i])->message);
  g_assert_cmpuint (warnings->len, ==, 4);

  /* Ownership is covered in the first round; Hire and Develop is not. */
  w = warnings->pdata[0];
  g_assert_cmpint (w->kind, ==, SB_PLAN_WARNING_UNCOVERED_FOCUS);
  g_assert_cmpstr (sb_plan_warning_kind_to_string (w->kind), ==, "uncovered-focus");
  g_assert_cmpstr (w->theme_slug, ==, "lp-hire-and-develop");
  g_assert_cmpint (w->round_id, ==, sb_round_get_id (manager));
  g_assert_nonnull (strstr (w->message, "Hiring manager"));
  g_assert_nonnull (strstr (w->message, "Hire and Develop"));

  /* The outage comes again in the bar raiser: said once, though it is in
   * three rounds. */
  w = warnings->pdata[1];
  g_assert_cmpint (w->kind, ==, SB_PLAN_WARNING_REPEAT);
  g_assert_cmpstr (sb_plan_warning_kind_to_string (w->kind), ==, "repeat");
  g_assert_cmpstr (w->story_uuid, ==, sb_story_get_uuid (outage));
  g_assert_cmpint (w->round_id, ==, sb_round_get_id (raiser));
  g_assert_nonnull (strstr (w->message, "Checkout outage"));
  g_assert_nonnull (strstr (w->message, "Hiring manager"));
  g_assert_nonnull (strstr (w->message, "Bar raiser"));

  w = warnings->pdata[2];
  g_assert_cmpint (w->kind, ==, SB_PLAN_WARNING_UNCOVERED_FOCUS);
  g_assert_cmpstr (w->theme_slug, ==, "lp-earn-trust");
  g_assert_cmpint (w->round_id, ==, sb_round_get_id (raiser));

  w = warnings->pdata[3];
  g_assert_cmpint (w->kind, ==, SB_PLAN_WARNING_REQUIREMENT_WITHOUT_STORY);
  g_assert_cmpstr (sb_plan_warning_kind_to_string (w->kind), ==, "requirement-without-story");
  g_assert_cmpint (w->requirement_id, ==, sb_requirement_get_id (sql));
  g_assert_nonnull (strstr (w->message, "Strong SQL skills"));

  /* Put right, the warnings go. */
  g_assert_true (sb_store_set_round_story (f->store, raiser, outage, FALSE, &error));
  g_assert_true (sb_store_set_round_story (f->store, peer, outage, FALSE, &error));
  g_assert_true (sb_store_set_story_theme (f->store, mentor, "lp-earn-trust", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, outage, "lp-hire-and-develop", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, sql, mentor, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = sb_plan_get_warnings (f->store, f->acme);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* ---- proposing ---------------------------------------------------------- */

static void
test_propose_covers_focus (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ownership[] = { "lp-ownership", NULL };
  const char *trust[] = { "lp-earn-trust", NULL };
  const char *both[] = { "lp-ownership", "lp-earn-trust", NULL };
  const char *dive[] = { "lp-dive-deep", NULL };
  SbStory *owned1 = make_story (f, "Owned the alerts", ownership);
  SbStory *owned2 = make_story (f, "Owned the pager", ownership);
  SbStory *trusted = make_story (f, "Told the customer the truth", trust);
  SbStory *deep = make_story (f, "Found the leak", dive);
  SbRound *raiser = make_round (f, "Bar raiser", both);
  SbRound *deep_round = make_round (f, "Deep dive", dive);
  guint filled = 99, left = 99;
  g_autoptr(GPtrArray) warnings = NULL;

  (void) owned2;
  g_assert_true (sb_plan_propose_full (f->store, f->acme, 0, &filled, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (filled, ==, 2);
  g_assert_cmpuint (left, ==, 0);

  /* Two stories, one for each focus theme, though both ownership stories
   * rank above the trust one for the first theme. */
  {
    const char * const *planned = sb_round_get_story_uuids (raiser);

    g_assert_cmpuint (g_strv_length ((GStrv) planned), ==, 2);
    g_assert_cmpstr (planned[0], ==, sb_story_get_uuid (owned1));
    g_assert_cmpstr (planned[1], ==, sb_story_get_uuid (trusted));
  }
  {
    const char * const *planned = sb_round_get_story_uuids (deep_round);

    g_assert_cmpuint (g_strv_length ((GStrv) planned), ==, 1);
    g_assert_cmpstr (planned[0], ==, sb_story_get_uuid (deep));
  }
  assert_no_repeat (f);
  warnings = sb_plan_get_warnings (f->store, f->acme);
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* More rounds than stories: every story once, the rest left empty and
 * counted, never a repeat; and the person's own round stays as it was. */
static void
test_propose_never_repeats (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ownership[] = { "lp-ownership", NULL };
  SbStory *a = make_story (f, "Owned the pager", ownership);
  SbStory *b = make_story (f, "Owned the migration", ownership);
  SbStory *c = make_story (f, "Owned the budget", ownership);
  SbRound *mine = make_round (f, "Phone screen", ownership);
  SbRound *rounds[4];
  guint filled = 0, left = 0;

  (void) b;
  (void) c;
  plan (f, mine, a);
  for (guint i = 0; i < G_N_ELEMENTS (rounds); i++)
    {
      g_autofree char *name = g_strdup_printf ("Round %u", i + 1);
      rounds[i] = make_round (f, name, i == 3 ? NULL : ownership);
    }

  g_assert_true (sb_plan_propose_full (f->store, f->acme, 1, &filled, &left, &error));
  g_assert_no_error (error);
  /* a is the person's; b and c fill two rounds; none is left for the rest. */
  g_assert_cmpuint (filled, ==, 2);
  g_assert_cmpuint (left, ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_story_uuids (mine)), ==, 1);
  g_assert_cmpstr (sb_round_get_story_uuids (mine)[0], ==, sb_story_get_uuid (a));
  g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_story_uuids (rounds[0])), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_story_uuids (rounds[1])), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_story_uuids (rounds[2])), ==, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_story_uuids (rounds[3])), ==, 0);
  assert_no_repeat (f);

  /* Again: nothing left to plan, nothing changes, still no repeat. */
  g_assert_true (sb_plan_propose_full (f->store, f->acme, 3, &filled, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (filled, ==, 0);
  g_assert_cmpuint (left, ==, 2);
  assert_no_repeat (f);
}

/* A round without focus gets the readiest stories left; a story planned
 * by the person in a round is never proposed for another. */
static void
test_propose_without_focus (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbStory *draft = make_story (f, "Draft story", NULL);
  SbStory *planned_one = make_story (f, "Already planned", NULL);
  SbStory *empty = NULL;
  SbRound *mine = make_round (f, "Phone screen", NULL);
  SbRound *open = make_round (f, "Team fit", NULL);

  empty = sb_store_create_story (f->store, "Nothing written", &error);
  g_assert_no_error (error);
  plan (f, mine, planned_one);
  g_assert_true (sb_plan_propose (f->store, f->acme, 0, &error));
  g_assert_no_error (error);
  {
    const char * const *got = sb_round_get_story_uuids (open);

    /* Only the story with text, not the planned one, not the empty one. */
    g_assert_cmpuint (g_strv_length ((GStrv) got), ==, 1);
    g_assert_cmpstr (got[0], ==, sb_story_get_uuid (draft));
  }
  (void) empty;
  assert_no_repeat (f);
}

/* The coach's ranking for a requirement: its words, the application's
 * values it names, and never a story already linked. */
static void
test_requirement_suggestions (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  const char *ownership[] = { "lp-ownership", NULL };
  SbStory *owner = make_story (f, "Owned the pager", ownership);
  SbStory *words = sb_store_create_story (f->store, "Postgres upgrade", &error);
  SbRequirement *requirement;

  g_assert_true (sb_store_edit_story (f->store, words, SB_STORY_FIELD_ACTION,
                                      "I planned the replication cutover and rehearsed the rollback twice.", &error));
  g_assert_true (sb_store_save_story (f->store, words, &error));
  g_assert_true (sb_store_set_application_framework (f->store, f->acme, "amazon-lp", &error));
  requirement = sb_store_add_requirement (f->store, f->acme,
                                          "Take ownership of replication and rollback plans", -1, &error);
  g_assert_no_error (error);

  suggestions = sb_coach_suggest_for_requirement (f->store, requirement, 5);
  g_assert_cmpuint (suggestions->len, ==, 2);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == owner);
  g_assert_nonnull (strstr (((SbSuggestion *) suggestions->pdata[0])->reason, "Ownership"));
  g_assert_true (((SbSuggestion *) suggestions->pdata[1])->story == words);

  g_assert_true (sb_store_set_requirement_story (f->store, requirement, owner, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = sb_coach_suggest_for_requirement (f->store, requirement, 5);
  g_assert_cmpuint (suggestions->len, ==, 1);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == words);

  /* Without the values framework, words alone rank. */
  g_assert_true (sb_store_set_application_framework (f->store, f->acme, NULL, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, requirement, owner, FALSE, &error));
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = sb_coach_suggest_for_requirement (f->store, requirement, 5);
  g_assert_cmpuint (suggestions->len, ==, 1);
  g_assert_true (((SbSuggestion *) suggestions->pdata[0])->story == words);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/plan/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("warnings", test_warnings);
  ADD ("propose-covers-focus", test_propose_covers_focus);
  ADD ("propose-never-repeats", test_propose_never_repeats);
  ADD ("propose-without-focus", test_propose_without_focus);
  ADD ("requirement-suggestions", test_requirement_suggestions);
#undef ADD

  return g_test_run ();
}
