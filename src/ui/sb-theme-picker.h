/* sb-theme-picker.h — a searchable popover that links a story to a theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_THEME_PICKER (sb_theme_picker_get_type ())
G_DECLARE_FINAL_TYPE (SbThemePicker, sb_theme_picker, SB, THEME_PICKER, GtkPopover)

GtkWidget  *sb_theme_picker_new       (SbStore       *store);
SbStory    *sb_theme_picker_get_story (SbThemePicker *self);
void        sb_theme_picker_set_story (SbThemePicker *self,
                                       SbStory       *story);
/* Links the story as if the row of @theme_slug was chosen. */
gboolean    sb_theme_picker_choose    (SbThemePicker *self,
                                       const char    *theme_slug,
                                       SbStrength     strength,
                                       GError       **error);
/* Adds @name as a theme of the person's own and links the story to it with
 * the strength chosen in the picker, as its “Add … as your own theme” does. */
gboolean    sb_theme_picker_create    (SbThemePicker *self,
                                       const char    *name,
                                       GError       **error);

/* The slug of the theme Enter would take now (the best match shown), or NULL. */
const char *sb_theme_picker_get_best_match (SbThemePicker *self);

G_END_DECLS
