/* test-story-check.c — the coach's deterministic checks of a story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-story-check.h"

static SbFinding *
find_kind (GPtrArray   *findings,
           SbCheckKind  kind)
{
  for (guint i = 0; i < findings->len; i++)
    if (((SbFinding *) findings->pdata[i])->kind == kind)
      return findings->pdata[i];
  return NULL;
}

static char *
words (guint n,
       const char *word)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s ", word);
  return g_string_free (s, FALSE);
}

/* A story that passes every check: ~100 s, Action longest, numbers, "I". */
static SbStory *
strong_story (void)
{
  SbStory *story = sb_story_new ();
  g_autofree char *situation = words (45, "context");
  g_autofree char *task = words (30, "goal");
  g_autofree char *details = words (80, "detail");
  g_autofree char *impacts = words (25, "impact");
  g_autofree char *action = g_strconcat ("I traced the leak and I wrote the fix. ", details, NULL);
  g_autofree char *result = g_strconcat ("Errors fell from 15% to 0.1% in 5 minutes. ", impacts, NULL);
  g_autofree char *learning = words (30, "lesson");

  sb_story_set_field (story, SB_STORY_FIELD_TITLE, "Outage");
  sb_story_set_field (story, SB_STORY_FIELD_SITUATION, situation);
  sb_story_set_field (story, SB_STORY_FIELD_TASK, task);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
  sb_story_set_field (story, SB_STORY_FIELD_LEARNING, learning);
  return story;
}

static void
test_strong_story_is_clean (void)
{
  g_autoptr(SbStory) story = strong_story ();
  g_autoptr(GPtrArray) findings = sb_story_check (story);

  g_assert_cmpuint (sb_story_get_speaking_seconds (story), >=, SB_CHECK_MIN_SECONDS);
  g_assert_cmpuint (sb_story_get_speaking_seconds (story), <=, SB_CHECK_MAX_SECONDS);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("unexpected: %s", ((SbFinding *) findings->pdata[i])->message);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_missing_sections (void)
{
  g_autoptr(SbStory) story = strong_story ();
  g_autoptr(GPtrArray) findings = NULL;
  SbFinding *first;

  sb_story_set_field (story, SB_STORY_FIELD_LEARNING, "   ");
  findings = sb_story_check (story);
  first = findings->pdata[0];
  g_assert_cmpint (first->kind, ==, SB_CHECK_MISSING_SECTION);
  g_assert_cmpint (first->severity, ==, SB_CHECK_SEVERITY_PROBLEM);
  g_assert_cmpint (first->field, ==, SB_STORY_FIELD_LEARNING);
  g_assert_nonnull (strstr (first->message, "Learning"));
}

static void
test_result_without_number (void)
{
  g_autoptr(SbStory) story = strong_story ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *result = words (28, "better");

  sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
  findings = sb_story_check (story);
  g_assert_nonnull (find_kind (findings, SB_CHECK_RESULT_NO_NUMBER));
}

/* A figure in words measures as well as one in digits; "one of us" does not. */
static void
test_result_number_words (void)
{
  static const struct { const char *result; gboolean measured; } cases[] = {
    { "We shipped two months sooner than planned.", TRUE },
    { "The error rate halved within the quarter.", TRUE },
    { "Support tickets fell by half.", TRUE },
    { "Deploys went from weekly to 30 a day.", TRUE },
    { "One of us now owns the runbook and the team is happier.", FALSE },
    { "Everyone agreed it was much better.", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SbStory) story = strong_story ();
      g_autoptr(GPtrArray) findings = NULL;

      sb_story_set_field (story, SB_STORY_FIELD_RESULT, cases[i].result);
      findings = sb_story_check (story);
      g_assert_cmpint (find_kind (findings, SB_CHECK_RESULT_NO_NUMBER) == NULL, ==, cases[i].measured);
    }
}

static void
test_we_instead_of_i (void)
{
  g_autoptr(SbStory) story = strong_story ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *details = words (60, "detail");
  g_autofree char *action = g_strconcat ("We found it. We’re proud of our fix and it helped us. I watched. ",
                                         details, NULL);
  SbFinding *finding;

  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  findings = sb_story_check (story);
  finding = find_kind (findings, SB_CHECK_WE_NOT_I);
  g_assert_nonnull (finding);
  /* we, we're, our, us against one I; "it" and "weekly" are not counted. */
  g_assert_nonnull (strstr (finding->message, "4 times"));
  g_assert_nonnull (strstr (finding->message, "“I” 1 time."));
}

static void
test_vague_phrases (void)
{
  g_autoptr(SbStory) story = strong_story ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *goals = words (10, "goal");
  g_autofree char *task = g_strconcat ("I was involved in the launch and worked on various things. ",
                                       goals, NULL);
  SbFinding *finding;

  sb_story_set_field (story, SB_STORY_FIELD_TASK, task);
  findings = sb_story_check (story);
  finding = find_kind (findings, SB_CHECK_VAGUE_PHRASE);
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "“was involved in”"));
  g_assert_nonnull (strstr (finding->message, "“worked on”"));
  /* The note points at the section the phrases are in. */
  g_assert_cmpint (finding->field, ==, SB_STORY_FIELD_TASK);

  /* Whole words only: "networked online" is not "worked on". */
  {
    g_autoptr(SbStory) other = strong_story ();
    g_autoptr(GPtrArray) none = NULL;
    sb_story_set_field (other, SB_STORY_FIELD_TASK, "The networked online store.");
    none = sb_story_check (other);
    g_assert_null (find_kind (none, SB_CHECK_VAGUE_PHRASE));
  }
}

static void
test_length_and_balance (void)
{
  g_autoptr(SbStory) story = strong_story ();
  g_autoptr(GPtrArray) long_findings = NULL;
  g_autoptr(GPtrArray) short_findings = NULL;
  g_autofree char *situation = words (300, "context");
  SbFinding *finding;

  sb_story_set_field (story, SB_STORY_FIELD_SITUATION, situation);
  long_findings = sb_story_check (story);
  g_assert_nonnull (find_kind (long_findings, SB_CHECK_TOO_LONG));
  finding = find_kind (long_findings, SB_CHECK_ACTION_NOT_LONGEST);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->field, ==, SB_STORY_FIELD_SITUATION);

  g_clear_object (&story);
  story = sb_story_new ();
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I fixed it.");
  short_findings = sb_story_check (story);
  g_assert_nonnull (find_kind (short_findings, SB_CHECK_TOO_SHORT));
  /* Problems come before hints. */
  g_assert_cmpint (((SbFinding *) short_findings->pdata[0])->severity, ==, SB_CHECK_SEVERITY_PROBLEM);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/story-check/strong-story-is-clean", test_strong_story_is_clean);
  g_test_add_func ("/story-check/missing-sections", test_missing_sections);
  g_test_add_func ("/story-check/result-without-number", test_result_without_number);
  g_test_add_func ("/story-check/result-number-words", test_result_number_words);
  g_test_add_func ("/story-check/we-instead-of-i", test_we_instead_of_i);
  g_test_add_func ("/story-check/vague-phrases", test_vague_phrases);
  g_test_add_func ("/story-check/length-and-balance", test_length_and_balance);

  return g_test_run ();
}
