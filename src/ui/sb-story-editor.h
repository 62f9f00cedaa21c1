/* sb-story-editor.h — edits one story; saves by itself after a short pause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

/* The store writes an edit after this pause, and steady typing after at
 * most SB_STORY_EDITOR_AUTOSAVE_MAX_MS (see sb_store_edit_story()). */
#define SB_STORY_EDITOR_AUTOSAVE_MS     SB_STORE_AUTOSAVE_PAUSE_MS
/* How long typing pauses before the footer's length follows it (a save
 * brings it up to date at once). */
#define SB_STORY_EDITOR_LENGTH_PAUSE_MS 300
#define SB_STORY_EDITOR_AUTOSAVE_MAX_MS SB_STORE_AUTOSAVE_MAX_MS

#define SB_TYPE_STORY_EDITOR (sb_story_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbStoryEditor, sb_story_editor, SB, STORY_EDITOR, GtkWidget)

GtkWidget  *sb_story_editor_new          (SbStore       *store);
SbStore    *sb_story_editor_get_store    (SbStoryEditor *self);
SbStory    *sb_story_editor_get_story    (SbStoryEditor *self);
/* Flushes the edits of the previous story first. */
void        sb_story_editor_set_story    (SbStoryEditor *self,
                                          SbStory       *story);
/* Has the store write every unsaved story now (not only this one). FALSE
 * when the bank refused any: the store keeps it unsaved and retries. */
gboolean    sb_story_editor_flush        (SbStoryEditor *self);
gboolean    sb_story_editor_has_pending  (SbStoryEditor *self);
void        sb_story_editor_focus_title  (SbStoryEditor *self);
/* FALSE for a read-only bank: the text can be read and copied, not changed. */
void        sb_story_editor_set_editable (SbStoryEditor *self,
                                          gboolean       editable);
/* Whether the back button (narrow window) shows. */
void        sb_story_editor_set_show_back (SbStoryEditor *self,
                                           gboolean       show_back);

/* Test hooks: the widgets a person types into. */
GtkTextView *sb_story_editor_get_title_view  (SbStoryEditor *self);
/* What typing a whole title amounts to (replaces the title's text). */
void         sb_story_editor_set_title_text (SbStoryEditor *self,
                                             const char    *text);
GtkTextView *sb_story_editor_get_text_view   (SbStoryEditor *self,
                                              SbStoryField   field);
const char  *sb_story_editor_get_length_text (SbStoryEditor *self);
/* The entry of a cue line (SB_STORY_FIELD_CUE_SITUATION …); "editor.draft-
 * cue-card" fills the empty ones, and says what it did in the cue status
 * ("" when it says nothing). */
GtkEditable *sb_story_editor_get_cue_entry   (SbStoryEditor *self,
                                              SbStoryField   field);
const char  *sb_story_editor_get_cue_status  (SbStoryEditor *self);
/* The underlined stretches of @field's text, joined by "|" ("" when none). */
char        *sb_story_editor_dup_underlined (SbStoryEditor *self,
                                             SbStoryField   field);
/* The coach's notes shown under @field, one per line ("" when none). */
char        *sb_story_editor_dup_findings_text (SbStoryEditor *self,
                                                SbStoryField   field);

G_END_DECLS

/* Signals:
 *  "save-failed" (GError *error)   a theme link could not be changed; refused
 *                                  text is reported by the store's own signal */
