/* sb-story-check.c — deterministic checks of one story, the coach's red pen
 *
 * Each check looks for something interviewers of senior engineers mark
 * down: a missing part of the answer, a result with no measure, a team's
 * work told as "we" so the listener cannot hear what the speaker did, filler
 * phrases that say nothing, an answer too short to carry detail or too long
 * to hold attention, and an answer whose Action is not its largest part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-check"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-story-check.h"

void
sb_finding_free (SbFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_free (finding);
}

static void
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
  g_ptr_array_add (findings, finding);
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

/* Words that measure as well as digits do: "shipped two months sooner",
 * "halved the error rate". "One" is left out: "one of us" measures nothing. */
static const char * const measure_words[] = {
  "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
  "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen",
  "dozens", "half", "halved", "twice", "double", "doubled", "triple", "tripled",
  "percent", "zero", NULL
};

/* TRUE when @text holds a figure: a digit or a number word. */
static gboolean
has_measure (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  const char *p = lower;

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        {
          if (g_unichar_isdigit (g_utf8_get_char (p)))
            return TRUE;
          p = g_utf8_next_char (p);
        }
      if (p == start)
        continue;
      word = g_strndup (start, p - start);
      if (g_strv_contains (measure_words, word))
        return TRUE;
    }
  return FALSE;
}

/* Counts first-person singular and plural words in @text, case-folded. */
static void
count_persons (const char *text,
               guint      *singular,
               guint      *plural)
{
  static const char *i_words[] = { "i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", NULL };
  static const char *we_words[] = { "we", "we're", "we've", "we'd", "we'll", "us", "our", "ourselves", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr(GString) folded = g_string_new (lower);
  const char *p;

  /* Treat the typographic apostrophe like the plain one. */
  g_string_replace (folded, "\xe2\x80\x99", "'", 0);
  p = folded->str;
  *singular = *plural = 0;
  while (*p != '\0')
    {
      const char *start;
      g_autofree char *word = NULL;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          if (!(g_unichar_isalnum (c) || c == '\''))
            break;
          p = g_utf8_next_char (p);
        }
      if (p == start)
        continue;
      word = g_strndup (start, p - start);
      if (g_strv_contains (i_words, word))
        (*singular)++;
      else if (g_strv_contains (we_words, word))
        (*plural)++;
    }
}

/* Phrases that tell the listener nothing about what was done or how well. */
static const char *vague_phrases[] = {
  "helped with", "helped out", "was involved in", "was responsible for", "worked on",
  "participated in", "contributed to", "took part in", "a lot of", "lots of",
  "various", "stuff", "things like", "etc", "basically", "kind of", "sort of",
  "tried to", "best practices", "synergy", "leveraged", "in some way",
  NULL
};

static gboolean
is_word_boundary (const char *text,
                  const char *at)
{
  gunichar c;

  if (at == text)
    return TRUE;
  c = g_utf8_get_char (g_utf8_prev_char (at));
  return !g_unichar_isalnum (c);
}

static void
find_vague_phrases (const char *text,
                    GPtrArray  *found)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);

  for (guint i = 0; vague_phrases[i] != NULL; i++)
    {
      const char *phrase = vague_phrases[i];
      gsize len = strlen (phrase);

      for (const char *hit = strstr (folded, phrase); hit != NULL; hit = strstr (hit + 1, phrase))
        {
          const char *end = hit + len;
          if (is_word_boundary (folded, hit) && (*end == '\0' || !g_unichar_isalnum (g_utf8_get_char (end))))
            {
              if (!g_ptr_array_find_with_equal_func (found, phrase, g_str_equal, NULL))
                g_ptr_array_add (found, (gpointer) phrase);
              break;
            }
        }
    }
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const SbFinding *fa = *(SbFinding **) a;
  const SbFinding *fb = *(SbFinding **) b;

  if (fa->severity != fb->severity)
    return (int) fb->severity - (int) fa->severity;
  return (int) fa->field - (int) fb->field;
}

static GPtrArray *
compute_findings (SbStory *story)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_finding_free);
  static const SbStoryField sections[] = {
    SB_STORY_FIELD_SITUATION, SB_STORY_FIELD_TASK, SB_STORY_FIELD_ACTION,
    SB_STORY_FIELD_RESULT, SB_STORY_FIELD_LEARNING,
  };
  guint n_empty = 0;
  guint seconds;

  g_return_val_if_fail (SB_IS_STORY (story), findings);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (sb_story_get_field_word_count (story, sections[i]) == 0)
      {
        n_empty++;
        add (findings, SB_CHECK_MISSING_SECTION, SB_CHECK_SEVERITY_PROBLEM, sections[i],
             g_strdup_printf (_("The %s is empty."), section_name (sections[i])));
      }

  if (sb_story_get_field_word_count (story, SB_STORY_FIELD_RESULT) > 0 &&
      !has_measure (sb_story_get_result (story)))
    add (findings, SB_CHECK_RESULT_NO_NUMBER, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_RESULT,
         g_strdup (_("The Result has no number. Say how much: a percentage, a time, a count or money.")));

  {
    guint singular, plural;

    count_persons (sb_story_get_action (story), &singular, &plural);
    if (plural > singular)
      {
        g_autofree char *we = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“we” %u time",
                                                            "“we” %u times", plural), plural);
        g_autofree char *me = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“I” %u time",
                                                            "“I” %u times", singular), singular);

        /* Translators: "The Action says “we” 4 times and “I” 1 time. …" */
        add (findings, SB_CHECK_WE_NOT_I, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_ACTION,
             g_strdup_printf (_("The Action says %s and %s. Tell what you did yourself."), we, me));
      }
  }

  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();
    g_autoptr(GString) list = g_string_new (NULL);
    SbStoryField first_field = SB_STORY_FIELD_ACTION;

    /* The note goes under the first section that needs it. */
    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      {
        guint before = found->len;

        find_vague_phrases (sb_story_get_field (story, sections[i]), found);
        if (before == 0 && found->len > 0)
          first_field = sections[i];
      }
    for (guint i = 0; i < found->len && i < 3; i++)
      g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", (char *) found->pdata[i]);
    if (found->len > 0)
      add (findings, SB_CHECK_VAGUE_PHRASE, SB_CHECK_SEVERITY_HINT, first_field,
           g_strdup_printf (_("Vague wording: %s. Name the concrete thing you did."), list->str));
  }

  seconds = sb_story_get_speaking_seconds (story);
  if (n_empty < G_N_ELEMENTS (sections))
    {
      if (seconds < SB_CHECK_MIN_SECONDS)
        add (findings, SB_CHECK_TOO_SHORT, SB_CHECK_SEVERITY_HINT, SB_STORY_FIELD_ACTION,
             g_strdup_printf (_("About %u s spoken: too short to show depth. Aim for %u–%u s."),
                              seconds, SB_CHECK_MIN_SECONDS, SB_CHECK_MAX_SECONDS));
      else if (seconds > SB_CHECK_MAX_SECONDS)
        add (findings, SB_CHECK_TOO_LONG, SB_CHECK_SEVERITY_WARNING, SB_STORY_FIELD_SITUATION,
             g_strdup_printf (_("About %u s spoken: trim it to %u–%u s, starting with the Situation."),
                              seconds, SB_CHECK_MIN_SECONDS, SB_CHECK_MAX_SECONDS));
    }

  {
    guint action = sb_story_get_field_word_count (story, SB_STORY_FIELD_ACTION);
    SbStoryField longest = SB_STORY_FIELD_ACTION;

    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      if (sb_story_get_field_word_count (story, sections[i]) >
          sb_story_get_field_word_count (story, longest))
        longest = sections[i];
    if (action > 0 && longest != SB_STORY_FIELD_ACTION)
      add (findings, SB_CHECK_ACTION_NOT_LONGEST, SB_CHECK_SEVERITY_HINT, longest,
           g_strdup_printf (_("The %s is longer than the Action. The Action should be the largest part."),
                            section_name (longest)));
  }

  g_ptr_array_sort (findings, compare_severity);
  return findings;
}

G_DEFINE_QUARK (sb-story-findings, findings)

/* The list row, the editor and the command line all ask after each change;
 * the story keeps the answer until its text changes again. */
GPtrArray *
sb_story_check (SbStory *story)
{
  GPtrArray *findings;

  g_return_val_if_fail (SB_IS_STORY (story), g_ptr_array_new ());

  findings = sb_story_get_derived (story, findings_quark ());
  if (findings == NULL)
    {
      findings = compute_findings (story);
      sb_story_set_derived (story, findings_quark (), findings, (GDestroyNotify) g_ptr_array_unref);
    }
  return g_ptr_array_ref (findings);
}
