/* sb-cheat-sheet-dialog-preview.c — the cheat sheet dialog's live preview
 *
 * The preview is laid out once per change, after a short pause, in a
 * worker, into a recording surface; drawing a frame only scales that
 * recording, so typing a name never waits for the layout. Below it, a
 * summary says what the sheet holds and what did not fit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sb-cheat-sheet-dialog-private.h"

/* The pause after a change before the preview is laid out again (and the
 * name saved): long enough to cover a burst of typing or ticking. */
#define PREVIEW_DELAY_MS 150
#define PAGE_PADDING 18.0
#define SUPERSAMPLE 2

/* ---- the preview ------------------------------------------------------ */

static char *
summary_text (SbCheatSheetDialog *self)
{
  SbCheatSheet *sheet = self->preview_sheet;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_themes, themes_left_out;

  if (_sb_cheat_sheet_dialog_for_application (self))
    {
      g_string_append (text, _("The loop’s sheet: your introduction, why this company, and each round "
                               "with its stories and what they prove"));
      g_string_append (text, " · ");
      g_string_append_printf (text, _("%.1f pt type"), sb_cheat_sheet_get_font_size (sheet));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (_sb_cheat_sheet_dialog_count_ticked (self->theme_rows) == 0)
    return g_strdup (_("Tick at least one theme to make a sheet."));

  n_themes = sb_cheat_sheet_get_n_themes (sheet);
  themes_left_out = sb_cheat_sheet_get_themes_left_out (sheet);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u theme", "%u themes", n_themes),
                          n_themes);
  g_string_append (text, " · ");
  /* TRANSLATORS: the body type size of the cheat sheet, in points */
  g_string_append_printf (text, _("%.1f pt type"), sb_cheat_sheet_get_font_size (sheet));
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns",
                                             sb_cheat_sheet_get_n_columns (sheet)),
                          sb_cheat_sheet_get_n_columns (sheet));

  if (themes_left_out > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u theme did not fit; untick some to choose which.",
                                                 "%u themes did not fit; untick some to choose which.",
                                                 themes_left_out),
                              themes_left_out);
    }
  else if (sb_cheat_sheet_get_details_left_out (sheet))
    {
      g_string_append (text, "\n");
      g_string_append (text, _("Some details were left out to fit one page."));
    }
  else if (sb_cheat_sheet_get_pieces_shortened (sheet) > 0)
    {
      g_string_append (text, "\n");
      g_string_append (text, _("The longest passages end early (…) to fit one page."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One layout of the page: the snapshot taken from the store on the main
 * thread, and the recording it is drawn into, in a worker or not. */
typedef struct
{
  SbCheatSheet    *sheet;
  SbPaperSize      paper;
  gboolean         any_theme;
  cairo_surface_t *recording;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_clear_pointer (&job->sheet, sb_cheat_sheet_free);
  g_clear_pointer (&job->recording, cairo_surface_destroy);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreviewJob, preview_job_free)

/* Takes what the sheet needs from the store and the controls; NULL (and the
 * reason in the summary) when the options name nothing that exists. */
static PreviewJob *
preview_job_new (SbCheatSheetDialog *self)
{
  g_autoptr(GError) error = NULL;
  SbCheatSheetOptions options;
  PreviewJob *job;
  SbCheatSheet *sheet;
  gboolean any_theme;

  _sb_cheat_sheet_dialog_save_name (self);
  sb_cheat_sheet_dialog_get_options (self, &options);
  any_theme = _sb_cheat_sheet_dialog_for_application (self) || _sb_cheat_sheet_dialog_count_ticked (self->theme_rows) > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cheat-sheet.print", any_theme);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cheat-sheet.export-pdf", any_theme);

  sheet = sb_cheat_sheet_new (self->store, &options, &error);
  if (sheet == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return NULL;
    }
  job = g_new0 (PreviewJob, 1);
  job->sheet = sheet;
  job->paper = options.paper;
  job->any_theme = any_theme;
  return job;
}

/* Pango and cairo only, on data nobody else touches: safe in any thread
 * (Pango's default font map is per thread). */
static void
preview_job_render (PreviewJob *job)
{
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  cairo_t *cr;

  sb_paper_size_get_points (job->paper, &extents.width, &extents.height);
  job->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (job->recording);
  if (job->any_theme)
    sb_cheat_sheet_render (job->sheet, cr, extents.width, extents.height);
  cairo_destroy (cr);
}

static void
show_preview_job (SbCheatSheetDialog *self,
                  PreviewJob         *job)
{
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->preview_recording, cairo_surface_destroy);
  g_clear_pointer (&self->preview_image, cairo_surface_destroy);
  g_clear_pointer (&self->preview_sheet, sb_cheat_sheet_free);
  self->preview_recording = g_steal_pointer (&job->recording);
  self->preview_sheet = g_steal_pointer (&job->sheet);
  self->preview_paper = job->paper;

  summary = summary_text (self);
  gtk_label_set_text (self->summary_label, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

void
_sb_cheat_sheet_dialog_cancel_preview (SbCheatSheetDialog *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
}

static void
render_in_thread_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  preview_job_render (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
render_done_cb (GObject      *unused,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(SbCheatSheetDialog) self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  /* Closed meanwhile, or made stale by a later change or a flush. */
  if (self == NULL || !g_task_propagate_boolean (G_TASK (result), NULL))
    return;
  g_clear_object (&self->preview_cancellable);
  show_preview_job (self, g_task_get_task_data (G_TASK (result)));
}

/* Lays the page out in a worker: up to ~100 ms for a full bank, which
 * would otherwise cost the dialog frames while the person clicks. */
void
_sb_cheat_sheet_dialog_start_preview (SbCheatSheetDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;
  GWeakRef *weak;

  _sb_cheat_sheet_dialog_cancel_preview (self);
  job = preview_job_new (self);
  if (job == NULL)
    return;
  self->preview_cancellable = g_cancellable_new ();
  /* Held weakly: closing the dialog need not wait for the worker. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->preview_cancellable, render_done_cb, weak);
  g_task_set_source_tag (task, _sb_cheat_sheet_dialog_start_preview);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  g_task_run_in_thread (task, render_in_thread_cb);
}

/* The same, here and now: what the tests and a flush need. */
static void
update_preview (SbCheatSheetDialog *self)
{
  g_autoptr(PreviewJob) job = NULL;

  _sb_cheat_sheet_dialog_cancel_preview (self);
  job = preview_job_new (self);
  if (job == NULL)
    return;
  preview_job_render (job);
  show_preview_job (self, job);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  SbCheatSheetDialog *self = user_data;

  self->preview_id = 0;
  _sb_cheat_sheet_dialog_start_preview (self);
  return G_SOURCE_REMOVE;
}

void
_sb_cheat_sheet_dialog_schedule_preview (SbCheatSheetDialog *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

void
sb_cheat_sheet_dialog_flush (SbCheatSheetDialog *self)
{
  g_return_if_fail (SB_IS_CHEAT_SHEET_DIALOG (self));

  update_preview (self);
}

/* A white page with a soft shadow, the sheet scaled to fit the widget. */
void
_sb_cheat_sheet_dialog_preview_draw_cb (GtkDrawingArea *area,
                                        cairo_t        *cr,
                                        int             width,
                                        int             height,
                                        gpointer        user_data)
{
  SbCheatSheetDialog *self = user_data;
  double page_width, page_height, scale, x, y, w, h;
  int scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (area));

  if (self->preview_recording == NULL)
    return;

  sb_paper_size_get_points (self->preview_paper, &page_width, &page_height);
  scale = MIN ((width - 2 * PAGE_PADDING) / page_width, (height - 2 * PAGE_PADDING) / page_height);
  if (scale <= 0)
    return;
  w = floor (page_width * scale);
  h = floor (page_height * scale);
  x = floor ((width - w) / 2);
  y = floor ((height - h) / 2);

  /* Only a new sheet or a new size lays the recording out again in pixels.
   * Cairo puts glyphs on whole pixels, which at this size would squeeze
   * the words together: the page is drawn at twice the size and scaled down. */
  if (self->preview_image == NULL ||
      cairo_image_surface_get_width (self->preview_image) != (int) w * scale_factor * SUPERSAMPLE ||
      cairo_image_surface_get_height (self->preview_image) != (int) h * scale_factor * SUPERSAMPLE)
    {
      cairo_font_options_t *font_options = cairo_font_options_create ();
      int pixels = scale_factor * SUPERSAMPLE;
      cairo_t *image_cr;

      g_clear_pointer (&self->preview_image, cairo_surface_destroy);
      self->preview_image = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                        (int) w * pixels, (int) h * pixels);
      image_cr = cairo_create (self->preview_image);
      /* Hinting would snap the small glyphs away from where the layout put them. */
      cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
      cairo_set_font_options (image_cr, font_options);
      cairo_font_options_destroy (font_options);
      cairo_set_source_rgb (image_cr, 1, 1, 1);
      cairo_paint (image_cr);
      cairo_scale (image_cr, w * pixels / page_width, h * pixels / page_height);
      cairo_set_source_surface (image_cr, self->preview_recording, 0, 0);
      cairo_paint (image_cr);
      cairo_destroy (image_cr);
      cairo_surface_set_device_scale (self->preview_image, pixels, pixels);
    }

  for (int i = 3; i > 0; i--)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.06);
      cairo_rectangle (cr, x - i + 1, y - i + 2, w + 2 * i - 2, h + 2 * i - 2);
      cairo_fill (cr);
    }
  cairo_set_source_surface (cr, self->preview_image, x, y);
  cairo_paint (cr);
}
