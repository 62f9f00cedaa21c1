/* sb-story-editor.h — edits one story; saves by itself after a short pause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

/* How long the editor waits after the last keystroke before it saves. */
#define SB_STORY_EDITOR_AUTOSAVE_MS 400
/* The longest steady typing goes unsaved: the editor saves after this long
 * even when the person never pauses. */
#define SB_STORY_EDITOR_AUTOSAVE_MAX_MS 2000

#define SB_TYPE_STORY_EDITOR (sb_story_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbStoryEditor, sb_story_editor, SB, STORY_EDITOR, GtkWidget)

GtkWidget  *sb_story_editor_new          (SbStore       *store);
SbStore    *sb_story_editor_get_store    (SbStoryEditor *self);
SbStory    *sb_story_editor_get_story    (SbStoryEditor *self);
/* Flushes the edits of the previous story first. */
void        sb_story_editor_set_story    (SbStoryEditor *self,
                                          SbStory       *story);
/* Saves now what is waiting for the pause. Returns FALSE (and reports in a
 * toast through the "save-failed" signal) when the store refused it. */
gboolean    sb_story_editor_flush        (SbStoryEditor *self);
gboolean    sb_story_editor_has_pending  (SbStoryEditor *self);
void        sb_story_editor_focus_title  (SbStoryEditor *self);
/* Whether the back button (narrow window) shows. */
void        sb_story_editor_set_show_back (SbStoryEditor *self,
                                           gboolean       show_back);

/* Test hooks: the widgets a person types into. */
GtkEditable *sb_story_editor_get_title_entry (SbStoryEditor *self);
GtkTextView *sb_story_editor_get_text_view   (SbStoryEditor *self,
                                              SbStoryField   field);
const char  *sb_story_editor_get_length_text (SbStoryEditor *self);
/* The coach's notes shown under @field, one per line ("" when none). */
char        *sb_story_editor_dup_findings_text (SbStoryEditor *self,
                                                SbStoryField   field);

G_END_DECLS

/* Signals:
 *  "save-failed" (GError *error)   an autosave was refused by the store */
