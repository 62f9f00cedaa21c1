/* test-story.c — word counts, speaking time and change tracking of SbStory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-story.h"

static void
test_count_words (void)
{
  g_assert_cmpuint (sb_count_words (NULL), ==, 0);
  g_assert_cmpuint (sb_count_words (""), ==, 0);
  g_assert_cmpuint (sb_count_words ("  \n\t "), ==, 0);
  g_assert_cmpuint (sb_count_words ("I cut p95 latency by 40%."), ==, 6);
  g_assert_cmpuint (sb_count_words ("don't — it's a two-phase roll-out"), ==, 5);
  g_assert_cmpuint (sb_count_words ("Revenue grew 3.5x, from $1,200 to $4,200."), ==, 7);
  g_assert_cmpuint (sb_count_words ("Zürich café déploiement"), ==, 3);
  /* Each ideograph or kana counts as a spoken unit. */
  g_assert_cmpuint (sb_count_words ("障害対応"), ==, 4);
}

/* Whether a story has words says what a word count above 0 would, counted
 * or not, and looks at the five sections only. */
static void
test_has_words (void)
{
  static const char * const texts[] = {
    "", "  \n\t ", "— … !", "I did it.", "  … 40%", "障害", "\xcc\x81", "'-.,%",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint counted = 0; counted < 2; counted++)
      {
        g_autoptr(SbStory) story = sb_story_new ();

        sb_story_set_title (story, "Titles do not count");
        sb_story_set_field (story, SB_STORY_FIELD_NOTES, "nor do notes");
        sb_story_set_field (story, SB_STORY_FIELD_LEARNING, texts[i]);
        if (counted)
          (void) sb_story_get_word_count (story);
        g_assert_cmpint (sb_story_has_words (story), ==, sb_count_words (texts[i]) > 0);
      }
}

static void
test_speaking_time (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < SB_STORY_WORDS_PER_MINUTE; i++)
    g_string_append (text, "word ");

  sb_story_set_field (story, SB_STORY_FIELD_ACTION, text->str);
  g_assert_cmpuint (sb_story_get_word_count (story), ==, SB_STORY_WORDS_PER_MINUTE);
  g_assert_cmpuint (sb_story_get_speaking_seconds (story), ==, 60);

  /* Title and notes are not spoken. */
  sb_story_set_field (story, SB_STORY_FIELD_TITLE, text->str);
  sb_story_set_field (story, SB_STORY_FIELD_NOTES, text->str);
  g_assert_cmpuint (sb_story_get_word_count (story), ==, SB_STORY_WORDS_PER_MINUTE);

  sb_story_set_field (story, SB_STORY_FIELD_RESULT, text->str);
  g_assert_cmpuint (sb_story_get_speaking_seconds (story), ==, 120);
  g_assert_cmpuint (sb_story_get_field_word_count (story, SB_STORY_FIELD_RESULT), ==,
                    SB_STORY_WORDS_PER_MINUTE);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_notify_and_dirty (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  guint action = 0, words = 0, title = 0;

  g_signal_connect (story, "notify::action", G_CALLBACK (count_notify_cb), &action);
  g_signal_connect (story, "notify::word-count", G_CALLBACK (count_notify_cb), &words);
  g_signal_connect (story, "notify::display-title", G_CALLBACK (count_notify_cb), &title);

  g_assert_false (sb_story_get_dirty (story));
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I rolled back.");
  g_assert_cmpuint (action, ==, 1);
  g_assert_cmpuint (words, ==, 1);
  g_assert_cmpuint (title, ==, 0);
  g_assert_true (sb_story_get_dirty (story));

  /* The same text again is not a change. */
  sb_story_mark_saved (story);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I rolled back.");
  g_assert_cmpuint (action, ==, 1);
  g_assert_false (sb_story_get_dirty (story));

  g_assert_cmpstr (sb_story_get_display_title (story), ==, "Untitled story");
  sb_story_set_field (story, SB_STORY_FIELD_TITLE, "Rollback");
  g_assert_cmpuint (title, ==, 1);
  g_assert_cmpstr (sb_story_get_display_title (story), ==, "Rollback");

  /* NULL is stored as empty text. */
  sb_story_set_field (story, SB_STORY_FIELD_NOTES, NULL);
  g_assert_cmpstr (sb_story_get_notes (story), ==, "");
}

/* The cue card is five lines beside the story: not spoken, not part of
 * its length, and "has a cue card" only when a line says something. */
static void
test_cue_card (void)
{
  g_autoptr(SbStory) story = sb_story_new ();
  g_autofree char *line = sb_story_cue_line_normalize ("one\r\ntwo\nthree\tfour");
  guint notified = 0;

  g_assert_cmpstr (line, ==, "one two three four");
  g_assert_false (sb_story_has_cue_card (story));
  g_signal_connect_swapped (story, "notify::word-count", G_CALLBACK (g_atomic_int_inc), &notified);
  sb_story_set_field (story, SB_STORY_FIELD_CUE_TASK, "  ");
  g_assert_false (sb_story_has_cue_card (story));
  sb_story_set_field (story, SB_STORY_FIELD_CUE_TASK, "Stop losing orders, find the cause");
  g_assert_true (sb_story_has_cue_card (story));
  g_assert_cmpuint (sb_story_get_word_count (story), ==, 0);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (sb_story_get_dirty (story));
  g_assert_cmpuint (sb_story_get_dirty_mask (story), ==, 1u << SB_STORY_FIELD_CUE_TASK);
  g_assert_cmpstr (sb_story_field_to_string (SB_STORY_FIELD_CUE_TASK), ==, "cue_task");
  g_assert_cmpint (SB_STORY_MAX_FIELD_CHARS (SB_STORY_FIELD_CUE_RESULT), ==, SB_STORY_MAX_CUE_CHARS);
  g_assert_cmpint (SB_STORY_CUE_FOR_SECTION (SB_STORY_FIELD_RESULT), ==, SB_STORY_FIELD_CUE_RESULT);
  g_assert_cmpint (SB_STORY_SECTION_FOR_CUE (SB_STORY_FIELD_CUE_LEARNING), ==, SB_STORY_FIELD_LEARNING);
  {
    g_autofree char *value = NULL;
    g_object_get (story, "cue-task", &value, NULL);
    g_assert_cmpstr (value, ==, "Stop losing orders, find the cause");
  }
}

static void
test_field_names (void)
{
  SbStoryField field;

  for (SbStoryField f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      g_assert_true (sb_story_field_from_string (sb_story_field_to_string (f), &field));
      g_assert_cmpint (field, ==, f);
    }
  g_assert_false (sb_story_field_from_string ("summary", &field));
  g_assert_true (sb_story_field_from_string ("cue-result", &field));
  g_assert_cmpint (field, ==, SB_STORY_FIELD_CUE_RESULT);
  g_assert_cmpstr (sb_story_field_to_property (SB_STORY_FIELD_CUE_RESULT), ==, "cue-result");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/story/count-words", test_count_words);
  g_test_add_func ("/story/has-words", test_has_words);
  g_test_add_func ("/story/speaking-time", test_speaking_time);
  g_test_add_func ("/story/notify-and-dirty", test_notify_and_dirty);
  g_test_add_func ("/story/field-names", test_field_names);
  g_test_add_func ("/story/cue-card", test_cue_card);

  return g_test_run ();
}
