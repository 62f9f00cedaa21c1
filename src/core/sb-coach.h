/* sb-coach.h — deterministic checks on a story, and story suggestions for a question
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

typedef struct
{
  SbStory *story;    /* owned ref */
  double   score;    /* higher is better; > 0 */
  char    *reason;   /* one translated line: why this story fits */
} SbSuggestion;

/* Stories ranked for a question: shared themes (primary links count more) and
 * words the question shares with the story. Stories already chosen for the
 * question are left out. Returns an array of SbSuggestion*, best first, at
 * most @limit (0: no limit). */
GPtrArray *sb_coach_suggest_stories (SbStore    *store,
                                     SbQuestion *question,
                                     guint       limit);
void       sb_suggestion_free       (SbSuggestion *suggestion);

G_END_DECLS
