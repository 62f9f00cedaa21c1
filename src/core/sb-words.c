/* sb-words.c — the one word splitter of the coach and the checker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-words"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-core-resources.h"
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

GStrv
sb_words_phrase (const char *text)
{
  GStrv words = sb_words_lowered (text);

  if (words[0] == NULL)
    {
      g_strfreev (words);
      return NULL;
    }
  /* The splitter drops a trailing star: put it back on the last word. */
  if (text != NULL && g_str_has_suffix (text, "*"))
    {
      guint last = g_strv_length (words) - 1;
      char *starred = g_strconcat (words[last], "*", NULL);

      g_free (words[last]);
      words[last] = starred;
    }
  return words;
}

JsonObject *
sb_words_load_lists (const char  *resource,
                     JsonParser **parser)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (sb_core_get_resource (), resource,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  *parser = json_parser_new ();
  if (bytes != NULL &&
      json_parser_load_from_data (*parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (*parser)))
    return json_node_get_object (json_parser_get_root (*parser));

  /* Shipped inside the program: only a broken build gets here. */
  g_critical ("%s cannot be read: %s", resource, error != NULL ? error->message : "not an object");
  json_parser_load_from_data (*parser, "{}", -1, NULL);
  return json_node_get_object (json_parser_get_root (*parser));
}

static JsonArray *
list_member (JsonObject *root,
             const char *resource,
             const char *member)
{
  if (json_object_has_member (root, member))
    return json_object_get_array_member (root, member);
  g_critical ("%s: the list “%s” is missing", resource, member);
  return NULL;
}

GStrv
sb_words_list_strings (JsonObject *root,
                       const char *resource,
                       const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = list_member (root, resource, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

GPtrArray *
sb_words_list_phrases (JsonObject *root,
                       const char *resource,
                       const char *member)
{
  GPtrArray *phrases = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  JsonArray *array = list_member (root, resource, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      GStrv words = sb_words_phrase (json_array_get_string_element (array, i));

      if (words != NULL)
        g_ptr_array_add (phrases, words);
    }
  return phrases;
}
