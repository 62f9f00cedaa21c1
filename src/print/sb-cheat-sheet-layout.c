/* sb-cheat-sheet-layout.c — fitting the cheat sheet to one page, and drawing it
 *
 * The page is a header (the person's name, the framework, the date), then
 * theme blocks flowing down two or three columns, then an optional footer
 * that says what had to be left out. A block never splits across columns.
 *
 * Fitting first measures every piece at full length and takes the largest
 * type, down to a size that still reads at a glance, at which it all fits
 * in two columns or three. Only when it does not are pieces shortened, and
 * then as little as fills the page: each piece has shorter forms, cut at
 * sentence and then clause boundaries (SbSheetText), and one limit on
 * their length (weighted by the kind of piece, so hooks give way before
 * learnings and learnings before results) shortens the longest pieces
 * first, wherever they are. When even the shortest forms do not fit, the
 * type shrinks further, then details are left out, and at last whole
 * themes from the end. Every piece is measured with the same Pango layout
 * it is drawn with, so nothing measured to fit is ever cut at the page
 * edge, and Pango never ellipsizes a piece of a story.
 *
 * This file holds the fitting and the rendering; the pieces, blocks,
 * header and footer are laid out and drawn in sb-cheat-sheet-layout-draw.c
 * and shortened in sb-cheat-sheet-layout-cut.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sb-cheat-sheet-layout-private.h"

#define MIN_COLUMN_EMS 19.0     /* a column is at least this many body sizes wide */
#define COMFORTABLE_COLUMN_EMS 26.0   /* …and best about this wide (~55 characters) */

#define N_SIZES ((guint) ((SB_CHEAT_SHEET_MAX_FONT_SIZE - SB_CHEAT_SHEET_MIN_FONT_SIZE) / SB_SHEET_FONT_STEP) + 1)

static double
column_gutter (double size)
{
  return MAX (12.0, size * 1.8);
}

double
_sb_layout_block_gap (double size)
{
  return size * 1.0;
}

/* Places blocks down the columns in order, each column at most @height
 * tall; column[i] receives the column of block i. FALSE when they overflow. */
static gboolean
flow_columns (const double *heights,
              guint         n_blocks,
              guint         n_columns,
              double        height,
              double        gap,
              guint        *column)
{
  guint col = 0;
  double y = 0;

  for (guint i = 0; i < n_blocks; i++)
    {
      double need = (y > 0 ? gap : 0) + heights[i];

      if (heights[i] > height)
        return FALSE;
      if (y + need > height)
        {
          if (++col >= n_columns)
            return FALSE;
          y = 0;
          need = heights[i];
        }
      y += need;
      if (column != NULL)
        column[i] = col;
    }
  return TRUE;
}

/* Block i of the fit: the story blocks shown, then the gap block. */
const Block *
_sb_layout_fit_block (const Page *page,
                      const Fit  *fit,
                      guint       i)
{
  if (i < fit->n_shown)
    return &g_array_index (page->blocks, Block, i);
  return &g_array_index (page->blocks, Block, page->n_story_blocks);
}

guint
_sb_layout_fit_n_blocks (const Page *page,
                         const Fit  *fit)
{
  return fit->n_shown + (page->blocks->len > page->n_story_blocks ? 1 : 0);
}

static guint
count_stories_left_out (const Page *page,
                        guint       n_shown)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) left_out = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < page->n_story_blocks; i++)
    {
      const Block *block = &g_array_index (page->blocks, Block, i);

      if (i < n_shown)
        g_hash_table_add (shown, block->theme->story);
      else if (!g_hash_table_contains (shown, block->theme->story))
        g_hash_table_add (left_out, block->theme->story);
    }
  return g_hash_table_size (left_out);
}

/* Measures the header, footer and blocks for @fit's size, columns, detail,
 * cut and n_shown, filling in its geometry and heights. Stops early, returning
 * FALSE, as soon as the blocks cannot fit. */
static gboolean
fit_measure (Fit                *fit,
             PangoContext       *context,
             const SbCheatSheet *sheet,
             const Page         *page)
{
  g_autofree char *footer = NULL;
  guint n_blocks = _sb_layout_fit_n_blocks (page, fit);
  double gap = _sb_layout_block_gap (fit->size);
  double gutter = column_gutter (fit->size);
  double y = 0;
  guint col = 0;
  gboolean fits = TRUE;
  SbPen pen;

  _sb_layout_pen_init (&pen, context, fit->size);
  pen.heights = page->heights;
  pen.limit = g_array_index (page->limits, double, fit->cut);

  fit->column_width = (page->width - gutter * (fit->n_columns - 1)) / fit->n_columns;
  fit->columns_top = _sb_layout_header_show (&pen, sheet, page);
  footer = _sb_layout_footer_text (fit->detail, page->n_story_blocks - fit->n_shown,
                                   count_stories_left_out (page, fit->n_shown));
  fit->footer_height = 0;
  if (footer != NULL)
    fit->footer_height = _sb_layout_pen_show (&pen, PIECE_NOTE, NULL, footer, NULL, 0, 0, page->width) +
                         fit->size * 0.8;
  fit->columns_height = page->height - fit->columns_top - fit->footer_height;

  g_free (fit->heights);
  fit->heights = g_new0 (double, MAX (n_blocks, 1));

  for (guint i = 0; i < n_blocks && fits; i++)
    {
      double need;

      fit->heights[i] = _sb_layout_block_show (&pen, page, _sb_layout_fit_block (page, fit, i), fit->detail,
                                               0, 0, fit->column_width);
      need = (y > 0 ? gap : 0) + fit->heights[i];
      if (fit->heights[i] > fit->columns_height)
        fits = FALSE;
      else if (y + need > fit->columns_height)
        {
          fits = ++col < fit->n_columns;
          y = fit->heights[i];
        }
      else
        y += need;
    }

  sb_pen_clear (&pen);
  return fits && fit->columns_height > 0;
}

static double
size_at (guint step)
{
  return SB_CHEAT_SHEET_MAX_FONT_SIZE - step * SB_SHEET_FONT_STEP;
}

static guint
size_step (double size)
{
  return (guint) round ((SB_CHEAT_SHEET_MAX_FONT_SIZE - size) / SB_SHEET_FONT_STEP);
}

static double
column_width (const Page *page,
              double      size,
              guint       n_columns)
{
  return (page->width - column_gutter (size) * (n_columns - 1)) / n_columns;
}

/* Moves @from into @to, which keeps the heights. */
static void
fit_take (Fit *to,
          Fit *from)
{
  g_free (to->heights);
  *to = *from;
  from->heights = NULL;
}

/* The first size step at which @n_columns are wide enough: a column is
 * never narrower than MIN_COLUMN_EMS, so that its lines keep enough words
 * to read at a glance. N_SIZES when none is. */
static guint
first_size_for_columns (const Page *page,
                        guint       n_columns)
{
  guint step = 0;

  while (step < N_SIZES &&
         column_width (page, size_at (step), n_columns) < MIN_COLUMN_EMS * size_at (step))
    step++;
  return step;
}

/* The largest size, among size steps @first_step to @n_steps - 1, at which
 * the blocks fit in @n_columns at @detail and @cut, into @best; FALSE when
 * none does. Fitting is monotonic in the size, so this bisects the steps.
 * With @smallest_first it tries the smallest of them before anything else
 * and gives up at once if that fails: cheaper when the content probably
 * does not fit. */
static gboolean
fit_largest_size (Fit                *best,
                  PangoContext       *context,
                  const SbCheatSheet *sheet,
                  const Page         *page,
                  guint               n_columns,
                  SbSheetDetail       detail,
                  guint               cut,
                  guint               first_step,
                  guint               n_steps,
                  gboolean            smallest_first)
{
  Fit attempt = { 0, };
  guint lo = MAX (first_step, first_size_for_columns (page, n_columns));
  guint hi = n_steps;     /* the smallest step known to fit */

  attempt.n_columns = n_columns;
  attempt.detail = detail;
  attempt.cut = cut;
  attempt.n_shown = page->n_story_blocks;

  if (lo < n_steps && smallest_first)
    {
      attempt.size = size_at (n_steps - 1);
      if (!fit_measure (&attempt, context, sheet, page))
        {
          g_free (attempt.heights);
          return FALSE;
        }
      hi = n_steps - 1;
      fit_take (best, &attempt);
    }

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      attempt.size = size_at (mid);
      if (fit_measure (&attempt, context, sheet, page))
        {
          hi = mid;
          fit_take (best, &attempt);
        }
      else
        lo = mid + 1;
    }
  g_free (attempt.heights);
  return hi < n_steps;
}

/* Whether @a's columns are closer to a comfortable line length than @b's. */
static gboolean
fit_more_comfortable (const Fit *a,
                      const Fit *b)
{
  return fabs (a->column_width / a->size - COMFORTABLE_COLUMN_EMS) <
         fabs (b->column_width / b->size - COMFORTABLE_COLUMN_EMS);
}

/* The largest type among size steps @first_step to @n_steps - 1 at which
 * the blocks fit at @detail and @cut, in two columns or three: three when
 * they allow larger type than two, or the same type in lines closer to a
 * comfortable length. FALSE when neither fits. */
static gboolean
fit_best_size (Fit                *fit,
               PangoContext       *context,
               const SbCheatSheet *sheet,
               const Page         *page,
               SbSheetDetail       detail,
               guint               cut,
               guint               first_step,
               guint               n_steps,
               gboolean            smallest_first)
{
  double largest_three = size_at (first_size_for_columns (page, 3));
  gboolean two_fits = fit_largest_size (fit, context, sheet, page, 2, detail, cut,
                                        first_step, n_steps, smallest_first);
  /* Three columns matter only at sizes two columns do not beat. */
  guint three_steps = two_fits ? size_step (fit->size) + 1 : n_steps;
  Fit three = { 0, };
  gboolean three_wins;

  three_wins = (!two_fits || fit->size <= largest_three) &&
               fit_largest_size (&three, context, sheet, page, 3, detail, cut,
                                 first_step, three_steps, smallest_first) &&
               (!two_fits || three.size > fit->size ||
                (three.size == fit->size && fit_more_comfortable (&three, fit)));
  if (three_wins)
    fit_take (fit, &three);
  g_free (three.heights);
  return two_fits || three_wins;
}

/* The least cut (index into page->limits) at which the blocks fit at size
 * step @step and @detail in @n_columns, into @best; FALSE when even the
 * shortest forms do not fit. Shortening never makes a block taller, so
 * this bisects the cuts. */
static gboolean
fit_least_cut_in (Fit                *best,
                  PangoContext       *context,
                  const SbCheatSheet *sheet,
                  const Page         *page,
                  guint               n_columns,
                  guint               step,
                  SbSheetDetail       detail)
{
  Fit attempt = { 0, };
  guint lo = 0, hi = page->limits->len - 1;   /* the least cut known to fit */

  if (step < first_size_for_columns (page, n_columns))
    return FALSE;
  attempt.size = size_at (step);
  attempt.n_columns = n_columns;
  attempt.detail = detail;
  attempt.n_shown = page->n_story_blocks;
  attempt.cut = hi;
  if (!fit_measure (&attempt, context, sheet, page))
    {
      g_free (attempt.heights);
      return FALSE;
    }
  fit_take (best, &attempt);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      attempt.cut = mid;
      if (fit_measure (&attempt, context, sheet, page))
        {
          hi = mid;
          fit_take (best, &attempt);
        }
      else
        lo = mid + 1;
    }
  g_free (attempt.heights);
  return TRUE;
}

/* The least cut at size step @step, in two columns or three (the fewer
 * pieces shortened, the better; then the more comfortable lines). */
static gboolean
fit_least_cut (Fit                *fit,
               PangoContext       *context,
               const SbCheatSheet *sheet,
               const Page         *page,
               guint               step,
               SbSheetDetail       detail)
{
  Fit three = { 0, };
  gboolean two_fits = fit_least_cut_in (fit, context, sheet, page, 2, step, detail);
  gboolean three_wins = fit_least_cut_in (&three, context, sheet, page, 3, step, detail) &&
                        (!two_fits || three.cut < fit->cut ||
                         (three.cut == fit->cut && fit_more_comfortable (&three, fit)));

  if (three_wins)
    fit_take (fit, &three);
  g_free (three.heights);
  return two_fits || three_wins;
}

static void
fit_page (Fit                *fit,
          PangoContext       *context,
          const SbCheatSheet *sheet,
          const Page         *page)
{
  guint reading = size_step (SB_SHEET_READING_FONT_SIZE);
  guint shortest = page->limits->len - 1;
  guint lo, hi;

  /* Everything at full length, in the largest type that holds it, down
   * to a size that still reads at a glance. */
  if (fit_best_size (fit, context, sheet, page, SB_SHEET_DETAIL_FULL, 0, 0, reading + 1, FALSE))
    return;

  /* Then at that size, shortened as little as fills the page. */
  if (fit_least_cut (fit, context, sheet, page, reading, SB_SHEET_DETAIL_FULL))
    return;

  /* Even the shortest forms need smaller type: the largest that holds
   * them, with as much restored as fits at it; failing that, fewer
   * details. Once the full sheet did not fit, the rest probably will not
   * either: try the smallest size first. */
  for (SbSheetDetail detail = SB_SHEET_DETAIL_FULL; detail < SB_SHEET_N_DETAILS; detail++)
    if (fit_best_size (fit, context, sheet, page, detail, shortest, reading, N_SIZES, TRUE))
      {
        fit_least_cut (fit, context, sheet, page, size_step (fit->size), detail);
        return;
      }

  /* Nothing fits at the smallest type with the fewest details: leave out
   * whole themes from the end, as few as possible (bisected: fewer themes
   * always fit where more did). */
  fit->size = SB_CHEAT_SHEET_MIN_FONT_SIZE;
  fit->n_columns = 3;
  fit->detail = SB_SHEET_N_DETAILS - 1;
  fit->cut = shortest;
  lo = 0;
  hi = page->n_story_blocks;
  while (lo < hi)
    {
      fit->n_shown = (lo + hi + 1) / 2;
      if (fit_measure (fit, context, sheet, page))
        lo = fit->n_shown;
      else
        hi = fit->n_shown - 1;
    }
  fit->n_shown = lo;
  fit_measure (fit, context, sheet, page);
}

static void
page_init (Page               *page,
           const SbCheatSheet *sheet,
           double              width,
           double              height)
{
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  double margin = MIN (SB_SHEET_PAGE_MARGIN, MIN (width, height) * 0.06);

  page->x = margin;
  page->y = margin;
  page->width = MAX (width - 2 * margin, 1);
  page->height = MAX (height - 2 * margin, 1);
  page->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  page->gap_names = g_string_new (NULL);
  page->heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < sheet->themes->len; i++)
    {
      SbSheetTheme *theme = g_ptr_array_index (sheet->themes, i);
      Block block = { theme, FALSE };

      if (theme->story == NULL)
        {
          if (page->gap_names->len > 0)
            g_string_append (page->gap_names, " · ");
          g_string_append (page->gap_names, theme->name);
          continue;
        }
      block.reference = g_hash_table_contains (shown, theme->story);
      g_hash_table_add (shown, theme->story);
      g_array_append_val (page->blocks, block);
    }
  page->n_story_blocks = page->blocks->len;
  page->limits = _sb_layout_page_limits (page);

  if (page->gap_names->len > 0 || sheet->themes->len == 0)
    {
      Block gaps = { NULL, FALSE };

      if (sheet->themes->len == 0)
        g_string_append (page->gap_names, _("This framework has no themes yet."));
      g_array_append_val (page->blocks, gaps);
    }
}

static void
page_clear (Page *page)
{
  g_array_unref (page->blocks);
  g_string_free (page->gap_names, TRUE);
  g_array_unref (page->limits);
  g_hash_table_unref (page->heights);
}

/* The shortest column height at which the blocks still fit, so a sheet
 * with little on it has even columns rather than one full and one empty. */
static double
balanced_height (const Fit  *fit,
                 guint       n_blocks)
{
  double gap = _sb_layout_block_gap (fit->size);
  double lo = 0, hi = fit->columns_height;

  for (guint i = 0; i < n_blocks; i++)
    lo = MAX (lo, fit->heights[i]);
  if (!flow_columns (fit->heights, n_blocks, fit->n_columns, hi, gap, NULL))
    return hi;
  for (int i = 0; i < 24 && hi - lo > 0.5; i++)
    {
      double mid = (lo + hi) / 2;

      if (flow_columns (fit->heights, n_blocks, fit->n_columns, mid, gap, NULL))
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

void
sb_cheat_sheet_render (SbCheatSheet *sheet,
                       cairo_t      *cr,
                       double        width,
                       double        height)
{
  PangoContext *context;
  g_autofree guint *column = NULL;
  g_autofree char *footer = NULL;
  cairo_font_options_t *font_options;
  Fit fit = { 0, };
  Page page;
  guint n_blocks;
  double gap, gutter, column_height;
  double y[3] = { 0, 0, 0 };
  guint cuts[3];
  SbPen pen;

  g_return_if_fail (sheet != NULL);
  g_return_if_fail (cr != NULL);

  if (sheet->application != NULL)
    {
      _sb_sheet_application_render (sheet, cr, width, height);
      return;
    }

  cairo_save (cr);

  /* Points throughout, and no hinting: the page is measured once and must
   * lay out the same on a PDF surface and on a printer's context. */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72.0);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (context, FALSE);

  page_init (&page, sheet, width, height);
  fit_page (&fit, context, sheet, &page);

  sheet->font_size = fit.size;
  sheet->n_columns = fit.n_columns;
  sheet->detail = fit.detail;
  sheet->themes_left_out = page.n_story_blocks - fit.n_shown;
  sheet->stories_left_out = count_stories_left_out (&page, fit.n_shown);

  n_blocks = _sb_layout_fit_n_blocks (&page, &fit);
  gap = _sb_layout_block_gap (fit.size);
  gutter = column_gutter (fit.size);
  column = g_new0 (guint, MAX (n_blocks, 1));
  for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
    cuts[c] = fit.cut;
  /* A sheet that lost nothing has even columns rather than one full and
   * one short; one that was shortened fills every column. */
  column_height = fit.cut == 0 ? balanced_height (&fit, n_blocks) : fit.columns_height;
  if (!flow_columns (fit.heights, n_blocks, fit.n_columns, column_height, gap, column))
    {
      /* Only when even the "No story yet" list overflows: draw what fits. */
      column_height = fit.columns_height;
      flow_columns (fit.heights, n_blocks, fit.n_columns, column_height, gap, column);
    }
  else if (fit.cut > 0)
    _sb_layout_fit_restore_columns (&fit, context, &page, column, column_height, cuts);
  sheet->pieces_shortened = _sb_layout_count_pieces_shortened (&page, &fit, column, cuts);

  _sb_layout_pen_init (&pen, context, fit.size);
  pen.cr = cr;
  _sb_layout_header_show (&pen, sheet, &page);

  for (guint i = 0; i < n_blocks; i++)
    {
      guint c = column[i];
      double x = page.x + c * (fit.column_width + gutter);

      if (c >= fit.n_columns || y[c] + fit.heights[i] > column_height + 0.01)
        continue;
      pen.limit = g_array_index (page.limits, double, cuts[c]);
      _sb_layout_block_show (&pen, &page, _sb_layout_fit_block (&page, &fit, i), fit.detail,
                             x, page.y + fit.columns_top + y[c], fit.column_width);
      y[c] += fit.heights[i] + gap;
    }

  footer = _sb_layout_footer_text (fit.detail, sheet->themes_left_out, sheet->stories_left_out);
  if (footer != NULL)
    _sb_layout_pen_show (&pen, PIECE_NOTE, NULL, footer, NULL, page.x,
                         page.y + page.height - fit.footer_height + fit.size * 0.8, page.width);

  sb_pen_clear (&pen);
  g_free (fit.heights);
  page_clear (&page);
  g_object_unref (context);
  cairo_restore (cr);
}
