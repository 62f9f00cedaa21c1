/* sb-readiness.h — how close a story is to being told: draft, needs work, ready
 *
 * The rule, checked in this order (sb_readiness_compute()):
 *
 *   Draft       a STAR-L section (Situation, Task, Action, Result, Learning)
 *               is empty, or the checks find a problem (an empty section, an
 *               Action too thin to tell).
 *   Needs work  all five sections written and no problem, but a warning is
 *               left (vague wording, blame, no figure in the Result, outside
 *               90–120 s …), or the story is linked to no theme, or it was
 *               never rehearsed.
 *   Ready       all five sections, no problem and no warning (hints do not
 *               count), linked to at least one theme of any framework, and
 *               rehearsed at least once (sb-practice.h).
 *
 * The reason names the first thing in that order that keeps the story from
 * the next level. "Ready to tell" (SB_STORY_STATUS_READY) is the person's own
 * mark; sb_readiness_allows_ready_status() says when it may be set: when no
 * problem is left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"
#include "sb-story-check.h"

G_BEGIN_DECLS

typedef enum
{
  SB_READINESS_DRAFT,
  SB_READINESS_NEEDS_WORK,
  SB_READINESS_READY,
} SbReadinessLevel;

typedef struct
{
  SbReadinessLevel level;
  const char      *label;        /* translated, static: "Draft", "Needs work", "Ready" */
  char            *reason;       /* one translated line: why this level, what to do next */
  guint            n_problems;
  guint            n_warnings;   /* warnings only, not problems */
  guint            n_hints;
  guint            n_empty_sections;
  guint            n_themes;     /* theme links of any framework */
  guint            n_rehearsals;
} SbReadiness;

/* @findings as sb_story_check_with_themes() gives them; the other figures
 * as the store has them. Fills @readiness (clear it after). */
void        sb_readiness_compute           (SbReadiness  *readiness,
                                            GPtrArray    *findings,
                                            guint         n_empty_sections,
                                            guint         n_themes,
                                            guint         n_rehearsals);

/* @story's readiness in @store: its findings with its themes, its links
 * and its rehearsal log (one query). Clear the result with
 * sb_readiness_clear(), or declare it g_auto(SbReadiness). */
SbReadiness sb_story_get_readiness         (SbStore      *store,
                                            SbStory      *story);
void        sb_readiness_clear             (SbReadiness  *readiness);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SbReadiness, sb_readiness_clear)

/* "draft", "needs-work", "ready": for CSS classes and JSON. */
const char *sb_readiness_level_to_string   (SbReadinessLevel level);
/* "Draft", "Needs work", "Ready", translated. */
const char *sb_readiness_level_get_label   (SbReadinessLevel level);

/* Every finding for @story with the themes @store links it to: what the
 * editor, the list and the command line show. Shared like sb_story_check(). */
GPtrArray  *sb_story_check_in_store        (SbStore      *store,
                                            SbStory      *story);

/* TRUE when @story may be marked "Ready to tell": no problem is left. */
gboolean    sb_readiness_allows_ready_status (SbStore    *store,
                                              SbStory    *story);

G_END_DECLS
