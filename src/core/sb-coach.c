/* sb-coach.c — story suggestions for a question
 *
 * Called each time a question is selected, so it must stay cheap for a bank
 * of a thousand stories: the question's words are found once, each story's
 * text is lowered once, and links are read from the store's memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coach"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "sb-coach.h"

#define SCORE_PRIMARY       3.0
#define SCORE_SECONDARY     2.0
#define SCORE_PER_WORD      0.5
#define SCORE_WORDS_MAX     3.0
#define SCORE_READY         0.5
#define MIN_WORD_CHARS      4
#define MAX_WORDS_IN_REASON 3
/* A word of the question itself weighs SCORE_PER_WORD; one only in what
 * the interviewer listens for (“changed”, “tests”, “alerts”) weighs half. A
 * story suggested for its words alone needs this much: two words of the
 * question, or four of the notes. One shared word is chance. */
#define SCORE_WORDS_ALONE   (2 * SCORE_PER_WORD)
/* Below this many stories every word counts; from it on, a word found in
 * more than half of the bank tells no story from another. */
#define MIN_STORIES_FOR_COMMON 4

/* Words of four letters or more that say nothing about which story fits:
 * the frame of behavioral questions and of what interviewers listen for. */
static const char * const stopwords[] = {
  "about", "above", "after", "again", "against", "also", "been", "before",
  "being", "below", "between", "both", "candidate", "could", "describe",
  "does", "doing", "down", "during", "each", "even", "ever", "example",
  "from", "further", "give", "have", "having", "here", "into", "just",
  "like", "listen", "look", "made", "make", "many", "more", "most", "much",
  "must", "only", "other", "over", "really", "same", "share", "should",
  "some", "someone", "something", "such", "tell", "than", "that", "their",
  "them", "then", "there", "these", "they", "thing", "things", "this",
  "those", "through", "time", "times", "under", "until", "very", "walk",
  "want", "well", "went", "were", "what", "whatever", "when", "where", "whether",
  "which", "while", "whom", "whose", "will", "with", "within", "without",
  "would", "your", "yours", "yourself",
};

typedef struct
{
  char   *word;   /* as the question has it, for the reason */
  char   *stem;   /* matched as the start of a word in the story */
  double  weight; /* SCORE_PER_WORD, or half for a listen-for word */
} QuestionWord;

static void
question_word_clear (QuestionWord *word)
{
  g_free (word->word);
  g_free (word->stem);
}

static gboolean
is_stopword (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (stopwords); i++)
    if (strcmp (word, stopwords[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A crude English stem, so "failure" finds "failed" and "migration" finds
 * "migrated": strip one common ending while four letters remain. */
static char *
stem_word (const char *word)
{
  static const char * const endings[] = {
    "ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ures", "ure",
    "ies", "ied", "ed", "es", "ly", "s",
  };
  glong n_chars = g_utf8_strlen (word, -1);

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      glong ending = (glong) strlen (endings[i]);

      if (n_chars - ending >= MIN_WORD_CHARS && g_str_has_suffix (word, endings[i]))
        return g_strndup (word, strlen (word) - ending);
    }
  return g_strdup (word);
}

/* Splits lowered text into words of letters and digits ("team's" gives
 * "team" and "s"). */
static GPtrArray *
split_words (const char *lowered)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *start = NULL;

  for (const char *p = lowered;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && g_unichar_isalnum (c);

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  return words;
}

/* Adds @text's words not seen yet, each with @weight. */
static void
add_significant_words (GArray     *result,
                       GHashTable *seen,
                       const char *text,
                       double      weight)
{
  g_autofree char *lowered = g_utf8_strdown (text != NULL ? text : "", -1);
  g_autoptr(GPtrArray) words = split_words (lowered);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = words->pdata[i];
      QuestionWord entry;

      if (g_utf8_strlen (word, -1) < MIN_WORD_CHARS || is_stopword (word))
        continue;
      entry.stem = stem_word (word);
      if (g_hash_table_contains (seen, entry.stem))
        {
          g_free (entry.stem);
          continue;
        }
      entry.word = g_strdup (word);
      entry.weight = weight;
      g_array_append_val (result, entry);
      g_hash_table_add (seen, g_strdup (entry.stem));
    }
}

static GArray *
significant_words (SbQuestion *question)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (QuestionWord));

  g_array_set_clear_func (result, (GDestroyNotify) question_word_clear);
  /* The question first, so a word in both keeps the question's weight. */
  add_significant_words (result, seen, sb_question_get_text (question), SCORE_PER_WORD);
  add_significant_words (result, seen, sb_question_get_listen_for (question), SCORE_PER_WORD / 2);
  return result;
}

/* TRUE when @stem starts a word of @text. */
static gboolean
text_has_word_start (const char *text,
                     const char *stem)
{
  gsize len = strlen (stem);

  for (const char *p = strstr (text, stem); p != NULL; p = strstr (p + len, stem))
    {
      if (p == text)
        return TRUE;
      else
        {
          gunichar before = g_utf8_get_char (g_utf8_prev_char (p));
          if (!g_unichar_isalnum (before))
            return TRUE;
        }
    }
  return FALSE;
}

G_DEFINE_QUARK (sb-coach-lowered-text, lowered_text)

/* Every field, lowered, one per line: kept on the story until its text
 * changes, since every question selected asks it of every story. */
static const char *
story_text_lowered (SbStory *story)
{
  char *lowered = sb_story_get_derived (story, lowered_text_quark ());

  if (lowered == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        {
          g_string_append (text, sb_story_get_field (story, f));
          g_string_append_c (text, '\n');
        }
      lowered = g_utf8_strdown (text->str, text->len);
      sb_story_set_derived (story, lowered_text_quark (), lowered, g_free);
    }
  return lowered;
}

/* "A, B and C" */
static char *
join_list (GPtrArray *items)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0 && i + 1 == items->len)
        /* Translators: joins the last two items of a list: "Ownership and Dive Deep" */
        g_string_append (out, _(" and "));
      else if (i > 0)
        /* Translators: separates items of a list: "Ownership, Scaling and Dive Deep" */
        g_string_append (out, _(", "));
      g_string_append (out, items->pdata[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
make_reason (GPtrArray *themes,
             GPtrArray *words)
{
  g_autofree char *theme_list = themes->len > 0 ? join_list (themes) : NULL;
  g_autofree char *word_list = words->len > 0 ? join_list (words) : NULL;

  if (theme_list != NULL && word_list != NULL)
    /* Translators: "Covers Production incident (primary); mentions “migration”, “rollback”" */
    return g_strdup_printf (_("Covers %s; mentions %s"), theme_list, word_list);
  if (theme_list != NULL)
    /* Translators: "Covers Production incident (primary) and Dive Deep" */
    return g_strdup_printf (_("Covers %s"), theme_list);
  /* Translators: "Mentions “migration” and “rollback”" */
  return g_strdup_printf (_("Mentions %s"), word_list);
}

void
sb_suggestion_free (SbSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_clear_object (&suggestion->story);
  g_free (suggestion->reason);
  g_free (suggestion);
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const SbSuggestion *sa = *(SbSuggestion * const *) a;
  const SbSuggestion *sb = *(SbSuggestion * const *) b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  return g_utf8_collate (sb_story_get_display_title (sa->story),
                         sb_story_get_display_title (sb->story));
}

GPtrArray *
sb_coach_suggest_stories (SbStore    *store,
                          SbQuestion *question,
                          guint       limit)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_suggestion_free);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GHashTable) excluded = NULL;
  g_autoptr(GArray) words = NULL;
  g_autofree gboolean *hits = NULL;
  g_autofree guint *n_with_word = NULL;
  const char * const *theme_slugs;
  GListModel *stories;
  guint n_stories;

  g_return_val_if_fail (SB_IS_STORE (store), result);
  g_return_val_if_fail (SB_IS_QUESTION (question), result);

  chosen = sb_store_get_question_stories (store, sb_question_get_slug (question));
  excluded = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < chosen->len; i++)
    g_hash_table_add (excluded, chosen->pdata[i]);

  theme_slugs = sb_question_get_theme_slugs (question);
  words = significant_words (question);
  stories = sb_store_get_stories (store);
  n_stories = g_list_model_get_n_items (stories);

  /* Which story has which of the question's words, and in how many stories
   * each word is found: "production" in every story of an SRE's bank says
   * nothing about which one answers the question. */
  hits = g_new0 (gboolean, (gsize) n_stories * MAX (words->len, 1));
  n_with_word = g_new0 (guint, MAX (words->len, 1));
  for (guint i = 0; i < n_stories && words->len > 0; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      const char *text = story_text_lowered (story);

      for (guint w = 0; w < words->len; w++)
        if (text_has_word_start (text, g_array_index (words, QuestionWord, w).stem))
          {
            hits[(gsize) i * words->len + w] = TRUE;
            n_with_word[w]++;
          }
    }

  for (guint i = 0; i < n_stories; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_autoptr(GPtrArray) theme_names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) matched = g_ptr_array_new_with_free_func (g_free);
      double theme_score = 0, word_score = 0, score;
      SbSuggestion *suggestion;

      if (g_hash_table_contains (excluded, story))
        continue;

      for (guint t = 0; theme_slugs != NULL && theme_slugs[t] != NULL; t++)
        {
          SbStrength strength = sb_store_get_story_theme (store, story, theme_slugs[t]);
          SbTheme *theme;

          if (strength == SB_STRENGTH_NONE)
            continue;
          theme = sb_store_find_theme (store, theme_slugs[t]);
          theme_score += strength == SB_STRENGTH_PRIMARY ? SCORE_PRIMARY : SCORE_SECONDARY;
          if (strength == SB_STRENGTH_PRIMARY)
            /* Translators: a theme a story is linked to as its main theme */
            g_ptr_array_add (theme_names,
                             g_strdup_printf (_("%s (primary)"),
                                              theme != NULL ? sb_theme_get_name (theme) : theme_slugs[t]));
          else
            g_ptr_array_add (theme_names,
                             g_strdup (theme != NULL ? sb_theme_get_name (theme) : theme_slugs[t]));
        }

      for (guint w = 0; w < words->len; w++)
        {
          QuestionWord *word = &g_array_index (words, QuestionWord, w);

          if (!hits[(gsize) i * words->len + w])
            continue;
          if (n_stories >= MIN_STORIES_FOR_COMMON && n_with_word[w] * 2 > n_stories)
            continue;
          word_score = MIN (word_score + word->weight, SCORE_WORDS_MAX);
          if (matched->len < MAX_WORDS_IN_REASON)
            g_ptr_array_add (matched, g_strdup_printf ("“%s”", word->word));
        }
      if (theme_score == 0 && word_score < SCORE_WORDS_ALONE)
        continue;

      score = theme_score + word_score;
      if (score <= 0)
        continue;
      /* Only breaks ties: a ready story is not a reason on its own. */
      if (sb_story_get_status (story) == SB_STORY_STATUS_READY)
        score += SCORE_READY;

      suggestion = g_new0 (SbSuggestion, 1);
      suggestion->story = g_object_ref (story);
      suggestion->score = score;
      suggestion->reason = make_reason (theme_names, matched);
      g_ptr_array_add (result, suggestion);
    }

  g_ptr_array_sort (result, compare_suggestions);
  if (limit > 0 && result->len > limit)
    g_ptr_array_set_size (result, limit);
  return result;
}
