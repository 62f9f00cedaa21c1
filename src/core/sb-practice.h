/* sb-practice.h — rehearsals against the clock, and which story to rehearse next
 *
 * Each timed rehearsal of a story is logged (when, how long, how it went).
 * From that log comes a simple spaced-repetition schedule: a story told
 * well comes back after a longer and longer pause, one that went badly
 * comes back tomorrow, and one never rehearsed comes first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* How a rehearsal went, as the person rates it right after. */
typedef enum
{
  SB_RATING_STUMBLED = 1,   /* lost the thread, or far off the time */
  SB_RATING_OKAY     = 3,   /* told it, with some hesitation */
  SB_RATING_NAILED   = 5,   /* clear, in time, no notes needed */
} SbRating;

/* The schedule: after a first good rehearsal the story returns in
 * SB_PRACTICE_FIRST_INTERVAL days; each NAILED doubles the pause (up to
 * SB_PRACTICE_MAX_INTERVAL), OKAY keeps it, STUMBLED brings the story back
 * after one day and starts the doubling over. */
#define SB_PRACTICE_FIRST_INTERVAL 2
#define SB_PRACTICE_MAX_INTERVAL   30

/* The longest rehearsal that can be logged, in seconds: longer than any
 * answer, so a larger figure is a timer left running and would wreck the
 * mean. */
#define SB_PRACTICE_MAX_SECONDS    3600

typedef struct
{
  guint   n_rehearsals;
  gint64  last_at;          /* Unix seconds; 0 when never rehearsed */
  guint   last_seconds;
  SbRating last_rating;     /* 0 when never rehearsed */
  guint   mean_seconds;     /* over every rehearsal */
  guint   interval_days;    /* the pause the schedule set after the last one */
  gint64  due_at;           /* Unix seconds; 0 when never rehearsed (due now) */
} SbPracticeStats;

#define SB_PRACTICE_ERROR (sb_practice_error_quark ())
typedef enum
{
  SB_PRACTICE_ERROR_INVALID,   /* an unsaved story, a bad rating, … */
} SbPracticeError;
GQuark sb_practice_error_quark (void);

/* One row of the log, as sb_practice_get_log() gives it. */
typedef struct
{
  gint64    practiced_at;    /* Unix seconds */
  guint     seconds;
  SbRating  rating;          /* 0: none (a rehearsal from an older or hand-made bank) */
  char     *question_slug;   /* NULL: none */
} SbRehearsal;

/* Logs one rehearsal of @story. @question_slug (or NULL) is the question it
 * answered; @practiced_at is Unix seconds, 0 for now. */
gboolean  sb_practice_log        (SbStore          *store,
                                  SbStory          *story,
                                  const char       *question_slug,
                                  guint             seconds,
                                  SbRating          rating,
                                  gint64            practiced_at,
                                  GError          **error);

/* Adds @rehearsal to @story's log as it stands, for rehearsals carried over
 * from an export: unlike sb_practice_log(), practiced_at is taken as given
 * (0 is 1970, not now), a rating of 0 is logged as none, and the question may
 * be a shipped one the person deleted. */
gboolean  sb_practice_add_rehearsal (SbStore           *store,
                                     SbStory           *story,
                                     const SbRehearsal *rehearsal,
                                     GError           **error);

/* Whether @story's log already has a rehearsal at @practiced_at lasting
 * @seconds: how an import tells the rehearsals it already has. FALSE with
 * @error set when the log cannot be read. */
gboolean  sb_practice_has_rehearsal (SbStore          *store,
                                     SbStory          *story,
                                     gint64            practiced_at,
                                     guint             seconds,
                                     GError          **error);

/* @story's log, oldest first: an array of SbRehearsal whose clear function
 * frees question_slug. */
GArray   *sb_practice_get_log    (SbStore          *store,
                                  SbStory          *story);

/* The schedule and figures for @story, from its log. */
void      sb_practice_get_stats  (SbStore          *store,
                                  SbStory          *story,
                                  SbPracticeStats  *stats);

/* Every story with something written in it, in the order to rehearse them
 * at @now (Unix seconds, 0 for now). While the current application is not
 * done, the stories planned in its rounds come first (round by round, in
 * the order planned), then those linked to its requirements. The rest
 * follow: never rehearsed first (in the bank's order), then the most
 * overdue, then the rest by when they fall due. An array of SbStory refs. */
GPtrArray *sb_practice_get_queue (SbStore          *store,
                                  gint64            now);

/* Stories of the queue due at @now (never rehearsed, or due_at <= now). */
guint     sb_practice_count_due  (SbStore          *store,
                                  gint64            now);

/* The queue and, in @n_due (may be NULL), how many of it are due at @now
 * (0: the current time): one read of the rehearsal log for both. */
GPtrArray *sb_practice_get_queue_full (SbStore   *store,
                                       gint64     now,
                                       guint     *n_due);

G_END_DECLS
