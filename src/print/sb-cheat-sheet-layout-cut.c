/* sb-cheat-sheet-layout-cut.c — a cheat sheet's pieces shortened as little as fills the page
 *
 * Which form of a piece a limit on the pieces' weighted length picks, the
 * limits a page's stories have, and once the blocks are in their columns,
 * each column given back as much of its text as it holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sb-cheat-sheet-layout-private.h"

/* A story piece: how long it may stay as others are shortened. */
static const double weight_of_length[N_PIECES] = {
  [PIECE_HOOK] = 0.7,
  [PIECE_ACTION] = 1.0,
  [PIECE_RESULT] = 1.6,
  [PIECE_LEARNING] = 1.2,
  /* A cue line has one form: its weight never matters. */
  [PIECE_CUE_SITUATION] = 1.0,
  [PIECE_CUE_TASK] = 1.0,
  [PIECE_CUE_ACTION] = 1.0,
  [PIECE_CUE_RESULT] = 1.0,
  [PIECE_CUE_LEARNING] = 1.0,
};

/* ---- blocks ----------------------------------------------------------- */

/* Which form of @text a piece of @kind takes under @limit: the longest
 * whose length, divided by the kind's weight, is below the limit; else the
 * shortest. */
guint
_sb_layout_text_form (SbSheetText *text,
                      PieceKind    kind,
                      double       limit)
{
  guint n = sb_sheet_text_get_n_forms (text);

  for (guint i = 0; i < n; i++)
    if (text->n_chars[i] / weight_of_length[kind] < limit)
      return i;
  return n > 0 ? n - 1 : 0;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
add_limits_cb (SbSheetText *text,
               PieceKind    kind,
               gpointer     user_data)
{
  GArray *limits = user_data;

  /* A limit at a form's weighted length shortens that piece past it. */
  for (guint i = 0; i + 1 < sb_sheet_text_get_n_forms (text); i++)
    {
      double limit = text->n_chars[i] / weight_of_length[kind];
      g_array_append_val (limits, limit);
    }
}

/* Each limit on the pieces' weighted length, from none to the one that
 * leaves every piece in its shortest form: each shortens the longest
 * pieces left by one more step. */
GArray *
_sb_layout_page_limits (const Page *page)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *limits = g_array_new (FALSE, FALSE, sizeof (double));
  double none = G_MAXDOUBLE;

  for (guint i = 0; i < page->n_story_blocks; i++)
    {
      const Block *block = &g_array_index (page->blocks, Block, i);

      if (!block->reference)
        _sb_layout_story_foreach_piece (block->theme->story, SB_SHEET_DETAIL_FULL, add_limits_cb, values);
    }
  g_array_sort (values, compare_descending);

  g_array_append_val (limits, none);
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, double, i) < g_array_index (limits, double, limits->len - 1))
      g_array_append_val (limits, g_array_index (values, double, i));
  g_array_unref (values);
  return limits;
}

typedef struct
{
  double limit;
  guint  n_shortened;
} CountShortened;

static void
count_shortened_cb (SbSheetText *text,
                    PieceKind    kind,
                    gpointer     user_data)
{
  CountShortened *count = user_data;

  count->n_shortened += _sb_layout_text_form (text, kind, count->limit) > 0 ? 1 : 0;
}

/* How many pieces of the stories shown @fit shortens, block i at the cut
 * of its column, @cuts[@column[i]]. */
guint
_sb_layout_count_pieces_shortened (const Page  *page,
                                   const Fit   *fit,
                                   const guint *column,
                                   const guint *cuts)
{
  CountShortened count = { 0, 0 };

  for (guint i = 0; i < fit->n_shown; i++)
    {
      const Block *block = &g_array_index (page->blocks, Block, i);

      if (block->reference || column[i] >= fit->n_columns)
        continue;
      count.limit = g_array_index (page->limits, double, cuts[column[i]]);
      _sb_layout_story_foreach_piece (block->theme->story, fit->detail, count_shortened_cb, &count);
    }
  return count.n_shortened;
}

/* The height of column @c's blocks at @cut; with @update, their heights
 * in @fit become those at @cut. */
static double
column_measure (SbPen       *pen,
                const Page  *page,
                Fit         *fit,
                const guint *column,
                guint        c,
                guint        cut,
                gboolean     update)
{
  guint n_blocks = _sb_layout_fit_n_blocks (page, fit);
  double y = 0;
  guint n = 0;

  pen->limit = g_array_index (page->limits, double, cut);
  for (guint i = 0; i < n_blocks; i++)
    {
      double height;

      if (column[i] != c)
        continue;
      height = _sb_layout_block_show (pen, page, _sb_layout_fit_block (page, fit, i), fit->detail,
                                      0, 0, fit->column_width);
      if (update)
        fit->heights[i] = height;
      y += (n++ > 0 ? _sb_layout_block_gap (fit->size) : 0) + height;
    }
  return y;
}

/* The least cut, at most @most, at which column @c's blocks fit in
 * @column_height; G_MAXUINT when they do not even at @most. */
static guint
column_least_cut (SbPen       *pen,
                  const Page  *page,
                  Fit         *fit,
                  const guint *column,
                  guint        c,
                  double       column_height,
                  guint        most)
{
  guint lo = 0, hi = most;

  if (column_measure (pen, page, fit, column, c, hi, FALSE) > column_height)
    return G_MAXUINT;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (column_measure (pen, page, fit, column, c, mid, FALSE) <= column_height)
        hi = mid;
      else
        lo = mid + 1;
    }
  return hi;
}

typedef struct
{
  double limit;
  glong  n_hidden;
} CountHidden;

static void
count_hidden_cb (SbSheetText *text,
                 PieceKind    kind,
                 gpointer     user_data)
{
  CountHidden *count = user_data;

  if (sb_sheet_text_get_n_forms (text) > 0)
    count->n_hidden += text->n_chars[0] - text->n_chars[_sb_layout_text_form (text, kind, count->limit)];
}

/* How many characters of column @c's stories @cut leaves out. */
static glong
column_hidden (const Page  *page,
               const Fit   *fit,
               const guint *column,
               guint        c,
               guint        cut)
{
  CountHidden count = { g_array_index (page->limits, double, cut), 0 };

  for (guint i = 0; i < fit->n_shown; i++)
    {
      const Block *block = &g_array_index (page->blocks, Block, i);

      if (column[i] == c && !block->reference)
        _sb_layout_story_foreach_piece (block->theme->story, fit->detail, count_hidden_cb, &count);
    }
  return count.n_hidden;
}

/* The page's cut is what its fullest column needed. Once the blocks are in
 * their columns, the last block of a column moves to the top of the next
 * while that lets the two show more of their stories, and each column
 * gives its own pieces back as much of their text as it holds: into @cuts,
 * one for each column, with @column and the heights of the blocks
 * updated. */
void
_sb_layout_fit_restore_columns (Fit          *fit,
                                PangoContext *context,
                                const Page   *page,
                                guint        *column,
                                double        column_height,
                                guint        *cuts)
{
  guint n_blocks = _sb_layout_fit_n_blocks (page, fit);
  SbPen pen;

  _sb_layout_pen_init (&pen, context, fit->size);
  pen.heights = page->heights;
  for (guint c = 0; c < fit->n_columns; c++)
    {
      cuts[c] = column_least_cut (&pen, page, fit, column, c, column_height, fit->cut);
      if (cuts[c] == G_MAXUINT)   /* rounding: the flow found it fits */
        cuts[c] = fit->cut;
    }

  for (guint c = 0; c + 1 < fit->n_columns; c++)
    for (;;)
      {
        guint last = G_MAXUINT, n_in_column = 0, cut, next_cut;
        glong before;

        for (guint i = 0; i < n_blocks; i++)
          if (column[i] == c)
            {
              last = i;
              n_in_column++;
            }
        if (n_in_column < 2)
          break;
        before = column_hidden (page, fit, column, c, cuts[c]) +
                 column_hidden (page, fit, column, c + 1, cuts[c + 1]);
        column[last] = c + 1;
        cut = column_least_cut (&pen, page, fit, column, c, column_height, cuts[c]);
        next_cut = column_least_cut (&pen, page, fit, column, c + 1, column_height,
                                     page->limits->len - 1);
        if (next_cut == G_MAXUINT ||
            column_hidden (page, fit, column, c, cut) +
            column_hidden (page, fit, column, c + 1, next_cut) >= before)
          {
            column[last] = c;
            break;
          }
        cuts[c] = cut;
        cuts[c + 1] = next_cut;
      }

  for (guint c = 0; c < fit->n_columns; c++)
    column_measure (&pen, page, fit, column, c, cuts[c], TRUE);
  sb_pen_clear (&pen);
}
