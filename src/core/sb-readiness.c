/* sb-readiness.c — how close a story is to being told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-readiness"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-practice.h"
#include "sb-readiness.h"

static const SbStoryField star_fields[] = {
  SB_STORY_FIELD_SITUATION, SB_STORY_FIELD_TASK, SB_STORY_FIELD_ACTION,
  SB_STORY_FIELD_RESULT, SB_STORY_FIELD_LEARNING,
};

const char *
sb_readiness_level_to_string (SbReadinessLevel level)
{
  switch (level)
    {
    case SB_READINESS_READY:      return "ready";
    case SB_READINESS_NEEDS_WORK: return "needs-work";
    case SB_READINESS_DRAFT:
    default:                      return "draft";
    }
}

const char *
sb_readiness_level_get_label (SbReadinessLevel level)
{
  switch (level)
    {
    /* Translators: a story's readiness: nothing left to do before telling it */
    case SB_READINESS_READY:      return _("Ready");
    /* Translators: a story's readiness: complete, with something left to fix */
    case SB_READINESS_NEEDS_WORK: return _("Needs work");
    /* Translators: a story's readiness: a section is missing or a problem is left */
    case SB_READINESS_DRAFT:
    default:                      return _("Draft");
    }
}

void
sb_readiness_clear (SbReadiness *readiness)
{
  g_clear_pointer (&readiness->reason, g_free);
}

/* The first warning's message names the fault better than a count. */
static const SbFinding *
first_at (GPtrArray       *findings,
          SbCheckSeverity  severity)
{
  for (guint i = 0; i < findings->len; i++)
    if (((SbFinding *) findings->pdata[i])->severity == severity)
      return findings->pdata[i];
  return NULL;
}

void
sb_readiness_compute (SbReadiness *readiness,
                      GPtrArray   *findings,
                      guint        n_empty_sections,
                      guint        n_themes,
                      guint        n_rehearsals)
{
  g_return_if_fail (readiness != NULL);
  g_return_if_fail (findings != NULL);

  *readiness = (SbReadiness) { 0, };
  readiness->n_empty_sections = n_empty_sections;
  readiness->n_themes = n_themes;
  readiness->n_rehearsals = n_rehearsals;
  for (guint i = 0; i < findings->len; i++)
    switch (((SbFinding *) findings->pdata[i])->severity)
      {
      case SB_CHECK_SEVERITY_PROBLEM: readiness->n_problems++; break;
      case SB_CHECK_SEVERITY_WARNING: readiness->n_warnings++; break;
      case SB_CHECK_SEVERITY_HINT:
      default:                        readiness->n_hints++; break;
      }

  if (n_empty_sections > 0)
    {
      readiness->level = SB_READINESS_DRAFT;
      readiness->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u section still to write",
                                                        "%u sections still to write",
                                                        n_empty_sections), n_empty_sections);
    }
  else if (readiness->n_problems > 0)
    {
      readiness->level = SB_READINESS_DRAFT;
      readiness->reason = g_strdup (first_at (findings, SB_CHECK_SEVERITY_PROBLEM)->message);
    }
  else if (readiness->n_warnings > 0)
    {
      readiness->level = SB_READINESS_NEEDS_WORK;
      if (readiness->n_warnings == 1)
        readiness->reason = g_strdup (first_at (findings, SB_CHECK_SEVERITY_WARNING)->message);
      else
        readiness->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thing to fix",
                                                          "%u things to fix", readiness->n_warnings),
                                             readiness->n_warnings);
    }
  else if (n_themes == 0)
    {
      readiness->level = SB_READINESS_NEEDS_WORK;
      readiness->reason = g_strdup (_("Link it to a theme, so it comes up for the right questions"));
    }
  else if (n_rehearsals == 0)
    {
      readiness->level = SB_READINESS_NEEDS_WORK;
      readiness->reason = g_strdup (_("Never rehearsed: tell it once against the clock"));
    }
  else
    {
      readiness->level = SB_READINESS_READY;
      readiness->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Complete and rehearsed %u time",
                                                        "Complete and rehearsed %u times", n_rehearsals),
                                           n_rehearsals);
    }
  readiness->label = sb_readiness_level_get_label (readiness->level);
}

/* The slugs @story is linked to, as a NULL-terminated array of borrowed
 * strings (they live in @links). */
static const char **
theme_slugs (GArray *links)
{
  const char **slugs = g_new0 (const char *, links->len + 1);

  for (guint i = 0; i < links->len; i++)
    slugs[i] = g_array_index (links, SbThemeLink, i).theme_slug;
  return slugs;
}

GPtrArray *
sb_story_check_in_store (SbStore *store,
                         SbStory *story)
{
  g_autoptr(GArray) links = NULL;
  g_autofree const char **slugs = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), sb_story_check (story));
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  links = sb_store_get_story_themes (store, story);
  slugs = theme_slugs (links);
  return sb_story_check_with_themes (story, slugs);
}

SbReadiness
sb_story_get_readiness (SbStore *store,
                        SbStory *story)
{
  SbReadiness readiness = { 0, };
  g_autoptr(GArray) links = NULL;
  g_autofree const char **slugs = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  SbPracticeStats stats;
  guint n_empty = 0;

  g_return_val_if_fail (SB_IS_STORE (store), readiness);
  g_return_val_if_fail (SB_IS_STORY (story), readiness);

  for (guint i = 0; i < G_N_ELEMENTS (star_fields); i++)
    if (sb_story_get_field_word_count (story, star_fields[i]) == 0)
      n_empty++;
  links = sb_store_get_story_themes (store, story);
  slugs = theme_slugs (links);
  findings = sb_story_check_with_themes (story, slugs);
  sb_practice_get_stats (store, story, &stats);
  sb_readiness_compute (&readiness, findings, n_empty, links->len, stats.n_rehearsals);
  return readiness;
}

gboolean
sb_readiness_allows_ready_status (SbStore *store,
                                  SbStory *story)
{
  g_autoptr(GPtrArray) findings = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  findings = sb_story_check_in_store (store, story);
  return sb_findings_count (findings, SB_CHECK_SEVERITY_PROBLEM) == 0;
}
