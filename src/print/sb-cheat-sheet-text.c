/* sb-cheat-sheet-text.c — boiling a story's text down for the cheat sheet
 *
 * White space and control characters squeezed out, the Situation's first
 * sentence, the key actions, the headline number of a Result, and each
 * piece in its shorter forms (sentences dropped first, then clauses),
 * which the layout picks from to fit the page. Shared with the sheet for
 * an application (sb-cheat-sheet-application.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-cheat-sheet-private.h"

/* A piece of a story is never cut inside a clause, unless a clause alone
 * is longer than MAX_CLAUSE_CHARS: then its shortest form is cut at a
 * word. */
#define MAX_CLAUSE_CHARS   240
#define MAX_HEADLINE_CHARS  72
/* A clause cut shorter than this many words says too little to keep. */
#define MIN_CLAUSE_WORDS     4

/* ---- text helpers ----------------------------------------------------- */

char *
sb_sheet_squeeze (const char *text)
{
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    text = "";
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Cuts @text to about @max_chars at a word boundary, with an ellipsis. */
char *
sb_sheet_shorten (const char *text,
                  glong       max_chars)
{
  const char *end;
  const char *space = NULL;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, max_chars);
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    if (*p == ' ')
      space = p;
  if (space != NULL && space - text > (end - text) / 2)
    end = space;
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

static gboolean
is_sentence_end (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  const char *next = g_utf8_next_char (p);

  if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)   /* 。！？ */
    return TRUE;
  if (c == '.' || c == '!' || c == '?')
    return *next == '\0' || g_unichar_isspace (g_utf8_get_char (next));
  return FALSE;
}

/* The first sentence (or line) of @text, white space squeezed. */
char *
sb_sheet_first_sentence (const char *text)
{
  const char *p = text;
  g_autofree char *raw = NULL;
  g_autofree char *squeezed = NULL;

  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  text = p;
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        break;
      if (is_sentence_end (p))
        {
          p = g_utf8_next_char (p);
          break;
        }
    }
  raw = g_strndup (text, p - text);
  squeezed = sb_sheet_squeeze (raw);
  return g_steal_pointer (&squeezed);
}

/* "- ", "* ", "• ", "1. ", "2) " at the start of a line. */
static const char *
skip_bullet (const char *line)
{
  const char *p = line;

  if (g_str_has_prefix (p, "- ") || g_str_has_prefix (p, "* ") || g_str_has_prefix (p, "+ "))
    return p + 2;
  if (g_str_has_prefix (p, "• ") || g_str_has_prefix (p, "– ") || g_str_has_prefix (p, "— "))
    return g_utf8_next_char (p) + 1;
  while (g_ascii_isdigit (*p))
    p++;
  if (p > line && (*p == '.' || *p == ')') && p[1] == ' ')
    return p + 2;
  return line;
}

/* Key actions: the Action's bullet lines when it has several lines, else
 * its sentences; the first SB_SHEET_MAX_ACTIONS of them, whole. */
GPtrArray *
sb_sheet_split_actions (const char *action)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (action, "\n", -1);
  guint n_lines = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        n_lines++;
    }

  if (n_lines > 1)
    {
      for (guint i = 0; lines[i] != NULL && actions->len < SB_SHEET_MAX_ACTIONS; i++)
        {
          g_autofree char *squeezed = NULL;

          if (lines[i][0] == '\0')
            continue;
          squeezed = sb_sheet_squeeze (skip_bullet (lines[i]));
          if (squeezed[0] != '\0')
            g_ptr_array_add (actions, g_steal_pointer (&squeezed));
        }
      return actions;
    }

  {
    g_autofree char *text = sb_sheet_squeeze (action);
    const char *p = text;

    while (*p != '\0' && actions->len < SB_SHEET_MAX_ACTIONS)
      {
        g_autofree char *sentence = sb_sheet_first_sentence (p);
        const char *end = p;

        for (; *end != '\0'; end = g_utf8_next_char (end))
          if (is_sentence_end (end))
            {
              end = g_utf8_next_char (end);
              break;
            }
        if (sentence[0] != '\0')
          g_ptr_array_add (actions, g_steal_pointer (&sentence));
        p = end;
        while (*p == ' ')
          p++;
      }
  }
  return actions;
}

/* ---- the headline number ---------------------------------------------- */

static gboolean
is_latin_letter (gunichar c)
{
  return c < 0x250 && g_unichar_isalpha (c);
}

/* Whether @phrase (of @len bytes) holds a number worth quoting: a
 * percentage, an amount of money, or digits that do not belong to a word
 * (v2, p95, Q3) and are not a year on its own. */
static gboolean
phrase_has_number (const char *phrase,
                   gssize      len)
{
  const char *end = len < 0 ? phrase + strlen (phrase) : phrase + len;
  gunichar prev = 0;

  for (const char *p = phrase; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '%' || c == 0xFF05 || c == 0x2030 ||
          g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
        return TRUE;

      if (g_unichar_isdigit (c) && !is_latin_letter (prev) && !g_unichar_isdigit (prev))
        {
          const char *q = p;
          guint n_digits = 0;
          gboolean plain = TRUE;    /* only ASCII digits, no separators */
          gint64 value = 0;

          while (q < end)
            {
              gunichar d = g_utf8_get_char (q);
              const char *after = g_utf8_next_char (q);

              if (g_unichar_isdigit (d))
                {
                  n_digits++;
                  if (d < 0x80)
                    value = value * 10 + (d - '0');
                  else
                    plain = FALSE;
                }
              else if ((d == ',' || d == '.') && after < end &&
                       g_unichar_isdigit (g_utf8_get_char (after)))
                plain = FALSE;
              else
                break;
              q = after;
            }

          if (plain && n_digits == 4 && value >= 1900 && value <= 2099 &&
              (q >= end || !is_latin_letter (g_utf8_get_char (q))))
            {
              prev = '0';
              p = g_utf8_prev_char (q);
              continue;   /* a year: "In 2023, …" */
            }
          return TRUE;
        }
      prev = c;
    }
  return FALSE;
}

static gboolean
is_phrase_break (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  const char *next = g_utf8_next_char (p);
  gunichar n = g_utf8_get_char (next);

  switch (c)
    {
    case '\n': case '(': case ')': case '[': case ']':
    case 0x2014:                                   /* — */
    case 0x3001: case 0x3002: case 0xFF0C:         /* 、。， */
    case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: /* ；：！？ */
      return TRUE;
    case '.': case '!': case '?': case ',': case ';': case ':':
    case 0x2013:                                   /* – */
      return n == 0 || g_unichar_isspace (n);
    default:
      return FALSE;
    }
}

/* The phrase, without a conjunction that only linked it to the one before. */
static const char *
skip_conjunction (const char *phrase)
{
  static const char * const words[] = { "and ", "but ", "so ", "which ", "while ", "then ", NULL };

  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strncasecmp (phrase, words[i], strlen (words[i])) == 0)
      return phrase + strlen (words[i]);
  return phrase;
}

/* A long phrase is cut down to a window of words around its first number. */
static char *
shorten_around_number (const char *phrase)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = NULL;
  guint n_words, first = 0, start, end;
  glong chars = 0;

  if (g_utf8_strlen (phrase, -1) <= MAX_HEADLINE_CHARS)
    return g_strdup (phrase);

  words = g_strsplit (phrase, " ", -1);
  n_words = g_strv_length (words);
  if (n_words < 3)
    return sb_sheet_shorten (phrase, MAX_HEADLINE_CHARS);

  while (first < n_words && !phrase_has_number (words[first], -1))
    first++;
  if (first == n_words)
    first = 0;

  start = first > 6 ? first - 6 : 0;
  end = start;
  while (end < n_words && chars + g_utf8_strlen (words[end], -1) + 1 <= MAX_HEADLINE_CHARS - 2)
    chars += g_utf8_strlen (words[end++], -1) + 1;
  if (end <= first)          /* one enormous word: keep at least the number's */
    end = first + 1;

  out = g_string_new (start > 0 ? "…" : "");
  for (guint i = start; i < end; i++)
    {
      if (i > start)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  if (end < n_words)
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Splits @text into phrases and returns the first, whole and with its
 * white space squeezed, for which @want_number holds (or, when FALSE, the
 * first non-empty one). */
static char *
find_phrase (const char *text,
             gboolean    want_number)
{
  const char *start = text;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || is_phrase_break (p))
        {
          g_autofree char *raw = g_strndup (start, p - start);
          g_autofree char *squeezed = sb_sheet_squeeze (raw);
          const char *phrase = skip_conjunction (squeezed);

          if (phrase[0] != '\0' && (!want_number || phrase_has_number (phrase, -1)))
            return g_strdup (phrase);
          if (*p == '\0')
            return NULL;
          start = g_utf8_next_char (p);
        }
    }
}

char *
sb_cheat_sheet_extract_headline (const char *result)
{
  g_autofree char *phrase = NULL;

  if (result == NULL || !g_utf8_validate (result, -1, NULL))
    return NULL;
  phrase = find_phrase (result, TRUE);
  return phrase != NULL ? shorten_around_number (phrase) : NULL;
}

/* ---- the forms of a piece --------------------------------------------- */

/* The sentences of @text (white space already squeezed), each trimmed. */
static GPtrArray *
split_sentences (const char *text)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || is_sentence_end (p))
        {
          const char *end = *p == '\0' ? p : g_utf8_next_char (p);
          char *sentence = g_strstrip (g_strndup (start, end - start));

          if (sentence[0] != '\0')
            g_ptr_array_add (sentences, sentence);
          else
            g_free (sentence);
          if (*p == '\0')
            break;
          start = end;
          p = g_utf8_prev_char (end);
        }
    }
  return sentences;
}

static guint
count_words (const char *text,
             gsize       len)
{
  guint n = 1;

  for (gsize i = 0; i < len; i++)
    if (text[i] == ' ')
      n++;
  return n;
}

/* Where @sentence may be cut after a clause: before ", " "; " ": " and
 * before a dash or a parenthesis. Byte offsets of the clause ends, the
 * latest first; none before @min_end or in the first MIN_CLAUSE_WORDS. */
static GArray *
clause_ends (const char *sentence,
             gsize       min_end)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (const char *p = sentence; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gsize end;

      if ((c == ',' || c == ';' || c == ':' || c == 0xFF0C || c == 0x3001 || c == 0xFF1B) &&
          (*next == ' ' || c >= 0x3000))
        end = p - sentence;
      else if (c == ' ' && (g_str_has_prefix (next, "— ") || g_str_has_prefix (next, "– ") ||
                            *next == '('))
        end = p - sentence;
      else
        continue;
      if (end >= min_end && count_words (sentence, end) >= MIN_CLAUSE_WORDS)
        g_array_prepend_val (ends, end);
    }
  return ends;
}

static void
add_form (SbSheetText *text,
          char        *form)
{
  glong n_chars = g_utf8_strlen (form, -1);

  /* Each form is shorter than the one before. */
  if (text->forms->len > 0 && n_chars >= text->n_chars[text->forms->len - 1])
    {
      g_free (form);
      return;
    }
  text->n_chars = g_renew (glong, text->n_chars, text->forms->len + 1);
  text->n_chars[text->forms->len] = n_chars;
  g_ptr_array_add (text->forms, form);
}

/* Sentences @first to @last of @sentences, joined. */
static char *
join_sentences (GPtrArray *sentences,
                guint      first,
                guint      last)
{
  GString *out = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    {
      if (i > first)
        g_string_append_c (out, ' ');
      g_string_append (out, g_ptr_array_index (sentences, i));
    }
  return g_string_free (out, FALSE);
}

SbSheetText *
sb_sheet_text_new (const char *text,
                   gboolean    is_result)
{
  SbSheetText *sheet_text = g_new0 (SbSheetText, 1);
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GArray) ends = NULL;
  g_autofree char *squeezed = NULL;
  const char *key_sentence;
  gsize min_end = 0;
  guint key = 0;

  sheet_text->forms = g_ptr_array_new_with_free_func (g_free);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return sheet_text;
  squeezed = sb_sheet_squeeze (text);
  sentences = split_sentences (squeezed);
  if (sentences->len == 0)
    return sheet_text;

  /* A Result's number is its punchline: the sentence that holds it goes
   * last, and is never cut before the number's phrase ends. */
  if (is_result)
    sheet_text->emphasis = find_phrase (text, TRUE);
  if (sheet_text->emphasis != NULL)
    for (guint i = 0; i < sentences->len; i++)
      {
        const char *at = strstr (g_ptr_array_index (sentences, i), sheet_text->emphasis);

        if (at != NULL)
          {
            key = i;
            min_end = at - (const char *) g_ptr_array_index (sentences, i) +
                      strlen (sheet_text->emphasis);
            break;
          }
      }

  /* Whole sentences: all of them, then fewer from the end, then (for a
   * Result whose number comes later) fewer from the start. */
  for (guint last = sentences->len; last > key; last--)
    add_form (sheet_text, join_sentences (sentences, 0, last - 1));
  for (guint first = 1; first <= key; first++)
    add_form (sheet_text, join_sentences (sentences, first, key));

  /* Then that one sentence, cut after a clause. */
  key_sentence = g_ptr_array_index (sentences, key);
  ends = clause_ends (key_sentence, min_end);
  for (guint i = 0; i < ends->len; i++)
    add_form (sheet_text, g_strdup_printf ("%.*s…", (int) g_array_index (ends, gsize, i),
                                           key_sentence));

  /* A clause too long for a sheet: only here is a cut at a word allowed. */
  if (sheet_text->n_chars[sheet_text->forms->len - 1] > MAX_CLAUSE_CHARS)
    add_form (sheet_text, sb_sheet_shorten (g_ptr_array_index (sheet_text->forms, sheet_text->forms->len - 1),
                                   MAX_CLAUSE_CHARS));
  return sheet_text;
}

SbSheetText *
sb_sheet_text_new_whole (const char *text,
                         gboolean    is_result)
{
  SbSheetText *sheet_text = g_new0 (SbSheetText, 1);
  g_autofree char *squeezed = NULL;

  sheet_text->forms = g_ptr_array_new_with_free_func (g_free);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return sheet_text;
  squeezed = sb_sheet_squeeze (text);
  if (squeezed[0] == '\0')
    return sheet_text;
  if (is_result)
    sheet_text->emphasis = find_phrase (squeezed, TRUE);
  add_form (sheet_text, g_steal_pointer (&squeezed));
  return sheet_text;
}

void
sb_sheet_text_free (SbSheetText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->forms);
  g_free (text->n_chars);
  g_free (text->emphasis);
  g_free (text);
}

const char *
sb_sheet_text_get (SbSheetText *text,
                   guint        form)
{
  if (text == NULL || text->forms->len == 0)
    return "";
  return g_ptr_array_index (text->forms, MIN (form, text->forms->len - 1));
}

guint
sb_sheet_text_get_n_forms (SbSheetText *text)
{
  return text != NULL ? text->forms->len : 0;
}
