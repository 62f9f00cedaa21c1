/* sb-cheat-sheet-layout-draw.c — the cheat sheet's pieces, blocks, header and footer
 *
 * Each piece of the page in its style, laid out with the one pen it is
 * measured and drawn with: a story's pieces (at the form the pen's limit
 * picks), a theme's block, the header and the footer. What fits where is
 * decided in sb-cheat-sheet-layout.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sb-cheat-sheet-layout-private.h"

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

/* ---- pieces ----------------------------------------------------------- */

void
_sb_layout_pen_init (SbPen        *pen,
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
double
_sb_layout_pen_show (SbPen       *pen,
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

/* Calls @func on each piece of @story that @detail shows, in order. */
void
_sb_layout_story_foreach_piece (SbSheetStory  *story,
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
  spot->y += _sb_layout_pen_show (spot->pen, kind, label,
                                  sb_sheet_text_get (text, _sb_layout_text_form (text, kind, spot->pen->limit)),
                                  text->emphasis, spot->x, spot->y, spot->width);
}

double
_sb_layout_block_show (SbPen         *pen,
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
      y += _sb_layout_pen_show (pen, PIECE_GAP_HEADING, NULL, _("No story yet"), NULL, x, y, width);
      y += line_gap;
      y += _sb_layout_pen_show (pen, PIECE_GAP_LIST, NULL, page->gap_names->str, NULL, x, y, width);
      return y - top;
    }

  story = block->theme->story;
  y += _sb_layout_pen_show (pen, PIECE_THEME, NULL, block->theme->name, NULL, x, y, width);
  y += line_gap;

  if (block->reference)
    {
      /* TRANSLATORS: before a story title, for a theme whose story is shown
       * in full under an earlier theme. */
      y += _sb_layout_pen_show (pen, PIECE_REFERENCE, _("→ see "), story->title, NULL, x, y, width);
      return y - top;
    }

  /* The story's status is for the bank, not for the interview. */
  y += _sb_layout_pen_show (pen, PIECE_TITLE, NULL, story->title, NULL, x, y, width);

  spot = (PieceSpot) { pen, x, y, width, line_gap };
  _sb_layout_story_foreach_piece (story, detail, show_piece_cb, &spot);
  return spot.y - top;
}

/* ---- the page --------------------------------------------------------- */

char *
_sb_layout_footer_text (SbSheetDetail detail,
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
double
_sb_layout_header_show (SbPen              *pen,
                        const SbCheatSheet *sheet,
                        const Page         *page)
{
  g_autofree char *info = NULL;
  const char *name = sheet->person_name != NULL ? sheet->person_name : _("Interview cheat sheet");
  SbPenBox name_box, info_box;
  double info_x, info_y, rule_y;
  gboolean name_is_one_line;
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
  _sb_layout_pen_show (pen, PIECE_HEADER_INFO, NULL, info, NULL, 0, 0, page->width);
  info_box = sb_pen_get_box (pen);
  _sb_layout_pen_show (pen, PIECE_HEADER_NAME, NULL, name, NULL, 0, 0, page->width);
  name_box = sb_pen_get_box (pen);
  name_is_one_line = pango_layout_get_line_count (pen->layout) == 1;
  pen->cr = cr;

  rule_y = sb_pen_place_header (pen, &name_box, &info_box, name_is_one_line, page->width,
                                &info_x, &info_y);
  if (cr != NULL)
    {
      _sb_layout_pen_show (pen, PIECE_HEADER_NAME, NULL, name, NULL, page->x, page->y, page->width);
      _sb_layout_pen_show (pen, PIECE_HEADER_INFO, NULL, info, NULL, page->x + info_x, page->y + info_y,
                           page->width);
      sb_pen_draw_rule (pen, page->x, page->y + rule_y, page->width);
    }
  return rule_y + pen->size * 1.1;
}
