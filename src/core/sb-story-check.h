/* sb-story-check.h — deterministic checks of one story, the coach's red pen
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
  SB_CHECK_MISSING_SECTION,    /* a STAR-L section is empty */
  SB_CHECK_RESULT_NO_NUMBER,   /* the Result has no figure in it */
  SB_CHECK_WE_NOT_I,           /* the Action says "we" more than "I" */
  SB_CHECK_VAGUE_PHRASE,       /* "helped with", "worked on", … */
  SB_CHECK_TOO_SHORT,          /* under SB_CHECK_MIN_SECONDS spoken */
  SB_CHECK_TOO_LONG,           /* over SB_CHECK_MAX_SECONDS spoken */
  SB_CHECK_ACTION_NOT_LONGEST, /* the Action should carry the story */
} SbCheckKind;

typedef enum
{
  SB_CHECK_SEVERITY_HINT,
  SB_CHECK_SEVERITY_WARNING,
  SB_CHECK_SEVERITY_PROBLEM,
} SbCheckSeverity;

typedef struct
{
  SbCheckKind      kind;
  SbCheckSeverity  severity;
  SbStoryField     field;     /* where to look */
  char            *message;   /* one translated sentence that says what to change */
} SbFinding;

/* Findings for @story, most serious first. An array of SbFinding*, shared
 * (computed once per change of the text): unref it, never change it. */
GPtrArray *sb_story_check      (SbStory   *story);
void       sb_finding_free     (SbFinding *finding);

G_END_DECLS
