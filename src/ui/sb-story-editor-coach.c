/* sb-story-editor-coach.c — the coach's notes and underlines in the editor
 *
 * At each pause (when the store has written the story), the coach reads it
 * again: a note under each section for what an interviewer would mark
 * down, the words it is about underlined, and the message on hover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-label.h"
#include "sb-readiness.h"
#include "sb-story-check.h"
#include "sb-story-editor-private.h"

static GtkWidget *
create_finding_row (const SbFinding *finding)
{
  GtkWidget *row, *icon, *label;
  gboolean hint = finding->severity == SB_CHECK_SEVERITY_HINT;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row, "coach-finding");
  gtk_widget_add_css_class (row, hint ? "hint" : "warning");

  icon = gtk_image_new_from_icon_name (hint ? "dialog-information-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hint ? _("Suggestion") : _("Warning"), -1);

  label = gtk_label_new (finding->message);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  sb_label_set_wrapping (GTK_LABEL (label));
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");

  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

#define COACH_TAG "coach-finding"

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const SbRange *ra = a, *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return (ra->end > rb->end) - (ra->end < rb->end);
}

/* The ranges the tag covers in @buffer, in text order: overlapping and
 * touching ranges are one, as in the buffer. */
static GArray *
tagged_ranges (GtkTextBuffer *buffer,
               GtkTextTag    *tag)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (SbRange));
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_has_tag (&iter, tag) && !gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    return ranges;
  while (!gtk_text_iter_is_end (&iter))
    {
      SbRange range = { gtk_text_iter_get_offset (&iter), 0 };

      gtk_text_iter_forward_to_tag_toggle (&iter, tag);
      range.end = gtk_text_iter_get_offset (&iter);
      g_array_append_val (ranges, range);
      if (!gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
    }
  return ranges;
}

/* The ranges @field's notes are about, merged as the buffer would. */
static GArray *
wanted_ranges (SbStoryEditor *self,
               SbStoryField   field,
               glong          length)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (SbRange));
  guint kept = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      const SbFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->field != field || finding->ranges == NULL || !sb_finding_is_note (finding))
        continue;
      for (guint r = 0; r < finding->ranges->len; r++)
        {
          SbRange range = g_array_index (finding->ranges, SbRange, r);

          range.start = CLAMP (range.start, 0, length);
          range.end = CLAMP (range.end, range.start, length);
          if (range.end > range.start)
            g_array_append_val (ranges, range);
        }
    }
  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      SbRange *range = &g_array_index (ranges, SbRange, i);

      if (kept > 0 && range->start <= g_array_index (ranges, SbRange, kept - 1).end)
        g_array_index (ranges, SbRange, kept - 1).end = MAX (g_array_index (ranges, SbRange, kept - 1).end,
                                                             range->end);
      else
        g_array_index (ranges, SbRange, kept++) = *range;
    }
  g_array_set_size (ranges, kept);
  return ranges;
}

static gboolean
same_ranges (GArray *a,
             GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (SbRange)) == 0);
}

/* Underlines in @field's text what each finding is about, when the text is
 * the one the coach read (the autosaved text; typing since then waits for
 * the next pause). The tags are left alone when they already say that:
 * removing or applying a tag makes GTK lay out again every line it
 * covers, the whole section for a removal over the whole text, which in
 * a save during steady typing (SB_STORE_AUTOSAVE_MAX_MS) landed in a
 * keystroke's frame for all six sections. */
static void
underline_findings (SbStoryEditor *self,
                    SbStoryField   field)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter start, end;
  g_autoptr(GArray) have = NULL;
  g_autoptr(GArray) want = NULL;
  g_autofree char *text = NULL;

  if (self->text_views[field] == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->text_views[field]);
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), COACH_TAG);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  have = tagged_ranges (buffer, tag);
  if (self->story != NULL && self->findings != NULL)
    {
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (text, sb_story_get_field (self->story, field)) == 0)
        want = wanted_ranges (self, field, gtk_text_buffer_get_char_count (buffer));
    }
  if (want == NULL)
    want = g_array_new (FALSE, FALSE, sizeof (SbRange));
  if (same_ranges (have, want))
    return;

  if (have->len > 0)
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  for (guint r = 0; r < want->len; r++)
    {
      const SbRange *range = &g_array_index (want, SbRange, r);
      GtkTextIter a, b;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) range->end);
      gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
    }
}

/* Hovering over underlined words says what the coach found there. */
static gboolean
text_query_tooltip_cb (GtkWidget     *widget,
                       int            x,
                       int            y,
                       gboolean       keyboard_mode,
                       GtkTooltip    *tooltip,
                       SbStoryEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  SbStoryField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (gtk_text_view_get_buffer (view)),
                                                            "story-field"));
  g_autoptr(GString) messages = g_string_new (NULL);
  GtkTextIter iter;
  int bx, by, offset;

  if (self->findings == NULL)
    return FALSE;
  if (keyboard_mode)
    gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (view), &iter,
                                      gtk_text_buffer_get_insert (gtk_text_view_get_buffer (view)));
  else
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
        return FALSE;
    }
  if (!gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (
        gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)), COACH_TAG)))
    return FALSE;
  offset = gtk_text_iter_get_offset (&iter);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const SbFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->field != field || finding->ranges == NULL)
        continue;
      for (guint r = 0; r < finding->ranges->len; r++)
        {
          const SbRange *range = &g_array_index (finding->ranges, SbRange, r);

          if (offset >= range->start && offset < range->end)
            {
              if (messages->len > 0)
                g_string_append_c (messages, '\n');
              g_string_append (messages, finding->message);
              break;
            }
        }
    }
  if (messages->len == 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, messages->str);
  return TRUE;
}

/* Re-reads the story when the person pauses (at each save), not at every
 * keystroke: a note that blinks on and off mid-sentence helps nobody. An
 * empty section needs no note (the list says how many are left), and the
 * spoken length has its place in the footer. */
/* Whether @box shows exactly @notes (SbFinding*, borrowed), in order. */
static gboolean
box_shows (GtkBox    *box,
           GPtrArray *notes)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box));

  if (gtk_widget_get_visible (GTK_WIDGET (box)) != (notes->len > 0))
    return FALSE;
  for (guint i = 0; i < notes->len; i++, row = gtk_widget_get_next_sibling (row))
    {
      const SbFinding *finding = g_ptr_array_index (notes, i);
      gboolean hint = finding->severity == SB_CHECK_SEVERITY_HINT;

      if (row == NULL ||
          !gtk_widget_has_css_class (row, hint ? "hint" : "warning") ||
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (row))), finding->message) != 0)
        return FALSE;
    }
  return row == NULL;
}

/* A section's notes are rebuilt only when they change: new rows are new
 * widgets to measure, and the whole editor column is laid out again. */
void
_sb_story_editor_update_findings (SbStoryEditor *self)
{
  GPtrArray *notes[SB_STORY_N_FIELDS];

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    notes[i] = g_ptr_array_new ();

  if (self->story != NULL)
    {
      /* With the story's themes: some checks are for themes about others
       * or about decisions. */
      self->findings = sb_story_check_in_store (self->store, self->story);
      for (guint i = 0; i < self->findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (self->findings, i);
          SbStoryField field = finding->field;

          if (!sb_finding_is_note (finding))
            continue;
          if (field >= SB_STORY_N_FIELDS || self->finding_boxes[field] == NULL)
            field = SB_STORY_FIELD_ACTION;
          g_ptr_array_add (notes[field], finding);
        }
    }
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    {
      GtkBox *box = self->finding_boxes[i];
      GtkWidget *child;

      if (box == NULL || box_shows (box, notes[i]))
        continue;
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
        gtk_box_remove (box, child);
      for (guint n = 0; n < notes[i]->len; n++)
        gtk_box_append (box, create_finding_row (g_ptr_array_index (notes[i], n)));
      gtk_widget_set_visible (GTK_WIDGET (box), notes[i]->len > 0);
    }
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    g_ptr_array_unref (notes[i]);
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    underline_findings (self, f);
}

char *
sb_story_editor_dup_underlined (SbStoryEditor *self,
                                SbStoryField   field)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_views[field]);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), COACH_TAG);
  g_autoptr(GString) out = g_string_new (NULL);
  GtkTextIter iter, end;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (!gtk_text_iter_is_end (&iter))
    {
      if (gtk_text_iter_starts_tag (&iter, tag) ||
          (gtk_text_iter_is_start (&iter) && gtk_text_iter_has_tag (&iter, tag)))
        {
          g_autofree char *piece = NULL;

          end = iter;
          gtk_text_iter_forward_to_tag_toggle (&end, tag);
          piece = gtk_text_iter_get_text (&iter, &end);
          if (out->len > 0)
            g_string_append_c (out, '|');
          g_string_append (out, piece);
          iter = end;
        }
      else if (!gtk_text_iter_forward_to_tag_toggle (&iter, tag))
        break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sb_story_editor_dup_findings_text (SbStoryEditor *self,
                                   SbStoryField   field)
{
  GString *text;

  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, NULL);

  text = g_string_new (NULL);
  if (self->finding_boxes[field] == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->finding_boxes[field])))
    return g_string_free (text, FALSE);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->finding_boxes[field]));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_widget_get_last_child (row);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (text, FALSE);
}

void
_sb_story_editor_watch_coach (SbStoryEditor *self,
                              GtkTextView   *view)
{
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (view), COACH_TAG,
                              "underline", PANGO_UNDERLINE_ERROR,
                              "underline-rgba", &(GdkRGBA) { 0.90, 0.38, 0.0, 1.0 },
                              NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  g_signal_connect_object (view, "query-tooltip", G_CALLBACK (text_query_tooltip_cb), self, 0);
}
