/* sb-coverage.h — themes × stories: counts, gaps and overloaded stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* A theme with fewer stories than this is a gap (amber at 1, red at 0). */
#define SB_COVERAGE_MIN_STORIES 2
/* A story linked to more themes than this in one framework is stretched thin. */
#define SB_COVERAGE_MAX_THEMES_PER_STORY 3

typedef enum
{
  SB_COVERAGE_LEVEL_NONE,    /* no story: red */
  SB_COVERAGE_LEVEL_ONE,    /* one story: amber */
  SB_COVERAGE_LEVEL_GOOD,    /* two or more: green */
} SbCoverageLevel;

typedef struct _SbCoverage SbCoverage;

/* A snapshot of one framework's matrix. NULL framework slug: the first one. */
SbCoverage     *sb_coverage_new             (SbStore    *store,
                                             const char *framework_slug,
                                             GError    **error);
/* A snapshot like @self with @story's links read again from @store (its
 * links changed; the stories and themes are the same): a copy of the
 * cells, no pass over the stories. NULL when @story is not in @self. */
SbCoverage     *sb_coverage_new_updated     (SbCoverage *self,
                                             SbStore    *store,
                                             SbStory    *story);
SbCoverage     *sb_coverage_ref             (SbCoverage *self);
void            sb_coverage_unref           (SbCoverage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCoverage, sb_coverage_unref)

SbFramework    *sb_coverage_get_framework   (SbCoverage *self);
guint           sb_coverage_get_n_themes    (SbCoverage *self);
guint           sb_coverage_get_n_stories   (SbCoverage *self);
SbTheme        *sb_coverage_get_theme       (SbCoverage *self, guint row);
SbStory        *sb_coverage_get_story       (SbCoverage *self, guint column);
SbStrength      sb_coverage_get_cell        (SbCoverage *self, guint row, guint column);
guint           sb_coverage_get_theme_count (SbCoverage *self, guint row);
SbCoverageLevel sb_coverage_get_theme_level (SbCoverage *self, guint row);
/* Themes of this framework the story is linked to. */
guint           sb_coverage_get_story_count (SbCoverage *self, guint column);
gboolean        sb_coverage_story_is_overloaded (SbCoverage *self, guint column);
/* How many stories are overloaded, without a pass over them. */
guint           sb_coverage_get_n_overloaded (SbCoverage *self);
guint           sb_coverage_get_n_gaps      (SbCoverage *self); /* rows below GOOD */

/* The matrix as a plain-text table for the terminal (UTF-8). */
char           *sb_coverage_format_text     (SbCoverage *self);

G_END_DECLS
