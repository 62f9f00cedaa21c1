/* sb-cheat-sheet-layout-private.h — what the files of the cheat sheet's
 * layout share
 *
 * sb-cheat-sheet-layout.c fits the page and renders it,
 * sb-cheat-sheet-layout-draw.c lays out and draws its pieces, and
 * sb-cheat-sheet-layout-cut.c shortens them. Only for those files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sb-cheat-sheet-private.h"

G_BEGIN_DECLS

typedef enum
{
  PIECE_HEADER_NAME,
  PIECE_HEADER_INFO,
  PIECE_THEME,
  PIECE_TITLE,
  PIECE_HOOK,
  PIECE_ACTION,
  PIECE_RESULT,
  PIECE_LEARNING,
  /* The cue card's lines, in section order: S T A R L. */
  PIECE_CUE_SITUATION,
  PIECE_CUE_TASK,
  PIECE_CUE_ACTION,
  PIECE_CUE_RESULT,
  PIECE_CUE_LEARNING,
  PIECE_REFERENCE,
  PIECE_GAP_HEADING,
  PIECE_GAP_LIST,
  PIECE_NOTE,
  N_PIECES
} PieceKind;

/* A theme block, or the "No story yet" block when theme is NULL. */
typedef struct
{
  SbSheetTheme *theme;
  gboolean      reference;   /* its story is shown in full in an earlier block */
} Block;

typedef struct
{
  double      x, y, width, height;   /* the page inside its margins */
  GArray     *blocks;                /* Block */
  GString    *gap_names;             /* themes without a story, "A · B · C" */
  GHashTable *heights;               /* piece heights: "kind text size width" → double* */
  guint       n_story_blocks;        /* blocks before the gap block */
  GArray     *limits;                /* double, descending: each shortens one piece more */
} Page;

typedef struct
{
  double        size;
  guint         n_columns;
  SbSheetDetail detail;
  guint         cut;                 /* index into Page.limits, or 0: nothing shortened */
  guint         n_shown;             /* story blocks shown, from the start */
  double        column_width;
  double        columns_top;
  double        columns_height;
  double        footer_height;
  double       *heights;             /* per block shown (story blocks, then gaps) */
} Fit;

typedef void (*PieceFunc) (SbSheetText *text,
                           PieceKind    kind,
                           gpointer     user_data);

/* sb-cheat-sheet-layout-draw.c */

/* The pen for @size, with the bullet's and the cue letters' widths. */
void      _sb_layout_pen_init      (SbPen              *pen,
                                    PangoContext       *context,
                                    double              size);
/* Lays out a piece in @width and draws it at (@x, @y) when the pen draws.
 * Returns its height. */
double    _sb_layout_pen_show      (SbPen              *pen,
                                    PieceKind           kind,
                                    const char         *label,
                                    const char         *text,
                                    const char         *emphasis,
                                    double              x,
                                    double              y,
                                    double              width);
/* Calls @func on each piece of @story that @detail shows, in order. */
void      _sb_layout_story_foreach_piece (SbSheetStory  *story,
                                          SbSheetDetail  detail,
                                          PieceFunc      func,
                                          gpointer       user_data);
/* Lays out (and draws, when the pen draws) @block; returns its height. */
double    _sb_layout_block_show    (SbPen              *pen,
                                    const Page         *page,
                                    const Block        *block,
                                    SbSheetDetail       detail,
                                    double              x,
                                    double              y,
                                    double              width);
/* What the footer says was left out, or NULL. */
char     *_sb_layout_footer_text   (SbSheetDetail       detail,
                                    guint               themes_left_out,
                                    guint               stories_left_out);
/* The header; returns its height, rule and the space below included. */
double    _sb_layout_header_show   (SbPen              *pen,
                                    const SbCheatSheet *sheet,
                                    const Page         *page);

/* sb-cheat-sheet-layout.c */

double       _sb_layout_block_gap    (double            size);
/* Block i of @fit: the story blocks shown, then the gap block. */
const Block *_sb_layout_fit_block    (const Page       *page,
                                      const Fit        *fit,
                                      guint             i);
guint        _sb_layout_fit_n_blocks (const Page       *page,
                                      const Fit        *fit);

/* sb-cheat-sheet-layout-cut.c */

/* Which form of @text a piece of @kind takes under @limit. */
guint     _sb_layout_text_form     (SbSheetText        *text,
                                    PieceKind           kind,
                                    double              limit);
/* Each limit on the pieces' weighted length, descending, from none to the
 * one that leaves every piece in its shortest form. */
GArray   *_sb_layout_page_limits   (const Page         *page);
/* How many pieces of the stories shown @fit shortens, block i at the cut
 * of its column, @cuts[@column[i]]. */
guint     _sb_layout_count_pieces_shortened (const Page  *page,
                                             const Fit   *fit,
                                             const guint *column,
                                             const guint *cuts);
/* Gives each column back as much of its text as it holds: into @cuts,
 * with @column and the heights of the blocks updated. */
void      _sb_layout_fit_restore_columns (Fit          *fit,
                                          PangoContext *context,
                                          const Page   *page,
                                          guint        *column,
                                          double        column_height,
                                          guint        *cuts);

G_END_DECLS
