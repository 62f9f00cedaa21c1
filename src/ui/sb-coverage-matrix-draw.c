/* sb-coverage-matrix-draw.c — the coverage matrix's size, drawing and geometry
 *
 * Only the rows and columns on screen are drawn, on every frame. Header text
 * is laid out once per row or column (lazily) and kept until the coverage,
 * the header width, the font or a story's title changes. Hit-testing and a
 * cell's rectangle are the same geometry read the other way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coverage-matrix"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <math.h>

#include "sb-readiness.h"
#include "sb-coverage-matrix-private.h"

#define DOT_RADIUS      7.f
#define MARK_RADIUS     5.f

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA grid;
  GdkRGBA stripe;
  GdkRGBA view_bg;
  GdkRGBA header_bg;
  GdkRGBA accent;
  GdkRGBA selection;
  GdkRGBA error;
  GdkRGBA warning;
  GdkRGBA warning_tint;
  GdkRGBA success;
} Palette;

/* ---- colours ------------------------------------------------------------ */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  gboolean found;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (!found)
    gdk_rgba_parse (color, fallback);
}

static void
palette_init (SbCoverageMatrix *self,
              Palette          *p)
{
  GtkWidget *widget = GTK_WIDGET (self);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, &p->fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &p->fg);
#endif
  p->dim = p->fg;
  p->dim.alpha *= 0.6f;
  p->grid = p->fg;
  p->grid.alpha *= 0.1f;
  p->stripe = p->fg;
  p->stripe.alpha *= 0.03f;

  lookup_color (widget, "view_bg_color", "#ffffff", &p->view_bg);
  lookup_color (widget, "window_bg_color", "#fafafa", &p->header_bg);
  lookup_color (widget, "accent_color", "#1c71d8", &p->accent);
  lookup_color (widget, "accent_bg_color", "#3584e4", &p->selection);
  p->selection.alpha = 0.15f;
  lookup_color (widget, "error_color", "#c01c28", &p->error);
  lookup_color (widget, "warning_color", "#9c6e03", &p->warning);
  p->warning_tint = p->warning;
  p->warning_tint.alpha = 0.15f;
  lookup_color (widget, "success_color", "#1b8553", &p->success);
}

static void
append_dot (GtkSnapshot   *snapshot,
            float          cx,
            float          cy,
            float          radius,
            const GdkRGBA *color,
            gboolean       filled)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (cx - radius, cy - radius,
                                                        2 * radius, 2 * radius),
                                   radius);
  if (filled)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, color, &rect.bounds);
      gtk_snapshot_pop (snapshot);
    }
  else
    {
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { *color, *color, *color, *color };

      gtk_snapshot_append_border (snapshot, &rect, widths, colors);
    }
}

static const GdkRGBA *
level_color (const Palette   *p,
             SbCoverageLevel  level)
{
  switch (level)
    {
    case SB_COVERAGE_LEVEL_NONE:
      return &p->error;
    case SB_COVERAGE_LEVEL_ONE:
      return &p->warning;
    case SB_COVERAGE_LEVEL_GOOD:
    default:
      return &p->success;
    }
}

/* ---- layout caches ------------------------------------------------------ */

void
_sb_coverage_matrix_clear_layout_caches (SbCoverageMatrix *self)
{
  guint rows = _sb_coverage_matrix_n_rows (self);
  guint columns = _sb_coverage_matrix_n_columns (self);

  g_ptr_array_set_size (self->row_name_layouts, 0);
  g_ptr_array_set_size (self->row_count_layouts, 0);
  g_ptr_array_set_size (self->column_layouts, 0);
  g_ptr_array_set_size (self->row_name_layouts, rows);
  g_ptr_array_set_size (self->row_count_layouts, rows);
  g_ptr_array_set_size (self->column_layouts, columns);
  g_array_set_size (self->column_readiness, columns);
  if (columns > 0)
    memset (self->column_readiness->data, -1, columns);
  for (guint i = 0; i < G_N_ELEMENTS (self->legend_layouts); i++)
    g_clear_object (&self->legend_layouts[i]);
  g_clear_object (&self->title_context);
  /* Titles are watched again as their columns are laid out. */
  _sb_coverage_matrix_unwatch_titles (self);
  if (self->focus_column >= 0 && (guint) self->focus_column < columns)
    _sb_coverage_matrix_watch_title (self, sb_coverage_get_story (self->coverage, self->focus_column));
}

/* The columns on screen, [*first, *last). */
void
_sb_coverage_matrix_visible_columns (SbCoverageMatrix *self,
                                     int              *first,
                                     int              *last)
{
  int columns = _sb_coverage_matrix_n_columns (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  *first = CLAMP ((int) floor (_sb_coverage_matrix_hvalue (self) / COLUMN_WIDTH), 0, columns);
  *last = CLAMP ((int) ceil ((_sb_coverage_matrix_hvalue (self) + width - self->header_width) /
                             COLUMN_WIDTH),
                 *first, columns);
}

/* Reads the readiness of the columns on screen that have none yet, a few
 * milliseconds at a time, and draws again. */
static gboolean
readiness_idle_cb (gpointer data)
{
  SbCoverageMatrix *self = data;
  gint64 deadline = g_get_monotonic_time () + 3000;
  int first, last;

  if (self->coverage == NULL || !self->shown)
    {
      self->readiness_id = 0;
      return G_SOURCE_REMOVE;
    }

  _sb_coverage_matrix_visible_columns (self, &first, &last);
  for (int c = first; c < last && c < (int) self->column_readiness->len; c++)
    {
      gint8 *level = &g_array_index (self->column_readiness, gint8, c);

      if (*level >= 0)
        continue;
      {
        g_auto(SbReadiness) readiness = sb_story_get_readiness (self->store,
                                                                sb_coverage_get_story (self->coverage, c));
        *level = (gint8) readiness.level;
      }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (g_get_monotonic_time () > deadline)
        return G_SOURCE_CONTINUE;
    }
  self->readiness_id = 0;
  return G_SOURCE_REMOVE;
}

/* The story's readiness for column @column, or -1 while it is read after
 * the frame: the coach's checks on a screenful of stories not checked yet
 * took ~2 ms of the frame that first shows the page. */
int
_sb_coverage_matrix_column_readiness (SbCoverageMatrix *self,
                                      guint             column)
{
  int level;

  if (column >= self->column_readiness->len)
    return -1;
  level = g_array_index (self->column_readiness, gint8, column);
  if (level < 0 && self->readiness_id == 0)
    self->readiness_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, readiness_idle_cb, self, NULL);
  return level;
}

PangoLayout *
_sb_coverage_matrix_row_name_layout (SbCoverageMatrix *self,
                                     guint             row)
{
  PangoLayout *layout = g_ptr_array_index (self->row_name_layouts, row);

  if (layout == NULL)
    {
      SbTheme *theme = sb_coverage_get_theme (self->coverage, row);

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), sb_theme_get_name (theme));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, MAX (1, self->header_width - ROW_NAME_PADDING) * PANGO_SCALE);
      g_ptr_array_index (self->row_name_layouts, row) = layout;
    }

  return layout;
}

static PangoLayout *
row_count_layout (SbCoverageMatrix *self,
                  guint             row)
{
  PangoLayout *layout = g_ptr_array_index (self->row_count_layouts, row);

  if (layout == NULL)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", sb_coverage_get_theme_count (self->coverage, row));
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_ptr_array_index (self->row_count_layouts, row) = layout;
    }

  return layout;
}

/* The story titles are drawn turned a quarter: hinting, made for upright
 * text, does nothing for them but cost the glyphs' first drawing (~2 ms
 * of the frame that first shows the page). Their context hints nothing;
 * made again when the font settings change (clear_layout_caches). */
static PangoContext *
title_context (SbCoverageMatrix *self)
{
  if (self->title_context == NULL)
    {
      cairo_font_options_t *options;
      const cairo_font_options_t *current;

      self->title_context = gtk_widget_create_pango_context (GTK_WIDGET (self));
      current = pango_cairo_context_get_font_options (self->title_context);
      options = current != NULL ? cairo_font_options_copy (current) : cairo_font_options_create ();
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (self->title_context, options);
      cairo_font_options_destroy (options);
    }
  return self->title_context;
}

static PangoLayout *
title_layout_new (SbCoverageMatrix *self,
                  const char       *title)
{
  PangoLayout *layout = pango_layout_new (title_context (self));
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_text (layout, title, -1);

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.9));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

PangoLayout *
_sb_coverage_matrix_column_layout (SbCoverageMatrix *self,
                                   guint             column)
{
  PangoLayout *layout = g_ptr_array_index (self->column_layouts, column);

  if (layout == NULL)
    {
      SbStory *story = sb_coverage_get_story (self->coverage, column);

      layout = title_layout_new (self, sb_story_get_display_title (story));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, MAX (1, self->header_height - COLUMN_TITLE_PADDING) * PANGO_SCALE);
      g_ptr_array_index (self->column_layouts, column) = layout;
      _sb_coverage_matrix_watch_title (self, story);
    }

  return layout;
}

static PangoLayout *
legend_layout (SbCoverageMatrix *self,
               guint             i)
{
  if (self->legend_layouts[i] == NULL)
    {
      g_autofree char *stretched = g_strdup_printf (_("Stretched thin (%u+ themes)"),
                                                    SB_COVERAGE_MAX_THEMES_PER_STORY + 1);
      const char *texts[] = { _("Primary story"), _("Secondary story"), stretched };
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), texts[i]);
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.83));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, MAX (1, self->header_width - 44) * PANGO_SCALE);
      self->legend_layouts[i] = layout;
    }

  return self->legend_layouts[i];
}

/* The widest of the few longest strings, in pixels: laying out ten
 * thousand titles on every rebuild would cost more than it tells. On the
 * way, each string longer than all before it is measured (a few of them):
 * once one is as wide as @enough, no header could show more and the rest
 * are not read (at 10,000 stories, reading every title was ~5 ms). */
#define N_MEASURED 6
#define N_MEASURED_ON_THE_WAY 12

static int
measure_text (SbCoverageMatrix *self,
              const char       *text,
              gboolean          title)
{
  g_autoptr(PangoLayout) layout = title ? title_layout_new (self, text)
                                        : gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static int
widest_of_longest (SbCoverageMatrix *self,
                   guint             n,
                   const char     *(*get) (SbCoverage *, guint),
                   gboolean          title,
                   int               enough)
{
  const char *longest[N_MEASURED] = { NULL, };
  glong lengths[N_MEASURED] = { 0, };
  glong record = 0;
  guint n_on_the_way = 0;
  int widest = 0;

  for (guint i = 0; i < n; i++)
    {
      const char *text = get (self->coverage, i);
      glong length = g_utf8_strlen (text, -1);
      guint slot = 0;

      if (length > record && n_on_the_way < N_MEASURED_ON_THE_WAY)
        {
          record = length;
          n_on_the_way++;
          widest = MAX (widest, measure_text (self, text, title));
          if (widest >= enough)
            return widest;
        }

      for (guint k = 1; k < N_MEASURED; k++)
        if (lengths[k] < lengths[slot])
          slot = k;
      if (length > lengths[slot])
        {
          lengths[slot] = length;
          longest[slot] = text;
        }
    }

  for (guint k = 0; k < N_MEASURED; k++)
    if (longest[k] != NULL)
      widest = MAX (widest, measure_text (self, longest[k], title));
  return widest;
}

static const char *
theme_name_at (SbCoverage *coverage,
               guint       row)
{
  return sb_theme_get_name (sb_coverage_get_theme (coverage, row));
}

static const char *
story_title_at (SbCoverage *coverage,
                guint       column)
{
  return sb_story_get_display_title (sb_coverage_get_story (coverage, column));
}

/* How wide the names want the headers; the allocation gives them that
 * much of the room the cells leave. */
void
_sb_coverage_matrix_measure_names (SbCoverageMatrix *self)
{
  self->names_width = self->titles_width = 0;
  if (self->coverage == NULL)
    return;
  self->names_width = widest_of_longest (self, _sb_coverage_matrix_n_rows (self), theme_name_at, FALSE,
                                         MAX_HEADER_WIDTH - ROW_NAME_PADDING);
  self->titles_width = widest_of_longest (self, _sb_coverage_matrix_n_columns (self), story_title_at, TRUE,
                                          MAX_HEADER_HEIGHT - COLUMN_TITLE_PADDING);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* After a title changed (or may have, unseen): the themes are the same,
 * and the size is asked for again only if the headers want another. */
void
_sb_coverage_matrix_measure_titles (SbCoverageMatrix *self)
{
  int titles_width;

  if (self->coverage == NULL)
    return;
  titles_width = widest_of_longest (self, _sb_coverage_matrix_n_columns (self), story_title_at, TRUE,
                                    MAX_HEADER_HEIGHT - COLUMN_TITLE_PADDING);
  if (titles_width != self->titles_width)
    {
      self->titles_width = titles_width;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/* ---- geometry ----------------------------------------------------------- */

HitRegion
_sb_coverage_matrix_hit_test (SbCoverageMatrix *self,
                              double            x,
                              double            y,
                              int              *row,
                              int              *column)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int r = -1, c = -1;

  *row = *column = -1;
  if (self->coverage == NULL || x < 0 || y < 0 || x >= width || y >= height)
    return HIT_NONE;

  if (x >= self->header_width)
    {
      double cx = x - self->header_width + _sb_coverage_matrix_hvalue (self);
      c = (int) floor (cx / COLUMN_WIDTH);
      if (c < 0 || c >= (int) _sb_coverage_matrix_n_columns (self))
        c = -1;
    }
  if (y >= self->header_height)
    {
      double cy = y - self->header_height + _sb_coverage_matrix_vvalue (self);
      r = (int) floor (cy / ROW_HEIGHT);
      if (r < 0 || r >= (int) _sb_coverage_matrix_n_rows (self))
        r = -1;
    }

  *row = r;
  *column = c;

  if (x < self->header_width && y < self->header_height)
    return HIT_CORNER;
  if (x < self->header_width)
    return r >= 0 ? HIT_ROW_HEADER : HIT_NONE;
  if (y < self->header_height)
    return c >= 0 ? HIT_COLUMN_HEADER : HIT_NONE;
  return (r >= 0 && c >= 0) ? HIT_CELL : HIT_NONE;
}

void
_sb_coverage_matrix_cell_rect (SbCoverageMatrix *self,
                               int               row,
                               int               column,
                               GdkRectangle     *rect)
{
  rect->x = self->header_width + column * COLUMN_WIDTH - (int) _sb_coverage_matrix_hvalue (self);
  rect->y = self->header_height + row * ROW_HEIGHT - (int) _sb_coverage_matrix_vvalue (self);
  rect->width = COLUMN_WIDTH;
  rect->height = ROW_HEIGHT;
}

/* ---- drawing ------------------------------------------------------------ */

static void
snapshot_cells (SbCoverageMatrix *self,
                GtkSnapshot      *snapshot,
                const Palette    *p,
                int               width,
                int               height,
                int first_row, int last_row,
                int first_column, int last_column)
{
  int hw = self->header_width;
  float x0 = hw - (float) _sb_coverage_matrix_hvalue (self);
  float y0 = self->header_height - (float) _sb_coverage_matrix_vvalue (self);
  float cells_width = MIN (width - hw, _sb_coverage_matrix_n_columns (self) * COLUMN_WIDTH -
                                       (float) _sb_coverage_matrix_hvalue (self));

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (hw, self->header_height,
                                                         width - hw, height - self->header_height));

  for (int r = first_row; r < last_row; r++)
    {
      float y = y0 + r * ROW_HEIGHT;
      SbTheme *theme = sb_coverage_get_theme (self->coverage, r);

      if (self->selected_theme != NULL &&
          g_strcmp0 (sb_theme_get_slug (theme), self->selected_theme) == 0)
        gtk_snapshot_append_color (snapshot, &p->selection,
                                   &GRAPHENE_RECT_INIT (hw, y, cells_width, ROW_HEIGHT));
      else if (r % 2 == 1)
        gtk_snapshot_append_color (snapshot, &p->stripe,
                                   &GRAPHENE_RECT_INIT (hw, y, cells_width, ROW_HEIGHT));
      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (hw, y + ROW_HEIGHT - 1, cells_width, 1));
    }

  for (int c = first_column; c < last_column; c++)
    {
      float x = x0 + c * COLUMN_WIDTH;
      float rows_height = MIN (height - self->header_height, (last_row - first_row + 1) * ROW_HEIGHT);

      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (x + COLUMN_WIDTH - 1, self->header_height,
                                                      1, MIN (rows_height,
                                                              y0 + last_row * ROW_HEIGHT - self->header_height)));
    }

  for (int r = first_row; r < last_row; r++)
    {
      float cy = y0 + r * ROW_HEIGHT + ROW_HEIGHT / 2.f;

      for (int c = first_column; c < last_column; c++)
        {
          float cx = x0 + c * COLUMN_WIDTH + COLUMN_WIDTH / 2.f;

          switch (sb_coverage_get_cell (self->coverage, r, c))
            {
            case SB_STRENGTH_PRIMARY:
              append_dot (snapshot, cx, cy, DOT_RADIUS, &p->accent, TRUE);
              break;
            case SB_STRENGTH_SECONDARY:
              append_dot (snapshot, cx, cy, DOT_RADIUS - 1, &p->accent, FALSE);
              break;
            case SB_STRENGTH_NONE:
            default:
              break;
            }
          self->n_cells_drawn++;
        }
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_row >= 0)
    {
      GskRoundedRect ring;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { p->accent, p->accent, p->accent, p->accent };

      gsk_rounded_rect_init_from_rect (&ring,
                                       &GRAPHENE_RECT_INIT (x0 + self->focus_column * COLUMN_WIDTH + 2,
                                                            y0 + self->focus_row * ROW_HEIGHT + 2,
                                                            COLUMN_WIDTH - 4, ROW_HEIGHT - 4),
                                       6);
      gtk_snapshot_append_border (snapshot, &ring, widths, colors);
    }

  gtk_snapshot_pop (snapshot);
}

static void
snapshot_row_headers (SbCoverageMatrix *self,
                      GtkSnapshot      *snapshot,
                      const Palette    *p,
                      int               height,
                      int               first_row,
                      int               last_row)
{
  int hw = self->header_width;
  float y0 = self->header_height - (float) _sb_coverage_matrix_vvalue (self);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, self->header_height, hw, height - self->header_height));
  gtk_snapshot_append_color (snapshot, &p->header_bg,
                             &GRAPHENE_RECT_INIT (0, self->header_height, hw, height - self->header_height));

  for (int r = first_row; r < last_row; r++)
    {
      float y = y0 + r * ROW_HEIGHT;
      SbTheme *theme = sb_coverage_get_theme (self->coverage, r);
      PangoLayout *name = _sb_coverage_matrix_row_name_layout (self, r);
      PangoLayout *count = row_count_layout (self, r);
      int lw, lh;

      if (self->selected_theme != NULL &&
          g_strcmp0 (sb_theme_get_slug (theme), self->selected_theme) == 0)
        gtk_snapshot_append_color (snapshot, &p->selection, &GRAPHENE_RECT_INIT (0, y, hw, ROW_HEIGHT));

      append_dot (snapshot, 14, y + ROW_HEIGHT / 2.f, MARK_RADIUS,
                  level_color (p, sb_coverage_get_theme_level (self->coverage, r)), TRUE);

      pango_layout_get_pixel_size (name, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (28, y + (ROW_HEIGHT - lh) / 2.f));
      gtk_snapshot_append_layout (snapshot, name, &p->fg);
      gtk_snapshot_restore (snapshot);

      pango_layout_get_pixel_size (count, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (hw - 14 - lw, y + (ROW_HEIGHT - lh) / 2.f));
      gtk_snapshot_append_layout (snapshot, count,
                                  level_color (p, sb_coverage_get_theme_level (self->coverage, r)));
      gtk_snapshot_restore (snapshot);

      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (0, y + ROW_HEIGHT - 1, hw, 1));
    }

  gtk_snapshot_append_color (snapshot, &p->grid,
                             &GRAPHENE_RECT_INIT (hw - 1, self->header_height, 1, height - self->header_height));
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_column_headers (SbCoverageMatrix *self,
                         GtkSnapshot      *snapshot,
                         const Palette    *p,
                         int               width,
                         int               first_column,
                         int               last_column)
{
  int hw = self->header_width;
  float x0 = hw - (float) _sb_coverage_matrix_hvalue (self);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (hw, 0, width - hw, self->header_height));
  gtk_snapshot_append_color (snapshot, &p->header_bg,
                             &GRAPHENE_RECT_INIT (hw, 0, width - hw, self->header_height));

  for (int c = first_column; c < last_column; c++)
    {
      float x = x0 + c * COLUMN_WIDTH;
      PangoLayout *layout = _sb_coverage_matrix_column_layout (self, c);
      int lw, lh;

      if (gtk_widget_has_focus (GTK_WIDGET (self)) && c == self->focus_column)
        gtk_snapshot_append_color (snapshot, &p->selection,
                                   &GRAPHENE_RECT_INIT (x, 0, COLUMN_WIDTH, self->header_height));
      else if (sb_coverage_story_is_overloaded (self->coverage, c))
        gtk_snapshot_append_color (snapshot, &p->warning_tint,
                                   &GRAPHENE_RECT_INIT (x, 0, COLUMN_WIDTH, self->header_height));

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      /* Bottom-to-top text, its baseline side towards the next column. */
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (x + (COLUMN_WIDTH - lh) / 2.f, self->header_height - 10));
      gtk_snapshot_rotate (snapshot, -90);
      gtk_snapshot_append_layout (snapshot, layout, &p->fg);
      gtk_snapshot_restore (snapshot);

      if (sb_coverage_story_is_overloaded (self->coverage, c))
        gtk_snapshot_append_color (snapshot, &p->warning,
                                   &GRAPHENE_RECT_INIT (x + 4, self->header_height - 6, COLUMN_WIDTH - 8, 4));

      /* The story's readiness, as the list shows it: a dot at the top. */
      {
        int level = _sb_coverage_matrix_column_readiness (self, c);
        const GdkRGBA *colors[] = { &p->warning, &p->accent, &p->success };

        if (level >= 0 && level < (int) G_N_ELEMENTS (colors))
          append_dot (snapshot, x + COLUMN_WIDTH / 2.f, 8.f, 3.f, colors[level], TRUE);
      }

      gtk_snapshot_append_color (snapshot, &p->grid,
                                 &GRAPHENE_RECT_INIT (x + COLUMN_WIDTH - 1, 0, 1, self->header_height));
    }

  gtk_snapshot_append_color (snapshot, &p->grid,
                             &GRAPHENE_RECT_INIT (hw, self->header_height - 1, width - hw, 1));
  gtk_snapshot_pop (snapshot);
}

static void
snapshot_corner (SbCoverageMatrix *self,
                 GtkSnapshot      *snapshot,
                 const Palette    *p)
{
  int hw = self->header_width;
  float y = self->header_height - 3 * 24 - 8;

  gtk_snapshot_append_color (snapshot, &p->header_bg, &GRAPHENE_RECT_INIT (0, 0, hw, self->header_height));

  /* The legend: what a filled dot, a ring and an underline mean. */
  for (guint i = 0; i < 3; i++, y += 24)
    {
      PangoLayout *layout = legend_layout (self, i);
      int lw, lh;

      if (i == 0)
        append_dot (snapshot, 18, y + 12, DOT_RADIUS - 2, &p->accent, TRUE);
      else if (i == 1)
        append_dot (snapshot, 18, y + 12, DOT_RADIUS - 3, &p->accent, FALSE);
      else
        {
          gtk_snapshot_append_color (snapshot, &p->warning_tint, &GRAPHENE_RECT_INIT (8, y + 2, 20, 20));
          gtk_snapshot_append_color (snapshot, &p->warning, &GRAPHENE_RECT_INIT (10, y + 16, 16, 4));
        }

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (34, y + (24 - lh) / 2.f));
      gtk_snapshot_append_layout (snapshot, layout, &p->dim);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_append_color (snapshot, &p->grid, &GRAPHENE_RECT_INIT (0, self->header_height - 1, hw, 1));
  gtk_snapshot_append_color (snapshot, &p->grid, &GRAPHENE_RECT_INIT (hw - 1, 0, 1, self->header_height));
}

static void
sb_coverage_matrix_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int rows = _sb_coverage_matrix_n_rows (self);
  int first_row, last_row, first_column, last_column;
  Palette p;

  self->n_cells_drawn = 0;
  if (self->coverage == NULL || width <= 0 || height <= 0)
    return;

  palette_init (self, &p);

  _sb_coverage_matrix_visible_columns (self, &first_column, &last_column);
  first_row = CLAMP ((int) floor (_sb_coverage_matrix_vvalue (self) / ROW_HEIGHT), 0, rows);
  last_row = CLAMP ((int) ceil ((_sb_coverage_matrix_vvalue (self) + height - self->header_height) /
                                ROW_HEIGHT),
                    first_row, rows);

  gtk_snapshot_append_color (snapshot, &p.view_bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  snapshot_cells (self, snapshot, &p, width, height, first_row, last_row, first_column, last_column);
  snapshot_row_headers (self, snapshot, &p, height, first_row, last_row);
  snapshot_column_headers (self, snapshot, &p, width, first_column, last_column);
  snapshot_corner (self, snapshot, &p);
}

/* The first frame that shows the matrix made the layouts of the column
 * titles on screen and had cairo load the glyphs of the turned titles
 * (~35 % of that frame's instructions at 10,000 stories). Drawn here once
 * into an image surface, off screen, those are made before: the layouts
 * stay in column_layouts, the glyphs in cairo's cache of the turned
 * font. A title drawn while hidden is not watched; showing the matrix
 * compares the kept titles with the stories' (revalidate_titles()). */
void
sb_coverage_matrix_draw_off_screen (SbCoverageMatrix *self)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_cells_drawn = self->n_cells_drawn;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_if_fail (SB_IS_COVERAGE_MATRIX (self));

  /* Stale, it would draw what the bank was: rebuilt when shown. */
  if (self->coverage == NULL || self->stale || width <= 0 || height <= 0)
    return;
  snapshot = gtk_snapshot_new ();
  sb_coverage_matrix_snapshot (GTK_WIDGET (self), snapshot);
  self->n_cells_drawn = n_cells_drawn;
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- size --------------------------------------------------------------- */

static void
sb_coverage_matrix_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_HEADER_WIDTH + 2 * COLUMN_WIDTH;
      *natural = CLAMP (self->names_width + ROW_NAME_PADDING, MIN_HEADER_WIDTH, MAX_HEADER_WIDTH) +
                 MIN (_sb_coverage_matrix_n_columns (self), 200) * COLUMN_WIDTH;
    }
  else
    {
      *minimum = MIN_HEADER_HEIGHT + 2 * ROW_HEIGHT;
      *natural = CLAMP (self->titles_width + COLUMN_TITLE_PADDING, MIN_HEADER_HEIGHT, MAX_HEADER_HEIGHT) +
                 _sb_coverage_matrix_n_rows (self) * ROW_HEIGHT;
    }
  /* Before its first build (a page not shown yet) it has no columns. */
  *natural = MAX (*natural, *minimum);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         upper,
                      double         page_size,
                      double         step)
{
  double value;

  if (adjustment == NULL)
    return;

  page_size = MAX (page_size, 0);
  value = CLAMP (gtk_adjustment_get_value (adjustment), 0, MAX (0, upper - page_size));
  gtk_adjustment_configure (adjustment, value, 0, MAX (upper, page_size),
                            step, page_size * 0.9, page_size);
}

static void
sb_coverage_matrix_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  SbCoverageMatrix *self = SB_COVERAGE_MATRIX (widget);
  int cells_width = _sb_coverage_matrix_n_columns (self) * COLUMN_WIDTH;
  int header_width, header_height, widest, tallest;

  /* Theme names may take the room the cells leave (at least two fifths of
   * the width, as before), keeping two columns in sight; story titles up
   * to half the height. Whatever is still cut has a tooltip. */
  widest = MAX (width * 2 / 5, width - cells_width);
  widest = MIN (widest, width - 2 * COLUMN_WIDTH);
  widest = CLAMP (widest, MIN_HEADER_WIDTH, MAX_HEADER_WIDTH);
  header_width = CLAMP (self->names_width + ROW_NAME_PADDING, MIN_HEADER_WIDTH, widest);

  tallest = CLAMP (height / 2, MIN_HEADER_HEIGHT, MAX_HEADER_HEIGHT);
  header_height = CLAMP (self->titles_width + COLUMN_TITLE_PADDING, MIN_HEADER_HEIGHT, tallest);

  if (header_width != self->header_width || header_height != self->header_height)
    {
      self->header_width = header_width;
      self->header_height = header_height;
      _sb_coverage_matrix_clear_layout_caches (self);
    }

  configure_adjustment (self->hadjustment, _sb_coverage_matrix_n_columns (self) * COLUMN_WIDTH,
                        width - header_width, COLUMN_WIDTH);
  configure_adjustment (self->vadjustment, _sb_coverage_matrix_n_rows (self) * ROW_HEIGHT,
                        height - self->header_height, ROW_HEIGHT);

  /* Narrowed with the keyboard in it (the theme's panel opens beside it
   * when a key moves the focus cell): the focus cell stays in sight. */
  if ((width < self->allocated_width || height < self->allocated_height) &&
      gtk_widget_has_focus (widget) && self->focus_row >= 0)
    _sb_coverage_matrix_scroll_to_cell (self, self->focus_row, self->focus_column);
  self->allocated_width = width;
  self->allocated_height = height;
}

/* ---- GtkWidget ---------------------------------------------------------- */

void
_sb_coverage_matrix_class_init_draw (GtkWidgetClass *widget_class)
{
  widget_class->snapshot = sb_coverage_matrix_snapshot;
  widget_class->measure = sb_coverage_matrix_measure;
  widget_class->size_allocate = sb_coverage_matrix_size_allocate;
}
