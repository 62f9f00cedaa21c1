/* sb-words.c — the one word splitter of the coach and the checker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-words"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-words.h"

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static void
word_clear (SbWord *word)
{
  g_free (word->lowered);
}

static char *
lower_word (const char *start,
            gsize       len)
{
  g_autofree char *lowered = g_utf8_strdown (start, len);
  GString *out;

  if (strstr (lowered, "\xe2\x80\x99") == NULL)
    return g_steal_pointer (&lowered);
  out = g_string_new (lowered);
  g_string_replace (out, "\xe2\x80\x99", "'", 0);
  return g_string_free (out, FALSE);
}

GArray *
sb_words_split (const char *text)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (SbWord));
  const char *p;
  glong index = 0;

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  if (text == NULL)
    return words;

  p = text;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      SbWord word;

      if (!is_word_char (c))
        {
          p = g_utf8_next_char (p);
          index++;
          continue;
        }

      word.byte_start = p - text;
      word.char_start = index;
      while (*p != '\0')
        {
          c = g_utf8_get_char (p);
          if (is_word_char (c))
            {
              p = g_utf8_next_char (p);
              index++;
            }
          else if (is_apostrophe (c) && is_word_char (g_utf8_get_char (g_utf8_next_char (p))))
            {
              /* The apostrophe and the letter after it belong to the word. */
              p = g_utf8_next_char (p);
              index++;
            }
          else
            break;
        }
      word.byte_end = p - text;
      word.char_end = index;
      word.lowered = lower_word (text + word.byte_start, word.byte_end - word.byte_start);
      g_array_append_val (words, word);
    }
  return words;
}

GStrv
sb_words_lowered (const char *text)
{
  g_autoptr(GArray) words = sb_words_split (text);
  GStrv out = g_new0 (char *, words->len + 1);

  for (guint i = 0; i < words->len; i++)
    out[i] = g_steal_pointer (&g_array_index (words, SbWord, i).lowered);
  return out;
}

gboolean
sb_word_matches (const char *word,
                 const char *pattern)
{
  gsize len = strlen (pattern);

  if (len > 1 && pattern[len - 1] == '*')
    return strncmp (word, pattern, len - 1) == 0;
  return strcmp (word, pattern) == 0;
}

gssize
sb_words_find (GArray             *words,
               guint               from,
               const char * const *phrase)
{
  guint n;

  g_return_val_if_fail (words != NULL, -1);
  if (phrase == NULL || phrase[0] == NULL)
    return -1;
  n = g_strv_length ((GStrv) phrase);

  for (guint i = from; i + n <= words->len; i++)
    {
      guint k;

      for (k = 0; k < n; k++)
        if (!sb_word_matches (g_array_index (words, SbWord, i + k).lowered, phrase[k]))
          break;
      if (k == n)
        return i;
    }
  return -1;
}
