/* sb-story-editor-private.h — what sb-story-editor.c and
 * sb-story-editor-coach.c share; never included outside them
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
};

/* sb-story-editor-coach.c */
void _sb_story_editor_update_findings (SbStoryEditor *self);
/* Underlines and their tooltips in @view, a section of the editor. */
void _sb_story_editor_watch_coach     (SbStoryEditor *self,
                                       GtkTextView   *view);

G_END_DECLS
