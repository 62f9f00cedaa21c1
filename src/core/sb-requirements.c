/* sb-requirements.c — a pasted job description read into requirement lines
 *
 * The text is read line by line: a bullet starts an item (indented lines
 * under it continue it), a heading starts a section, anything else is
 * prose, cut into sentences. What a section is about comes from its
 * heading; which sentences state a duty or a qualification, and which are
 * boilerplate, from the word lists of data/coach/job-description.json.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-requirements"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-application.h"
#include "sb-core-resources.h"
#include "sb-requirements.h"
#include "sb-words.h"

#define WORDS_RESOURCE "/io/github/storybank/Storybank/coach/job-description.json"

/* A heading is a line of at most this many words. */
#define MAX_HEADING_WORDS 8
/* "Requirements: 5+ years of Go" — a known heading before a colon. */
#define MAX_INLINE_HEADING_WORDS 5
#define MIN_WORDS 3

typedef struct
{
  GStrv      bullets;
  GPtrArray *keep_headings;   /* GStrv phrases */
  GPtrArray *drop_headings;
  GPtrArray *boilerplate;
  GPtrArray *qualification;
  GPtrArray *role;
  GStrv      abbreviations;
} WordLists;

static gpointer
load_word_lists (gpointer data)
{
  WordLists *lists = g_new0 (WordLists, 1);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = sb_words_load_lists (WORDS_RESOURCE, &parser);

  (void) data;
  lists->bullets = sb_words_list_strings (root, WORDS_RESOURCE, "bullets");
  lists->keep_headings = sb_words_list_phrases (root, WORDS_RESOURCE, "keep_headings");
  lists->drop_headings = sb_words_list_phrases (root, WORDS_RESOURCE, "drop_headings");
  lists->boilerplate = sb_words_list_phrases (root, WORDS_RESOURCE, "boilerplate");
  lists->qualification = sb_words_list_phrases (root, WORDS_RESOURCE, "qualification_words");
  lists->role = sb_words_list_phrases (root, WORDS_RESOURCE, "role_words");
  lists->abbreviations = sb_words_list_strings (root, WORDS_RESOURCE, "abbreviations");
  return lists;
}

static const WordLists *
word_lists (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_word_lists, NULL);
}

/* Where the first phrase of @phrases starts in @words (-1: none); the
 * longest of those starting there in *@length. */
static gssize
find_first (GArray    *words,
            GPtrArray *phrases,
            guint     *length)
{
  gssize best = -1;

  *length = 0;
  for (guint i = 0; i < phrases->len; i++)
    {
      gssize at = sb_words_find (words, 0, phrases->pdata[i]);
      guint n = g_strv_length (phrases->pdata[i]);

      if (at >= 0 && (best < 0 || at < best || (at == best && n > *length)))
        {
          best = at;
          *length = n;
        }
    }
  return best;
}

static gboolean
has_phrase (GArray    *words,
            GPtrArray *phrases)
{
  for (guint i = 0; i < phrases->len; i++)
    if (sb_words_find (words, 0, phrases->pdata[i]) >= 0)
      return TRUE;
  return FALSE;
}

/* ---- lines -------------------------------------------------------------- */

typedef enum
{
  SECTION_ANY,    /* no heading yet, or one that says nothing: keep duties and qualifications */
  SECTION_KEEP,   /* requirements, duties: keep every line */
  SECTION_DROP,   /* about us, benefits, pay, equal opportunity, how to apply */
} Section;

/* "   text  with\tspaces " → "text with spaces" */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* The text after a bullet at the start of @line (spaces before it
 * skipped), or NULL when @line does not start with one. */
static const char *
after_bullet (const char *line)
{
  const WordLists *lists = word_lists ();
  const char *p = skip_spaces (line);
  const char *q;

  /* "1. ", "12) ", "a) ", "(3) " */
  q = p;
  if (*q == '(')
    q++;
  if (g_ascii_isdigit (*q))
    {
      while (g_ascii_isdigit (*q))
        q++;
    }
  else if (g_ascii_isalpha (*q) && q[1] == ')')
    q++;
  if (q != p && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t'))
    return skip_spaces (q + 1);

  for (guint i = 0; lists->bullets[i] != NULL; i++)
    {
      const char *bullet = lists->bullets[i];
      gsize len = strlen (bullet);

      if (strncmp (p, bullet, len) != 0)
        continue;
      /* ASCII marks need a space after them ("-5%", "**bold**" are no
       * bullets); the typographic ones may touch the text ("•Python"). */
      if (len == 1 && p[1] != ' ' && p[1] != '\t')
        continue;
      /* "—" or "–" alone is a dash in prose unless followed by a space. */
      q = skip_spaces (p + len);
      if (*q == '\0')
        return NULL;
      return q;
    }
  return NULL;
}

static gboolean
ends_sentence (const char *text)
{
  gsize len = strlen (text);

  return len > 0 && strchr (".!?", text[len - 1]) != NULL;
}

/* Markdown's "## " and "**…**" taken off a heading. */
static char *
strip_markup (const char *line)
{
  g_autofree char *text = collapse_spaces (line);
  char *p = text;
  gsize len;

  while (*p == '#')
    p++;
  p = (char *) skip_spaces (p);
  len = strlen (p);
  while (len >= 2 && ((p[0] == '*' && p[len - 1] == '*') || (p[0] == '_' && p[len - 1] == '_')))
    {
      p[len - 1] = '\0';
      p++;
      len -= 2;
    }
  return g_strstrip (g_strdup (p));
}

/* What a heading's words say the section below it is. */
static Section
classify_heading (const char *heading)
{
  const WordLists *lists = word_lists ();
  g_autoptr(GArray) words = sb_words_split (heading);
  guint keep_len, drop_len;
  gssize keep = find_first (words, lists->keep_headings, &keep_len);
  gssize drop = find_first (words, lists->drop_headings, &drop_len);

  if (keep < 0 && drop < 0)
    return SECTION_ANY;
  if (drop < 0)
    return SECTION_KEEP;
  if (keep < 0)
    return SECTION_DROP;
  if (keep != drop)
    return keep < drop ? SECTION_KEEP : SECTION_DROP;
  return keep_len >= drop_len ? SECTION_KEEP : SECTION_DROP;
}

static gboolean
known_heading (const char *heading)
{
  const WordLists *lists = word_lists ();
  g_autoptr(GArray) words = sb_words_split (heading);
  guint length;

  /* The whole text, not a phrase inside it: "Experience: 5 years" is a
   * heading, "Deep experience: …" may be one too, "We offer: …" is not. */
  if (find_first (words, lists->keep_headings, &length) == 0 && length == words->len)
    return TRUE;
  if (find_first (words, lists->drop_headings, &length) == 0 && length == words->len)
    return TRUE;
  return FALSE;
}

static guint
count_words (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, " ", -1);
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      n++;
  return n;
}

/* Is @line (no bullet) a heading? With a colon inside, *@rest is the text
 * after the colon when the part before it is a known heading. A short line
 * that ends no sentence right above a list (@before_list) heads it too,
 * known words or not ("What we look for" over its bullets). */
static gboolean
is_heading (const char  *line,
            gboolean     before_list,
            char       **heading,
            const char **rest)
{
  g_autofree char *text = strip_markup (line);
  g_autofree char *trimmed = g_strstrip (g_strdup (line));
  const char *colon;
  gsize len = strlen (text);

  *rest = NULL;
  *heading = NULL;
  if (len == 0)
    return FALSE;

  /* "Requirements: 5+ years of Go." */
  colon = strchr (text, ':');
  if (colon != NULL && colon[1] != '\0')
    {
      g_autofree char *before = g_strndup (text, colon - text);

      if (count_words (before) <= MAX_INLINE_HEADING_WORDS && known_heading (before))
        {
          const char *in_line = strchr (line, ':');

          *heading = g_steal_pointer (&before);
          *rest = in_line != NULL ? skip_spaces (in_line + 1) : NULL;
          return TRUE;
        }
      return FALSE;
    }

  if (count_words (text) > MAX_HEADING_WORDS)
    return FALSE;
  if (text[len - 1] == ':' || *trimmed == '#' ||
      (g_str_has_prefix (trimmed, "**") && g_str_has_suffix (trimmed, "**")) ||
      (!ends_sentence (text) && (before_list || known_heading (text))))
    {
      while (len > 0 && (text[len - 1] == ':' || text[len - 1] == ' '))
        text[--len] = '\0';
      *heading = g_steal_pointer (&text);
      return TRUE;
    }
  return FALSE;
}

/* ---- sentences ---------------------------------------------------------- */

static gboolean
is_abbreviation (const char *text,
                 const char *dot)
{
  const WordLists *lists = word_lists ();
  const char *start = dot;
  g_autofree char *token = NULL;
  g_autofree char *lowered = NULL;

  while (start > text && (g_ascii_isalnum (start[-1]) || start[-1] == '.'))
    start--;
  token = g_strndup (start, dot - start);
  if (strlen (token) == 1 && g_ascii_isalpha (*token))
    return TRUE;   /* an initial: "J. Smith" */
  lowered = g_ascii_strdown (token, -1);
  return g_strv_contains ((const char * const *) lists->abbreviations, lowered);
}

/* Cuts @paragraph into sentences at ".", "!" or "?" followed by a space. */
static void
split_sentences (const char *paragraph,
                 GPtrArray  *out)
{
  const char *start = paragraph;

  for (const char *p = paragraph; *p != '\0'; p++)
    {
      if (strchr (".!?", *p) == NULL || (p[1] != ' ' && p[1] != '\0'))
        continue;
      if (*p == '.' && is_abbreviation (paragraph, p))
        continue;
      g_ptr_array_add (out, g_strndup (start, p + 1 - start));
      start = skip_spaces (p + 1);
      p = start - 1;
    }
  if (*start != '\0')
    g_ptr_array_add (out, g_strdup (start));
}

/* ---- the lines kept ----------------------------------------------------- */

typedef struct
{
  GPtrArray  *lines;   /* char*, the result */
  GHashTable *seen;    /* casefolded lines */
} Result;

static gboolean
is_boilerplate (const char *text,
                GArray     *words)
{
  /* A salary range: "$150,000", "€60k", "£45 000". */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if ((c == '$' || c == 0x20AC || c == 0xA3) && g_ascii_isdigit (*next))
        return TRUE;
    }
  return has_phrase (words, word_lists ()->boilerplate);
}

/* Cuts @line to SB_REQUIREMENT_MAX_CHARS characters at a word. */
static char *
limit_length (char *line)
{
  const char *cut;
  const char *space;

  if (g_utf8_strlen (line, -1) <= SB_REQUIREMENT_MAX_CHARS)
    return line;
  cut = g_utf8_offset_to_pointer (line, SB_REQUIREMENT_MAX_CHARS - 1);
  space = cut;
  while (space > line && *space != ' ')
    space--;
  if (space == line)
    space = cut;
  {
    char *limited = g_strdup_printf ("%.*s…", (int) (space - line), line);

    g_free (line);
    return limited;
  }
}

/* Adds @text as a line if it holds one; @whole keeps it without asking
 * whether it states a duty or a qualification. */
static void
add_line (Result     *result,
          const char *text,
          gboolean    whole)
{
  const WordLists *lists = word_lists ();
  g_autofree char *line = collapse_spaces (text);
  g_autoptr(GArray) words = NULL;
  g_autofree char *key = NULL;
  gsize len;

  len = strlen (line);
  while (len > 0 && strchr (".;,: ", line[len - 1]) != NULL)
    line[--len] = '\0';
  if (count_words (line) < MIN_WORDS)
    return;
  words = sb_words_split (line);
  if (words->len < MIN_WORDS || is_boilerplate (line, words))
    return;
  if (!whole && !has_phrase (words, lists->qualification) && !has_phrase (words, lists->role))
    return;

  line = limit_length (g_steal_pointer (&line));
  key = g_utf8_casefold (line, -1);
  if (g_hash_table_contains (result->seen, key))
    return;
  g_hash_table_add (result->seen, g_steal_pointer (&key));
  g_ptr_array_add (result->lines, g_steal_pointer (&line));
}

static void
add_paragraph (Result     *result,
               GString    *paragraph,
               Section     section)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);

  if (paragraph->len == 0)
    return;
  if (section != SECTION_DROP)
    {
      g_autofree char *text = collapse_spaces (paragraph->str);

      split_sentences (text, sentences);
      for (guint i = 0; i < sentences->len; i++)
        add_line (result, sentences->pdata[i], section == SECTION_KEEP);
    }
  g_string_truncate (paragraph, 0);
}

static gboolean
starts_lowercase (const char *text)
{
  const char *p = skip_spaces (text);

  return *p != '\0' && g_unichar_islower (g_utf8_get_char (p));
}

/* Whether the next line that is not blank after raw[@i] starts a bullet. */
static gboolean
next_is_bullet (char  **raw,
                guint   i)
{
  for (guint j = i + 1; raw[j] != NULL; j++)
    if (*skip_spaces (raw[j]) != '\0')
      return after_bullet (raw[j]) != NULL;
  return FALSE;
}

GStrv
sb_requirements_split (const char *job_description)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GString) item = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) raw = NULL;
  Result result = { lines, seen };
  Section section = SECTION_ANY;
  gboolean in_item = FALSE;
  const char *previous = NULL;

  if (job_description == NULL || !g_utf8_validate (job_description, -1, NULL))
    return g_new0 (char *, 1);

  /* Windows and old Mac line ends are line ends. */
  {
    GString *normal = g_string_new (job_description);

    g_string_replace (normal, "\r\n", "\n", 0);
    g_string_replace (normal, "\r", "\n", 0);
    /* A line or paragraph separator too. */
    g_string_replace (normal, "\xe2\x80\xa8", "\n", 0);
    g_string_replace (normal, "\xe2\x80\xa9", "\n", 0);
    text = g_string_free (normal, FALSE);
  }
  raw = g_strsplit (text, "\n", -1);

#define END_ITEM() G_STMT_START { \
    if (in_item && section != SECTION_DROP) \
      add_line (&result, item->str, TRUE); \
    g_string_truncate (item, 0); \
    in_item = FALSE; \
  } G_STMT_END

  for (guint i = 0; raw[i] != NULL; i++)
    {
      const char *line = raw[i];
      const char *bullet_text = after_bullet (line);
      g_autofree char *heading = NULL;
      const char *rest = NULL;
      gboolean blank = *skip_spaces (line) == '\0';
      gboolean indented = line[0] == ' ' || line[0] == '\t';

      if (blank)
        {
          END_ITEM ();
          add_paragraph (&result, paragraph, section);
          previous = NULL;
          continue;
        }
      if (bullet_text != NULL)
        {
          END_ITEM ();
          add_paragraph (&result, paragraph, section);
          g_string_append (item, bullet_text);
          in_item = TRUE;
          previous = line;
          continue;
        }
      if (in_item && indented)
        {
          /* The bullet goes on over this line. */
          g_string_append_c (item, ' ');
          g_string_append (item, line);
          previous = line;
          continue;
        }
      if (is_heading (line, next_is_bullet (raw, i), &heading, &rest))
        {
          Section said = classify_heading (heading);

          END_ITEM ();
          add_paragraph (&result, paragraph, section);
          previous = NULL;
          /* "Location: Amsterdam" labels its own line only; "Requirements:
           * 5+ years of Go" opens a section with its first line. */
          if (rest != NULL && said == SECTION_DROP)
            continue;
          section = said;
          if (rest != NULL && *rest != '\0')
            {
              g_string_append (paragraph, rest);
              previous = rest;
            }
          continue;
        }
      END_ITEM ();

      /* Prose. A line that ends without punctuation before one that starts
       * with a capital is a line of its own ("5+ years of Go" then "Strong
       * SQL"); before a lowercase word it is prose wrapped mid-sentence. */
      if (previous != NULL && paragraph->len > 0)
        {
          g_autofree char *last = g_strchomp (g_strdup (previous));

          if (!ends_sentence (last) && !starts_lowercase (line) && strchr (",;:", last[strlen (last) - 1]) == NULL)
            g_string_append (paragraph, ".");
          g_string_append_c (paragraph, ' ');
        }
      g_string_append (paragraph, line);
      previous = line;
    }
  END_ITEM ();
  add_paragraph (&result, paragraph, section);
#undef END_ITEM

  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}
