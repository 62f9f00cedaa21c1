/* sb-story-editor-private.h — what sb-story-editor.c and
 * its siblings (-coach.c, -cue.c) share; never included outside them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-story-editor.h"
#include "sb-theme-picker.h"
#include "sb-wrap-box.h"

G_BEGIN_DECLS

struct _SbStoryEditor
{
  GtkWidget       parent_instance;

  SbStore        *store;
  SbStory        *story;
  gboolean        loading;
  /* The editor is handing its own text to the store: the story's notify
   * that follows is not a change made elsewhere. */
  gboolean        pushing;

  GtkTextView    *text_views[SB_STORY_N_FIELDS];
  /* The coach's notes on each section, under its text. */
  GtkBox         *finding_boxes[SB_STORY_N_FIELDS];
  /* A chip was removed under the pointer: the others keep their places
   * until it leaves. */
  gboolean        chips_frozen;
  gboolean        chips_stale;
  GtkEventControllerMotion *chips_motion;
  /* The coach's findings the underlines stand for, for their tooltips. */
  GPtrArray      *findings;
  /* Said when a paste would take a section past SB_STORY_MAX_SECTION_CHARS. */
  GtkLabel       *limit_labels[SB_STORY_N_FIELDS];
  SbThemePicker  *theme_picker;

  GtkStack       *stack;
  GtkButton      *back_button;
  GtkLabel       *saved_label;
  GtkSwitch      *status_switch;
  GtkBox         *example_banner;
  GtkTextView    *title_view;
  GtkLabel       *title_placeholder;
  SbWrapBox      *chips_box;
  GtkMenuButton  *add_theme_button;
  GtkBox         *sections_box;
  GtkLabel       *length_label;
  GtkLabel       *length_hint_label;

  /* The cue card (sb-story-editor-cue.c): a line per section. */
  GtkEntry       *cue_entries[SB_STORY_N_CUE_LINES];
  GtkLabel       *cue_counters[SB_STORY_N_CUE_LINES];
  GtkLabel       *cue_status_label;
  /* The footer's length waits for a pause in the typing. */
  guint           length_source_id;
  /* The store saved during steady typing: the coach, the length and the
   * status line catch up at that pause (see save_state_changed_cb()). */
  gboolean        pause_stale;
  /* The section just edited, laid out before GTK validates it. */
  guint           layout_source_id;
  GtkTextView    *edited_view;
};

/* sb-story-editor.c */
void _sb_story_editor_update_saved_label (SbStoryEditor *self);
void _sb_story_editor_emit_save_failed   (SbStoryEditor *self,
                                          const GError  *error);
/* Sets @label's text unless it already shows it. */
void _sb_story_editor_set_label          (GtkLabel      *label,
                                          const char    *text);

/* sb-story-editor-chips.c */
void _sb_story_editor_update_chips      (SbStoryEditor *self);
void _sb_story_editor_watch_chips_store (SbStoryEditor *self,
                                         SbStore       *store);
void _sb_story_editor_init_chips        (SbStoryEditor *self);

/* sb-story-editor-coach.c */
void _sb_story_editor_update_findings (SbStoryEditor *self);
/* Underlines and their tooltips in @view, a section of the editor. */
void _sb_story_editor_watch_coach     (SbStoryEditor *self,
                                       GtkTextView   *view);

/* sb-story-editor-cue.c */
/* Adds the cue card to the sections box, after @after. */
void _sb_story_editor_build_cue_card    (SbStoryEditor  *self,
                                         GtkWidget      *after);
void _sb_story_editor_class_init_cue    (GtkWidgetClass *widget_class);
/* Shows the story's cue card (or empty lines without a story). */
void _sb_story_editor_load_cue_card     (SbStoryEditor  *self);
/* The story's @field (a cue line) changed elsewhere. */
void _sb_story_editor_follow_cue_line   (SbStoryEditor  *self,
                                         SbStoryField    field);
void _sb_story_editor_set_cue_editable  (SbStoryEditor  *self,
                                         gboolean        editable);

G_END_DECLS
