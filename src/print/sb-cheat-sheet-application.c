/* sb-cheat-sheet-application.c — the one-page sheet for one company's loop
 *
 * What a person keeps beside them on the day of Acme's loop: the company,
 * the role and the date; the first lines of their introduction; why this
 * company; each round with its focus and the stories planned for it (the
 * title, the result, and the requirements of the job each story proves);
 * and the requirements no story proves yet.
 *
 * The page is a header, then blocks flowing down two columns (a block
 * never splits across columns), then a footer that says what was left
 * out. Fitting follows the sheet of themes (sb-cheat-sheet-layout.c): the
 * largest type, down to a reading size, at which everything fits; then
 * texts lose whole sentences from their end (SbSheetText's forms, never a
 * sentence cut mid-way); then the lists of requirements are shortened and
 * left out; then the type shrinks to SB_CHEAT_SHEET_MIN_FONT_SIZE; at
 * last whole planned stories are left out from the last round back.
 * Every piece is measured with the layout it is drawn with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "sb-application.h"
#include "sb-cheat-sheet-private.h"

#define N_COLUMNS         2
/* Requirements shown under a story once the lists are shortened. */
#define SHORT_PROVES      2
/* The introduction is a cue, not the script: its first sentences. */
#define INTRODUCTION_SENTENCES 3

typedef enum
{
  KIND_HEADER_NAME,
  KIND_HEADER_INFO,
  KIND_HEADING,
  KIND_FOCUS,
  KIND_TITLE,
  KIND_BODY,
  KIND_PROVES,
  KIND_EMPTY,
  KIND_GAP_HEADING,
  KIND_GAP_LIST,
  KIND_NOTE,
  N_KINDS
} Kind;

/* Only names are ever ellipsized. */
static const SbPenStyle kinds[N_KINDS] = {
  [KIND_HEADER_NAME] = { 1.60, PANGO_WEIGHT_BOLD,     PANGO_STYLE_NORMAL, 2, SB_PEN_INK,     FALSE },
  [KIND_HEADER_INFO] = { 0.95, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 1, SB_PEN_MUTED,   FALSE },
  [KIND_HEADING]     = { 0.82, PANGO_WEIGHT_BOLD,     PANGO_STYLE_NORMAL, 2, SB_PEN_ACCENT,  TRUE  },
  [KIND_FOCUS]       = { 0.90, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_ITALIC, 0, SB_PEN_MUTED,   FALSE },
  [KIND_TITLE]       = { 1.05, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, 2, SB_PEN_INK,     FALSE },
  [KIND_BODY]        = { 1.00, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [KIND_PROVES]      = { 0.90, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_MUTED,   FALSE },
  [KIND_EMPTY]       = { 0.95, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_ITALIC, 1, SB_PEN_WARNING, FALSE },
  [KIND_GAP_HEADING] = { 0.82, PANGO_WEIGHT_BOLD,     PANGO_STYLE_NORMAL, 1, SB_PEN_WARNING, TRUE  },
  [KIND_GAP_LIST]    = { 0.95, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_NORMAL, 0, SB_PEN_INK,     FALSE },
  [KIND_NOTE]        = { 0.90, PANGO_WEIGHT_NORMAL,   PANGO_STYLE_ITALIC, 3, SB_PEN_MUTED,   FALSE },
};

/* What is left out, each step more. */
typedef enum
{
  TRIM_NONE,
  TRIM_FEW_PROVES,         /* at most SHORT_PROVES requirements under a story */
  TRIM_NO_PROVES,          /* none */
  TRIM_NO_GAPS,            /* and not the requirements without a story */
  N_TRIMS
} Trim;

static guint text_form (SbSheetText *text,
                        guint        form);

/* ---- gathering -------------------------------------------------------- */

static void
sheet_planned_free (SbSheetPlanned *planned)
{
  g_free (planned->title);
  sb_sheet_text_free (planned->result);
  g_ptr_array_unref (planned->proves);
  g_free (planned);
}

static void
sheet_round_free (SbSheetRound *round)
{
  g_free (round->name);
  g_free (round->focus);
  g_ptr_array_unref (round->stories);
  g_free (round);
}

void
_sb_sheet_application_free (SbSheetApplication *application)
{
  if (application == NULL)
    return;
  g_free (application->title);
  g_free (application->loop_date);
  g_free (application->why_heading);
  sb_sheet_text_free (application->introduction);
  sb_sheet_text_free (application->why);
  g_ptr_array_unref (application->rounds);
  g_ptr_array_unref (application->unproven);
  g_free (application);
}

static char *
format_loop_date (const char *date)
{
  g_autoptr(GDateTime) time = NULL;
  guint year, month, day;

  if (date == NULL || sscanf (date, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  time = g_date_time_new_local (year, month, day, 12, 0, 0);
  /* TRANSLATORS: the date on the cheat sheet, in g_date_time_format() syntax. */
  return time != NULL ? g_date_time_format (time, _("%-d %B %Y")) : NULL;
}

SbSheetApplication *
_sb_sheet_application_new (SbStore     *store,
                           const char  *slug,
                           GError     **error)
{
  SbApplication *source = sb_store_find_application (store, slug);
  g_autoptr(GHashTable) proves = NULL;   /* story uuid → GPtrArray of requirement lines */
  g_autofree char *introduction = NULL;
  g_autofree char *why = NULL;
  g_autofree char *company = NULL;
  SbSheetApplication *application;
  GListModel *requirements, *rounds;

  if (source == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no application “%s” for the cheat sheet"), slug);
      return NULL;
    }

  application = g_new0 (SbSheetApplication, 1);
  {
    g_autofree char *name = sb_application_dup_display_name (source);
    application->title = sb_sheet_squeeze (name);
  }
  application->loop_date = format_loop_date (sb_application_get_date (source));
  company = sb_sheet_squeeze (sb_application_get_company (source));
  if (company[0] != '\0')
    /* TRANSLATORS: a heading of the application's sheet: "Why Acme?" */
    application->why_heading = g_strdup_printf (_("Why %s?"), company);
  else
    application->why_heading = g_strdup (_("Why this company?"));
  introduction = sb_store_get_introduction (store);
  application->introduction = sb_sheet_text_new (introduction, FALSE);
  /* Its forms are the first n, n - 1, … sentences. */
  if (sb_sheet_text_get_n_forms (application->introduction) > 0)
    {
      guint n_sentences = text_form (application->introduction, G_MAXUINT) + 1;

      if (n_sentences > INTRODUCTION_SENTENCES)
        application->introduction_form = n_sentences - INTRODUCTION_SENTENCES;
    }
  why = g_strdup (sb_application_get_field (source, SB_APPLICATION_FIELD_WHY_COMPANY));
  application->why = sb_sheet_text_new (why, FALSE);
  application->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_round_free);
  application->unproven = g_ptr_array_new_with_free_func (g_free);

  proves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  requirements = sb_application_get_requirements (source);
  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);
      const char * const *uuids = sb_requirement_get_story_uuids (requirement);
      g_autofree char *text = sb_sheet_squeeze (sb_requirement_get_text (requirement));

      if (text[0] == '\0')
        continue;
      if (uuids == NULL || uuids[0] == NULL)
        g_ptr_array_add (application->unproven, g_strdup (text));
      for (guint j = 0; uuids != NULL && uuids[j] != NULL; j++)
        {
          GPtrArray *lines = g_hash_table_lookup (proves, uuids[j]);

          if (lines == NULL)
            {
              lines = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (proves, g_strdup (uuids[j]), lines);
            }
          g_ptr_array_add (lines, g_strdup (text));
        }
    }

  rounds = sb_application_get_rounds (source);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(SbRound) source_round = g_list_model_get_item (rounds, i);
      const char * const *focus = sb_round_get_focus (source_round);
      const char * const *uuids = sb_round_get_story_uuids (source_round);
      SbSheetRound *round = g_new0 (SbSheetRound, 1);
      g_autoptr(GString) names = g_string_new (NULL);

      round->name = sb_sheet_squeeze (sb_round_get_name (source_round));
      for (guint j = 0; focus != NULL && focus[j] != NULL; j++)
        {
          SbTheme *theme = sb_store_find_theme (store, focus[j]);

          if (names->len > 0)
            g_string_append (names, " · ");
          g_string_append (names, theme != NULL ? sb_theme_get_name (theme) : focus[j]);
        }
      if (names->len > 0)
        round->focus = sb_sheet_squeeze (names->str);
      round->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_planned_free);
      for (guint j = 0; uuids != NULL && uuids[j] != NULL; j++)
        {
          SbStory *story = sb_store_find_story (store, uuids[j]);
          GPtrArray *lines = g_hash_table_lookup (proves, uuids[j]);
          SbSheetPlanned *planned;

          if (story == NULL)
            continue;
          planned = g_new0 (SbSheetPlanned, 1);
          planned->title = sb_sheet_squeeze (sb_story_get_display_title (story));
          /* The cue card's result line when the person wrote one: their
           * own short words, never shortened. */
          if (*sb_story_get_field (story, SB_STORY_FIELD_CUE_RESULT) != '\0')
            planned->result = sb_sheet_text_new_whole (sb_story_get_field (story, SB_STORY_FIELD_CUE_RESULT),
                                                       TRUE);
          else
            planned->result = sb_sheet_text_new (sb_story_get_result (story), TRUE);
          planned->proves = g_ptr_array_new_with_free_func (g_free);
          for (guint k = 0; lines != NULL && k < lines->len; k++)
            g_ptr_array_add (planned->proves, g_strdup (lines->pdata[k]));
          g_ptr_array_add (round->stories, planned);
        }
      g_ptr_array_add (application->rounds, round);
    }
  return application;
}

/* ---- the pen ---------------------------------------------------------- */

/* Lays out @label (muted) and @text (in the kind's style, @emphasis in
 * bold) @width wide, draws it at (@x, @y) when the pen draws, and returns
 * its height. */
static double
pen_show (SbPen      *pen,
          Kind        kind,
          const char *label,
          const char *text,
          const char *emphasis,
          double      x,
          double      y,
          double      width)
{
  g_autofree char *caps = kinds[kind].caps ? g_utf8_strup (text, -1) : NULL;
  double height;

  sb_pen_set (pen, kind, label, SB_PEN_MUTED, PANGO_WEIGHT_NORMAL, caps != NULL ? caps : text, emphasis, width);
  height = sb_pen_get_height (pen);
  sb_pen_draw (pen, x, y);
  return height;
}

/* ---- fitting ---------------------------------------------------------- */

typedef struct
{
  double size;
  guint  form;             /* the most sentences a text loses: 0 none */
  Trim   trim;
  guint  n_stories;        /* planned stories shown, from the first round on */
} Fit;

/* The form of @text under @fit: fewer sentences from its end, never a
 * sentence cut (the forms that end in "…"). */
static guint
text_form (SbSheetText *text,
           guint        form)
{
  guint n = sb_sheet_text_get_n_forms (text);
  guint last_whole = 0;

  for (guint i = 0; i < n; i++)
    if (!g_str_has_suffix (sb_sheet_text_get (text, i), "…"))
      last_whole = i;
  return MIN (form, last_whole);
}

static guint
n_whole_forms (SbSheetText *text)
{
  return text_form (text, G_MAXUINT) + 1;
}

static guint
count_planned (const SbSheetApplication *application)
{
  guint n = 0;

  for (guint i = 0; i < application->rounds->len; i++)
    n += ((SbSheetRound *) application->rounds->pdata[i])->stories->len;
  return n;
}

/* The blocks of the page, in order: the introduction, why, each round,
 * the requirements without a story. */
typedef enum
{
  BLOCK_INTRODUCTION,
  BLOCK_WHY,
  BLOCK_ROUND,
  BLOCK_GAPS,
} BlockKind;

typedef struct
{
  BlockKind kind;
  guint     round;         /* BLOCK_ROUND: its index */
  guint     first_story;   /* BLOCK_ROUND: the index of its first story over all rounds */
} Block;

static GArray *
page_blocks (const SbSheetApplication *application,
             const Fit                *fit)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  guint first = 0;

  if (sb_sheet_text_get_n_forms (application->introduction) > 0)
    g_array_append_val (blocks, ((Block) { BLOCK_INTRODUCTION, 0, 0 }));
  if (sb_sheet_text_get_n_forms (application->why) > 0)
    g_array_append_val (blocks, ((Block) { BLOCK_WHY, 0, 0 }));
  for (guint i = 0; i < application->rounds->len; i++)
    {
      g_array_append_val (blocks, ((Block) { BLOCK_ROUND, i, first }));
      first += ((SbSheetRound *) application->rounds->pdata[i])->stories->len;
    }
  if (application->unproven->len > 0 && fit->trim < TRIM_NO_GAPS)
    g_array_append_val (blocks, ((Block) { BLOCK_GAPS, 0, 0 }));
  return blocks;
}

static char *
proves_text (SbSheetPlanned *planned,
             Trim            trim)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint shown = trim >= TRIM_FEW_PROVES ? MIN (planned->proves->len, SHORT_PROVES) : planned->proves->len;

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (out, " · ");
      g_string_append (out, planned->proves->pdata[i]);
    }
  if (shown < planned->proves->len)
    /* TRANSLATORS: after the requirements a story proves, when some were left out */
    g_string_append_printf (out, _(" · +%u more"), planned->proves->len - shown);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static double
block_show (SbPen                    *pen,
            const SbSheetApplication *application,
            const Fit                *fit,
            const Block              *block,
            double                    x,
            double                    y,
            double                    width)
{
  const double gap = pen->size * 0.2;
  double top = y;

  switch (block->kind)
    {
    case BLOCK_INTRODUCTION:
      y += pen_show (pen, KIND_HEADING, NULL, _("Tell me about yourself"), NULL, x, y, width) + gap;
      y += pen_show (pen, KIND_BODY, NULL,
                     sb_sheet_text_get (application->introduction,
                                        text_form (application->introduction,
                                                   application->introduction_form + fit->form)),
                     NULL, x, y, width);
      break;

    case BLOCK_WHY:
      y += pen_show (pen, KIND_HEADING, NULL, application->why_heading, NULL, x, y, width) + gap;
      y += pen_show (pen, KIND_BODY, NULL,
                     sb_sheet_text_get (application->why, text_form (application->why, fit->form)),
                     NULL, x, y, width);
      break;

    case BLOCK_ROUND:
      {
        SbSheetRound *round = application->rounds->pdata[block->round];
        /* TRANSLATORS: a round's heading on the sheet: "Round 2 · Bar raiser" */
        g_autofree char *heading = g_strdup_printf (_("Round %u · %s"), block->round + 1, round->name);
        guint shown = 0;

        y += pen_show (pen, KIND_HEADING, NULL, heading, NULL, x, y, width);
        if (round->focus != NULL)
          /* TRANSLATORS: a label before the themes a round focuses on */
          y += gap + pen_show (pen, KIND_FOCUS, _("Focus: "), round->focus, NULL, x, y + gap, width);
        for (guint i = 0; i < round->stories->len; i++)
          {
            SbSheetPlanned *planned = round->stories->pdata[i];

            if (block->first_story + i >= fit->n_stories)
              break;
            shown++;
            y += gap * 2;
            y += pen_show (pen, KIND_TITLE, NULL, planned->title, NULL, x, y, width);
            if (sb_sheet_text_get_n_forms (planned->result) > 0)
              y += gap + pen_show (pen, KIND_BODY, _("Result: "),
                                   sb_sheet_text_get (planned->result,
                                                      text_form (planned->result, fit->form)),
                                   planned->result->emphasis, x, y + gap, width);
            if (planned->proves->len > 0 && fit->trim < TRIM_NO_PROVES)
              {
                g_autofree char *proves = proves_text (planned, fit->trim);
                /* TRANSLATORS: a label before the requirements of the job a story proves */
                y += gap + pen_show (pen, KIND_PROVES, _("Proves: "), proves, NULL, x, y + gap, width);
              }
          }
        if (round->stories->len == 0)
          y += gap * 2 + pen_show (pen, KIND_EMPTY, NULL, _("No story planned yet"), NULL,
                                   x, y + gap * 2, width);
        else if (shown == 0)
          return 0;    /* every story left out: so is the round */
      }
      break;

    case BLOCK_GAPS:
      {
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; i < application->unproven->len; i++)
          g_string_append_printf (list, "%s%s", i > 0 ? " · " : "",
                                  (const char *) application->unproven->pdata[i]);
        y += pen_show (pen, KIND_GAP_HEADING, NULL, _("Requirements without a story"), NULL,
                       x, y, width) + gap;
        y += pen_show (pen, KIND_GAP_LIST, NULL, list->str, NULL, x, y, width);
      }
      break;
    }
  return y - top;
}

static char *
footer_text (const SbSheetApplication *application,
             const Fit                *fit)
{
  guint left_out = count_planned (application) - fit->n_stories;
  g_autoptr(GString) text = g_string_new (NULL);

  if (fit->trim == TRIM_FEW_PROVES)
    g_string_append (text, _("Some requirements under the stories left out to fit one page."));
  else if (fit->trim == TRIM_NO_PROVES)
    g_string_append (text, _("The requirements under the stories left out to fit one page."));
  else if (fit->trim == TRIM_NO_GAPS)
    g_string_append (text, _("The requirements under the stories and those without a story left out "
                             "to fit one page."));
  if (left_out > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u planned story did not fit.",
                                                 "%u planned stories did not fit.", left_out),
                              left_out);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static double
page_margin (double width,
             double height)
{
  return MIN (SB_SHEET_PAGE_MARGIN, MIN (width, height) * 0.06);
}

static double
column_gutter (double size)
{
  return MAX (12.0, size * 1.8);
}

/* The header: the application on the left, the date and the person's name
 * on the right of the same line or under it; a hairline below. Returns
 * its height with the space under it. */
static double
header_show (SbPen                    *pen,
             const SbCheatSheet       *sheet,
             const SbSheetApplication *application,
             double                    x,
             double                    y,
             double                    width)
{
  g_autoptr(GString) info = g_string_new (NULL);
  cairo_t *cr = pen->cr;
  SbPenBox name_box, info_box;
  double info_x, info_y, rule_y;
  gboolean name_is_one_line;

  if (application->loop_date != NULL)
    /* TRANSLATORS: on the application's sheet: "Loop on 10 December 2026" */
    g_string_append_printf (info, _("Loop on %s"), application->loop_date);
  if (sheet->person_name != NULL)
    g_string_append_printf (info, "%s%s", info->len > 0 ? " · " : "", sheet->person_name);
  if (info->len == 0)
    g_string_append (info, sheet->date);

  pen->cr = NULL;
  pen_show (pen, KIND_HEADER_INFO, NULL, info->str, NULL, 0, 0, width);
  info_box = sb_pen_get_box (pen);
  pen_show (pen, KIND_HEADER_NAME, NULL, application->title, NULL, 0, 0, width);
  name_box = sb_pen_get_box (pen);
  name_is_one_line = pango_layout_get_line_count (pen->layout) == 1;
  pen->cr = cr;

  rule_y = sb_pen_place_header (pen, &name_box, &info_box, name_is_one_line, width, &info_x, &info_y);
  if (cr != NULL)
    {
      pen_show (pen, KIND_HEADER_NAME, NULL, application->title, NULL, x, y, width);
      pen_show (pen, KIND_HEADER_INFO, NULL, info->str, NULL, x + info_x, y + info_y, width);
      sb_pen_draw_rule (pen, x, y + rule_y, width);
    }
  return rule_y + pen->size * 1.1;
}

/* Places the blocks (heights @heights, 0 for a block left out) down the
 * columns in order, each column at most @height tall; column[i] gets the
 * column of block i (G_MAXUINT when left out). FALSE when they overflow. */
static gboolean
flow_columns (const double *heights,
              guint         n_blocks,
              double        height,
              double        gap,
              guint        *column)
{
  guint col = 0;
  double y = 0;

  for (guint i = 0; i < n_blocks; i++)
    {
      double need = (y > 0 ? gap : 0) + heights[i];

      column[i] = G_MAXUINT;
      if (heights[i] == 0)
        continue;
      if (heights[i] > height)
        return FALSE;
      if (y + need > height)
        {
          if (++col >= N_COLUMNS)
            return FALSE;
          y = 0;
          need = heights[i];
        }
      y += need;
      column[i] = col;
    }
  return TRUE;
}

/* The shortest column height at which the blocks still flow into the
 * columns: a page that lost nothing has even columns rather than one
 * full and one empty. */
static double
balanced_height (const double *heights,
                 guint         n_blocks,
                 double        height,
                 double        gap,
                 guint        *column)
{
  double lo = 0, hi = height;

  for (guint i = 0; i < n_blocks; i++)
    lo = MAX (lo, heights[i]);
  for (int i = 0; i < 24 && hi - lo > 0.5; i++)
    {
      double mid = (lo + hi) / 2;

      if (flow_columns (heights, n_blocks, mid, gap, column))
        hi = mid;
      else
        lo = mid;
    }
  flow_columns (heights, n_blocks, hi, gap, column);
  return hi;
}

/* Lays the page out under @fit, drawing it when @cr is not NULL. FALSE
 * when the blocks do not fit in the columns (nothing is drawn then). */
static gboolean
page_lay_out (const SbCheatSheet *sheet,
              PangoContext       *context,
              cairo_t            *cr,
              const Fit          *fit,
              double              width,
              double              height)
{
  const SbSheetApplication *application = sheet->application;
  g_autoptr(GArray) blocks = page_blocks (application, fit);
  g_autofree double *heights = g_new0 (double, MAX (blocks->len, 1));
  g_autofree guint *column = g_new0 (guint, MAX (blocks->len, 1));
  g_autofree char *footer = footer_text (application, fit);
  double margin = page_margin (width, height);
  double page_width = MAX (width - 2 * margin, 1), page_height = MAX (height - 2 * margin, 1);
  double gutter = column_gutter (fit->size);
  double column_width = (page_width - gutter * (N_COLUMNS - 1)) / N_COLUMNS;
  double block_gap = fit->size * 1.2;
  double top, footer_height = 0, columns_height;
  double ys[N_COLUMNS] = { 0, };
  gboolean fits;
  SbPen pen;

  sb_pen_init (&pen, context, fit->size, kinds, N_KINDS);
  top = header_show (&pen, sheet, application, margin, margin, page_width);
  if (footer != NULL)
    footer_height = pen_show (&pen, KIND_NOTE, NULL, footer, NULL, 0, 0, page_width) + fit->size * 0.8;
  columns_height = page_height - top - footer_height;

  for (guint i = 0; i < blocks->len; i++)
    heights[i] = block_show (&pen, application, fit, &g_array_index (blocks, Block, i),
                             0, 0, column_width);
  fits = columns_height > 0 &&
         flow_columns (heights, blocks->len, columns_height, block_gap, column);

  if (fits && cr != NULL)
    {
      if (fit->form == 0 && fit->trim == TRIM_NONE && fit->n_stories == count_planned (application))
        balanced_height (heights, blocks->len, columns_height, block_gap, column);
      pen.cr = cr;
      header_show (&pen, sheet, application, margin, margin, page_width);
      for (guint i = 0; i < blocks->len; i++)
        {
          guint c = column[i];

          if (c >= N_COLUMNS)
            continue;
          if (ys[c] > 0)
            ys[c] += block_gap;
          block_show (&pen, application, fit, &g_array_index (blocks, Block, i),
                      margin + c * (column_width + gutter), margin + top + ys[c], column_width);
          ys[c] += heights[i];
        }
      if (footer != NULL)
        pen_show (&pen, KIND_NOTE, NULL, footer, NULL, margin,
                  margin + page_height - footer_height + fit->size * 0.8, page_width);
    }
  sb_pen_clear (&pen);
  return fits;
}

static double
size_at (guint step)
{
  return SB_CHEAT_SHEET_MAX_FONT_SIZE - step * SB_SHEET_FONT_STEP;
}

static guint
max_whole_forms (const SbSheetApplication *application)
{
  guint n = MAX (n_whole_forms (application->introduction), n_whole_forms (application->why));

  for (guint i = 0; i < application->rounds->len; i++)
    {
      SbSheetRound *round = application->rounds->pdata[i];

      for (guint j = 0; j < round->stories->len; j++)
        n = MAX (n, n_whole_forms (((SbSheetPlanned *) round->stories->pdata[j])->result));
    }
  return n;
}

/* The fit of the page, as the header comment says: each step gives up a
 * little more, and the first that fits wins. */
static Fit
fit_page (const SbCheatSheet *sheet,
          PangoContext       *context,
          double              width,
          double              height)
{
  const SbSheetApplication *application = sheet->application;
  guint n_planned = count_planned (application);
  guint last_form = max_whole_forms (application) - 1;
  guint n_sizes = (guint) ((SB_CHEAT_SHEET_MAX_FONT_SIZE - SB_CHEAT_SHEET_MIN_FONT_SIZE) / SB_SHEET_FONT_STEP) + 1;
  Fit fit = { SB_CHEAT_SHEET_MAX_FONT_SIZE, 0, TRIM_NONE, n_planned };
  guint lo, hi;

  for (guint step = 0; step < n_sizes && size_at (step) >= SB_SHEET_READING_FONT_SIZE; step++)
    {
      fit.size = size_at (step);
      if (page_lay_out (sheet, context, NULL, &fit, width, height))
        return fit;
    }
  fit.size = SB_SHEET_READING_FONT_SIZE;
  for (fit.form = 1; fit.form <= last_form; fit.form++)
    if (page_lay_out (sheet, context, NULL, &fit, width, height))
      return fit;
  fit.form = last_form;
  for (fit.trim = TRIM_FEW_PROVES; fit.trim < N_TRIMS; fit.trim++)
    if (page_lay_out (sheet, context, NULL, &fit, width, height))
      return fit;
  fit.trim = N_TRIMS - 1;
  for (guint step = 0; step < n_sizes; step++)
    {
      if (size_at (step) >= SB_SHEET_READING_FONT_SIZE)
        continue;
      fit.size = size_at (step);
      if (page_lay_out (sheet, context, NULL, &fit, width, height))
        return fit;
    }

  /* Whole planned stories from the end, as few as fit (bisected: fewer
   * always fit where more did). */
  fit.size = SB_CHEAT_SHEET_MIN_FONT_SIZE;
  lo = 0;
  hi = n_planned;
  while (lo < hi)
    {
      fit.n_stories = (lo + hi + 1) / 2;
      if (page_lay_out (sheet, context, NULL, &fit, width, height))
        lo = fit.n_stories;
      else
        hi = fit.n_stories - 1;
    }
  fit.n_stories = lo;
  return fit;
}

static guint
count_shortened (const SbSheetApplication *application,
                 const Fit                *fit)
{
  guint n = 0;

  n += text_form (application->introduction, application->introduction_form + fit->form) >
       application->introduction_form;
  n += text_form (application->why, fit->form) > 0;
  for (guint i = 0; i < application->rounds->len; i++)
    {
      SbSheetRound *round = application->rounds->pdata[i];

      for (guint j = 0; j < round->stories->len; j++)
        n += text_form (((SbSheetPlanned *) round->stories->pdata[j])->result, fit->form) > 0;
    }
  return n;
}

void
_sb_sheet_application_render (SbCheatSheet *sheet,
                              cairo_t      *cr,
                              double        width,
                              double        height)
{
  cairo_font_options_t *font_options;
  PangoContext *context;
  Fit fit;

  cairo_save (cr);
  /* As the sheet of themes: points, no hinting, so that what was measured
   * is what is drawn on any surface. */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72.0);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  pango_context_set_round_glyph_positions (context, FALSE);

  fit = fit_page (sheet, context, width, height);
  if (!page_lay_out (sheet, context, cr, &fit, width, height))
    {
      /* Not even the header and the first round fit (a tiny area): draw
       * the header alone rather than anything past the edge. */
      SbPen pen;
      double margin = page_margin (width, height);

      sb_pen_init (&pen, context, fit.size, kinds, N_KINDS);
      pen.cr = cr;
      header_show (&pen, sheet, sheet->application, margin, margin, MAX (width - 2 * margin, 1));
      sb_pen_clear (&pen);
    }

  sheet->font_size = fit.size;
  sheet->n_columns = N_COLUMNS;
  sheet->detail = fit.trim > TRIM_NONE ? SB_SHEET_DETAIL_NO_LEARNING : SB_SHEET_DETAIL_FULL;
  sheet->themes_left_out = 0;
  sheet->stories_left_out = count_planned (sheet->application) - fit.n_stories;
  sheet->pieces_shortened = count_shortened (sheet->application, &fit);

  g_object_unref (context);
  cairo_restore (cr);
}
