/* sb-story-check.h — deterministic checks of one story, the coach's red pen
 *
 * Each check looks for something an interviewer of a senior engineer marks
 * down, and says where it is. The word lists live in data/coach/lexicon.json
 * (compiled into the core's GResource), not in code.
 *
 * Checks, by stable id (SbFinding.check_id), with severity and trigger:
 *
 *   missing-section     problem  Situation, Task, Action or Result is empty
 *   no-learning         problem  the Learning is empty (kind
 *                                SB_CHECK_MISSING_SECTION, like the others)
 *   section-too-thin    problem (Action) / warning (others)  a section has
 *                                text but fewer words than it needs to carry
 *                                its part (SB_CHECK_THIN_WORDS)
 *   result-not-measured warning  the Result has no digit and no number word
 *   we-not-i            warning  the Action says "we"/"us"/"our" and never
 *                                "I", or at least 3 times and more than twice
 *                                as often as "I"/"me"/"my"; ranges: each "we"
 *   vague-phrase        warning  "worked on", "helped with", "we handled it",
 *                                "it got better" …; ranges: each phrase
 *   blame               warning  the fault put on people ("their fault",
 *                                "ops caused", "product kept changing",
 *                                "they ignored" …: a person or team followed
 *                                by a blaming verb) and no sentence anywhere
 *                                that owns a part ("I should have", "my
 *                                mistake", "I missed" …). A system or a bug as
 *                                the culprit ("the cache caused") is never
 *                                blame, nor is resistance told ("he refused
 *                                to meet"); "not my fault" owns nothing.
 *                                Ranges: each blaming phrase
 *   hype                warning  buzzwords ("passionate about", "synergy",
 *                                "world-class", "game-changer" …); ranges
 *   too-short           warning  spoken under SB_CHECK_MIN_SECONDS (story)
 *   too-long            warning  spoken over SB_CHECK_MAX_SECONDS (story)
 *   setup-too-long      warning  Situation + Task have more words than the
 *                                Action (reported on the Situation)
 *   action-not-longest  hint     the Result or Learning is longer than the
 *                                Action
 *   hero-story          hint     only with a theme about others (the list
 *                                "hero_themes": collaboration, conflict,
 *                                influence, mentoring): nobody but the
 *                                speaker appears in the Action
 *   no-tradeoff         hint     only with a decision theme ("decision_themes":
 *                                prioritization, ambiguity, disagreement,
 *                                judgment): nothing in the Action weighs
 *                                options ("instead of", "chose", "trade-off" …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-story.h"

G_BEGIN_DECLS

/* A spoken answer should land between these, in seconds. */
#define SB_CHECK_MIN_SECONDS 90
#define SB_CHECK_MAX_SECONDS 120

typedef enum
{
  SB_CHECK_MISSING_SECTION,    /* "missing-section", and "no-learning" for the Learning */
  SB_CHECK_RESULT_NO_NUMBER,   /* "result-not-measured" */
  SB_CHECK_WE_NOT_I,           /* "we-not-i" */
  SB_CHECK_VAGUE_PHRASE,       /* "vague-phrase" */
  SB_CHECK_TOO_SHORT,          /* "too-short" */
  SB_CHECK_TOO_LONG,           /* "too-long" */
  SB_CHECK_ACTION_NOT_LONGEST, /* "action-not-longest" */
  SB_CHECK_SECTION_TOO_THIN,   /* "section-too-thin" */
  SB_CHECK_BLAME,              /* "blame" */
  SB_CHECK_HYPE,               /* "hype" */
  SB_CHECK_HERO_STORY,         /* "hero-story" */
  SB_CHECK_NO_TRADEOFF,        /* "no-tradeoff" */
  SB_CHECK_SETUP_TOO_LONG,     /* "setup-too-long" */
  SB_CHECK_N_KINDS
} SbCheckKind;

typedef enum
{
  SB_CHECK_SEVERITY_HINT,
  SB_CHECK_SEVERITY_WARNING,
  SB_CHECK_SEVERITY_PROBLEM,
} SbCheckSeverity;

/* Fewer words than this in a section that has text: too thin ("Checkout
 * broke."). The Action carries the answer and needs several steps. */
#define SB_CHECK_THIN_WORDS(field) \
  ((field) == SB_STORY_FIELD_ACTION ? 25 : 6)

/* Part of a section's text, in characters (not bytes) from its start, as
 * GtkTextBuffer offsets count them; @end is one past the last character. */
typedef struct
{
  glong start;
  glong end;
} SbRange;

typedef struct
{
  SbCheckKind      kind;
  SbCheckSeverity  severity;
  SbStoryField     field;     /* where the note goes: the section it is about,
                                 * or for a "story" finding the one to change first */
  char            *message;   /* one translated sentence that says what to change */
  const char      *check_id;  /* stable id, never translated: "vague-phrase" */
  const char      *section;   /* "title", "situation", …, "learning", or "story"
                               * for the whole answer (too-short, too-long) */
  GArray          *ranges;    /* SbRange into sb_story_get_field (story, field),
                               * in text order; empty (never NULL) when the
                               * finding is about something missing or the
                               * section as a whole */
} SbFinding;

/* The theme-free findings for @story, most serious first (then in section
 * order). An array of SbFinding*, shared: computed once per change of the
 * text and kept on the story (sb_story_get_derived()); unref it, never
 * change it. hero-story and no-tradeoff need themes: see below. */
GPtrArray  *sb_story_check             (SbStory            *story);

/* Every finding, the theme-bound checks included: @theme_slugs (NULL or
 * NULL-terminated) are the slugs of the themes the story is linked to. Only
 * two facts are taken from them (a theme about others; a decision theme),
 * so the story keeps at most four arrays, all dropped at the next change of
 * its text; a change of links alone picks another of the four. Shared like
 * sb_story_check()'s. sb_story_check_in_store() (sb-readiness.h) reads the
 * links from the store. */
GPtrArray  *sb_story_check_with_themes (SbStory            *story,
                                        const char * const *theme_slugs);

void        sb_finding_free            (SbFinding          *finding);

/* "vague-phrase", "hint"/"warning"/"problem". */
const char *sb_check_kind_to_id        (SbCheckKind         kind);
const char *sb_check_severity_to_string (SbCheckSeverity    severity);

/* How many of @findings are at least @severity. */
guint       sb_findings_count          (GPtrArray          *findings,
                                        SbCheckSeverity     severity);

/* A finding the editor shows as a note under its section: not an empty
 * section (the list says how many are left) nor the spoken length (the
 * footer says it). */
gboolean    sb_finding_is_note         (const SbFinding    *finding);
/* The notes an interviewer would mark down (warnings and problems): what
 * the story list counts as "N things to fix", the same notes the editor
 * shows with a warning sign. */
guint       sb_findings_count_to_fix   (GPtrArray          *findings);

/* The first finding with @check_id, or NULL. */
SbFinding  *sb_findings_find           (GPtrArray          *findings,
                                        const char         *check_id);

G_END_DECLS
