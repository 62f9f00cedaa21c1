/* sb-coach.h — deterministic checks on a story, and story suggestions for a question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-application.h"
#include "sb-readiness.h"
#include "sb-store.h"

G_BEGIN_DECLS

typedef struct
{
  SbStory          *story;     /* owned ref */
  double            score;     /* higher is better; > 0 */
  char             *reason;    /* one short translated line: why this story fits,
                                * "Primary: Tight deadline and pressure" */
  SbReadinessLevel  readiness; /* breaks ties in the score */
} SbSuggestion;

/* The one ranking of stories for a question (question page, Practice,
 * command line). The score adds:
 *
 *   - themes: the question's first theme is its core theme. A story linked
 *     to it as primary gets SB_COACH_SCORE_CORE_PRIMARY, as secondary
 *     SB_COACH_SCORE_CORE_SECONDARY; every other theme of the question (a
 *     principle, an evaluation area) adds SB_COACH_SCORE_OTHER_PRIMARY or
 *     _SECONDARY. A primary link to the core theme outweighs any number of
 *     the others (a question has at most four themes).
 *   - words: each word of four letters or more of the question's own text
 *     (not of the "listens for" note, not a stopword) that starts a word of
 *     the story adds SB_COACH_SCORE_PER_WORD, up to SB_COACH_SCORE_WORDS_MAX;
 *     in a bank of four stories or more, a word found in more than half of
 *     them counts for nothing. Words alone make a suggestion only
 *     from two such words.
 *
 * Equal scores go to the readier story (sb-readiness.h), then by title.
 * The reason names the strongest link: "Primary: <core theme>",
 * "Secondary: <core theme>", "Shares: <theme>, <theme>", or for words
 * alone "Mentions “migration” and “rollback”".
 *
 * Stories already chosen for the question are left out. Returns an array of
 * SbSuggestion*, best first, at most @limit (0: no limit). */
#define SB_COACH_SCORE_CORE_PRIMARY     10.0
#define SB_COACH_SCORE_CORE_SECONDARY    5.0
#define SB_COACH_SCORE_OTHER_PRIMARY     2.0
#define SB_COACH_SCORE_OTHER_SECONDARY   1.0
#define SB_COACH_SCORE_PER_WORD          0.5
#define SB_COACH_SCORE_WORDS_MAX         2.0

GPtrArray *sb_coach_suggest_stories (SbStore    *store,
                                     SbQuestion *question,
                                     guint       limit);

/* The same ranking for any text: @text gives the words, @theme_slugs (NULL
 * or empty: none) the themes, the first of them the core one; stories
 * whose uuid is in @exclude_uuids are left out. A question is ranked as
 * sb_coach_rank_stories (store, its text, its themes, the uuids of the
 * stories chosen for it, limit). */
GPtrArray *sb_coach_rank_stories    (SbStore             *store,
                                     const char          *text,
                                     const char * const  *theme_slugs,
                                     const char * const  *exclude_uuids,
                                     guint                limit);

/* Stories for a requirement of an application, by the same ranking: its
 * text gives the words; the themes are the application's values whose
 * whole name the text uses ("Take ownership of …" names Ownership), in
 * catalog order; stories already linked to it are left out. */
GPtrArray *sb_coach_suggest_for_requirement (SbStore       *store,
                                             SbRequirement *requirement,
                                             guint          limit);
void       sb_suggestion_free       (SbSuggestion *suggestion);

/* The same ranking a slice at a time, for a bank too big to rank within
 * a frame: begin, step until it says TRUE, finish (which also does what
 * is left). The run keeps the bank's stories as they were at its start. */
typedef struct _SbSuggestRun SbSuggestRun;
SbSuggestRun *sb_coach_suggest_begin    (SbStore      *store,
                                         SbQuestion   *question,
                                         guint         limit);
/* Works until the monotonic time @until_us (-1: to the end), at least one
 * slice of stories; TRUE when all is done. */
gboolean      sb_coach_suggest_step     (SbSuggestRun *run,
                                         gint64        until_us);
/* Frees @run; an array as sb_coach_suggest_stories() returns. */
GPtrArray    *sb_coach_suggest_finish   (SbSuggestRun *run);
void          sb_coach_suggest_run_free (SbSuggestRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSuggestRun, sb_coach_suggest_run_free)

G_END_DECLS
