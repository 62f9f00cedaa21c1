/* sb-story-editor.c — edits one story; the store saves it
 *
 * There is no Save button. Each keystroke is handed to the store at once
 * (sb_store_edit_story()), which writes the story after a pause or a
 * ceiling and retries what the bank refuses; the editor only shows where
 * the story stands, and follows changes made elsewhere (another window, an
 * import). The coach's notes and underlines are in sb-story-editor-coach.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <adwaita.h>

#include "sb-label.h"
#include "sb-menu-button.h"
#include "sb-readiness.h"
#include "sb-story-check.h"
#include "sb-story-editor-private.h"
#include "sb-story-row.h"
#include "sb-text-view-fit.h"
#include "sb-theme-picker.h"
#include "sb-wrap-box.h"

typedef struct
{
  SbStoryField  field;
  const char   *heading;
  const char   *hint;
} SectionInfo;

/* Written in our own words: what belongs in each part of the answer. */
static const SectionInfo sections[] = {
  { SB_STORY_FIELD_SITUATION, N_("Situation"),
    N_("Where and when: the team, the system, what was at stake — two or three sentences.") },
  { SB_STORY_FIELD_TASK, N_("Task"),
    N_("What was yours to do, and why it fell to you.") },
  { SB_STORY_FIELD_ACTION, N_("Action"),
    N_("The steps you took yourself, in order, saying “I” — the longest part.") },
  { SB_STORY_FIELD_RESULT, N_("Result"),
    N_("What changed because of you, with numbers: time, money, users, errors.") },
  { SB_STORY_FIELD_LEARNING, N_("Learning"),
    N_("What you took away and what you have done differently since.") },
  { SB_STORY_FIELD_NOTES, N_("Notes"),
    N_("For you only: follow-up questions to expect, names, details to check.") },
};


G_DEFINE_FINAL_TYPE (SbStoryEditor, sb_story_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORY,
  N_PROPS
};

enum {
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_length_now (SbStoryEditor *self);


/* A change the store refused (a theme link): the window says why. */
void
_sb_story_editor_emit_save_failed (SbStoryEditor *self,
                                   const GError  *error)
{
  g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

/* ---- saving ---------------------------------------------------------- */

/* The store owns every unsaved edit and writes it itself (after a pause,
 * retrying what the bank refuses); the editor only hands it the text and
 * shows where the story stands. */

/* GTK 4.8 lays a label out again, and a wrapping one queues a resize up
 * to the window, whenever its text is set, even to the same text: the
 * footer and the status line are set at every keystroke. A label that
 * does change in a keystroke's frame costs more than the paragraph: the
 * frame (and the next, as the back buffer is a frame old) repaints all
 * between the two, measured at about 1 ms at the Action's end. */
void
_sb_story_editor_set_label (GtkLabel   *label,
                            const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

void
_sb_story_editor_update_saved_label (SbStoryEditor *self)
{
  const GError *error;
  const char *text;

  if (self->story == NULL)
    return;
  if (sb_store_is_read_only (self->store))
    text = _("Read-only");
  else if ((error = sb_store_get_save_error (self->store, self->story)) != NULL)
    text = g_error_matches (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY)
           ? _("Waiting for the bank…") : _("Not saved yet: will try again");
  else if (sb_store_story_is_unsaved (self->store, self->story))
    text = "";
  else
    text = _("All changes saved");
  _sb_story_editor_set_label (self->saved_label, text);
}

/* The coach reads again, the length catches up and the status line says
 * the story is saved: after a save at a pause. */
static void
catch_up (SbStoryEditor *self)
{
  self->pause_stale = FALSE;
  _sb_story_editor_update_saved_label (self);
  update_length_now (self);
  _sb_story_editor_update_findings (self);
}

static void
save_state_changed_cb (SbStoryEditor *self,
                       SbStory       *story,
                       SbStore       *store)
{
  if (story != self->story)
    return;
  if (sb_store_story_is_unsaved (store, story))
    {
      _sb_story_editor_update_saved_label (self);
      return;
    }
  /* Saved by the store's ceiling (SB_STORE_AUTOSAVE_MAX_MS) while the
   * person is still typing: the length's pause has not come yet. The notes,
   * the count and "All changes saved" (gone again at the next key) would
   * change in a keystroke's frame, and GTK repaints all between them and
   * the paragraph in it and the next: they wait for that pause, as the
   * length does. A status line that says something else (a refusal
   * retried) is put right at once. */
  if (sb_store_is_autosaving (store) && self->length_source_id != 0 &&
      g_strcmp0 (gtk_label_get_label (self->saved_label), "") == 0)
    {
      self->pause_stale = TRUE;
      return;
    }
  catch_up (self);
}

static gboolean
save_now (SbStoryEditor *self)
{
  if (self->story == NULL || !sb_store_story_is_unsaved (self->store, self->story))
    return TRUE;
  /* A refusal stays with the store, which retries it and says so. */
  return sb_store_save_story (self->store, self->story, NULL);
}

gboolean
sb_story_editor_flush (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), FALSE);

  return sb_store_save_pending (self->store, NULL);
}

gboolean
sb_story_editor_has_pending (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), FALSE);

  return self->story != NULL && sb_store_story_is_unsaved (self->store, self->story);
}

static void
focus_leave_cb (SbStoryEditor           *self,
                GtkEventControllerFocus *controller)
{
  save_now (self);
}

/* ---- the footer ------------------------------------------------------ */

static void
update_length (SbStoryEditor *self)
{
  g_autofree char *length = NULL;
  g_autofree char *text = NULL;
  const char *hint = "";
  guint words, seconds;

  if (self->story == NULL)
    return;

  words = sb_story_get_word_count (self->story);
  seconds = sb_story_get_speaking_seconds (self->story);
  length = sb_format_spoken_length (seconds);
  /* Translators: "412 words · about 2 min 56 s" */
  text = g_strdup_printf (ngettext ("%u word · %s", "%u words · %s", words), words, length);
  _sb_story_editor_set_label (self->length_label, text);

  if (words == 0)
    hint = _("Spoken, a strong answer runs 90 seconds to 2 minutes.");
  else if (seconds < SB_CHECK_MIN_SECONDS)
    hint = _("A little short: interviewers want the detail of what you did.");
  else if (seconds > SB_CHECK_MAX_SECONDS)
    hint = _("A little long: try to tell it in under 2 minutes.");
  _sb_story_editor_set_label (self->length_hint_label, hint);
}

/* ---- editing --------------------------------------------------------- */

static char *
title_text (SbStoryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->title_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
title_changed_cb (SbStoryEditor *self,
                  GtkTextBuffer *buffer)
{
  g_autofree char *text = title_text (self);

  gtk_widget_set_visible (GTK_WIDGET (self->title_placeholder), *text == '\0');
  if (self->loading || self->story == NULL)
    return;
  self->pushing = TRUE;
  sb_store_edit_story (self->store, self->story, SB_STORY_FIELD_TITLE, text, NULL);
  self->pushing = FALSE;
  _sb_story_editor_update_saved_label (self);
}

/* A title is one line of words that wraps: a line break becomes a space,
 * and text past SB_STORY_MAX_TITLE_CHARS is refused with a word to say so
 * rather than cut in silence. */
static void
title_insert_text_cb (GtkTextBuffer *buffer,
                      GtkTextIter   *location,
                      const char    *text,
                      int            length,
                      SbStoryEditor *self)
{
  glong have = gtk_text_buffer_get_char_count (buffer);
  glong adding;

  if (self->loading)
    return;
  if (memchr (text, '\n', length) != NULL || memchr (text, '\r', length) != NULL)
    {
      g_autofree char *flat = g_strndup (text, length);

      g_strdelimit (flat, "\r\n", ' ');
      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_text_buffer_insert (buffer, location, flat, -1);
      return;
    }
  adding = g_utf8_strlen (text, length);
  if (have + adding > SB_STORY_MAX_TITLE_CHARS)
    {
      g_autofree char *message = g_strdup_printf (_("A title holds at most %d characters"),
                                                  SB_STORY_MAX_TITLE_CHARS);

      g_signal_stop_emission_by_name (buffer, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self->title_view));
      gtk_label_set_label (self->saved_label, message);
    }
}

/* Enter in the title goes on to the Situation, as in a form. */
static gboolean
title_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      SbStoryEditor         *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (self->text_views[SB_STORY_FIELD_SITUATION]));
  return GDK_EVENT_STOP;
}

/* GTK 4.8 lays the edited paragraph out first for its size alone (the
 * text view's validation idle, a layout it does not keep), then again in
 * full for the input method's cursor and the paint: a long paragraph is
 * shaped twice per keystroke. Asking for the cursor's place before the
 * validation runs makes the full layout once; the others reuse it. */
static gboolean
layout_edited_line_cb (gpointer user_data)
{
  SbStoryEditor *self = user_data;
  GtkTextView *view = g_steal_pointer (&self->edited_view);
  GdkRectangle strong;

  self->layout_source_id = 0;
  if (view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view)))
    gtk_text_view_get_cursor_locations (view, NULL, &strong, NULL);
  return G_SOURCE_REMOVE;
}

static void
queue_layout_edited_line (SbStoryEditor *self,
                          GtkTextView   *view)
{
  self->edited_view = view;
  /* Before GTK's validation (GDK_PRIORITY_REDRAW + 4) and the frame. */
  if (self->layout_source_id == 0)
    self->layout_source_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_edited_line_cb, self, NULL);
}

/* The footer's count changes with every word; set in a keystroke's frame
 * it doubles that frame and the next (see _sb_story_editor_set_label()).
 * It follows a pause instead, or the next save, whichever comes first. */
static gboolean
length_pause_cb (gpointer user_data)
{
  SbStoryEditor *self = user_data;

  self->length_source_id = 0;
  if (self->pause_stale)
    catch_up (self);
  else
    update_length (self);
  return G_SOURCE_REMOVE;
}

static void
queue_length (SbStoryEditor *self)
{
  g_clear_handle_id (&self->length_source_id, g_source_remove);
  self->length_source_id = g_timeout_add (SB_STORY_EDITOR_LENGTH_PAUSE_MS, length_pause_cb, self);
  g_source_set_name_by_id (self->length_source_id, "[storybank] editor length");
}

static void
update_length_now (SbStoryEditor *self)
{
  g_clear_handle_id (&self->length_source_id, g_source_remove);
  update_length (self);
}

static void
buffer_changed_cb (SbStoryEditor *self,
                   GtkTextBuffer *buffer)
{
  SbStoryField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "story-field"));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->story == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->pushing = TRUE;
  sb_store_edit_story (self->store, self->story, field, text, NULL);
  self->pushing = FALSE;
  queue_length (self);
  _sb_story_editor_update_saved_label (self);
  queue_layout_edited_line (self, self->text_views[field]);
}

/* A section holds at most SB_STORY_MAX_SECTION_CHARS: past that the window
 * only slows down. Text that would go over is not added, and the person is
 * told so under the section, rather than it being cut somewhere unseen. */
static void
buffer_insert_text_cb (GtkTextBuffer *buffer,
                       GtkTextIter   *location,
                       const char    *text,
                       int            length,
                       SbStoryEditor *self)
{
  SbStoryField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "story-field"));
  glong have = gtk_text_buffer_get_char_count (buffer);
  glong adding = g_utf8_strlen (text, length);
  GtkLabel *label = self->limit_labels[field];

  if (self->loading || label == NULL)
    return;
  if (have + adding <= SB_STORY_MAX_FIELD_CHARS (field))
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }
  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (self->text_views[field]));
  {
    g_autofree char *message =
      g_strdup_printf (_("A section holds at most %d characters, about an hour of talk. "
                         "The %ld characters you added were not put in; shorten the text first."),
                       SB_STORY_MAX_FIELD_CHARS (field), adding);
    gtk_label_set_label (label, message);
  }
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
status_active_cb (SbStoryEditor *self,
                  GParamSpec    *pspec,
                  GtkSwitch     *status_switch)
{
  if (self->loading || self->story == NULL)
    return;
  /* "Ready to tell" means an interviewer would find nothing serious to mark
   * down: not while a problem is left (an empty section, a thin Action). */
  if (gtk_switch_get_active (status_switch) && sb_story_get_status (self->story) != SB_STORY_STATUS_READY)
    {
      sb_store_save_pending (self->store, NULL);
      if (!sb_readiness_allows_ready_status (self->store, self->story))
        {
          self->loading = TRUE;
          gtk_switch_set_active (status_switch, FALSE);
          self->loading = FALSE;
          gtk_widget_error_bell (GTK_WIDGET (status_switch));
          gtk_label_set_label (self->saved_label, _("Not ready yet: fix the problems the coach marks first"));
          return;
        }
    }
  /* A switch is one deliberate act: the store writes it at once. */
  self->pushing = TRUE;
  sb_store_edit_story_status (self->store, self->story,
                              gtk_switch_get_active (status_switch) ? SB_STORY_STATUS_READY
                                                                    : SB_STORY_STATUS_DRAFT,
                              NULL);
  self->pushing = FALSE;
  _sb_story_editor_update_saved_label (self);
}

/* The story changed without the editor: another window, an import, or a
 * conflict note. Show the new text, keeping the cursor where it was. */
static void
story_field_notify_cb (SbStoryEditor *self,
                       GParamSpec    *pspec,
                       SbStory       *story)
{
  SbStoryField field;

  if (self->pushing || self->loading || story != self->story ||
      !sb_story_field_from_string (pspec->name, &field))
    return;

  self->loading = TRUE;
  if (field == SB_STORY_FIELD_TITLE)
    {
      g_autofree char *shown = title_text (self);

      if (g_strcmp0 (shown, sb_story_get_title (story)) != 0)
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->title_view);
          GtkTextIter cursor;
          int offset;

          gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
          offset = gtk_text_iter_get_offset (&cursor);
          gtk_text_buffer_set_text (buffer, sb_story_get_title (story), -1);
          gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
          gtk_text_buffer_place_cursor (buffer, &cursor);
          gtk_widget_set_visible (GTK_WIDGET (self->title_placeholder), *sb_story_get_title (story) == '\0');
        }
    }
  else if (SB_STORY_FIELD_IS_CUE (field))
    _sb_story_editor_follow_cue_line (self, field);
  else if (self->text_views[field] != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_views[field]);
      g_autofree char *text = NULL;
      GtkTextIter start, end, cursor;
      int offset;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (text, sb_story_get_field (story, field)) != 0)
        {
          gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
          offset = gtk_text_iter_get_offset (&cursor);
          gtk_text_buffer_set_text (buffer, sb_story_get_field (story, field), -1);
          gtk_text_buffer_get_iter_at_offset (buffer, &cursor, offset);
          gtk_text_buffer_place_cursor (buffer, &cursor);
          update_length_now (self);
        }
    }
  self->loading = FALSE;
}

static void
story_status_notify_cb (SbStoryEditor *self,
                        GParamSpec    *pspec,
                        SbStory       *story)
{
  if (self->pushing || self->loading || story != self->story)
    return;
  self->loading = TRUE;
  gtk_switch_set_active (self->status_switch, sb_story_get_status (story) == SB_STORY_STATUS_READY);
  self->loading = FALSE;
}

static void
story_is_example_cb (SbStoryEditor *self,
                     GParamSpec    *pspec,
                     SbStory       *story)
{
  gtk_widget_set_visible (GTK_WIDGET (self->example_banner), sb_story_get_is_example (story));
}

static void
load_story (SbStoryEditor *self)
{
  self->loading = TRUE;
  self->pause_stale = FALSE;

  if (self->story == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->title_view), "", -1);
      gtk_widget_set_visible (GTK_WIDGET (self->title_placeholder), TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_views[sections[i].field]), "", -1);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "story");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->title_view), sb_story_get_title (self->story), -1);
      gtk_widget_set_visible (GTK_WIDGET (self->title_placeholder), *sb_story_get_title (self->story) == '\0');
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        {
          SbStoryField field = sections[i].field;
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_views[field]),
                                    sb_story_get_field (self->story, field), -1);
        }
      gtk_switch_set_active (self->status_switch,
                             sb_story_get_status (self->story) == SB_STORY_STATUS_READY);
      gtk_widget_set_visible (GTK_WIDGET (self->example_banner), sb_story_get_is_example (self->story));
      /* Until the person types, the line only speaks of a problem: a
       * story just opened is saved, and "All changes saved" would be
       * blanked by the first keystroke, in its frame (see
       * _sb_story_editor_set_label()). */
      gtk_label_set_label (self->saved_label, "");
      if (sb_store_is_read_only (self->store) ||
          sb_store_story_is_unsaved (self->store, self->story) ||
          sb_store_get_save_error (self->store, self->story) != NULL)
        _sb_story_editor_update_saved_label (self);
      for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
        if (self->limit_labels[i] != NULL)
          gtk_widget_set_visible (GTK_WIDGET (self->limit_labels[i]), FALSE);
      update_length_now (self);
      _sb_story_editor_update_findings (self);
      /* Start at the top, not where the last story was scrolled to. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                  GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->sections_box),
                                                                                GTK_TYPE_SCROLLED_WINDOW))),
                                0);
    }
  if (self->story == NULL)
    _sb_story_editor_update_findings (self);
  _sb_story_editor_load_cue_card (self);
  self->chips_frozen = self->chips_stale = FALSE;
  _sb_story_editor_update_chips (self);
  sb_theme_picker_set_story (self->theme_picker, self->story);

  self->loading = FALSE;
}

void
sb_story_editor_set_story (SbStoryEditor *self,
                           SbStory       *story)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));
  g_return_if_fail (story == NULL || SB_IS_STORY (story));

  if (self->story == story)
    return;

  /* Leaving a story is a pause: write it now. */
  save_now (self);
  if (self->story != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->story, story_is_example_cb, self);
      g_signal_handlers_disconnect_by_func (self->story, story_field_notify_cb, self);
      g_signal_handlers_disconnect_by_func (self->story, story_status_notify_cb, self);
    }
  g_set_object (&self->story, story);
  if (story != NULL)
    {
      g_signal_connect_object (story, "notify::is-example", G_CALLBACK (story_is_example_cb),
                               self, G_CONNECT_SWAPPED);
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        {
          g_autofree char *detailed = g_strconcat ("notify::", sb_story_field_to_property (f), NULL);
          g_signal_connect_object (story, detailed, G_CALLBACK (story_field_notify_cb),
                                   self, G_CONNECT_SWAPPED);
        }
      g_signal_connect_object (story, "notify::status", G_CALLBACK (story_status_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
  load_story (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

void
sb_story_editor_set_editable (SbStoryEditor *self,
                              gboolean       editable)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  gtk_text_view_set_editable (self->title_view, editable);
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    if (self->text_views[f] != NULL)
      gtk_text_view_set_editable (self->text_views[f], editable);
  _sb_story_editor_set_cue_editable (self, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_switch), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_theme_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chips_box), editable);
}

SbStory *
sb_story_editor_get_story (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);

  return self->story;
}

/* ---- construction ---------------------------------------------------- */

static void
build_sections (SbStoryEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const SectionInfo *info = &sections[i];
      GtkWidget *box, *heading, *hint, *frame, *view, *findings, *limit;
      GtkTextBuffer *buffer;

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      heading = gtk_label_new (_(info->heading));
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");

      hint = gtk_label_new (_(info->hint));
      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      sb_label_set_wrapping (GTK_LABEL (hint));
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_add_css_class (hint, "caption");

      view = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      /* Tab moves on to the next section, as in a form. */
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_widget_add_css_class (view, "star-field");
      if (info->field == SB_STORY_FIELD_ACTION)
        gtk_widget_add_css_class (view, "star-field-long");
      gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->heading),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(info->hint),
                                      GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                      -1);
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      g_object_set_data (G_OBJECT (buffer), "story-field", GUINT_TO_POINTER (info->field));
      g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (buffer, "insert-text", G_CALLBACK (buffer_insert_text_cb), self, 0);
      _sb_story_editor_watch_coach (self, GTK_TEXT_VIEW (view));
      self->text_views[info->field] = GTK_TEXT_VIEW (view);

      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_add_css_class (frame, "star-frame");
      gtk_widget_add_css_class (frame, "view");

      findings = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_add_css_class (findings, "coach-findings");
      gtk_widget_set_visible (findings, FALSE);
      self->finding_boxes[info->field] = GTK_BOX (findings);

      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), hint);
      limit = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (limit), 0);
      sb_label_set_wrapping (GTK_LABEL (limit));
      gtk_widget_add_css_class (limit, "error");
      gtk_widget_add_css_class (limit, "caption");
      gtk_widget_set_visible (limit, FALSE);
      self->limit_labels[info->field] = GTK_LABEL (limit);

      gtk_box_append (GTK_BOX (box), frame);
      gtk_box_append (GTK_BOX (box), limit);
      gtk_box_append (GTK_BOX (box), findings);
      gtk_box_append (self->sections_box, box);
    }
  /* The cue card sums up the five sections: under them, above the notes. */
  _sb_story_editor_build_cue_card (self,
                                   gtk_widget_get_parent (gtk_widget_get_parent (
                                     GTK_WIDGET (self->text_views[SB_STORY_FIELD_LEARNING]))));
}

static void
set_store (SbStoryEditor *self,
           SbStore       *store)
{
  g_assert (self->store == NULL);
  g_return_if_fail (SB_IS_STORE (store));

  self->store = g_object_ref (store);
  _sb_story_editor_watch_chips_store (self, store);
  g_signal_connect_object (store, "save-state-changed",
                           G_CALLBACK (save_state_changed_cb), self, G_CONNECT_SWAPPED);
  self->theme_picker = SB_THEME_PICKER (sb_theme_picker_new (store));
  gtk_menu_button_set_popover (self->add_theme_button, GTK_WIDGET (self->theme_picker));
  sb_menu_button_hide_tooltip_while_open (self->add_theme_button);
}

static void
sb_story_editor_dispose (GObject *object)
{
  SbStoryEditor *self = SB_STORY_EDITOR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->length_source_id, g_source_remove);
  g_clear_handle_id (&self->layout_source_id, g_source_remove);
  self->edited_view = NULL;
  /* Last chance to keep what was typed (the store retries what fails). */
  if (self->store != NULL)
    save_now (self);
  if (self->story != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->story, story_is_example_cb, self);
      g_signal_handlers_disconnect_by_func (self->story, story_field_notify_cb, self);
      g_signal_handlers_disconnect_by_func (self->story, story_status_notify_cb, self);
    }
  g_clear_object (&self->story);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STORY_EDITOR);
  /* The template's unnamed boxes are ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_story_editor_parent_class)->dispose (object);
}

static void
sb_story_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SbStoryEditor *self = SB_STORY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SbStoryEditor *self = SB_STORY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_STORY:
      sb_story_editor_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_editor_class_init (SbStoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_editor_dispose;
  object_class->get_property = sb_story_editor_get_property;
  object_class->set_property = sb_story_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (SB_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-story-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, saved_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, status_switch);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, example_banner);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, title_view);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, title_placeholder);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, chips_box);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, add_theme_button);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, sections_box);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, length_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryEditor, length_hint_label);
  gtk_widget_class_bind_template_callback (widget_class, status_active_cb);
  _sb_story_editor_class_init_cue (widget_class);
}

static void
sb_story_editor_init (SbStoryEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its wrapping labels, the empty state's too: see sb-label.h. */
  sb_label_narrow_wrapping (GTK_WIDGET (self));
  {
    GtkTextBuffer *title = gtk_text_view_get_buffer (self->title_view);
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (title, "changed", G_CALLBACK (title_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (title, "insert-text", G_CALLBACK (title_insert_text_cb), self, 0);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (title_key_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->title_view), keys);
    sb_text_view_fit_height (self->title_view);
  }
  _sb_story_editor_init_chips (self);
  build_sections (self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
sb_story_editor_new (SbStore *store)
{
  return g_object_new (SB_TYPE_STORY_EDITOR, "store", store, NULL);
}

SbStore *
sb_story_editor_get_store (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);

  return self->store;
}

void
sb_story_editor_focus_title (SbStoryEditor *self)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_view));
}

void
sb_story_editor_set_show_back (SbStoryEditor *self,
                               gboolean       show_back)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

GtkTextView *
sb_story_editor_get_title_view (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);

  return self->title_view;
}

void
sb_story_editor_set_title_text (SbStoryEditor *self,
                                const char    *text)
{
  g_return_if_fail (SB_IS_STORY_EDITOR (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->title_view), text, -1);
}

GtkTextView *
sb_story_editor_get_text_view (SbStoryEditor *self,
                               SbStoryField   field)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, NULL);

  /* The title is a text view too, so that it wraps. */
  return field == SB_STORY_FIELD_TITLE ? self->title_view : self->text_views[field];
}

const char *
sb_story_editor_get_length_text (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);

  return gtk_label_get_label (self->length_label);
}
