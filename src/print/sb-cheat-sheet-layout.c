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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sb-cheat-sheet-private.h"

#define MIN_COLUMN_EMS 19.0     /* a column is at least this many body sizes wide */
#define COMFORTABLE_COLUMN_EMS 26.0   /* …and best about this wide (~55 characters) */

#define N_SIZES ((guint) ((SB_CHEAT_SHEET_MAX_FONT_SIZE - SB_CHEAT_SHEET_MIN_FONT_SIZE) / SB_SHEET_FONT_STEP) + 1)

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

/* Only names are ever ellipsized: a story's own text never is. */
static const SbPenStyle pieces[N_PIECES] = {
  [PIECE_HEADER_NAME]  = { 1.60, PANGO_WEIGHT_BOLD,     PANGO_STYLE_NORMAL, 1, SB_PEN_INK,     FALSE },
  [PIECE_HEADER_INFO]  = { 0.95, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 1, SB_PEN_MUTED,   FALSE },
  [PIECE_THEME]        = { 0.82, PANGO_WEIGHT_BOLD,     PANGO_STYLE_NORMAL, 2, SB_PEN_ACCENT,  TRUE  },
  [PIECE_TITLE]        = { 1.10, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, 3, SB_PEN_INK,     FALSE },
  [PIECE_HOOK]         = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_ITALIC, 0, SB_PEN_MUTED,   FALSE },
  [PIECE_ACTION]       = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_RESULT]       = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_LEARNING]     = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_CUE_SITUATION] = { 1.00, PANGO_WEIGHT_NORMAL,  PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_CUE_TASK]     = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_CUE_ACTION]   = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_CUE_RESULT]   = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_CUE_LEARNING] = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_REFERENCE]    = { 1.00, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, 2, SB_PEN_INK,     FALSE },
  [PIECE_GAP_HEADING]  = { 0.82, PANGO_WEIGHT_BOLD,     PANGO_STYLE_NORMAL, 1, SB_PEN_WARNING, TRUE  },
  [PIECE_GAP_LIST]     = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [PIECE_NOTE]         = { 0.90, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_ITALIC, 3, SB_PEN_MUTED,   FALSE },
};

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

/* ---- pieces ----------------------------------------------------------- */

static void
pen_init (SbPen        *pen,
          PangoContext *context,
          double        size)
{
  sb_pen_init (pen, context, size, pieces, N_PIECES);
  pango_layout_set_font_description (pen->layout, pen->fonts[PIECE_ACTION]);
  pango_layout_set_width (pen->layout, -1);
  pango_layout_set_text (pen->layout, "•\u2002", -1);
  {
    PangoRectangle logical;

    pango_layout_get_extents (pen->layout, NULL, &logical);
    pen->bullet_width = pango_units_to_double (logical.width);
  }
  /* The letters line up, and so do the lines after them. */
  pen->cue_width = size * 1.25;
}

#define IS_CUE(kind) ((kind) >= PIECE_CUE_SITUATION && (kind) <= PIECE_CUE_LEARNING)

/* Sets @label (muted, regular; a cue's letter bold in the accent) and @text (in the piece's style, with
 * @emphasis in bold wherever it holds it) on the pen's layout, @width wide. */
static void
pen_set (SbPen       *pen,
         PieceKind    kind,
         const char  *label,
         const char  *text,
         const char  *emphasis,
         double       width)
{
  sb_pen_set (pen, kind, label, IS_CUE (kind) ? SB_PEN_ACCENT : SB_PEN_MUTED,
              IS_CUE (kind) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, text, emphasis, width);
  pango_layout_set_indent (pen->layout, kind == PIECE_ACTION ? (int) (-pen->bullet_width * PANGO_SCALE)
                                        : IS_CUE (kind) ? (int) (-pen->cue_width * PANGO_SCALE) : 0);
  if (IS_CUE (kind))
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                                (int) (pen->cue_width * PANGO_SCALE));
      pango_layout_set_tabs (pen->layout, tabs);
      pango_tab_array_free (tabs);
    }
  else
    pango_layout_set_tabs (pen->layout, NULL);
}

/* Only names (titles, themes) are ever ellipsized, when longer than their
 * lines. Pango ellipsizes mid-word; a person reads "handled the…" better
 * than "handled the cus…". When @text was ellipsized, this finds the most words
 * of it that fit with an ellipsis of their own (bisecting the word breaks)
 * and leaves that on the layout. It never grows the layout: the words that
 * fit take at most the lines the ellipsized text took. */
static void
pen_ellipsize_at_word (SbPen       *pen,
                       PieceKind    kind,
                       const char  *label,
                       const char  *text,
                       const char  *emphasis,
                       double       width)
{
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  guint lo = 0, hi;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ' ' && p > text)
      {
        guint at = p - text;
        g_array_append_val (breaks, at);
      }
  if (breaks->len == 0)
    return;

  /* Find the last break whose words fit (breaks[lo - 1]); 0: none. */
  hi = breaks->len;
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;
      g_autofree char *cut = g_strdup_printf ("%.*s…", g_array_index (breaks, guint, mid - 1), text);

      pen_set (pen, kind, label, cut, emphasis, width);
      if (pango_layout_is_ellipsized (pen->layout))
        hi = mid - 1;
      else
        lo = mid;
    }

  if (lo > 0)
    {
      g_autofree char *cut = g_strdup_printf ("%.*s…", g_array_index (breaks, guint, lo - 1), text);
      pen_set (pen, kind, label, cut, emphasis, width);
    }
  else
    pen_set (pen, kind, label, text, emphasis, width);
}

/* Lays out a piece in @width and draws it at (@x, @y) when the pen draws.
 * Returns its height. Lines past the piece's limit, if it has one, are
 * ellipsized. */
static double
pen_show (SbPen       *pen,
          PieceKind    kind,
          const char  *label,
          const char  *text,
          const char  *emphasis,
          double       x,
          double       y,
          double       width)
{
  g_autofree char *caps = NULL;
  g_autofree char *key = NULL;
  double height;
  double *known;

  /* The same block piece is measured again for each level of detail; the
   * model's strings stay put during a render, so their address names them.
   * (The header and footer are made afresh each time: never cached.) */
  if (pen->cr == NULL && pen->heights != NULL &&
      kind != PIECE_HEADER_NAME && kind != PIECE_HEADER_INFO && kind != PIECE_NOTE)
    {
      key = g_strdup_printf ("%d %d %p %p %p %.3f %.3f", kind, pieces[kind].max_lines,
                             text, label, emphasis, pen->size, width);
      known = g_hash_table_lookup (pen->heights, key);
      if (known != NULL)
        return *known;
    }

  if (pieces[kind].caps)
    text = caps = g_utf8_strup (text, -1);

  pen_set (pen, kind, label, text, emphasis, width);
  height = sb_pen_get_height (pen);
  if (key != NULL)
    g_hash_table_insert (pen->heights, g_steal_pointer (&key), g_memdup2 (&height, sizeof height));

  if (pen->cr != NULL)
    {
      if (pieces[kind].max_lines > 0 && pango_layout_is_ellipsized (pen->layout))
        pen_ellipsize_at_word (pen, kind, label, text, emphasis, width);
      sb_pen_draw (pen, x, y);
    }
  return height;
}

/* ---- blocks ----------------------------------------------------------- */

/* Which form of @text a piece of @kind takes under @limit: the longest
 * whose length, divided by the kind's weight, is below the limit; else the
 * shortest. */
static guint
text_form (SbSheetText *text,
           PieceKind    kind,
           double       limit)
{
  guint n = sb_sheet_text_get_n_forms (text);

  for (guint i = 0; i < n; i++)
    if (text->n_chars[i] / weight_of_length[kind] < limit)
      return i;
  return n > 0 ? n - 1 : 0;
}

typedef void (*PieceFunc) (SbSheetText *text,
                           PieceKind    kind,
                           gpointer     user_data);

/* Calls @func on each piece of @story that @detail shows, in order. */
static void
story_foreach_piece (SbSheetStory  *story,
                     SbSheetDetail  detail,
                     PieceFunc      func,
                     gpointer       user_data)
{
  guint n_actions = detail == SB_SHEET_DETAIL_FULL ? SB_SHEET_MAX_ACTIONS
                    : detail < SB_SHEET_DETAIL_ONE_ACTION ? 2 : 1;

  if (story->cue_lines != NULL)
    {
      /* The person's cue card: their five lines, each whole. The details
       * give way as the text's would: the Learning, then the Situation. */
      for (guint i = 0; i < story->cue_lines->len; i++)
        {
          SbSheetText *line = g_ptr_array_index (story->cue_lines, i);
          PieceKind kind = PIECE_CUE_SITUATION + i;

          if ((kind == PIECE_CUE_LEARNING && detail >= SB_SHEET_DETAIL_NO_LEARNING) ||
              (kind == PIECE_CUE_SITUATION && detail >= SB_SHEET_DETAIL_NO_HOOK))
            continue;
          if (sb_sheet_text_get_n_forms (line) > 0)
            func (line, kind, user_data);
          else if (kind == PIECE_CUE_SITUATION)
            func (story->hook, PIECE_HOOK, user_data);
          else if (kind == PIECE_CUE_ACTION)
            for (guint j = 0; j < story->actions->len && j < n_actions; j++)
              func (g_ptr_array_index (story->actions, j), PIECE_ACTION, user_data);
          else if (kind == PIECE_CUE_RESULT)
            func (story->result, PIECE_RESULT, user_data);
          else if (kind == PIECE_CUE_LEARNING)
            func (story->learning, PIECE_LEARNING, user_data);
        }
      return;
    }

  if (detail < SB_SHEET_DETAIL_NO_HOOK)
    func (story->hook, PIECE_HOOK, user_data);
  for (guint i = 0; i < story->actions->len && i < n_actions; i++)
    func (g_ptr_array_index (story->actions, i), PIECE_ACTION, user_data);
  func (story->result, PIECE_RESULT, user_data);
  if (detail < SB_SHEET_DETAIL_NO_LEARNING)
    func (story->learning, PIECE_LEARNING, user_data);
}

typedef struct
{
  SbPen  *pen;
  double  x, y, width;
  double  line_gap;
} PieceSpot;

/* A cue line's letter (the same as the editor's) and a tab to the line. */
static const char *
cue_label (PieceKind kind)
{
  static char *labels[SB_STORY_N_CUE_LINES];
  static const char *contexts[SB_STORY_N_CUE_LINES] = {
    "cue card letter of the Situation", "cue card letter of the Task",
    "cue card letter of the Action", "cue card letter of the Result",
    "cue card letter of the Learning",
  };
  static const char *letters[SB_STORY_N_CUE_LINES] = {
    NC_("cue card letter of the Situation", "S"), NC_("cue card letter of the Task", "T"),
    NC_("cue card letter of the Action", "A"), NC_("cue card letter of the Result", "R"),
    NC_("cue card letter of the Learning", "L"),
  };
  guint i = kind - PIECE_CUE_SITUATION;

  if (labels[i] == NULL)
    labels[i] = g_strconcat (g_dpgettext2 (GETTEXT_PACKAGE, contexts[i], letters[i]), "\t", NULL);
  return labels[i];
}

static void
show_piece_cb (SbSheetText *text,
               PieceKind    kind,
               gpointer     user_data)
{
  PieceSpot *spot = user_data;
  const char *label = NULL;

  if (sb_sheet_text_get_n_forms (text) == 0)
    return;
  if (kind == PIECE_ACTION)
    label = "•\u2002";
  else if (kind == PIECE_RESULT)
    /* TRANSLATORS: a label before a story's result */
    label = _("Result: ");
  else if (kind == PIECE_LEARNING)
    /* TRANSLATORS: a label before what the person learned from a story */
    label = _("Learned: ");
  else if (IS_CUE (kind))
    label = cue_label (kind);
  spot->y += spot->line_gap;
  spot->y += pen_show (spot->pen, kind, label,
                       sb_sheet_text_get (text, text_form (text, kind, spot->pen->limit)),
                       text->emphasis, spot->x, spot->y, spot->width);
}

static double
block_show (SbPen         *pen,
            const Page    *page,
            const Block   *block,
            SbSheetDetail  detail,
            double         x,
            double         y,
            double         width)
{
  const double line_gap = pen->size * 0.16;
  double top = y;
  SbSheetStory *story;
  PieceSpot spot;

  if (block->theme == NULL)
    {
      y += pen_show (pen, PIECE_GAP_HEADING, NULL, _("No story yet"), NULL, x, y, width);
      y += line_gap;
      y += pen_show (pen, PIECE_GAP_LIST, NULL, page->gap_names->str, NULL, x, y, width);
      return y - top;
    }

  story = block->theme->story;
  y += pen_show (pen, PIECE_THEME, NULL, block->theme->name, NULL, x, y, width);
  y += line_gap;

  if (block->reference)
    {
      /* TRANSLATORS: before a story title, for a theme whose story is shown
       * in full under an earlier theme. */
      y += pen_show (pen, PIECE_REFERENCE, _("→ see "), story->title, NULL, x, y, width);
      return y - top;
    }

  /* The story's status is for the bank, not for the interview. */
  y += pen_show (pen, PIECE_TITLE, NULL, story->title, NULL, x, y, width);

  spot = (PieceSpot) { pen, x, y, width, line_gap };
  story_foreach_piece (story, detail, show_piece_cb, &spot);
  return spot.y - top;
}

/* ---- the page --------------------------------------------------------- */

static char *
footer_text (SbSheetDetail detail,
             guint         themes_left_out,
             guint         stories_left_out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (detail == SB_SHEET_DETAIL_NO_LEARNING)
    g_string_append (text, _("Learnings left out to fit one page."));
  else if (detail == SB_SHEET_DETAIL_ONE_ACTION)
    g_string_append (text, _("Learnings and further actions left out to fit one page."));
  else if (detail == SB_SHEET_DETAIL_NO_HOOK)
    g_string_append (text, _("Hooks, learnings and further actions left out to fit one page."));

  if (themes_left_out > 0)
    {
      g_autofree char *themes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "…and %u more theme",
                                                              "…and %u more themes",
                                                              themes_left_out),
                                                 themes_left_out);
      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (stories_left_out > 0)
        {
          g_autofree char *stories = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u more story",
                                                                   "%u more stories",
                                                                   stories_left_out),
                                                      stories_left_out);
          /* TRANSLATORS: "…and 3 more themes (2 more stories) did not fit." */
          g_string_append_printf (text, _("%s (%s) did not fit."), themes, stories);
        }
      else
        /* TRANSLATORS: "…and 3 more themes did not fit." */
        g_string_append_printf (text, _("%s did not fit."), themes);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The header: the person's name (or the sheet's name) on the left, the
 * framework and date on the right of the same line, or under the name when
 * both do not fit; a hairline under them. Returns its height, rule and the
 * space below included. */
static double
header_show (SbPen              *pen,
             const SbCheatSheet *sheet,
             const Page         *page)
{
  g_autofree char *info = NULL;
  const char *name = sheet->person_name != NULL ? sheet->person_name : _("Interview cheat sheet");
  double name_width, info_width, name_height, info_height, name_baseline, info_baseline;
  double info_x, info_y, rule_y;
  PangoRectangle logical;
  cairo_t *cr = pen->cr;

  if (sheet->person_name != NULL && sheet->framework_name != NULL)
    info = g_strdup_printf ("%s · %s · %s", _("Interview cheat sheet"), sheet->framework_name, sheet->date);
  else if (sheet->person_name != NULL)
    info = g_strdup_printf ("%s · %s", _("Interview cheat sheet"), sheet->date);
  else if (sheet->framework_name != NULL)
    info = g_strdup_printf ("%s · %s", sheet->framework_name, sheet->date);
  else
    info = g_strdup (sheet->date);

  pen->cr = NULL;
  info_height = pen_show (pen, PIECE_HEADER_INFO, NULL, info, NULL, 0, 0, page->width);
  pango_layout_get_extents (pen->layout, NULL, &logical);
  info_width = pango_units_to_double (logical.width);
  info_baseline = pango_units_to_double (pango_layout_get_baseline (pen->layout));
  name_height = pen_show (pen, PIECE_HEADER_NAME, NULL, name, NULL, 0, 0, page->width);
  pango_layout_get_extents (pen->layout, NULL, &logical);
  name_width = pango_units_to_double (logical.width);
  name_baseline = pango_units_to_double (pango_layout_get_baseline (pen->layout));
  pen->cr = cr;

  if (name_width + pen->size * 2 + info_width <= page->width)
    {
      info_x = page->width - info_width;
      info_y = name_baseline - info_baseline;
      rule_y = MAX (name_height, info_y + info_height);
    }
  else
    {
      info_x = 0;
      info_y = name_height + pen->size * 0.1;
      rule_y = info_y + info_height;
    }
  rule_y += pen->size * 0.35;

  if (cr != NULL)
    {
      pen_show (pen, PIECE_HEADER_NAME, NULL, name, NULL, page->x, page->y, page->width);
      pen_show (pen, PIECE_HEADER_INFO, NULL, info, NULL, page->x + info_x, page->y + info_y,
                page->width);

      cairo_save (cr);
      cairo_set_source_rgb (cr, ((SB_PEN_RULE >> 16) & 0xff) / 255.0, ((SB_PEN_RULE >> 8) & 0xff) / 255.0,
                            (SB_PEN_RULE & 0xff) / 255.0);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, page->x, page->y + rule_y);
      cairo_line_to (cr, page->x + page->width, page->y + rule_y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  return rule_y + pen->size * 1.1;
}

static double
column_gutter (double size)
{
  return MAX (12.0, size * 1.8);
}

static double
block_gap (double size)
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
static const Block *
fit_block (const Page *page,
           const Fit  *fit,
           guint       i)
{
  if (i < fit->n_shown)
    return &g_array_index (page->blocks, Block, i);
  return &g_array_index (page->blocks, Block, page->n_story_blocks);
}

static guint
fit_n_blocks (const Page *page,
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
  guint n_blocks = fit_n_blocks (page, fit);
  double gap = block_gap (fit->size);
  double gutter = column_gutter (fit->size);
  double y = 0;
  guint col = 0;
  gboolean fits = TRUE;
  SbPen pen;

  pen_init (&pen, context, fit->size);
  pen.heights = page->heights;
  pen.limit = g_array_index (page->limits, double, fit->cut);

  fit->column_width = (page->width - gutter * (fit->n_columns - 1)) / fit->n_columns;
  fit->columns_top = header_show (&pen, sheet, page);
  footer = footer_text (fit->detail, page->n_story_blocks - fit->n_shown,
                        count_stories_left_out (page, fit->n_shown));
  fit->footer_height = 0;
  if (footer != NULL)
    fit->footer_height = pen_show (&pen, PIECE_NOTE, NULL, footer, NULL, 0, 0, page->width) +
                         fit->size * 0.8;
  fit->columns_height = page->height - fit->columns_top - fit->footer_height;

  g_free (fit->heights);
  fit->heights = g_new0 (double, MAX (n_blocks, 1));

  for (guint i = 0; i < n_blocks && fits; i++)
    {
      double need;

      fit->heights[i] = block_show (&pen, page, fit_block (page, fit, i), fit->detail,
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
static GArray *
page_limits (const Page *page)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *limits = g_array_new (FALSE, FALSE, sizeof (double));
  double none = G_MAXDOUBLE;

  for (guint i = 0; i < page->n_story_blocks; i++)
    {
      const Block *block = &g_array_index (page->blocks, Block, i);

      if (!block->reference)
        story_foreach_piece (block->theme->story, SB_SHEET_DETAIL_FULL, add_limits_cb, values);
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

  count->n_shortened += text_form (text, kind, count->limit) > 0 ? 1 : 0;
}

/* How many pieces of the stories shown @fit shortens, block i at the cut
 * of its column, @cuts[@column[i]]. */
static guint
count_pieces_shortened (const Page  *page,
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
      story_foreach_piece (block->theme->story, fit->detail, count_shortened_cb, &count);
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
  guint n_blocks = fit_n_blocks (page, fit);
  double y = 0;
  guint n = 0;

  pen->limit = g_array_index (page->limits, double, cut);
  for (guint i = 0; i < n_blocks; i++)
    {
      double height;

      if (column[i] != c)
        continue;
      height = block_show (pen, page, fit_block (page, fit, i), fit->detail,
                           0, 0, fit->column_width);
      if (update)
        fit->heights[i] = height;
      y += (n++ > 0 ? block_gap (fit->size) : 0) + height;
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
    count->n_hidden += text->n_chars[0] - text->n_chars[text_form (text, kind, count->limit)];
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
        story_foreach_piece (block->theme->story, fit->detail, count_hidden_cb, &count);
    }
  return count.n_hidden;
}

/* The page's cut is what its fullest column needed. Once the blocks are in
 * their columns, the last block of a column moves to the top of the next
 * while that lets the two show more of their stories, and each column
 * gives its own pieces back as much of their text as it holds: into @cuts,
 * one for each column, with @column and the heights of the blocks
 * updated. */
static void
fit_restore_columns (Fit          *fit,
                     PangoContext *context,
                     const Page   *page,
                     guint        *column,
                     double        column_height,
                     guint        *cuts)
{
  guint n_blocks = fit_n_blocks (page, fit);
  SbPen pen;

  pen_init (&pen, context, fit->size);
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
  page->limits = page_limits (page);

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
  double gap = block_gap (fit->size);
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

  n_blocks = fit_n_blocks (&page, &fit);
  gap = block_gap (fit.size);
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
    fit_restore_columns (&fit, context, &page, column, column_height, cuts);
  sheet->pieces_shortened = count_pieces_shortened (&page, &fit, column, cuts);

  pen_init (&pen, context, fit.size);
  pen.cr = cr;
  header_show (&pen, sheet, &page);

  for (guint i = 0; i < n_blocks; i++)
    {
      guint c = column[i];
      double x = page.x + c * (fit.column_width + gutter);

      if (c >= fit.n_columns || y[c] + fit.heights[i] > column_height + 0.01)
        continue;
      pen.limit = g_array_index (page.limits, double, cuts[c]);
      block_show (&pen, &page, fit_block (&page, &fit, i), fit.detail,
                  x, page.y + fit.columns_top + y[c], fit.column_width);
      y[c] += fit.heights[i] + gap;
    }

  footer = footer_text (fit.detail, sheet->themes_left_out, sheet->stories_left_out);
  if (footer != NULL)
    pen_show (&pen, PIECE_NOTE, NULL, footer, NULL, page.x,
              page.y + page.height - fit.footer_height + fit.size * 0.8, page.width);

  sb_pen_clear (&pen);
  g_free (fit.heights);
  page_clear (&page);
  g_object_unref (context);
  cairo_restore (cr);
}
