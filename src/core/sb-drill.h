/* sb-drill.h — the "Which story?" drill: a question, a few seconds, a pick
 *
 * The harder half of an interview is not telling a story but knowing, a
 * second after the question, which story to tell. The drill shows a
 * question and the person picks the story they would tell before a short
 * countdown runs out. Each answer is logged (question_drills), and from
 * that log each question gets its own spaced-repetition schedule, like the
 * telling drill's per story (sb-practice.h).
 *
 * What counts as a hit (sb_drill_is_hit()):
 *
 *   - the person picked a story (no pick, "I don't know", is a miss), and
 *   - picked it within SB_DRILL_SECONDS (a pick after the countdown ran out
 *     is logged with the pick, but as a miss: the story did not come to
 *     mind in time), and
 *   - the pick is a story the person linked to the question, or, when no
 *     story is linked to it yet, one of the first SB_DRILL_TOP_SUGGESTIONS
 *     of the one ranking (sb_coach_suggest_stories()).
 *
 * Whether a drill was a hit is decided when it is logged and stored with
 * it: linking other stories later does not rewrite the history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* The countdown: a story that takes longer to come to mind is a miss. */
#define SB_DRILL_SECONDS           10
/* With no story linked to the question, a pick among this many of the top
 * suggestions is a hit; the reveal shows as many. */
#define SB_DRILL_TOP_SUGGESTIONS   3

/* The schedule, per question: a first hit (or the first after a miss)
 * brings the question back in SB_DRILL_FIRST_INTERVAL days; each further
 * hit in a row doubles the pause, up to SB_DRILL_MAX_INTERVAL; a miss
 * brings it back after one day and the doubling starts over. The figures
 * are the telling drill's (SB_PRACTICE_FIRST_INTERVAL, _MAX_INTERVAL). */
#define SB_DRILL_FIRST_INTERVAL    2
#define SB_DRILL_MAX_INTERVAL      30

/* The longest answer that can be logged, in seconds: a chooser left open
 * for longer is logged as this long. */
#define SB_DRILL_MAX_SECONDS       3600

typedef struct
{
  guint     n_drills;
  guint     n_hits;
  gint64    last_at;         /* Unix seconds; 0 when never drilled */
  gboolean  last_hit;
  guint     interval_days;   /* the pause the schedule set after the last one */
  gint64    due_at;          /* Unix seconds; 0 when never drilled */
} SbDrillStats;

/* One row of the log, as sb_drill_get_log() and sb_drill_get_story_log()
 * give it. */
typedef struct
{
  gint64    drilled_at;      /* Unix seconds */
  guint     seconds;         /* how long the pick took */
  gboolean  hit;
  char     *question_slug;
  char     *question_text;   /* as the bank shows it (translated when shipped) */
  char     *story_uuid;      /* the pick; NULL: none, or the story was deleted */
} SbDrill;

#define SB_DRILL_ERROR (sb_drill_error_quark ())
typedef enum
{
  SB_DRILL_ERROR_INVALID,    /* an unknown question or story, a bad time, … */
} SbDrillError;
GQuark sb_drill_error_quark (void);

/* Whether picking @pick (NULL: no pick) for @question after @seconds is a
 * hit, by the rule above. */
gboolean   sb_drill_is_hit        (SbStore       *store,
                                   SbQuestion    *question,
                                   SbStory       *pick,
                                   guint          seconds);

/* Logs one answer to @question: @pick (NULL: none, "I don't know") after
 * @seconds; @drilled_at is Unix seconds, 0 for now. *@out_hit (may be
 * NULL) says whether it was a hit. Emits the store's "practice-logged". */
gboolean   sb_drill_log           (SbStore       *store,
                                   SbQuestion    *question,
                                   SbStory       *pick,
                                   guint          seconds,
                                   gint64         drilled_at,
                                   gboolean      *out_hit,
                                   GError       **error);

/* Adds @drill to the log as it stands, for drills carried over from an
 * export: drilled_at is taken as given (0 is 1970), hit is not decided
 * again, the question may be a shipped one the person deleted, and
 * story_uuid (NULL: no pick) must name a story of the bank. */
gboolean   sb_drill_add           (SbStore       *store,
                                   const SbDrill *drill,
                                   GError       **error);

/* Whether the log already has an answer to the question @question_slug at
 * @drilled_at taking @seconds: how an import tells the drills it already
 * has. FALSE with @error set when the log cannot be read. */
gboolean   sb_drill_has           (SbStore       *store,
                                   const char    *question_slug,
                                   gint64         drilled_at,
                                   guint          seconds,
                                   GError       **error);

/* Every drill of the bank (hidden questions' included), oldest first: an
 * array of SbDrill whose clear function frees its strings. */
GArray    *sb_drill_get_log       (SbStore       *store);

/* The drills in which @story was the pick, oldest first (a story's
 * history). An array of SbDrill. */
GArray    *sb_drill_get_story_log (SbStore       *store,
                                   SbStory       *story);

/* The schedule and figures for @question, from its log. */
void       sb_drill_get_stats     (SbStore       *store,
                                   SbQuestion    *question,
                                   SbDrillStats  *stats);

/* Every question of the bank (not the hidden ones), in the order to drill
 * them at @now (Unix seconds, 0 for now): those due first, the most
 * overdue first; then those never drilled that no story is linked to yet;
 * then the other never drilled ones; then the rest by when they fall due.
 * Never drilled ones keep the bank's order. While a current application
 * is being prepared, its questions (those about a value of its framework
 * or a round's focus theme) come before all others, in that same order,
 * except those not due yet. An array of SbQuestion refs. */
GPtrArray *sb_drill_get_queue     (SbStore       *store,
                                   gint64         now);

/* Questions drilled before and due at @now (due_at <= now). A question
 * never drilled is not counted: a bank ships well over a hundred, and a
 * badge that always says 150 says nothing. */
guint      sb_drill_count_due     (SbStore       *store,
                                   gint64         now);

G_END_DECLS
