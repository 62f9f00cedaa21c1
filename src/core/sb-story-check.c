/* sb-story-check.c — deterministic checks of one story, the coach's red pen
 *
 * Each check looks for something interviewers of senior engineers mark
 * down (the list, with ids and severities, is in the header). It runs at
 * every autosave pause, so the text of each section is split into words
 * once (sb-words.h) and every word list is matched against those words;
 * the lists are read once from the core's GResource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-check"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-core-resources.h"
#include "sb-story-check.h"
#include "sb-words.h"

#define LEXICON_RESOURCE "/io/github/storybank/Storybank/coach/lexicon.json"

/* At least this many "we" (and more than twice the "I") before the Action
 * reads as the team's story rather than the speaker's. */
#define WE_MIN_COUNT 3

static const SbStoryField sections[] = {
  SB_STORY_FIELD_SITUATION, SB_STORY_FIELD_TASK, SB_STORY_FIELD_ACTION,
  SB_STORY_FIELD_RESULT, SB_STORY_FIELD_LEARNING,
};

/* ---- the word lists --------------------------------------------------- */

/* A list of phrases, each as lowered words, found by their first word:
 * each word of a story is looked up once per list rather than compared
 * with every phrase. Phrases whose first word ends in "*" are tried at
 * every word. Within a bucket the longest come first, so that "we handled
 * it" wins over "handled it" at the same place. */
typedef struct
{
  GHashTable *by_first;   /* first word → GPtrArray of GStrv */
  GPtrArray  *starred;    /* GStrv whose first word is a prefix */
} PhraseList;

typedef struct
{
  PhraseList *measure_words;
  PhraseList *i_words;
  PhraseList *we_words;
  PhraseList *vague;
  PhraseList *hype;
  PhraseList *blame_subjects;
  PhraseList *blame_gap_words;
  PhraseList *blame_verbs;
  PhraseList *blame_phrases;
  PhraseList *ownership;
  PhraseList *ownership_negations;
  PhraseList *others;
  PhraseList *tradeoff;
  GStrv       hero_themes;
  GStrv       decision_themes;
} Lexicon;

static int
compare_phrase_length (gconstpointer a,
                       gconstpointer b)
{
  guint la = g_strv_length (*(GStrv *) a);
  guint lb = g_strv_length (*(GStrv *) b);

  return (int) lb - (int) la;
}

static void
phrase_list_add (PhraseList *list,
                 GStrv       phrase)
{
  GPtrArray *bucket;

  if (g_str_has_suffix (phrase[0], "*"))
    bucket = list->starred;
  else
    {
      bucket = g_hash_table_lookup (list->by_first, phrase[0]);
      if (bucket == NULL)
        {
          bucket = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
          g_hash_table_insert (list->by_first, g_strdup (phrase[0]), bucket);
        }
    }
  g_ptr_array_add (bucket, phrase);
  g_ptr_array_sort (bucket, compare_phrase_length);
}

static PhraseList *
read_phrases (JsonObject *root,
              const char *member)
{
  PhraseList *list = g_new0 (PhraseList, 1);
  g_autoptr(GPtrArray) phrases = sb_words_list_phrases (root, LEXICON_RESOURCE, member);

  list->by_first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  list->starred = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  /* The list takes each phrase's words. */
  g_ptr_array_set_free_func (phrases, NULL);
  for (guint i = 0; i < phrases->len; i++)
    phrase_list_add (list, phrases->pdata[i]);
  return list;
}

static gpointer
load_lexicon (gpointer data)
{
  Lexicon *lex = g_new0 (Lexicon, 1);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = sb_words_load_lists (LEXICON_RESOURCE, &parser);

  (void) data;
  lex->measure_words = read_phrases (root, "measure_words");
  lex->i_words = read_phrases (root, "i_words");
  lex->we_words = read_phrases (root, "we_words");
  lex->vague = read_phrases (root, "vague");
  lex->hype = read_phrases (root, "hype");
  lex->blame_subjects = read_phrases (root, "blame_subjects");
  lex->blame_gap_words = read_phrases (root, "blame_gap_words");
  lex->blame_verbs = read_phrases (root, "blame_verbs");
  lex->blame_phrases = read_phrases (root, "blame_phrases");
  lex->ownership = read_phrases (root, "ownership");
  lex->ownership_negations = read_phrases (root, "ownership_negations");
  lex->others = read_phrases (root, "others");
  lex->tradeoff = read_phrases (root, "tradeoff");
  lex->hero_themes = sb_words_list_strings (root, LEXICON_RESOURCE, "hero_themes");
  lex->decision_themes = sb_words_list_strings (root, LEXICON_RESOURCE, "decision_themes");
  return lex;
}

static const Lexicon *
lexicon (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_lexicon, NULL);
}

/* Length in words of the first of @phrases that starts at word @at, or 0. */
static guint
match_first (GArray    *words,
             guint      at,
             GPtrArray *phrases)
{
  for (guint p = 0; phrases != NULL && p < phrases->len; p++)
    {
      const char * const *phrase = phrases->pdata[p];
      guint n = g_strv_length ((GStrv) phrase);
      guint k;

      if (at + n > words->len)
        continue;
      for (k = 0; k < n; k++)
        if (!sb_word_matches (g_array_index (words, SbWord, at + k).lowered, phrase[k]))
          break;
      if (k == n)
        return n;
    }
  return 0;
}

/* Length in words of the longest phrase of @list that starts at word @at,
 * or 0. */
static guint
match_at (GArray     *words,
          guint       at,
          PhraseList *list)
{
  guint exact, starred;

  if (at >= words->len)
    return 0;
  exact = match_first (words, at, g_hash_table_lookup (list->by_first,
                                                       g_array_index (words, SbWord, at).lowered));
  starred = match_first (words, at, list->starred);
  return MAX (exact, starred);
}

static gboolean
has_phrase (GArray     *words,
            PhraseList *list)
{
  for (guint i = 0; i < words->len; i++)
    if (match_at (words, i, list) > 0)
      return TRUE;
  return FALSE;
}

/* ---- findings --------------------------------------------------------- */

static const char * const kind_ids[SB_CHECK_N_KINDS] = {
  [SB_CHECK_MISSING_SECTION] = "missing-section",
  [SB_CHECK_RESULT_NO_NUMBER] = "result-not-measured",
  [SB_CHECK_WE_NOT_I] = "we-not-i",
  [SB_CHECK_VAGUE_PHRASE] = "vague-phrase",
  [SB_CHECK_TOO_SHORT] = "too-short",
  [SB_CHECK_TOO_LONG] = "too-long",
  [SB_CHECK_ACTION_NOT_LONGEST] = "action-not-longest",
  [SB_CHECK_SECTION_TOO_THIN] = "section-too-thin",
  [SB_CHECK_BLAME] = "blame",
  [SB_CHECK_HYPE] = "hype",
  [SB_CHECK_HERO_STORY] = "hero-story",
  [SB_CHECK_NO_TRADEOFF] = "no-tradeoff",
  [SB_CHECK_SETUP_TOO_LONG] = "setup-too-long",
};

const char *
sb_check_kind_to_id (SbCheckKind kind)
{
  g_return_val_if_fail (kind < SB_CHECK_N_KINDS, "");
  return kind_ids[kind];
}

const char *
sb_check_severity_to_string (SbCheckSeverity severity)
{
  switch (severity)
    {
    case SB_CHECK_SEVERITY_PROBLEM: return "problem";
    case SB_CHECK_SEVERITY_WARNING: return "warning";
    case SB_CHECK_SEVERITY_HINT:
    default:                        return "hint";
    }
}

void
sb_finding_free (SbFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_clear_pointer (&finding->ranges, g_array_unref);
  g_free (finding);
}

guint
sb_findings_count (GPtrArray       *findings,
                   SbCheckSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (findings != NULL, 0);
  for (guint i = 0; i < findings->len; i++)
    if (((SbFinding *) findings->pdata[i])->severity >= severity)
      n++;
  return n;
}

gboolean
sb_finding_is_note (const SbFinding *finding)
{
  return finding->kind != SB_CHECK_MISSING_SECTION &&
         finding->kind != SB_CHECK_TOO_SHORT &&
         finding->kind != SB_CHECK_TOO_LONG;
}

guint
sb_findings_count_to_fix (GPtrArray *findings)
{
  guint n = 0;

  g_return_val_if_fail (findings != NULL, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const SbFinding *finding = findings->pdata[i];

      if (sb_finding_is_note (finding) && finding->severity >= SB_CHECK_SEVERITY_WARNING)
        n++;
    }
  return n;
}

SbFinding *
sb_findings_find (GPtrArray  *findings,
                  const char *check_id)
{
  g_return_val_if_fail (findings != NULL, NULL);
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (((SbFinding *) findings->pdata[i])->check_id, check_id) == 0)
      return findings->pdata[i];
  return NULL;
}

static SbFinding *
add (GPtrArray       *findings,
     SbCheckKind      kind,
     SbCheckSeverity  severity,
     SbStoryField     field,
     char            *message)
{
  SbFinding *finding = g_new0 (SbFinding, 1);

  finding->kind = kind;
  finding->severity = severity;
  finding->field = field;
  finding->message = message;
  finding->check_id = kind_ids[kind];
  finding->section = sb_story_field_to_string (field);
  finding->ranges = g_array_new (FALSE, FALSE, sizeof (SbRange));
  g_ptr_array_add (findings, finding);
  return finding;
}

static const char *
section_name (SbStoryField field)
{
  switch (field)
    {
    case SB_STORY_FIELD_SITUATION: return _("Situation");
    case SB_STORY_FIELD_TASK:      return _("Task");
    case SB_STORY_FIELD_ACTION:    return _("Action");
    case SB_STORY_FIELD_RESULT:    return _("Result");
    case SB_STORY_FIELD_LEARNING:  return _("Learning");
    case SB_STORY_FIELD_TITLE:     return _("Title");
    case SB_STORY_FIELD_NOTES:     return _("Notes");
    case SB_STORY_N_FIELDS:
    default:                       return "";
    }
}

/* The words of each section, split once for every check. */
typedef struct
{
  SbStory *story;
  GArray  *words[SB_STORY_N_FIELDS];
} Text;

static void
text_clear (Text *text)
{
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    g_clear_pointer (&text->words[f], g_array_unref);
}

static GArray *
words_of (Text         *text,
          SbStoryField  field)
{
  if (text->words[field] == NULL)
    text->words[field] = sb_words_split (sb_story_get_field (text->story, field));
  return text->words[field];
}

static void
add_range (GArray *ranges,
           GArray *words,
           guint   first,
           guint   last)
{
  SbRange range = {
    g_array_index (words, SbWord, first).char_start,
    g_array_index (words, SbWord, last).char_end,
  };
  g_array_append_val (ranges, range);
}

/* The text of each range, quoted and joined, at most three distinct:
 * “worked on”, “various”. */
static char *
quote_ranges (const char *section_text,
              GArray     *ranges)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ranges->len && seen->len < 3; i++)
    {
      SbRange *r = &g_array_index (ranges, SbRange, i);
      const char *start = g_utf8_offset_to_pointer (section_text, r->start);
      const char *end = g_utf8_offset_to_pointer (section_text, r->end);
      char *phrase = g_strndup (start, end - start);

      if (g_ptr_array_find_with_equal_func (seen, phrase, g_str_equal, NULL))
        {
          g_free (phrase);
          continue;
        }
      /* Translators: separates quoted phrases: “worked on”, “various” */
      g_string_append_printf (list, "%s“%s”", seen->len > 0 ? _(", ") : "", phrase);
      g_ptr_array_add (seen, phrase);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Adds a range for each phrase of @list in @words, never two over the same
 * words. */
static void
find_phrases (GArray     *words,
              PhraseList *list,
              GArray     *ranges)
{
  for (guint i = 0; i < words->len;)
    {
      guint n = match_at (words, i, list);

      if (n > 0)
        {
          add_range (ranges, words, i, i + n - 1);
          i += n;
        }
      else
        i++;
    }
}

/* A blaming phrase ("their fault"), or a person or team followed by a
 * blaming verb, maybe one small word between ("ops simply ignored"). */
static void
find_blame (GArray *words,
            GArray *ranges)
{
  const Lexicon *lex = lexicon ();

  for (guint i = 0; i < words->len;)
    {
      guint n = match_at (words, i, lex->blame_phrases);

      if (n == 0)
        {
          guint subject = match_at (words, i, lex->blame_subjects);

          if (subject > 0)
            {
              guint at = i + subject;
              guint verb = match_at (words, at, lex->blame_verbs);

              if (verb == 0 && match_at (words, at, lex->blame_gap_words) == 1)
                {
                  at++;
                  verb = match_at (words, at, lex->blame_verbs);
                }
              if (verb > 0)
                n = at + verb - i;
            }
        }
      if (n > 0)
        {
          add_range (ranges, words, i, i + n - 1);
          i += n;
        }
      else
        i++;
    }
}

/* TRUE when @words own a part ("I should have", "my mistake"); "not my
 * fault" owns nothing. */
static gboolean
has_ownership (GArray *words)
{
  const Lexicon *lex = lexicon ();

  for (guint i = 0; i < words->len; i++)
    if (match_at (words, i, lex->ownership) > 0 &&
        (i == 0 || match_at (words, i - 1, lex->ownership_negations) != 1))
      return TRUE;
  return FALSE;
}

/* TRUE when @text holds a figure: a digit or a number word. */
static gboolean
has_measure (const char *section_text,
             GArray     *words)
{
  for (const char *p = section_text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isdigit (g_utf8_get_char (p)))
      return TRUE;
  return has_phrase (words, lexicon ()->measure_words);
}

static char *
phrase_message (SbCheckKind  kind,
                const char  *quoted)
{
  switch (kind)
    {
    case SB_CHECK_VAGUE_PHRASE:
      /* Translators: %s is a list of quoted phrases: “worked on”, “various” */
      return g_strdup_printf (_("Vague wording: %s. Name the concrete thing you did, or the figure."), quoted);
    case SB_CHECK_HYPE:
      /* Translators: %s is a list of quoted phrases: “world-class”, “synergy” */
      return g_strdup_printf (_("Buzzwords: %s. Say what was built and what it changed, with a figure."), quoted);
    case SB_CHECK_BLAME:
    default:
      /* Translators: %s is a list of quoted phrases: “their fault”, “ops caused” */
      return g_strdup_printf (_("This puts the fault on others (%s) and never says what you owned. "
                                "Tell your part, and what you would do differently."), quoted);
    }
}

/* One finding per section for a phrase list (NULL: the blame patterns). */
static void
check_phrases (GPtrArray       *findings,
               Text            *text,
               SbCheckKind      kind,
               SbCheckSeverity  severity,
               PhraseList      *list)
{
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      GArray *words = words_of (text, sections[s]);
      g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (SbRange));
      g_autofree char *quoted = NULL;
      SbFinding *finding;

      if (list != NULL)
        find_phrases (words, list, ranges);
      else
        find_blame (words, ranges);
      if (ranges->len == 0)
        continue;
      quoted = quote_ranges (sb_story_get_field (text->story, sections[s]), ranges);
      finding = add (findings, kind, severity, sections[s], phrase_message (kind, quoted));
      g_array_append_vals (finding->ranges, ranges->data, ranges->len);
    }
}

static void
check_sections (GPtrArray *findings,
                Text      *text,
                guint     *n_empty)
{
  *n_empty = 0;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      SbStoryField field = sections[i];
      guint n_words = sb_story_get_field_word_count (text->story, field);

      if (n_words == 0)
        {
          (*n_empty)++;
          /* Same kind, for the callers that leave empty sections to the
           * list; its own id, as the issue names it. */
          if (field == SB_STORY_FIELD_LEARNING)
            add (findings, SB_CHECK_MISSING_SECTION, SB_CHECK_SEVERITY_PROBLEM, field,
                 g_strdup (_("There is no Learning: say what you took from it and what you do differently now.")))
              ->check_id = "no-learning";
          else
            add (findings, SB_CHECK_MISSING_SECTION, SB_CHECK_SEVERITY_PROBLEM, field,
                 g_strdup_printf (_("The %s is empty."), section_name (field)));
        }
      else if (n_words < SB_CHECK_THIN_WORDS (field))
        {
          if (field == SB_STORY_FIELD_ACTION)
            add (findings, SB_CHECK_SECTION_TOO_THIN, SB_CHECK_SEVERITY_PROBLEM, field,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The Action has only %u word: tell step by step what you did.",
                                               "The Action has only %u words: tell step by step what you did.",
                                               n_words), n_words));
          else
            /* Translators: "The Result has only 4 words: too thin to carry its part." */
            add (findings, SB_CHECK_SECTION_TOO_THIN, SB_CHECK_SEVERITY_WARNING, field,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The %s has only %u word: too thin to carry its part.",
                                               "The %s has only %u words: too thin to carry its part.",
                                               n_words), section_name (field), n_words));
        }
    }
}

static void
check_persons (GPtrArray *findings,
               Text      *text)
{
  const Lexicon *lex = lexicon ();
  GArray *words = words_of (text, SB_STORY_FIELD_ACTION);
  g_autoptr(GArray) we_ranges = g_array_new (FALSE, FALSE, sizeof (SbRange));
  guint singular = 0, plural;

  for (guint i = 0; i < words->len; i++)
    {
      if (match_at (words, i, lex->i_words) == 1)
        singular++;
      else if (match_at (words, i, lex->we_words) == 1)
        add_range (we_ranges, words, i, i);
    }
  plural = we_ranges->len;
  if (plural > 0 && (singular == 0 || (plural >= WE_MIN_COUNT && plural > 2 * singular)))
    {
      g_autofree char *we = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“we” %u time",
                                                          "“we” %u times", plural), plural);
      g_autofree char *me = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“I” %u time",
                                                          "“I” %u times", singular), singular);
      SbFinding *finding;

      /* Translators: "The Action says “we” 4 times and “I” 1 time. …" */
      finding = add (findings, SB_CHECK_WE_NOT_I, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_ACTION,
                     g_strdup_printf (_("The Action says %s and %s. Tell what you did yourself."), we, me));
      g_array_append_vals (finding->ranges, we_ranges->data, we_ranges->len);
    }
}

static void
check_length (GPtrArray *findings,
              Text      *text,
              guint      n_empty)
{
  guint seconds = sb_story_get_speaking_seconds (text->story);
  guint setup = sb_story_get_field_word_count (text->story, SB_STORY_FIELD_SITUATION) +
                sb_story_get_field_word_count (text->story, SB_STORY_FIELD_TASK);
  guint action = sb_story_get_field_word_count (text->story, SB_STORY_FIELD_ACTION);
  SbFinding *finding = NULL;

  if (n_empty < G_N_ELEMENTS (sections))
    {
      if (seconds < SB_CHECK_MIN_SECONDS)
        finding = add (findings, SB_CHECK_TOO_SHORT, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_ACTION,
                       g_strdup_printf (_("About %u s spoken: too short to show depth. Aim for %u–%u s."),
                                        seconds, SB_CHECK_MIN_SECONDS, SB_CHECK_MAX_SECONDS));
      else if (seconds > SB_CHECK_MAX_SECONDS)
        finding = add (findings, SB_CHECK_TOO_LONG, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_SITUATION,
                       g_strdup_printf (_("About %u s spoken: trim it to %u–%u s, starting with the Situation."),
                                        seconds, SB_CHECK_MIN_SECONDS, SB_CHECK_MAX_SECONDS));
      if (finding != NULL)
        finding->section = "story";
    }

  if (action > 0 && setup > action)
    add (findings, SB_CHECK_SETUP_TOO_LONG, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_SITUATION,
         g_strdup_printf (_("The Situation and Task (%u words) are longer than the Action (%u words). "
                            "Cut the setup and tell more of what you did."), setup, action));

  if (action > 0)
    {
      SbStoryField longest = SB_STORY_FIELD_ACTION;

      if (sb_story_get_field_word_count (text->story, SB_STORY_FIELD_RESULT) > action)
        longest = SB_STORY_FIELD_RESULT;
      if (sb_story_get_field_word_count (text->story, SB_STORY_FIELD_LEARNING) >
          sb_story_get_field_word_count (text->story, longest))
        longest = SB_STORY_FIELD_LEARNING;
      if (longest != SB_STORY_FIELD_ACTION)
        add (findings, SB_CHECK_ACTION_NOT_LONGEST, SB_CHECK_SEVERITY_HINT, longest,
             g_strdup_printf (_("The %s is longer than the Action. The Action should be the largest part."),
                              section_name (longest)));
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const SbFinding *fa = *(SbFinding **) a;
  const SbFinding *fb = *(SbFinding **) b;

  if (fa->severity != fb->severity)
    return (int) fb->severity - (int) fa->severity;
  if (fa->field != fb->field)
    return (int) fa->field - (int) fb->field;
  return (int) fa->kind - (int) fb->kind;
}

/* What the theme-bound checks depend on. */
enum
{
  THEMES_ABOUT_OTHERS = 1 << 0,
  THEMES_DECISION     = 1 << 1,
  N_THEME_SETS        = 4
};

static GPtrArray *
compute_findings (SbStory *story,
                  guint    theme_set)
{
  const Lexicon *lex = lexicon ();
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_finding_free);
  Text text = { story, { NULL, } };
  guint n_empty;

  check_sections (findings, &text, &n_empty);

  if (sb_story_get_field_word_count (story, SB_STORY_FIELD_RESULT) > 0 &&
      !has_measure (sb_story_get_result (story), words_of (&text, SB_STORY_FIELD_RESULT)))
    add (findings, SB_CHECK_RESULT_NO_NUMBER, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_RESULT,
         g_strdup (_("The Result has no number. Say how much: a percentage, a time, a count or money.")));

  check_persons (findings, &text);

  check_phrases (findings, &text, SB_CHECK_VAGUE_PHRASE, SB_CHECK_SEVERITY_WARNING, lex->vague);
  check_phrases (findings, &text, SB_CHECK_HYPE, SB_CHECK_SEVERITY_WARNING, lex->hype);

  {
    gboolean owns = FALSE;

    for (guint s = 0; s < G_N_ELEMENTS (sections) && !owns; s++)
      owns = has_ownership (words_of (&text, sections[s]));
    if (!owns)
      check_phrases (findings, &text, SB_CHECK_BLAME, SB_CHECK_SEVERITY_WARNING, NULL);
  }

  check_length (findings, &text, n_empty);

  if (sb_story_get_field_word_count (story, SB_STORY_FIELD_ACTION) > 0)
    {
      GArray *action = words_of (&text, SB_STORY_FIELD_ACTION);

      if ((theme_set & THEMES_ABOUT_OTHERS) && !has_phrase (action, lex->others))
        add (findings, SB_CHECK_HERO_STORY, SB_CHECK_SEVERITY_HINT, SB_STORY_FIELD_ACTION,
             g_strdup (_("Nobody else appears in the Action. This story is about working with others: "
                         "say who they were and how you brought them along.")));
      if ((theme_set & THEMES_DECISION) && !has_phrase (action, lex->tradeoff))
        add (findings, SB_CHECK_NO_TRADEOFF, SB_CHECK_SEVERITY_HINT, SB_STORY_FIELD_ACTION,
             g_strdup (_("The Action weighs no options. Say what you chose, what you gave up, and why.")));
    }

  text_clear (&text);
  g_ptr_array_sort (findings, compare_findings);
  return findings;
}

static GQuark
findings_quark (guint theme_set)
{
  static const char * const names[N_THEME_SETS] = {
    "sb-story-findings",
    "sb-story-findings-about-others",
    "sb-story-findings-decision",
    "sb-story-findings-about-others-decision",
  };

  g_assert (theme_set < N_THEME_SETS);
  return g_quark_from_static_string (names[theme_set]);
}

static GPtrArray *
check_cached (SbStory *story,
              guint    theme_set)
{
  GPtrArray *findings;
  GQuark key = findings_quark (theme_set);

  findings = sb_story_get_derived (story, key);
  if (findings == NULL)
    {
      findings = compute_findings (story, theme_set);
      sb_story_set_derived (story, key, findings, (GDestroyNotify) g_ptr_array_unref);
    }
  return g_ptr_array_ref (findings);
}

/* The list row, the editor and the command line all ask after each change;
 * the story keeps the answer until its text changes again. */
GPtrArray *
sb_story_check (SbStory *story)
{
  g_return_val_if_fail (SB_IS_STORY (story),
                        g_ptr_array_new_with_free_func ((GDestroyNotify) sb_finding_free));
  return check_cached (story, 0);
}

GPtrArray *
sb_story_check_with_themes (SbStory            *story,
                            const char * const *theme_slugs)
{
  const Lexicon *lex = lexicon ();
  guint theme_set = 0;

  g_return_val_if_fail (SB_IS_STORY (story),
                        g_ptr_array_new_with_free_func ((GDestroyNotify) sb_finding_free));

  for (guint i = 0; theme_slugs != NULL && theme_slugs[i] != NULL; i++)
    {
      if (g_strv_contains ((const char * const *) lex->hero_themes, theme_slugs[i]))
        theme_set |= THEMES_ABOUT_OTHERS;
      if (g_strv_contains ((const char * const *) lex->decision_themes, theme_slugs[i]))
        theme_set |= THEMES_DECISION;
    }
  return check_cached (story, theme_set);
}
