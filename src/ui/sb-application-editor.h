/* sb-application-editor.h — one application: the company, the job, its
 * requirements, the rounds and the story plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION_EDITOR (sb_application_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbApplicationEditor, sb_application_editor, SB, APPLICATION_EDITOR, GtkWidget)

GtkWidget     *sb_application_editor_new             (SbStore             *store);
SbApplication *sb_application_editor_get_application (SbApplicationEditor *self);
/* Writes what was typed into the one shown, then shows @application. */
void           sb_application_editor_set_application (SbApplicationEditor *self,
                                                      SbApplication       *application);
/* Writes the text typed and not yet saved; TRUE when nothing is left. */
gboolean       sb_application_editor_flush           (SbApplicationEditor *self);
void           sb_application_editor_focus_company   (SbApplicationEditor *self);

/* For tests: types @text into the field's control (not saved until the
 * pause or a flush, as typing). */
void           sb_application_editor_type_field      (SbApplicationEditor *self,
                                                      SbApplicationField   field,
                                                      const char          *text);
const char    *sb_application_editor_get_date_error  (SbApplicationEditor *self);
GtkListBox    *sb_application_editor_get_requirement_list (SbApplicationEditor *self);
GtkListBox    *sb_application_editor_get_round_list  (SbApplicationEditor *self);
/* Reads the plan's warnings now rather than at the next idle. */
void           sb_application_editor_update_warnings (SbApplicationEditor *self);

G_END_DECLS
