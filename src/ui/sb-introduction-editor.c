/* sb-introduction-editor.c — the person's introduction ("Tell me about
 * yourself"), kept once for the bank, with its spoken length
 *
 * Nearly every loop opens with it, so it is written once and rehearsed
 * like a story: the footer counts the words and says how long they take
 * to say at SB_STORY_WORDS_PER_MINUTE, and what to do when that is
 * outside 60 to 90 seconds. "Time Yourself" is the telling drill's clock
 * for it: the text hides while the person says it out loud, and stopping
 * says how long it took against the same range. Typing is written 400 ms
 * after the last key, and at once when the editor is hidden or goes away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-introduction-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-error-dialog.h"
#include "sb-introduction-editor.h"

#define SAVE_DELAY_MS 400

struct _SbIntroductionEditor
{
  GtkWidget      parent_instance;

  SbStore       *store;
  guint          save_id;
  gboolean       loading;
  char          *hint;

  GtkWidget     *scrolled;
  GtkTextView   *view;
  GtkLabel      *length_label;
  GtkLabel      *hint_label;

  /* the stopwatch */
  GtkWidget     *frame;
  GtkToggleButton *time_button;
  GtkLabel      *clock_label;
  GtkLabel      *try_label;
  gint64         started_at;     /* monotonic µs; 0 when not timing */
  guint          tick_id;
};

G_DEFINE_FINAL_TYPE (SbIntroductionEditor, sb_introduction_editor, GTK_TYPE_WIDGET)

char *
sb_introduction_describe_length (const char  *text,
                                 char       **hint)
{
  guint words = sb_count_words (text != NULL ? text : "");
  guint seconds = (words * 60 + SB_STORY_WORDS_PER_MINUTE / 2) / SB_STORY_WORDS_PER_MINUTE;

  if (hint != NULL)
    {
      if (words == 0)
        *hint = NULL;
      else if (seconds < SB_INTRODUCTION_MIN_SECONDS)
        *hint = g_strdup (_("Under a minute: add what you do best and why you are here."));
      else if (seconds > SB_INTRODUCTION_MAX_SECONDS)
        *hint = g_strdup (_("Over 90 seconds: keep the headlines; the interviewers will ask for more."));
      else
        *hint = NULL;
    }
  /* Translators: the words of the introduction, then how long saying them
   * takes in minutes:seconds */
  return g_strdup_printf (ngettext ("%u word · about %u:%02u spoken",
                                    "%u words · about %u:%02u spoken", words),
                          words, seconds / 60, seconds % 60);
}

static void
update_length (SbIntroductionEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *length = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_clear_pointer (&self->hint, g_free);
  length = sb_introduction_describe_length (text, &self->hint);
  gtk_label_set_text (self->length_label, length);
  gtk_label_set_text (self->hint_label, self->hint != NULL ? self->hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), self->hint != NULL);
}

gboolean
sb_introduction_editor_flush (SbIntroductionEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SB_IS_INTRODUCTION_EDITOR (self), FALSE);

  if (self->save_id == 0)
    return TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!sb_store_set_introduction (self->store, text, &error))
    {
      sb_error_dialog_show (GTK_WIDGET (self), _("Could Not Save the Introduction"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  sb_introduction_editor_flush (user_data);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (SbIntroductionEditor *self)
{
  update_length (self);
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

void
sb_introduction_editor_load (SbIntroductionEditor *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SB_IS_INTRODUCTION_EDITOR (self));

  /* What the person is typing wins. */
  if (self->save_id != 0)
    return;
  text = sb_store_get_introduction (self->store);
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text != NULL ? text : "", -1);
  self->loading = FALSE;
}

GtkTextBuffer *
sb_introduction_editor_get_buffer (SbIntroductionEditor *self)
{
  g_return_val_if_fail (SB_IS_INTRODUCTION_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (self->view);
}

const char *
sb_introduction_editor_get_hint (SbIntroductionEditor *self)
{
  g_return_val_if_fail (SB_IS_INTRODUCTION_EDITOR (self), NULL);
  return self->hint;
}

/* ---- the stopwatch ------------------------------------------------------ */

char *
sb_introduction_describe_try (guint seconds)
{
  g_autofree char *clock = g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);

  if (seconds < SB_INTRODUCTION_MIN_SECONDS)
    /* Translators: %s is a time in minutes:seconds */
    return g_strdup_printf (_("Said in %s: under a minute. Add what you do best and one result."), clock);
  if (seconds > SB_INTRODUCTION_MAX_SECONDS)
    /* Translators: %s is a time in minutes:seconds */
    return g_strdup_printf (_("Said in %s: over 90 seconds. Keep the headlines; they will ask for more."), clock);
  /* Translators: %s is a time in minutes:seconds */
  return g_strdup_printf (_("Said in %s: within 60 to 90 seconds."), clock);
}

static guint
elapsed_seconds (SbIntroductionEditor *self)
{
  return self->started_at == 0 ? 0 : (guint) ((g_get_monotonic_time () - self->started_at) / G_USEC_PER_SEC);
}

static gboolean
tick_cb (gpointer user_data)
{
  SbIntroductionEditor *self = user_data;
  guint seconds = elapsed_seconds (self);
  g_autofree char *clock = g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);

  gtk_label_set_text (self->clock_label, clock);
  return G_SOURCE_CONTINUE;
}

void
sb_introduction_editor_finish_try (SbIntroductionEditor *self,
                                   guint                 seconds)
{
  g_autofree char *said = NULL;

  g_return_if_fail (SB_IS_INTRODUCTION_EDITOR (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->started_at = 0;
  said = sb_introduction_describe_try (seconds);
  gtk_label_set_text (self->try_label, said);
  gtk_widget_set_visible (GTK_WIDGET (self->try_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), FALSE);
  gtk_widget_set_visible (self->frame, TRUE);
  if (gtk_toggle_button_get_active (self->time_button))
    gtk_toggle_button_set_active (self->time_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->time_button), _("_Time Yourself"));
}

static void
time_toggled_cb (SbIntroductionEditor *self)
{
  if (gtk_toggle_button_get_active (self->time_button))
    {
      if (self->started_at != 0)
        return;
      /* Out loud, without the text: the clock takes its place. */
      self->started_at = g_get_monotonic_time ();
      gtk_label_set_text (self->clock_label, "0:00");
      gtk_widget_set_visible (GTK_WIDGET (self->clock_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->try_label), FALSE);
      gtk_widget_set_visible (self->frame, FALSE);
      gtk_button_set_label (GTK_BUTTON (self->time_button), _("_Stop"));
      self->tick_id = g_timeout_add (250, tick_cb, self);
    }
  else if (self->started_at != 0)
    sb_introduction_editor_finish_try (self, elapsed_seconds (self));
}

gboolean
sb_introduction_editor_is_timing (SbIntroductionEditor *self)
{
  g_return_val_if_fail (SB_IS_INTRODUCTION_EDITOR (self), FALSE);
  return self->started_at != 0;
}

static void
sb_introduction_editor_unmap (GtkWidget *widget)
{
  sb_introduction_editor_flush (SB_INTRODUCTION_EDITOR (widget));
  GTK_WIDGET_CLASS (sb_introduction_editor_parent_class)->unmap (widget);
}

static void
sb_introduction_editor_dispose (GObject *object)
{
  SbIntroductionEditor *self = SB_INTRODUCTION_EDITOR (object);

  if (self->store != NULL)
    sb_introduction_editor_flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->hint, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sb_introduction_editor_parent_class)->dispose (object);
}

static void
sb_introduction_editor_class_init (SbIntroductionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_introduction_editor_dispose;
  widget_class->unmap = sb_introduction_editor_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "introductioneditor");
}

static void
sb_introduction_editor_init (SbIntroductionEditor *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Your Introduction"));
  GtkWidget *intro = gtk_label_new (_("“Tell me about yourself” opens nearly every loop. Say who you are, "
                                      "what you do best with one result to show for it, and why you are "
                                      "here today. Written once for every application; aim for 60 to 90 "
                                      "seconds."));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *clock_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->view, 10);
  gtk_text_view_set_bottom_margin (self->view, 10);
  gtk_text_view_set_left_margin (self->view, 12);
  gtk_text_view_set_right_margin (self->view, 12);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "star-field");
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "star-field-long");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your introduction"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (frame, "star-frame");

  self->length_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->length_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->length_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->length_label), "editor-footer");
  self->hint_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->hint_label, 0);
  gtk_label_set_wrap (self->hint_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "warning");

  self->frame = frame;
  self->time_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Time Yourself")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_button),
                               _("Say it out loud against the clock; the text hides until you stop"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time yourself saying the introduction"), -1);
  g_signal_connect_object (self->time_button, "toggled", G_CALLBACK (time_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  self->clock_label = GTK_LABEL (gtk_label_new ("0:00"));
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (self->clock_label), FALSE);
  self->try_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->try_label, 0);
  gtk_label_set_wrap (self->try_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->try_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->try_label), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->time_button), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (clock_box), GTK_WIDGET (self->time_button));
  gtk_box_append (GTK_BOX (clock_box), GTK_WIDGET (self->clock_label));
  gtk_box_append (GTK_BOX (clock_box), GTK_WIDGET (self->try_label));

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), intro);
  gtk_box_append (GTK_BOX (box), clock_box);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->length_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->hint_label));
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
  update_length (self);
}

GtkWidget *
sb_introduction_editor_new (SbStore *store)
{
  SbIntroductionEditor *self;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_object_new (SB_TYPE_INTRODUCTION_EDITOR, NULL);
  self->store = g_object_ref (store);
  sb_introduction_editor_load (self);
  return GTK_WIDGET (self);
}
