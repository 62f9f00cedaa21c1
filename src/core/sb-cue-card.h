/* sb-cue-card.h — a first draft of a story's cue card
 *
 * A cue card is five short lines, one per STAR-L section, that bring the
 * whole story back at a glance. Storybank offers a first draft taken from
 * the story's own sentences; the person rewrites it in their own words.
 * The draft is deterministic: the same text always gives the same lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-story.h"

G_BEGIN_DECLS

/* A draft line aims at this many characters (a line of the cheat sheet)
 * and is never longer than SB_STORY_MAX_CUE_CHARS. */
#define SB_CUE_CARD_DRAFT_CHARS 120

/* The draft cue line for @section (SB_STORY_FIELD_SITUATION …
 * SB_STORY_FIELD_LEARNING): the section's most telling sentence — the
 * Result's and the Situation's first one with a figure (what was at
 * stake), the Action's first one that says "I",
 * the Task's that names the person's job, the Learning's that says what
 * was learned, else the first — whole when it is short enough, else cut
 * at a clause boundary (a comma, "and", "so", "because" …) that keeps its
 * start, and so its subject, and never ends on "and" or "the". "" for an
 * empty section. Newly allocated; at most SB_STORY_MAX_CUE_CHARS. */
char   *sb_cue_card_draft_line (SbStory      *story,
                                SbStoryField  section);

/* The same for one text (as above for @section); what the story form
 * calls. */
char   *sb_cue_card_draft_text (const char   *text,
                                SbStoryField  section);

/* The five draft lines, Situation to Learning, NULL-terminated. */
GStrv   sb_cue_card_draft      (SbStory      *story);

G_END_DECLS
