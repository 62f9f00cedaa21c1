/* sb-cue-card.c — a first draft of a story's cue card
 *
 * Each section gives one line: its most telling sentence, whole when it is
 * short, else its start up to a clause boundary. Cutting only at the end
 * keeps the sentence's subject ("We recovered all 2,300 orders", never
 * "recovered all 2,300 orders"), and the line never ends on a word that
 * wants another ("and", "the", "to").
 *
 * The word lists are short and English, like the stories the seeds
 * describe; a sentence they miss still gives the section's first sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cue-card"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-cue-card.h"
#include "sb-words.h"

/* A cut line keeps at least this many words: fewer rarely say anything. */
#define MIN_CUT_WORDS 4

typedef struct
{
  gsize start;   /* bytes into the section's text */
  gsize end;
} Span;

/* What makes a sentence the one to take, per section. A phrase is lowered
 * words separated by spaces. */
static const char * const action_words[] = { "i", "i'm", "i've", "i'd", "myself", NULL };
static const char * const task_phrases[] = {
  "my job", "my task", "my goal", "my role", "i had to", "i needed to", "i was asked",
  "i was responsible", "responsible for", "i owned", "i was the", "i had", NULL
};
static const char * const learning_phrases[] = {
  "learned", "learnt", "lesson", "taught me", "i now", "now i", "since then", "next time",
  "realized", "realised", "i would", "i'd", "i always", NULL
};
static const char * const measure_words[] = {
  "percent", "half", "halved", "twice", "double", "doubled", "triple", "tripled", "zero",
  "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen",
  "dozens", NULL
};
/* A clause may be cut off before these. */
static const char * const clause_words[] = {
  "and", "so", "because", "but", "which", "while", "then", "who", "where", "whereas",
  "although", "though", "since", "until", NULL
};
/* A sentence that starts with one of these may keep its subject after a
 * comma. */
static const char * const lead_in_words[] = {
  "after", "when", "while", "before", "once", "since", "although", "though", "because", "by",
  "with", "despite", "over", "within", "in", "during", "as", "if", "following", "thanks",
  "through", "for", "at", "on", NULL
};
/* How a main clause starts. */
static const char * const subject_words[] = {
  "i", "we", "they", "he", "she", "it", "our", "my", "the", "this", "that", "these", "those",
  "everyone", "nobody", "none", "all", "each", NULL
};
/* Never the last word of a line. */
static const char * const dangling_words[] = {
  "and", "or", "but", "so", "the", "a", "an", "to", "of", "with", "for", "because", "which",
  "that", "in", "on", "at", "by", "from", "into", "as", "than", "then", "while", "who",
  "our", "my", "their", "its", "his", "her", "your", "we", "i", "is", "was", "were", "are",
  "be", "been", "after", "before", "when", "if", "not", "no", NULL
};

static gboolean
is_space_at (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* A sentence ends at ".", "!", "?" or "…" (and the quote or bracket that
 * closes it) before a space and a word that does not start in lower case
 * ("e.g. the" goes on), and at every line break. List marks are skipped. */
static GArray *
split_sentences (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *p = text;

  while (*p != '\0')
    {
      const char *start, *end = NULL, *next = NULL, *q;

      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          const char *after = g_utf8_next_char (p);

          if (g_unichar_isspace (c))
            p = after;
          else if ((c == '-' || c == '*' || c == 0x2022 || c == 0x2013) && is_space_at (after))
            p = after;
          else
            break;
        }
      if (*p == '\0')
        break;

      start = p;
      for (q = p; *q != '\0'; q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);

          if (c == '\n')
            {
              end = q;
              next = q + 1;
              break;
            }
          if (c == '.' || c == '!' || c == '?' || c == 0x2026)
            {
              const char *r = g_utf8_next_char (q);

              while (*r != '\0' && strchr ("\"')]", *r) != NULL)
                r++;
              while (*r != '\0' && (g_utf8_get_char (r) == 0x201D || g_utf8_get_char (r) == 0x2019))
                r = g_utf8_next_char (r);
              if (*r == '\0')
                {
                  end = next = r;
                  break;
                }
              if (is_space_at (r))
                {
                  const char *s = r;

                  while (*s != '\0' && *s != '\n' && is_space_at (s))
                    s = g_utf8_next_char (s);
                  if (*s == '\0' || *s == '\n' || !g_unichar_islower (g_utf8_get_char (s)))
                    {
                      end = next = r;
                      break;
                    }
                }
            }
        }
      if (end == NULL)
        end = next = q;

      while (end > start)
        {
          const char *prev = g_utf8_prev_char (end);

          if (!is_space_at (prev))
            break;
          end = prev;
        }
      if (end > start)
        {
          Span span = { start - text, end - text };
          g_array_append_val (spans, span);
        }
      p = next;
    }
  return spans;
}

static gboolean
in_list (const char         *word,
         const char * const *list)
{
  return g_strv_contains (list, word);
}

/* TRUE when one of @phrases occurs in @words. */
static gboolean
has_phrase (GArray             *words,
            const char * const *phrases)
{
  for (guint i = 0; phrases[i] != NULL; i++)
    {
      g_auto(GStrv) phrase = g_strsplit (phrases[i], " ", -1);

      if (sb_words_find (words, 0, (const char * const *) phrase) >= 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_measure (const char *sentence,
             GArray     *words)
{
  if (strpbrk (sentence, "%$") != NULL || strstr (sentence, "€") != NULL ||
      strstr (sentence, "£") != NULL)
    return TRUE;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_array_index (words, SbWord, i).lowered;

      if (g_ascii_isdigit (word[0]) || in_list (word, measure_words))
        return TRUE;
    }
  return FALSE;
}

/* Does @sentence say what @section is about (a figure in a Result or a
 * Situation, "I" in an Action …)? */
static gboolean
carries_section (SbStoryField  section,
                 const char   *sentence,
                 GArray       *words)
{
  switch (section)
    {
    case SB_STORY_FIELD_RESULT:
      return has_measure (sentence, words);
    case SB_STORY_FIELD_ACTION:
      for (guint i = 0; i < words->len; i++)
        if (in_list (g_array_index (words, SbWord, i).lowered, action_words))
          return TRUE;
      return FALSE;
    case SB_STORY_FIELD_TASK:
      return has_phrase (words, task_phrases);
    case SB_STORY_FIELD_LEARNING:
      return has_phrase (words, learning_phrases);
    case SB_STORY_FIELD_SITUATION:
      /* What was at stake ("errors jumped from 0.2% to 18%") brings the
       * story back better than the speaker's job title. */
      return has_measure (sentence, words);
    default:
      return FALSE;
    }
}

/* How well @sentence (the @index-th) serves as @section's cue: what the
 * section is about first, then a whole sentence that fits, then the
 * earliest. */
static int
score_sentence (SbStoryField  section,
                const char   *sentence,
                guint         index)
{
  g_autoptr(GArray) words = sb_words_split (sentence);
  glong chars = g_utf8_strlen (sentence, -1);
  int score = -(int) MIN (index, 50u);

  if (carries_section (section, sentence, words))
    score += 100;
  if (words->len < 3)
    score -= 200;   /* "Hi." or a heading says nothing */
  if (chars <= SB_CUE_CARD_DRAFT_CHARS)
    score += 2;
  return score;
}

/* The byte just past the word that ends at @pos together with what hangs
 * on it ("18%", "$410,000"'s last digits, a closing quote), short of a
 * clause mark. */
static gsize
extend_end (const char *text,
            gsize       pos)
{
  while (text[pos] != '\0' && !is_space_at (text + pos) && strchr (",;:.!?(", text[pos]) == NULL &&
         g_utf8_get_char (text + pos) != 0x2014 && g_utf8_get_char (text + pos) != 0x2013)
    pos = g_utf8_next_char (text + pos) - text;
  return pos;
}

/* Words 0 … @last of @sentence, without the words at the end that want
 * another; NULL when nothing is left. */
static char *
cut_after_word (const char *sentence,
                GArray     *words,
                guint       last)
{
  for (;;)
    {
      SbWord *word = &g_array_index (words, SbWord, last);

      if (!in_list (word->lowered, dangling_words))
        return g_strndup (sentence, extend_end (sentence, word->byte_end));
      if (last == 0)
        return NULL;
      last--;
    }
}

/* Is there a clause boundary between words @i - 1 and @i? */
static gboolean
boundary_before (const char *sentence,
                 GArray     *words,
                 guint       i)
{
  SbWord *prev = &g_array_index (words, SbWord, i - 1);
  SbWord *word = &g_array_index (words, SbWord, i);

  if (in_list (word->lowered, clause_words))
    return TRUE;
  for (const char *p = sentence + prev->byte_end; p < sentence + word->byte_start; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *after = g_utf8_next_char (p);

      if (c == ';' || c == '(' || c == 0x2014 || c == 0x2013)
        return TRUE;
      /* "2,300" and "3:30" are numbers, not clauses. */
      if ((c == ',' || c == ':') && (*after == '\0' || is_space_at (after)))
        return TRUE;
      if (c == '-' && p > sentence && is_space_at (g_utf8_prev_char (p)) && is_space_at (after))
        return TRUE;
    }
  return FALSE;
}

/* The longest start of @sentence that ends at a clause boundary, keeps
 * MIN_CUT_WORDS words, fits in @limit characters and, when @section is
 * given, still says what the section is about; NULL if none. */
static char *
cut_at_clause (const char   *sentence,
               GArray       *words,
               glong         limit,
               SbStoryField  section)
{
  for (guint i = words->len; i-- > MIN_CUT_WORDS;)
    {
      g_autofree char *line = NULL;

      if (!boundary_before (sentence, words, i))
        continue;
      line = cut_after_word (sentence, words, i - 1);
      if (line != NULL && sb_count_words (line) >= MIN_CUT_WORDS &&
          g_utf8_strlen (line, -1) <= limit)
        {
          g_autoptr(GArray) kept = NULL;

          if (section == SB_STORY_N_FIELDS)
            return g_steal_pointer (&line);
          kept = sb_words_split (line);
          if (carries_section (section, line, kept))
            return g_steal_pointer (&line);
        }
    }
  return NULL;
}

/* The last resort for one endless clause: whole words up to the limit and
 * "…" to say there was more. */
static char *
cut_at_word (const char *sentence,
             GArray     *words)
{
  glong limit = SB_STORY_MAX_CUE_CHARS - 1;

  for (guint i = words->len; i-- > 0;)
    {
      g_autofree char *line = cut_after_word (sentence, words, i);

      if (line != NULL && g_utf8_strlen (line, -1) <= limit)
        return g_strconcat (line, "…", NULL);
    }
  {
    g_autofree char *start = g_utf8_substring (sentence, 0, limit);
    return g_strconcat (start, "…", NULL);
  }
}

/* @text from its first letter on, that letter in capitals. */
static char *
capitalized (const char *text)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* Where the sentence's main clause may start: after a lead-in ("After
 * months of talks with three vendors, we cut the bill …") the subject
 * comes after a comma. Each start is a byte offset; 0 (the whole
 * sentence) comes last. */
static GArray *
clause_starts (const char *sentence,
               GArray     *words)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;

  if (words->len > 0 && (in_list (g_array_index (words, SbWord, 0).lowered, lead_in_words) ||
                         g_str_has_suffix (g_array_index (words, SbWord, 0).lowered, "ing")))
    for (guint i = 1; i + MIN_CUT_WORDS <= words->len; i++)
      {
        SbWord *word = &g_array_index (words, SbWord, i);

        if (in_list (word->lowered, subject_words) &&
            memchr (sentence + g_array_index (words, SbWord, i - 1).byte_end, ',',
                    word->byte_start - g_array_index (words, SbWord, i - 1).byte_end) != NULL)
          g_array_append_val (starts, word->byte_start);
      }
  g_array_append_val (starts, zero);
  return starts;
}

/* @sentence without the asides that only describe someone: "my director,
 * who had fielded complaints for months, asked me to …" reads as "my
 * director asked me to …". An aside is ", who …," or ", which …," closed
 * by a comma. */
static char *
drop_asides (const char *sentence)
{
  g_autoptr(GString) out = g_string_new (sentence);

  for (gsize from = 0;;)
    {
      const char *who = strstr (out->str + from, ", who ");
      const char *which = strstr (out->str + from, ", which ");
      const char *open = who != NULL && (which == NULL || who < which) ? who : which;
      const char *close;

      if (open == NULL)
        break;
      close = strstr (open + 2, ", ");
      if (close == NULL)
        break;
      from = open - out->str;
      g_string_erase (out, from, close + 1 - open);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @sentence as one line: whole when short, else its main clause cut at a
 * clause boundary, still saying what the section is about when the
 * sentence did. */
static char *
shorten (const char   *whole,
         SbStoryField  section)
{
  g_autofree char *sentence = NULL;
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) starts = NULL;
  SbStoryField keep = SB_STORY_N_FIELDS;
  glong limits[] = { SB_CUE_CARD_DRAFT_CHARS, SB_STORY_MAX_CUE_CHARS };

  if (g_utf8_strlen (whole, -1) <= SB_CUE_CARD_DRAFT_CHARS)
    return g_strdup (whole);

  sentence = drop_asides (whole);
  words = sb_words_split (sentence);
  starts = clause_starts (sentence, words);
  if (carries_section (section, sentence, words))
    keep = section;

  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    for (guint s = 0; s < starts->len; s++)
      {
        gsize start = g_array_index (starts, gsize, s);
        g_autofree char *clause = start == 0 ? g_strdup (sentence) : capitalized (sentence + start);
        g_autoptr(GArray) clause_words_ = sb_words_split (clause);
        char *line;

        if (keep != SB_STORY_N_FIELDS && !carries_section (keep, clause, clause_words_))
          continue;
        if (g_utf8_strlen (clause, -1) <= limits[l])
          return g_steal_pointer (&clause);
        line = cut_at_clause (clause, clause_words_, limits[l], keep);
        if (line != NULL)
          return line;
      }
  /* Nothing keeps the section's point within the limit: any clean cut. */
  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    {
      char *line = cut_at_clause (sentence, words, limits[l], SB_STORY_N_FIELDS);

      if (line != NULL)
        return line;
    }
  return cut_at_word (sentence, words);
}

char *
sb_cue_card_draft_text (const char   *text,
                        SbStoryField  section)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree char *best = NULL;
  int best_score = G_MININT;

  g_return_val_if_fail (SB_STORY_FIELD_IS_SECTION (section), NULL);

  if (text == NULL)
    return g_strdup ("");
  spans = split_sentences (text);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      g_autofree char *raw = g_strndup (text + span->start, span->end - span->start);
      g_autofree char *sentence = sb_story_cue_line_normalize (raw);
      int score = score_sentence (section, sentence, i);

      if (score > best_score)
        {
          best_score = score;
          g_free (best);
          best = g_steal_pointer (&sentence);
        }
    }
  if (best == NULL)
    return g_strdup ("");
  return shorten (best, section);
}

char *
sb_cue_card_draft_line (SbStory      *story,
                        SbStoryField  section)
{
  g_return_val_if_fail (SB_IS_STORY (story), NULL);
  g_return_val_if_fail (SB_STORY_FIELD_IS_SECTION (section), NULL);

  return sb_cue_card_draft_text (sb_story_get_field (story, section), section);
}

GStrv
sb_cue_card_draft (SbStory *story)
{
  GStrv lines;

  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  lines = g_new0 (char *, SB_STORY_N_CUE_LINES + 1);
  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    lines[i] = sb_cue_card_draft_line (story, SB_STORY_FIELD_SITUATION + i);
  return lines;
}
