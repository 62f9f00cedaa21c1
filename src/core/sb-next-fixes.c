/* sb-next-fixes.c — what to fix next in the bank, most useful first
 *
 * One list a person can work down the evening before: the gaps in the
 * chosen framework, the stories an interviewer would mark down, the ones
 * stretched over too many themes, questions with no story yet, and the
 * stories not rehearsed. Everything comes from what the other modules
 * already know; nothing is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-next-fixes"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-coverage.h"
#include "sb-next-fixes.h"
#include "sb-practice.h"
#include "sb-readiness.h"
#include "sb-story-check.h"

/* A long list is no plan: of each kind after the themes, only the first
 * few show (a big bank has hundreds of stories to rehearse). */
#define MAX_QUESTIONS 8
#define MAX_PER_KIND  10

void
sb_fix_free (SbFix *fix)
{
  if (fix == NULL)
    return;
  g_free (fix->target);
  g_free (fix->title);
  g_free (fix->detail);
  g_free (fix);
}

static guint
count_kind (GPtrArray *fixes,
            SbFixKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < fixes->len; i++)
    if (((SbFix *) fixes->pdata[i])->kind == kind)
      n++;
  return n;
}

static void
add (GPtrArray  *fixes,
     SbFixKind   kind,
     const char *target,
     const char *title,
     char       *detail)
{
  SbFix *fix;

  if (kind != SB_FIX_THEME_GAP && count_kind (fixes, kind) >= MAX_PER_KIND)
    {
      g_free (detail);
      return;
    }
  fix = g_new0 (SbFix, 1);
  fix->kind = kind;
  fix->target = g_strdup (target);
  fix->title = g_strdup (title);
  fix->detail = detail;
  g_ptr_array_add (fixes, fix);
}

static void
add_theme_gaps (SbStore    *store,
                GListModel *themes,
                GPtrArray  *fixes)
{
  /* No story at all first: that is the question nobody can answer. */
  for (guint want = 0; want < SB_COVERAGE_MIN_STORIES; want++)
    for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
      {
        g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
        g_autoptr(GPtrArray) stories = sb_store_get_theme_stories (store, sb_theme_get_slug (theme));

        if (stories->len != want)
          continue;
        add (fixes, SB_FIX_THEME_GAP, sb_theme_get_slug (theme), sb_theme_get_name (theme),
             want == 0 ? g_strdup (_("No story covers this theme yet"))
                       : g_strdup (_("Only one story covers this theme: find a second")));
      }
}

static guint
themes_in_framework (SbStore    *store,
                     SbStory    *story,
                     const char *framework_slug)
{
  g_autoptr(GArray) links = sb_store_get_story_themes (store, story);
  guint n = 0;

  for (guint i = 0; i < links->len; i++)
    {
      SbTheme *theme = sb_store_find_theme (store, g_array_index (links, SbThemeLink, i).theme_slug);

      if (theme != NULL && g_strcmp0 (sb_theme_get_framework_slug (theme), framework_slug) == 0)
        n++;
    }
  return n;
}

GPtrArray *
sb_next_fixes (SbStore    *store,
               const char *framework_slug,
               gint64      now)
{
  GPtrArray *fixes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_fix_free);
  GListModel *themes, *stories, *questions;
  guint n_stories, n_questions = 0;

  g_return_val_if_fail (SB_IS_STORE (store), fixes);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  themes = sb_store_get_themes (store, framework_slug);
  if (themes != NULL)
    add_theme_gaps (store, themes, fixes);

  stories = sb_store_get_stories (store);
  n_stories = g_list_model_get_n_items (stories);
  for (guint i = 0; i < n_stories; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_autoptr(GPtrArray) findings = sb_story_check_in_store (store, story);
      guint problems = sb_findings_count (findings, SB_CHECK_SEVERITY_PROBLEM);
      guint warnings = sb_findings_count (findings, SB_CHECK_SEVERITY_WARNING) - problems;

      if (sb_story_get_word_count (story) == 0)
        continue;
      if (problems > 0)
        add (fixes, SB_FIX_STORY_PROBLEMS, sb_story_get_uuid (story), sb_story_get_display_title (story),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u problem an interviewer would mark down",
                                           "%u problems an interviewer would mark down", problems),
                              problems));
      else if (warnings > 0)
        add (fixes, SB_FIX_STORY_PROBLEMS, sb_story_get_uuid (story), sb_story_get_display_title (story),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thing to fix", "%u things to fix",
                                           warnings), warnings));
    }

  for (guint i = 0; framework_slug != NULL && i < n_stories; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      guint n = themes_in_framework (store, story, framework_slug);

      if (n > SB_COVERAGE_MAX_THEMES_PER_STORY)
        add (fixes, SB_FIX_STRETCHED, sb_story_get_uuid (story), sb_story_get_display_title (story),
             g_strdup_printf (_("Linked to %u themes: keep it to the three it tells best"), n));
    }

  questions = sb_store_get_questions (store);
  for (guint i = 0; i < g_list_model_get_n_items (questions) && n_questions < MAX_QUESTIONS; i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (questions, i);
      const char * const *slugs = sb_question_get_theme_slugs (question);
      g_autoptr(GPtrArray) chosen = NULL;
      gboolean ours = framework_slug == NULL;

      for (guint t = 0; !ours && slugs != NULL && slugs[t] != NULL; t++)
        {
          SbTheme *theme = sb_store_find_theme (store, slugs[t]);
          ours = theme != NULL && g_strcmp0 (sb_theme_get_framework_slug (theme), framework_slug) == 0;
        }
      if (!ours)
        continue;
      chosen = sb_store_get_question_stories (store, sb_question_get_slug (question));
      if (chosen->len > 0)
        continue;
      add (fixes, SB_FIX_UNANSWERED, sb_question_get_slug (question), sb_question_get_text (question),
           g_strdup (_("No story chosen to answer it")));
      n_questions++;
    }

  /* Rehearsal last: a story worth telling first, then telling it. */
  {
    g_autoptr(GPtrArray) queue = sb_practice_get_queue (store, now);

    for (guint i = 0; i < queue->len; i++)
      {
        SbStory *story = queue->pdata[i];
        SbPracticeStats stats;

        sb_practice_get_stats (store, story, &stats);
        if (stats.n_rehearsals == 0)
          add (fixes, SB_FIX_NEVER_REHEARSED, sb_story_get_uuid (story), sb_story_get_display_title (story),
               g_strdup (_("Never told aloud: rehearse it against the clock")));
        else if (stats.due_at <= now)
          add (fixes, SB_FIX_DUE, sb_story_get_uuid (story), sb_story_get_display_title (story),
               g_strdup (_("Due for another rehearsal")));
      }
  }

  return fixes;
}
