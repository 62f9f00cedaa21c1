/* sb-story-row.h — one story in the list: title, status, theme dots, readiness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_STORY_ROW (sb_story_row_get_type ())
G_DECLARE_FINAL_TYPE (SbStoryRow, sb_story_row, SB, STORY_ROW, GtkWidget)

GtkWidget  *sb_story_row_new       (SbStore    *store);
SbStory    *sb_story_row_get_story (SbStoryRow *self);
void        sb_story_row_set_story (SbStoryRow *self,
                                    SbStory    *story);

/* "Ready", "2 sections to write", "Short: 1 min 10 s", … */
/* "2 things to fix", "Short, about 1 min", …: the notes counted are the
 * ones the editor shows with a warning sign (@store NULL: without themes). */
char       *sb_story_readiness_hint   (SbStore  *store,
                                       SbStory  *story);
/* "about 2 min 56 s" */
char       *sb_format_spoken_length   (guint     seconds);
/* A CSS class for a framework's dot colour ("framework-1" …). */
const char *sb_framework_css_class    (SbStore    *store,
                                       const char *framework_slug);

G_END_DECLS
