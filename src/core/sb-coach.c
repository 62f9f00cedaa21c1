/* sb-coach.c — story suggestions for a question, a requirement or any text
 *
 * Called each time a question is selected, so it must stay cheap for a bank
 * of ten thousand stories: the question's words are found once, each
 * story's text is lowered into one buffer as the run reaches it (ASCII a
 * word at a time; nothing is kept), links are read from the store's memory, and the
 * readiness (which reads the rehearsal log) only for the stories suggested.
 * The ranking rule is in the header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coach"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "sb-application.h"
#include "sb-coach.h"
#include "sb-words.h"

#define MIN_WORD_CHARS      4
#define MAX_WORDS_IN_REASON 2
#define MAX_THEMES_IN_REASON 2
/* A story suggested for its words alone needs two words of the question:
 * one shared word is chance. */
#define SCORE_WORDS_ALONE   (2 * SB_COACH_SCORE_PER_WORD)
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

/* The question's own words that can tell one story from another. The
 * "listens for" note is left out: it describes any good answer ("alerts",
 * "tests", "explained"), so its words match stories by chance. */
static GArray *
significant_words (const char *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) words = sb_words_split (text);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (QuestionWord));

  g_array_set_clear_func (result, (GDestroyNotify) question_word_clear);
  for (guint i = 0; i < words->len; i++)
    {
      g_autofree char *word = g_strdup (g_array_index (words, SbWord, i).lowered);
      QuestionWord entry;

      /* "team's" is "team" */
      if (g_str_has_suffix (word, "'s"))
        word[strlen (word) - 2] = '\0';
      if (g_utf8_strlen (word, -1) < MIN_WORD_CHARS || is_stopword (word))
        continue;
      entry.stem = stem_word (word);
      if (g_hash_table_contains (seen, entry.stem))
        {
          g_free (entry.stem);
          continue;
        }
      entry.word = g_steal_pointer (&word);
      g_array_append_val (result, entry);
      g_hash_table_add (seen, g_strdup (entry.stem));
    }
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

/* Lowers the @n bytes of @src into @dst as g_utf8_strdown() does ASCII
 * (A-Z to a-z, eight bytes at a time); FALSE, with @dst half written, when
 * @src has a byte that is not ASCII. */
static gboolean
lower_ascii (char       *dst,
             const char *src,
             gsize       n)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 seen = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 word, low, upper;

      memcpy (&word, src + i, 8);
      seen |= word;
      /* High bit of each byte: at least 'A' and not past 'Z'. */
      low = word & ~high;
      upper = (low + ones * (0x80 - 'A')) & ~(low + ones * (0x80 - 'Z' - 1)) & ~word & high;
      word |= upper >> 2;
      memcpy (dst + i, &word, 8);
    }
  for (; i < n; i++)
    {
      guchar c = src[i];

      seen |= c;
      dst[i] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
  return (seen & high) == 0;
}

/* Whether g_utf8_strdown() lowers ASCII text byte for byte here: not in a
 * Turkish or Azeri locale, where "I" becomes "ı". */
static gboolean
ascii_lowers_plainly (void)
{
  g_autofree char *lowered = g_utf8_strdown ("I", -1);

  return g_str_equal (lowered, "i");
}

/* Every field of @story, lowered, one per line, in @text (emptied first):
 * g_utf8_strdown() of the fields joined. Made again for each run rather
 * than kept on the story (2 KB a story: 20 MB at 10,000); ASCII fields,
 * nearly all, are lowered a word at a time. */
static const char *
story_text_lowered (GString  *text,
                    SbStory  *story,
                    gboolean  ascii_plain)
{
  g_string_truncate (text, 0);
  /* The cue card only repeats the story in short: not counted twice. */
  for (guint f = 0; f < SB_STORY_N_TEXT_FIELDS; f++)
    {
      const char *field = sb_story_get_field (story, f);
      gsize length = strlen (field), at = text->len;

      g_string_set_size (text, at + length);
      if (!ascii_plain || !lower_ascii (text->str + at, field, length))
        {
          g_autofree char *lowered = g_utf8_strdown (field, length);

          g_string_truncate (text, at);
          g_string_append (text, lowered);
        }
      g_string_append_c (text, '\n');
    }
  return text->str;
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
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const SbSuggestion *sa = *(SbSuggestion * const *) a;
  const SbSuggestion *sb = *(SbSuggestion * const *) b;

  return (sa->score < sb->score) - (sa->score > sb->score);
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const SbSuggestion *sa = *(SbSuggestion * const *) a;
  const SbSuggestion *sb = *(SbSuggestion * const *) b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  if (sa->readiness != sb->readiness)
    return (int) sb->readiness - (int) sa->readiness;
  return g_utf8_collate (sb_story_get_display_title (sa->story),
                         sb_story_get_display_title (sb->story));
}

static const char *
theme_name (SbStore    *store,
            const char *slug)
{
  SbTheme *theme = sb_store_find_theme (store, slug);

  return theme != NULL ? sb_theme_get_name (theme) : slug;
}

/* Scores @story's links to the question's themes (@theme_slugs[0] is the
 * core theme) and says the strongest in a few words, or NULL. */
static double
score_themes (SbStore             *store,
              SbStory             *story,
              const char * const  *theme_slugs,
              char               **reason)
{
  g_autoptr(GPtrArray) shared = g_ptr_array_new ();
  g_autoptr(GPtrArray) shared_secondary = g_ptr_array_new ();
  SbStrength core = SB_STRENGTH_NONE;
  double score = 0;

  *reason = NULL;
  for (guint t = 0; theme_slugs != NULL && theme_slugs[t] != NULL; t++)
    {
      SbStrength strength = sb_store_get_story_theme (store, story, theme_slugs[t]);

      if (strength == SB_STRENGTH_NONE)
        continue;
      if (t == 0)
        {
          core = strength;
          score += strength == SB_STRENGTH_PRIMARY ? SB_COACH_SCORE_CORE_PRIMARY
                                                   : SB_COACH_SCORE_CORE_SECONDARY;
          continue;
        }
      score += strength == SB_STRENGTH_PRIMARY ? SB_COACH_SCORE_OTHER_PRIMARY
                                               : SB_COACH_SCORE_OTHER_SECONDARY;
      g_ptr_array_add (strength == SB_STRENGTH_PRIMARY ? shared : shared_secondary,
                       (gpointer) theme_slugs[t]);
    }
  /* Primary links first in the reason, each in the question's order. */
  g_ptr_array_extend_and_steal (shared, g_steal_pointer (&shared_secondary));

  if (core == SB_STRENGTH_PRIMARY)
    /* Translators: the story's main theme is the question's own theme */
    *reason = g_strdup_printf (_("Primary: %s"), theme_name (store, theme_slugs[0]));
  else if (core == SB_STRENGTH_SECONDARY)
    /* Translators: the story is also linked to the question's own theme */
    *reason = g_strdup_printf (_("Secondary: %s"), theme_name (store, theme_slugs[0]));
  else if (shared->len > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *list = NULL;

      for (guint i = 0; i < shared->len && i < MAX_THEMES_IN_REASON; i++)
        g_ptr_array_add (names, (gpointer) theme_name (store, shared->pdata[i]));
      list = join_list (names);
      /* Translators: themes the story and the question share: "Shares: Ownership and Dive Deep" */
      *reason = g_strdup_printf (_("Shares: %s"), list);
    }
  return score;
}

/* ---- the ranking, a slice at a time ------------------------------------ */

struct _SbSuggestRun
{
  SbStore    *store;
  GStrv       theme_slugs;  /* the question's or requirement's themes */
  guint       limit;
  GPtrArray  *stories;      /* SbStory refs: the bank when the run began */
  GHashTable *excluded;     /* SbStory* already chosen for the question or requirement */
  GListModel *model;        /* the store's stories */
  guint       n_stories;    /* how many when the run began */
  GArray     *words;        /* QuestionWord */
  gboolean   *hits;         /* [story * n_words + word] */
  guint      *n_with_word;
  GPtrArray  *result;       /* SbSuggestion* */
  guint       next;         /* the next story of the current pass */
  guint       pass;         /* 0: find words, 1: score, 2: done */
  GString    *text;         /* the current story's text, lowered */
  gboolean    ascii_plain;  /* ascii_lowers_plainly() when the run began */
};

/* A run over @text and @theme_slugs leaving out @excluded (SbStory*, taken). */
static SbSuggestRun *
rank_begin (SbStore            *store,
            const char         *text,
            const char * const *theme_slugs,
            GHashTable         *excluded,
            guint               limit)
{
  SbSuggestRun *run = g_new0 (SbSuggestRun, 1);
  GListModel *stories = sb_store_get_stories (store);
  guint n_stories = g_list_model_get_n_items (stories);

  run->store = g_object_ref (store);
  run->theme_slugs = g_strdupv ((GStrv) theme_slugs);
  run->limit = limit;
  run->result = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_suggestion_free);
  run->excluded = excluded;
  /* The stories are taken a slice at a time by the first pass (at 10,000
   * stories, taking them all here was most of a question's selection);
   * a run is stopped when the bank changes, so the positions hold. */
  run->model = G_LIST_MODEL (g_object_ref (stories));
  run->n_stories = n_stories;
  run->stories = g_ptr_array_new_full (n_stories, g_object_unref);
  run->words = significant_words (text != NULL ? text : "");
  run->hits = g_new0 (gboolean, (gsize) n_stories * MAX (run->words->len, 1));
  run->n_with_word = g_new0 (guint, MAX (run->words->len, 1));
  run->text = g_string_sized_new (4096);
  run->ascii_plain = ascii_lowers_plainly ();
  return run;
}

SbSuggestRun *
sb_coach_suggest_begin (SbStore    *store,
                        SbQuestion *question,
                        guint       limit)
{
  g_autoptr(GPtrArray) chosen = NULL;
  GHashTable *excluded;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_QUESTION (question), NULL);

  chosen = sb_store_get_question_stories (store, sb_question_get_slug (question));
  excluded = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < chosen->len; i++)
    g_hash_table_add (excluded, chosen->pdata[i]);
  return rank_begin (store, sb_question_get_text (question), sb_question_get_theme_slugs (question),
                     excluded, limit);
}

void
sb_coach_suggest_run_free (SbSuggestRun *run)
{
  if (run == NULL)
    return;
  g_object_unref (run->store);
  g_strfreev (run->theme_slugs);
  g_ptr_array_unref (run->stories);
  g_object_unref (run->model);
  g_hash_table_unref (run->excluded);
  g_array_unref (run->words);
  g_free (run->hits);
  g_free (run->n_with_word);
  g_ptr_array_unref (run->result);
  g_string_free (run->text, TRUE);
  g_free (run);
}

/* Which story has which of the question's words, and in how many stories
 * each word is found: "production" in every story of an SRE's bank says
 * nothing about which one answers the question. */
static void
find_words (SbSuggestRun *run,
            guint         i)
{
  const char *text;

  if (run->words->len == 0)
    return;
  text = story_text_lowered (run->text, run->stories->pdata[i], run->ascii_plain);
  for (guint w = 0; w < run->words->len; w++)
    if (text_has_word_start (text, g_array_index (run->words, QuestionWord, w).stem))
      {
        run->hits[(gsize) i * run->words->len + w] = TRUE;
        run->n_with_word[w]++;
      }
}

static void
score_story (SbSuggestRun *run,
             guint         i)
{
  SbStory *story = run->stories->pdata[i];
  guint n_stories = run->stories->len;
  g_autoptr(GPtrArray) matched = NULL;
  g_autofree char *reason = NULL;
  double theme_score, word_score = 0;
  SbSuggestion *suggestion;

  if (g_hash_table_contains (run->excluded, story))
    return;

  theme_score = score_themes (run->store, story, (const char * const *) run->theme_slugs, &reason);

  matched = g_ptr_array_new_with_free_func (g_free);
  for (guint w = 0; w < run->words->len; w++)
    {
      QuestionWord *word = &g_array_index (run->words, QuestionWord, w);

      if (!run->hits[(gsize) i * run->words->len + w])
        continue;
      if (n_stories >= MIN_STORIES_FOR_COMMON && run->n_with_word[w] * 2 > n_stories)
        continue;
      word_score = MIN (word_score + SB_COACH_SCORE_PER_WORD, SB_COACH_SCORE_WORDS_MAX);
      if (matched->len < MAX_WORDS_IN_REASON)
        g_ptr_array_add (matched, g_strdup_printf ("“%s”", word->word));
    }
  if (theme_score == 0 && word_score < SCORE_WORDS_ALONE)
    return;

  if (reason == NULL)
    {
      g_autofree char *list = join_list (matched);
      /* Translators: "Mentions “migration” and “rollback”" */
      reason = g_strdup_printf (_("Mentions %s"), list);
    }

  suggestion = g_new0 (SbSuggestion, 1);
  suggestion->story = g_object_ref (story);
  suggestion->score = theme_score + word_score;
  suggestion->reason = g_steal_pointer (&reason);
  g_ptr_array_add (run->result, suggestion);
}

gboolean
sb_coach_suggest_step (SbSuggestRun *run,
                       gint64        until_us)
{
  g_return_val_if_fail (run != NULL, TRUE);

  while (run->pass < 2)
    {
      /* At least a slice each call, whatever the clock says. */
      for (guint n = 0; run->next < run->n_stories; n++)
        {
          if (n > 0 && n % 32 == 0 && until_us >= 0 && g_get_monotonic_time () >= until_us)
            return FALSE;
          if (run->pass == 0)
            {
              SbStory *story = g_list_model_get_item (run->model, run->next);

              /* A bank that lost stories meanwhile: rank those left. */
              if (story == NULL)
                {
                  run->n_stories = run->next;
                  break;
                }
              g_ptr_array_add (run->stories, story);
              find_words (run, run->next++);
            }
          else
            score_story (run, run->next++);
        }
      run->pass++;
      run->next = 0;
    }
  return TRUE;
}

GPtrArray *
sb_coach_suggest_finish (SbSuggestRun *run)
{
  GPtrArray *result;
  guint limit;

  g_return_val_if_fail (run != NULL, NULL);

  sb_coach_suggest_step (run, -1);
  result = g_steal_pointer (&run->result);
  limit = run->limit;

  /* Readiness reads the rehearsal log and only breaks ties: work it out
   * for the stories that can still make the list, not for every story of
   * a big bank that shares a theme with the question. */
  if (limit > 0 && result->len > limit)
    {
      double cutoff;
      guint keep = limit;

      g_ptr_array_sort (result, compare_scores);
      cutoff = ((SbSuggestion *) result->pdata[limit - 1])->score;
      while (keep < result->len && ((SbSuggestion *) result->pdata[keep])->score >= cutoff)
        keep++;
      g_ptr_array_set_size (result, keep);
    }
  for (guint i = 0; i < result->len; i++)
    {
      SbSuggestion *suggestion = result->pdata[i];
      g_auto(SbReadiness) readiness = sb_story_get_readiness (run->store, suggestion->story);

      suggestion->readiness = readiness.level;
    }

  g_ptr_array_sort (result, compare_suggestions);
  if (limit > 0 && result->len > limit)
    g_ptr_array_set_size (result, limit);

  run->result = g_ptr_array_new ();
  sb_coach_suggest_run_free (run);
  return result;
}

GPtrArray *
sb_coach_suggest_stories (SbStore    *store,
                          SbQuestion *question,
                          guint       limit)
{
  g_return_val_if_fail (SB_IS_STORE (store), g_ptr_array_new ());
  g_return_val_if_fail (SB_IS_QUESTION (question), g_ptr_array_new ());

  return sb_coach_suggest_finish (sb_coach_suggest_begin (store, question, limit));
}

GPtrArray *
sb_coach_rank_stories (SbStore             *store,
                       const char          *text,
                       const char * const  *theme_slugs,
                       const char * const  *exclude_uuids,
                       guint                limit)
{
  GHashTable *excluded;

  g_return_val_if_fail (SB_IS_STORE (store), g_ptr_array_new_with_free_func ((GDestroyNotify) sb_suggestion_free));

  excluded = g_hash_table_new (NULL, NULL);
  for (guint i = 0; exclude_uuids != NULL && exclude_uuids[i] != NULL; i++)
    {
      SbStory *story = sb_store_find_story (store, exclude_uuids[i]);

      if (story != NULL)
        g_hash_table_add (excluded, story);
    }
  return sb_coach_suggest_finish (rank_begin (store, text, theme_slugs, excluded, limit));
}

/* Themes of the application's values whose name the requirement uses
 * ("Take ownership of …" names Ownership): every significant word of the
 * name starts a word of the text. In catalog order. */
static GStrv
named_values (SbStore       *store,
              SbApplication *application,
              const char    *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *lowered = g_utf8_strdown (text, -1);
  const char *framework = application != NULL ? sb_application_get_framework (application) : NULL;
  GListModel *themes;

  if (framework == NULL || sb_store_find_framework (store, framework) == NULL)
    return g_strv_builder_end (builder);
  themes = sb_store_get_themes (store, framework);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      g_autoptr(GArray) name_words = significant_words (sb_theme_get_name (theme));
      gboolean all = name_words->len > 0;

      for (guint w = 0; all && w < name_words->len; w++)
        all = text_has_word_start (lowered, g_array_index (name_words, QuestionWord, w).stem);
      if (all)
        g_strv_builder_add (builder, sb_theme_get_slug (theme));
    }
  return g_strv_builder_end (builder);
}

GPtrArray *
sb_coach_suggest_for_requirement (SbStore       *store,
                                  SbRequirement *requirement,
                                  guint          limit)
{
  g_auto(GStrv) values = NULL;
  const char *text;

  g_return_val_if_fail (SB_IS_STORE (store), g_ptr_array_new_with_free_func ((GDestroyNotify) sb_suggestion_free));
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), g_ptr_array_new_with_free_func ((GDestroyNotify) sb_suggestion_free));

  text = sb_requirement_get_text (requirement);
  values = named_values (store, sb_store_get_requirement_application (store, requirement), text);
  return sb_coach_rank_stories (store, text, (const char * const *) values,
                                sb_requirement_get_story_uuids (requirement), limit);
}
