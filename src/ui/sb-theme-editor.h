/* sb-theme-editor.h — rename a theme, reword it, or delete one of your own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_THEME_EDITOR (sb_theme_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbThemeEditor, sb_theme_editor, SB, THEME_EDITOR, AdwWindow)

SbThemeEditor *sb_theme_editor_new             (SbStore       *store,
                                                SbTheme       *theme);
GtkEditable   *sb_theme_editor_get_name_row    (SbThemeEditor *self);
GtkEditable   *sb_theme_editor_get_description_row (SbThemeEditor *self);
/* Whether the Delete button shows: only for a theme of the person's own. */
gboolean       sb_theme_editor_can_delete      (SbThemeEditor *self);
/* What Save does: writes the name and description and closes; FALSE (the
 * reason shown in the window) when the store refuses. */
gboolean       sb_theme_editor_save            (SbThemeEditor *self);
/* What Delete does once confirmed. */
gboolean       sb_theme_editor_delete          (SbThemeEditor *self);
/* The message under the fields, or NULL. */
const char    *sb_theme_editor_get_error       (SbThemeEditor *self);

G_END_DECLS
