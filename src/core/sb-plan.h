/* sb-plan.h — which story goes to which round of an application's loop
 *
 * The person plans two or three stories per round. The plan warns when a
 * story is planned in two rounds (an interviewer compares notes), when a
 * theme a round focuses on is covered by none of its planned stories, and
 * when a requirement of the job has no story to prove it. Storybank can
 * also propose a plan for the rounds still empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-application.h"

G_BEGIN_DECLS

typedef enum
{
  SB_PLAN_WARNING_REPEAT,                     /* a story planned in two rounds or more */
  SB_PLAN_WARNING_UNCOVERED_FOCUS,            /* a focus theme of a round no planned story covers */
  SB_PLAN_WARNING_REQUIREMENT_WITHOUT_STORY,  /* a requirement linked to no story */
} SbPlanWarningKind;

typedef struct
{
  SbPlanWarningKind  kind;
  char              *message;         /* translated; names the story, round, theme or requirement */
  char              *story_uuid;      /* REPEAT; else NULL */
  char              *theme_slug;      /* UNCOVERED_FOCUS; else NULL */
  gint64             round_id;        /* REPEAT (the round where it comes again), UNCOVERED_FOCUS; else 0 */
  gint64             requirement_id;  /* REQUIREMENT_WITHOUT_STORY; else 0 */
} SbPlanWarning;

void        sb_plan_warning_free           (SbPlanWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPlanWarning, sb_plan_warning_free)

/* "repeat", "uncovered-focus", "requirement-without-story" (the command
 * line's JSON). */
const char *sb_plan_warning_kind_to_string (SbPlanWarningKind kind);

/* Every warning of @application's plan, in order: round by round (a story
 * planned again, then the round's uncovered focus themes, in catalog
 * order), then the requirements without a story. An array of
 * SbPlanWarning*, freed with the array. */
GPtrArray  *sb_plan_get_warnings           (SbStore       *store,
                                            SbApplication *application);

/* How many stories a proposal plans per round when asked for 0. */
#define SB_PLAN_DEFAULT_PER_ROUND 2

/* Fills every round of @application that has no story yet with up to
 * @per_round stories (0: SB_PLAN_DEFAULT_PER_ROUND), greedily over the
 * coach's ranking of stories for the round's focus themes
 * (sb_coach_rank_stories()): a story that covers a focus theme not yet
 * covered first, then the readier, then the higher ranked. A story already
 * planned in any round of the application is never proposed, so when the
 * stories run out, the rounds left stay empty. A round without focus
 * themes gets the readiest stories left. Rounds the person planned are
 * kept as they are. All in one transaction. */
gboolean    sb_plan_propose                (SbStore       *store,
                                            SbApplication *application,
                                            guint          per_round,
                                            GError       **error);
/* The same, saying how many empty rounds got stories (*@out_n_filled) and
 * how many stay empty for want of a story not planned yet
 * (*@out_n_left_empty); either may be NULL. */
gboolean    sb_plan_propose_full           (SbStore       *store,
                                            SbApplication *application,
                                            guint          per_round,
                                            guint         *out_n_filled,
                                            guint         *out_n_left_empty,
                                            GError       **error);

G_END_DECLS
