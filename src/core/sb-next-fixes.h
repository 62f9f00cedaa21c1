/* sb-next-fixes.h — what to fix next in the bank, most useful first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

typedef enum
{
  SB_FIX_THEME_GAP,          /* a theme of the framework with fewer than two stories */
  SB_FIX_STORY_PROBLEMS,     /* a story with something that costs the answer */
  SB_FIX_STRETCHED,          /* a story linked to too many themes of the framework */
  SB_FIX_UNANSWERED,         /* a question of the framework's themes with no story chosen */
  SB_FIX_NEVER_REHEARSED,    /* a story with something written, never told aloud */
  SB_FIX_DUE,                /* a story whose next rehearsal is due */
} SbFixKind;

typedef struct
{
  SbFixKind  kind;
  char      *target;   /* the theme's or question's slug, or the story's uuid */
  char      *title;    /* what it is about: a theme's name, a story's title, a question */
  char      *detail;   /* one translated line: what is wrong and what to do */
} SbFix;

void       sb_fix_free    (SbFix *fix);

/* The list, in the order above (a theme with no story before one with one;
 * every theme gap, then at most ten of each other kind and eight
 * questions), for @framework_slug's themes, at @now (Unix seconds). An
 * array of SbFix. */
GPtrArray *sb_next_fixes  (SbStore    *store,
                           const char *framework_slug,
                           gint64      now);

G_END_DECLS
