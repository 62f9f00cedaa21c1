/* sb-cheat-sheet.c — what goes on the cheat sheet, paper sizes, PDF export
 *
 * This half reads the store and boils each story down to what fits on a
 * line or two (the hook, key actions, the headline number, the learning);
 * sb-cheat-sheet-layout.c fits that to the page and draws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "sb-cheat-sheet-private.h"

/* A title is cut here already. A piece of a story is never cut inside a
 * clause, unless a clause alone is longer than MAX_CLAUSE_CHARS: then its
 * shortest form is cut at a word. */
#define MAX_PIECE_CHARS    240
#define MAX_CLAUSE_CHARS   240
#define MAX_HEADLINE_CHARS  72
/* A clause cut shorter than this many words says too little to keep. */
#define MIN_CLAUSE_WORDS     4

/* ---- paper ------------------------------------------------------------ */

void
sb_cheat_sheet_options_init (SbCheatSheetOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = sb_paper_size_from_locale ();
}

static gboolean
locale_name_is_north_american (const char *name)
{
  return name != NULL && (strstr (name, "_US") != NULL || strstr (name, "_CA") != NULL);
}

/* The paper of LC_PAPER, as GTK picks it: US and Canada print on Letter,
 * the rest of the world on A4. */
SbPaperSize
sb_paper_size_from_locale (void)
{
  const char *current = setlocale (LC_PAPER, NULL);
  const char *env;

#if defined(__GLIBC__) && defined(_NL_PAPER_WIDTH)
  /* Only meaningful once the program has called setlocale (LC_ALL, ""). */
  if (current != NULL && g_strcmp0 (current, "C") != 0 && g_strcmp0 (current, "POSIX") != 0)
    {
      int width_mm = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);

      if (width_mm == 216)
        return SB_PAPER_LETTER;
      if (width_mm > 0)
        return SB_PAPER_A4;
    }
#endif

  if (locale_name_is_north_american (current))
    return SB_PAPER_LETTER;

  env = g_getenv ("LC_ALL");
  if (env == NULL || *env == '\0')
    env = g_getenv ("LC_PAPER");
  if (env == NULL || *env == '\0')
    env = g_getenv ("LANG");
  return locale_name_is_north_american (env) ? SB_PAPER_LETTER : SB_PAPER_A4;
}

gboolean
sb_paper_size_from_string (const char  *name,
                           SbPaperSize *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "a4") == 0 || g_ascii_strcasecmp (name, "iso_a4") == 0)
    {
      *paper = SB_PAPER_A4;
      return TRUE;
    }
  if (g_ascii_strcasecmp (name, "letter") == 0 || g_ascii_strcasecmp (name, "us-letter") == 0 ||
      g_ascii_strcasecmp (name, "na_letter") == 0)
    {
      *paper = SB_PAPER_LETTER;
      return TRUE;
    }
  return FALSE;
}

void
sb_paper_size_get_points (SbPaperSize  paper,
                          double      *width,
                          double      *height)
{
  double w = 595.0, h = 842.0;   /* A4: 210 × 297 mm */

  if (paper == SB_PAPER_LETTER)
    {
      w = 612.0;                 /* 8.5 × 11 in */
      h = 792.0;
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* ---- text helpers ----------------------------------------------------- */

/* Runs of white space (line breaks too) become one space; ends trimmed. */
static char *
squeeze_spaces (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Cuts @text to about @max_chars at a word boundary, with an ellipsis. */
static char *
shorten (const char *text,
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
static char *
first_sentence (const char *text)
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
  squeezed = squeeze_spaces (raw);
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
static GPtrArray *
split_actions (const char *action)
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
          squeezed = squeeze_spaces (skip_bullet (lines[i]));
          if (squeezed[0] != '\0')
            g_ptr_array_add (actions, g_steal_pointer (&squeezed));
        }
      return actions;
    }

  {
    g_autofree char *text = squeeze_spaces (action);
    const char *p = text;

    while (*p != '\0' && actions->len < SB_SHEET_MAX_ACTIONS)
      {
        g_autofree char *sentence = first_sentence (p);
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
    return shorten (phrase, MAX_HEADLINE_CHARS);

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
          g_autofree char *squeezed = squeeze_spaces (raw);
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
  squeezed = squeeze_spaces (text);
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
    add_form (sheet_text, shorten (g_ptr_array_index (sheet_text->forms, sheet_text->forms->len - 1),
                                   MAX_CLAUSE_CHARS));
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

/* ---- the model -------------------------------------------------------- */

SbSheetStory *
sb_sheet_story_new (void)
{
  SbSheetStory *story = g_new0 (SbSheetStory, 1);

  story->title = g_strdup ("");
  story->hook = sb_sheet_text_new (NULL, FALSE);
  story->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_text_free);
  story->result = sb_sheet_text_new (NULL, TRUE);
  story->learning = sb_sheet_text_new (NULL, FALSE);
  return story;
}

void
sb_sheet_story_free (SbSheetStory *story)
{
  if (story == NULL)
    return;
  g_free (story->title);
  sb_sheet_text_free (story->hook);
  g_ptr_array_unref (story->actions);
  sb_sheet_text_free (story->result);
  sb_sheet_text_free (story->learning);
  g_free (story);
}

SbSheetTheme *
sb_sheet_theme_new (const char   *name,
                    SbSheetStory *story)
{
  SbSheetTheme *theme = g_new0 (SbSheetTheme, 1);

  theme->name = g_strdup (name);
  theme->story = story;
  return theme;
}

void
sb_sheet_theme_free (SbSheetTheme *theme)
{
  if (theme == NULL)
    return;
  g_free (theme->name);
  g_free (theme);
}

SbCheatSheet *
sb_cheat_sheet_new_empty (void)
{
  SbCheatSheet *sheet = g_new0 (SbCheatSheet, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* TRANSLATORS: the date on the cheat sheet, in g_date_time_format() syntax. */
  sheet->date = g_date_time_format (now, _("%-d %B %Y"));
  sheet->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_theme_free);
  sheet->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_story_free);
  sheet->font_size = SB_CHEAT_SHEET_MAX_FONT_SIZE;
  sheet->n_columns = 2;
  return sheet;
}

void
sb_cheat_sheet_free (SbCheatSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->person_name);
  g_free (sheet->framework_name);
  g_free (sheet->date);
  g_ptr_array_unref (sheet->themes);
  g_ptr_array_unref (sheet->stories);
  g_clear_pointer (&sheet->application, _sb_sheet_application_free);
  g_free (sheet);
}

static SbSheetStory *
sheet_story_from_story (SbStory *story)
{
  SbSheetStory *s = sb_sheet_story_new ();
  g_autofree char *title = squeeze_spaces (sb_story_get_display_title (story));
  g_autofree char *hook = first_sentence (sb_story_get_situation (story));
  g_autoptr(GPtrArray) actions = split_actions (sb_story_get_action (story));

  g_free (s->title);
  s->title = shorten (title, MAX_PIECE_CHARS);
  sb_sheet_text_free (s->hook);
  s->hook = sb_sheet_text_new (hook, FALSE);
  for (guint i = 0; i < actions->len; i++)
    g_ptr_array_add (s->actions, sb_sheet_text_new (g_ptr_array_index (actions, i), FALSE));
  sb_sheet_text_free (s->result);
  s->result = sb_sheet_text_new (sb_story_get_result (story), TRUE);
  sb_sheet_text_free (s->learning);
  s->learning = sb_sheet_text_new (sb_story_get_learning (story), FALSE);
  return s;
}

/* Negative when @a is the better story for a theme: a primary link wins,
 * then a ready story, then the most recently updated one. */
static int
compare_candidates (SbStrength a_strength,
                    SbStory   *a,
                    SbStrength b_strength,
                    SbStory   *b)
{
  gboolean a_ready = sb_story_get_status (a) == SB_STORY_STATUS_READY;
  gboolean b_ready = sb_story_get_status (b) == SB_STORY_STATUS_READY;

  if ((a_strength == SB_STRENGTH_PRIMARY) != (b_strength == SB_STRENGTH_PRIMARY))
    return a_strength == SB_STRENGTH_PRIMARY ? -1 : 1;
  if (a_ready != b_ready)
    return a_ready ? -1 : 1;
  if (sb_story_get_updated (a) != sb_story_get_updated (b))
    return sb_story_get_updated (a) > sb_story_get_updated (b) ? -1 : 1;
  return 0;   /* keep the store's order */
}

static SbStory *
best_story_for_theme (SbStore    *store,
                      const char *theme_slug,
                      GHashTable *allowed)
{
  g_autoptr(GPtrArray) candidates = sb_store_get_theme_stories (store, theme_slug);
  SbStory *best = NULL;
  SbStrength best_strength = SB_STRENGTH_NONE;

  for (guint i = 0; i < candidates->len; i++)
    {
      SbStory *story = g_ptr_array_index (candidates, i);
      SbStrength strength;

      if (allowed != NULL && !g_hash_table_contains (allowed, sb_story_get_uuid (story)))
        continue;
      strength = sb_store_get_story_theme (store, story, theme_slug);
      if (best == NULL || compare_candidates (strength, story, best_strength, best) < 0)
        {
          best = story;
          best_strength = strength;
        }
    }
  return best;   /* the store keeps it alive */
}

SbCheatSheet *
sb_cheat_sheet_new (SbStore                   *store,
                    const SbCheatSheetOptions *options,
                    GError                   **error)
{
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autoptr(GHashTable) allowed = NULL;
  g_autoptr(GHashTable) sheet_stories = NULL;
  g_autoptr(SbFramework) first = NULL;
  SbCheatSheetOptions defaults;
  SbFramework *framework = NULL;
  GListModel *themes;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  if (options == NULL)
    {
      sb_cheat_sheet_options_init (&defaults);
      options = &defaults;
    }

  if (options->application_slug != NULL)
    {
      sheet = sb_cheat_sheet_new_empty ();
      name = sb_store_get_person_name (store);
      if (name != NULL && *g_strstrip (name) != '\0')
        sheet->person_name = squeeze_spaces (name);
      sheet->application = _sb_sheet_application_new (store, options->application_slug, error);
      return sheet->application != NULL ? g_steal_pointer (&sheet) : NULL;
    }

  if (options->framework_slug != NULL)
    {
      framework = sb_store_find_framework (store, options->framework_slug);
      if (framework == NULL)
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("There is no framework “%s” for the cheat sheet"),
                       options->framework_slug);
          return NULL;
        }
    }
  else if (g_list_model_get_n_items (sb_store_get_frameworks (store)) > 0)
    {
      first = g_list_model_get_item (sb_store_get_frameworks (store), 0);
      framework = first;
    }

  sheet = sb_cheat_sheet_new_empty ();
  name = sb_store_get_person_name (store);
  if (name != NULL)
    g_strstrip (name);
  if (name != NULL && name[0] != '\0')
    sheet->person_name = squeeze_spaces (name);
  if (framework == NULL)
    return g_steal_pointer (&sheet);
  sheet->framework_name = g_strdup (sb_framework_get_name (framework));

  if (options->story_uuids != NULL)
    {
      allowed = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; options->story_uuids[i] != NULL; i++)
        g_hash_table_add (allowed, (gpointer) options->story_uuids[i]);
    }
  sheet_stories = g_hash_table_new (NULL, NULL);   /* SbStory* → SbSheetStory* */

  themes = sb_store_get_themes (store, sb_framework_get_slug (framework));
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      const char *slug = sb_theme_get_slug (theme);
      SbSheetStory *sheet_story = NULL;
      SbStory *story;

      if (options->theme_slugs != NULL && !g_strv_contains (options->theme_slugs, slug))
        continue;

      story = best_story_for_theme (store, slug, allowed);
      if (story != NULL)
        {
          sheet_story = g_hash_table_lookup (sheet_stories, story);
          if (sheet_story == NULL)
            {
              sheet_story = sheet_story_from_story (story);
              g_ptr_array_add (sheet->stories, sheet_story);
              g_hash_table_insert (sheet_stories, story, sheet_story);
            }
        }
      g_ptr_array_add (sheet->themes, sb_sheet_theme_new (sb_theme_get_name (theme), sheet_story));
    }

  return g_steal_pointer (&sheet);
}

guint
sb_cheat_sheet_get_n_themes (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->themes->len;
}

double
sb_cheat_sheet_get_font_size (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->font_size;
}

guint
sb_cheat_sheet_get_n_columns (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->n_columns;
}

guint
sb_cheat_sheet_get_themes_left_out (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->themes_left_out;
}

guint
sb_cheat_sheet_get_stories_left_out (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->stories_left_out;
}

gboolean
sb_cheat_sheet_get_details_left_out (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->detail >= SB_SHEET_DETAIL_NO_LEARNING;
}

guint
sb_cheat_sheet_get_pieces_shortened (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->pieces_shortened;
}

/* ---- PDF export ------------------------------------------------------- */

static gboolean
set_cairo_error (GError        **error,
                 const char     *path,
                 cairo_status_t  status)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the cheat sheet to “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
sb_cheat_sheet_export_pdf (SbStore                   *store,
                           const SbCheatSheetOptions *options,
                           const char                *path,
                           GError                   **error)
{
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *tmp_name = NULL;
  SbCheatSheetOptions defaults;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  int fd;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    {
      sb_cheat_sheet_options_init (&defaults);
      options = &defaults;
    }

  sheet = sb_cheat_sheet_new (store, options, error);
  if (sheet == NULL)
    return FALSE;

  /* A temporary file beside the target, so the rename cannot cross file
   * systems and a failure never leaves half a PDF under the real name. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf (".%s.XXXXXX", base);
  tmp_name = g_build_filename (dir, template, NULL);
  fd = g_mkstemp (tmp_name);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the cheat sheet to “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  sb_paper_size_get_points (options->paper, &width, &height);
  surface = cairo_pdf_surface_create (tmp_name, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Interview cheat sheet"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Storybank " PACKAGE_VERSION);

  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_name);
      return set_cairo_error (error, path, status);
    }

  if (g_rename (tmp_name, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_name);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the cheat sheet to “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
