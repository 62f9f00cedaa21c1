/* test-cue-card.c — the cue card's first draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-cue-card.h"
#include "sb-example.h"
#include "sb-store.h"
#include "sb-test-util.h"

static const char *const dangling[] = {
  "and", "the", "a", "to", "of", "with", "so", "because", "which", "we", "i", NULL
};

/* What every draft line promises, whatever the text. */
static void
assert_good_line (const char *line)
{
  g_auto(GStrv) words = NULL;
  guint n;

  g_assert_nonnull (line);
  g_assert_cmpint (g_utf8_strlen (line, -1), <=, SB_STORY_MAX_CUE_CHARS);
  g_assert_null (strchr (line, '\n'));
  if (*line == '\0')
    return;
  g_assert_false (g_ascii_isspace (line[0]));
  g_assert_false (g_ascii_isspace (line[strlen (line) - 1]));
  g_assert_false (g_str_has_suffix (line, ","));
  words = g_strsplit (line, " ", -1);
  n = g_strv_length (words);
  {
    g_autofree char *last = g_ascii_strdown (words[n - 1], -1);

    g_strdelimit (last, ".,;:…", '\0');
    if (g_strv_contains (dangling, last))
      g_error ("“%s” ends on “%s”", line, last);
  }
}

static SbStory *
story_new (const char *situation,
           const char *task,
           const char *action,
           const char *result,
           const char *learning)
{
  SbStory *story = sb_story_new ();

  sb_story_set_field (story, SB_STORY_FIELD_SITUATION, situation);
  sb_story_set_field (story, SB_STORY_FIELD_TASK, task);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, action);
  sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
  sb_story_set_field (story, SB_STORY_FIELD_LEARNING, learning);
  return story;
}

/* The example story: each line is the sentence that says what the
 * section is about, whole where it is short. */
static void
test_example_story (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  SbStory *example;
  g_auto(GStrv) card = NULL;

  g_assert_no_error (error);
  example = sb_example_seed (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (example);
  /* The example leaves the card for the person. */
  g_assert_false (sb_story_has_cue_card (example));

  card = sb_cue_card_draft (example);
  g_assert_cmpuint (g_strv_length (card), ==, 5);
  /* What was at stake, not the job title; the figure kept, the sentence
   * cut before its last clause. */
  g_assert_cmpstr (card[0], ==,
                   "Forty minutes into our largest annual sale, checkout errors jumped from 0.2% to 18%");
  g_assert_cmpstr (card[1], ==, "I was the incident lead that night.");
  g_assert_cmpstr (card[2], ==, "I split the response into two tracks.");
  g_assert_cmpstr (card[3], ==, "Errors fell back under 0.5% within 22 minutes of the rollback.");
  g_assert_cmpstr (card[4], ==,
                   "I learned that an unbounded retry policy can turn a small slowdown into an outage.");
  for (guint i = 0; i < 5; i++)
    assert_good_line (card[i]);
}

/* The sentence that carries the section wins over the first one. */
static void
test_telling_sentence (void)
{
  g_autoptr(SbStory) story =
    story_new ("Our team ran the billing platform. Invoices went out late every month.",
               "Leadership wanted it fixed. My job was to get invoices out on the first day.",
               "We talked about it as a team for weeks. Then I rewrote the batch job to run per region.",
               "Everyone was happier. Invoices now go out within 2 hours of month end.",
               "It was a long quarter. I learned to measure before I rewrite anything.");
  g_auto(GStrv) card = sb_cue_card_draft (story);

  g_assert_cmpstr (card[0], ==, "Our team ran the billing platform.");
  g_assert_cmpstr (card[1], ==, "My job was to get invoices out on the first day.");
  g_assert_cmpstr (card[2], ==, "Then I rewrote the batch job to run per region.");
  g_assert_cmpstr (card[3], ==, "Invoices now go out within 2 hours of month end.");
  g_assert_cmpstr (card[4], ==, "I learned to measure before I rewrite anything.");
}

/* Long sentences are cut at a clause boundary, never mid-clause, and keep
 * their subject: after a lead-in, the main clause is taken; a Result keeps
 * its figure. */
static void
test_long_winded (void)
{
  g_autoptr(SbStory) story =
    story_new ("When I joined the data platform group in the spring of a very difficult year, the "
               "nightly pipeline that fed every dashboard in the company was failing about twice a "
               "week and nobody owned it.",
               "I was asked by my director, who had been fielding angry messages from the sales "
               "leadership for months, to make the pipeline reliable without stopping feature work "
               "on the ingestion service.",
               "I started by reading six months of failure logs and sorting every failure by cause, "
               "and I found that most of them came from one upstream export that arrived late, so I "
               "moved our job behind a readiness check and added a retry with a deadline.",
               "After months of back and forth with three different vendors, several escalations to "
               "leadership and a long migration that nobody wanted to own, we finally cut the "
               "monthly infrastructure bill from $84,000 to $51,000, which freed budget for two new "
               "hires and gave the team room to breathe.",
               "Looking back on all of it, and on the many conversations I had with people across "
               "the company about what reliability actually means for them day to day, I learned "
               "that the cheapest fix is usually upstream.");
  g_auto(GStrv) card = sb_cue_card_draft (story);

  for (guint i = 0; i < 5; i++)
    {
      assert_good_line (card[i]);
      g_assert_cmpint (g_utf8_strlen (card[i], -1), <=, SB_CUE_CARD_DRAFT_CHARS);
    }
  /* After a lead-in, the main clause. */
  g_assert_cmpstr (card[0], ==,
                   "The nightly pipeline that fed every dashboard in the company was failing about "
                   "twice a week and nobody owned it.");
  /* An aside about someone else goes. */
  g_assert_cmpstr (card[1], ==,
                   "I was asked by my director to make the pipeline reliable without stopping feature "
                   "work on the ingestion service.");
  g_assert_cmpstr (card[2], ==,
                   "I started by reading six months of failure logs and sorting every failure by cause");
  /* The subject ("we") and the figure stay; the lead-in goes. */
  g_assert_cmpstr (card[3], ==,
                   "We finally cut the monthly infrastructure bill from $84,000 to $51,000, which freed "
                   "budget for two new hires");
  /* The Learning's point, not its preamble. */
  g_assert_cmpstr (card[4], ==, "I learned that the cheapest fix is usually upstream.");
}

/* An empty section drafts an empty line; blank space is empty. */
static void
test_empty_sections (void)
{
  g_autoptr(SbStory) story = story_new ("", "  \n ", "I fixed the build.", NULL, "");
  g_auto(GStrv) card = sb_cue_card_draft (story);

  g_assert_cmpstr (card[0], ==, "");
  g_assert_cmpstr (card[1], ==, "");
  g_assert_cmpstr (card[2], ==, "I fixed the build.");
  g_assert_cmpstr (card[3], ==, "");
  g_assert_cmpstr (card[4], ==, "");
}

/* Text with no sentence ends and no clause marks still gives a line under
 * the limit, cut after a whole word and marked as cut; list marks and
 * line breaks do not leak into the line; "e.g." does not end a sentence. */
static void
test_awkward_text (void)
{
  g_autoptr(GString) endless = g_string_new (NULL);
  g_autofree char *line = NULL;
  g_autofree char *bullets = NULL;
  g_autofree char *abbreviation = NULL;
  g_autofree char *blob = NULL;
  g_autofree char *glued = g_strnfill (400, 'x');

  for (guint i = 0; i < 60; i++)
    g_string_append (endless, "word ");
  line = sb_cue_card_draft_text (endless->str, SB_STORY_FIELD_ACTION);
  assert_good_line (line);
  g_assert_true (g_str_has_suffix (line, "word…"));

  bullets = sb_cue_card_draft_text ("- I paired with the on-call engineer\n- I wrote the runbook",
                                    SB_STORY_FIELD_ACTION);
  g_assert_cmpstr (bullets, ==, "I paired with the on-call engineer");

  abbreviation = sb_cue_card_draft_text ("I cut the noisy alerts, e.g. the disk ones, by half. Then we rested.",
                                         SB_STORY_FIELD_RESULT);
  g_assert_cmpstr (abbreviation, ==, "I cut the noisy alerts, e.g. the disk ones, by half.");

  blob = sb_cue_card_draft_text (glued, SB_STORY_FIELD_SITUATION);
  assert_good_line (blob);
  g_assert_cmpint (g_utf8_strlen (blob, -1), ==, SB_STORY_MAX_CUE_CHARS);
}

/* The same text, the same draft. */
static void
test_deterministic (void)
{
  const char *text = "I led the migration, and I wrote the plan, so that every team knew its date, "
                     "because the old cluster was going away at the end of the quarter for good.";
  g_autofree char *first = sb_cue_card_draft_text (text, SB_STORY_FIELD_ACTION);
  g_autofree char *second = sb_cue_card_draft_text (text, SB_STORY_FIELD_ACTION);

  g_assert_cmpstr (first, ==, second);
  assert_good_line (first);
  g_assert_cmpstr (first, ==, "I led the migration, and I wrote the plan, so that every team knew its date");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cue-card/example", test_example_story);
  g_test_add_func ("/cue-card/telling-sentence", test_telling_sentence);
  g_test_add_func ("/cue-card/long-winded", test_long_winded);
  g_test_add_func ("/cue-card/empty-sections", test_empty_sections);
  g_test_add_func ("/cue-card/awkward-text", test_awkward_text);
  g_test_add_func ("/cue-card/deterministic", test_deterministic);

  return g_test_run ();
}
