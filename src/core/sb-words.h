/* sb-words.h — the one word splitter of the coach and the checker
 *
 * A word is a run of letters, digits and combining marks, with an
 * apostrophe (' or ’) kept when a letter or digit follows it: "don't",
 * "team's" and "we’re" are one word each; "game-changer" and "3.5%" are
 * two ("game", "changer"; "3", "5"). Each word comes with where it sits in
 * the text, in characters (what a GtkTextBuffer counts) and in bytes, and
 * lowered (g_utf8_strdown) with the typographic apostrophe made plain, so
 * word lists compare with strcmp().
 *
 * sb_count_words() (sb-story.h) counts spoken words differently ("3.5%" is
 * one) and stays the measure of length.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *lowered;      /* owned; lowered, "’" as "'" */
  gsize  byte_start;   /* into the text given */
  gsize  byte_end;
  glong  char_start;   /* characters, not bytes */
  glong  char_end;
} SbWord;

/* Every word of @text (NULL is ""), in order: an array of SbWord whose clear
 * function frees `lowered`. */
GArray     *sb_words_split     (const char *text);

/* The lowered words of @text as a NULL-terminated array: how a phrase of a
 * word list is matched against sb_words_split()'s words. */
GStrv       sb_words_lowered   (const char *text);

/* A phrase of a word list as sb_words_lowered() gives it, a trailing "*"
 * ("teammate*") kept on its last word; NULL when it has no word. */
GStrv       sb_words_phrase    (const char *text);

/* The root object of a word-list file shipped in the core's resources
 * (@resource, a path); an empty object, with a critical, when a broken
 * build lacks it. The parser owns it: keep *@parser until done. */
JsonObject *sb_words_load_lists (const char  *resource,
                                 JsonParser **parser);
/* The list @member of @root as strings, and as phrases (GStrv each, see
 * sb_words_phrase()); a critical naming @resource when it is missing. */
GStrv       sb_words_list_strings (JsonObject *root,
                                   const char *resource,
                                   const char *member);
GPtrArray  *sb_words_list_phrases (JsonObject *root,
                                   const char *resource,
                                   const char *member);

/* Index of the first word at or after @from where @phrase (lowered words;
 * a word ending in "*" matches any word it begins) starts, or -1. The
 * phrase's last word is at the returned index + g_strv_length (@phrase) - 1. */
gssize      sb_words_find      (GArray             *words,
                                guint               from,
                                const char * const *phrase);

/* TRUE when @word (lowered) matches @pattern (a word, or a prefix ending in "*"). */
gboolean    sb_word_matches    (const char *word,
                                const char *pattern);

G_END_DECLS
