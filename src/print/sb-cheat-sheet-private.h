/* sb-cheat-sheet-private.h — the plain model shared by gathering and layout
 *
 * sb-cheat-sheet.c fills it from the store; sb-cheat-sheet-layout.c fits it to
 * a page and draws it. The layout never sees the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sb-cheat-sheet.h"

G_BEGIN_DECLS

/* At most this many key actions are taken from a story. */
#define SB_SHEET_MAX_ACTIONS 3

/* A piece of a story and the shorter forms it may take on a crowded page.
 * forms[0] is all of it; each later form is shorter, cut at a sentence
 * boundary first and then at a clause boundary (ending in "…"), never
 * inside a clause, and a Result keeps the sentence that holds its number
 * from its beginning. The layout picks one form per piece. */
typedef struct
{
  GPtrArray *forms;               /* char*, longest first; empty when there is no text */
  glong     *n_chars;             /* the length of each form, in characters */
  char      *emphasis;            /* set in bold wherever a form holds it; or NULL */
} SbSheetText;

typedef struct
{
  char        *title;
  SbSheetText *hook;              /* the Situation's first sentence */
  GPtrArray   *actions;           /* SbSheetText*, at most SB_SHEET_MAX_ACTIONS */
  SbSheetText *result;            /* emphasis: its headline number phrase */
  SbSheetText *learning;
  /* The person's cue card, when the story has one: SB_STORY_N_CUE_LINES
   * pieces (Situation … Learning) of one form each, printed whole and
   * never shortened, in place of the pieces above; a line left empty
   * falls back to its section's piece (the Task has none). NULL: no
   * cue card. */
  GPtrArray   *cue_lines;
} SbSheetStory;

typedef struct
{
  char         *name;
  SbSheetStory *story;            /* borrowed from SbCheatSheet.stories; NULL: none yet */
} SbSheetTheme;

/* How much of each story is shown; each level leaves out more. */
typedef enum
{
  SB_SHEET_DETAIL_FULL,           /* hook, three actions, result, learning */
  SB_SHEET_DETAIL_TWO_ACTIONS,
  SB_SHEET_DETAIL_NO_LEARNING,
  SB_SHEET_DETAIL_ONE_ACTION,
  SB_SHEET_DETAIL_NO_HOOK,        /* title, one action, result */
  SB_SHEET_N_DETAILS
} SbSheetDetail;

/* ---- the sheet for one application (sb-cheat-sheet-application.c) ---- */

/* A story planned in a round: its title, its result, and the requirements
 * of the job it proves. */
typedef struct
{
  char        *title;
  SbSheetText *result;            /* emphasis: its headline number phrase */
  GPtrArray   *proves;            /* char*, requirement lines */
} SbSheetPlanned;

typedef struct
{
  char      *name;
  char      *focus;               /* "Earn Trust · Ownership", or NULL */
  GPtrArray *stories;             /* SbSheetPlanned*, in the planned order */
} SbSheetRound;

typedef struct
{
  char        *title;             /* "Acme · Senior Backend Engineer" */
  char        *loop_date;         /* formatted for the locale, or NULL */
  char        *why_heading;       /* "Why Acme?" */
  SbSheetText *introduction;
  guint        introduction_form;  /* its longest form on the sheet: the first lines */
  SbSheetText *why;
  GPtrArray   *rounds;            /* SbSheetRound* */
  GPtrArray   *unproven;          /* char*, requirements no story proves */
} SbSheetApplication;

SbSheetApplication *_sb_sheet_application_new    (SbStore            *store,
                                                  const char         *slug,
                                                  GError            **error);
void                _sb_sheet_application_free   (SbSheetApplication *application);
/* Fits the application's sheet to one page and draws it; see
 * sb_cheat_sheet_render(). */
void                _sb_sheet_application_render (SbCheatSheet       *sheet,
                                                  cairo_t            *cr,
                                                  double              width,
                                                  double              height);

struct _SbCheatSheet
{
  char      *person_name;         /* or NULL */
  char      *framework_name;      /* or NULL */
  char      *date;                /* already formatted for the locale */
  GPtrArray *themes;              /* SbSheetTheme*, in catalog order */
  GPtrArray *stories;             /* SbSheetStory*, owned */
  SbSheetApplication *application; /* the sheet for an application instead; or NULL */

  /* The outcome of the last render. */
  double        font_size;
  guint         n_columns;
  SbSheetDetail detail;
  guint         themes_left_out;
  guint         stories_left_out;
  guint         pieces_shortened;
};

/* ---- the pen both sheets draw with (sb-cheat-sheet-pen.c) ------------ */

#define SB_PEN_FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, sans"

/* Colours that stay legible in greyscale. */
#define SB_PEN_INK     0x1e1e1e
#define SB_PEN_MUTED   0x5e5c64
#define SB_PEN_ACCENT  0x1a5fb4
#define SB_PEN_WARNING 0xa51d2d
#define SB_PEN_RULE    0x9a9996

/* Both sheets: the steps the body size takes, the margin (≈ 10 mm:
 * inside any printer's hardware margin), and the size below which
 * pieces are shortened before the type shrinks further. */
#define SB_SHEET_FONT_STEP         0.5
#define SB_SHEET_PAGE_MARGIN       28.0
#define SB_SHEET_READING_FONT_SIZE 8.5

/* How one kind of text on a sheet looks. */
typedef struct
{
  double      scale;       /* of the body size */
  PangoWeight weight;
  PangoStyle  style;
  int         max_lines;   /* 0: as many as it takes; else ellipsized past them */
  guint32     rgb;
  gboolean    caps;        /* upper case, letter-spaced: the small-caps look */
} SbPenStyle;

/* One attempt at a body size: a font per style, and the layout every
 * piece is measured and drawn with. With cr NULL it only measures. */
typedef struct
{
  PangoLayout           *layout;
  PangoFontDescription **fonts;      /* one per style */
  const SbPenStyle      *styles;     /* borrowed, n_styles of them */
  guint                  n_styles;
  cairo_t               *cr;
  double                 size;
  /* Only the story sheet's (sb-cheat-sheet-layout.c) */
  double                 bullet_width;
  double                 cue_width;  /* a cue line's letter and the space after it */
  double                 limit;      /* of a story piece's weighted length; see text_form() */
  GHashTable            *heights;    /* measured pieces, shared by every attempt */
} SbPen;

void          sb_pen_init          (SbPen            *pen,
                                    PangoContext     *context,
                                    double            size,
                                    const SbPenStyle *styles,
                                    guint             n_styles);
void          sb_pen_clear         (SbPen            *pen);
/* Sets @label (in @label_rgb and @label_weight) and @text (in the style
 * @kind, with @emphasis in bold wherever it holds it) on the pen's layout,
 * @width wide. Text in capitals is the caller's to make. */
void          sb_pen_set           (SbPen            *pen,
                                    guint             kind,
                                    const char       *label,
                                    guint32           label_rgb,
                                    PangoWeight       label_weight,
                                    const char       *text,
                                    const char       *emphasis,
                                    double            width);
/* The height of what the layout holds. */
double        sb_pen_get_height    (SbPen            *pen);
/* Draws what the layout holds at (@x, @y) when the pen draws. */
void          sb_pen_draw          (SbPen            *pen,
                                    double            x,
                                    double            y);

typedef struct
{
  double width;
  double height;
  double baseline;   /* of the first line, from the top */
} SbPenBox;

SbPenBox      sb_pen_get_box       (SbPen            *pen);
/* The header's info line beside or under its name (sb-cheat-sheet-pen.c
 * says where); returns the hairline's y. */
double        sb_pen_place_header  (SbPen            *pen,
                                    const SbPenBox   *name,
                                    const SbPenBox   *info,
                                    gboolean          name_is_one_line,
                                    double            width,
                                    double           *info_x,
                                    double           *info_y);
void          sb_pen_draw_rule     (SbPen            *pen,
                                    double            x,
                                    double            y,
                                    double            width);

/* ---- boiling text down (sb-cheat-sheet-text.c) ---- */

/* @text with runs of white space (line breaks too) as one space, ends
 * trimmed, and control characters (which print as boxes) left out. NULL
 * reads as "". */
char         *sb_sheet_squeeze     (const char   *text);
/* @text cut to about @max_chars at a word boundary, with an ellipsis. */
char         *sb_sheet_shorten     (const char   *text,
                                    glong         max_chars);
/* The first sentence (or line) of @text, squeezed. */
char         *sb_sheet_first_sentence (const char *text);
/* Key actions, char* each: the Action's bullet lines when it has several
 * lines, else its sentences; the first SB_SHEET_MAX_ACTIONS, whole. */
GPtrArray    *sb_sheet_split_actions (const char *action);

/* @text as it may appear on the sheet, in all its forms. With @is_result,
 * the sentence that holds the headline number is kept longest and the
 * number is emphasised. */
SbSheetText  *sb_sheet_text_new    (const char   *text,
                                    gboolean      is_result);
/* @text in one form, as the person wrote it (white space squeezed): a cue
 * line is never shortened. With @is_result, its number is emphasised. */
SbSheetText  *sb_sheet_text_new_whole (const char *text,
                                       gboolean    is_result);
void          sb_sheet_text_free   (SbSheetText  *text);
const char   *sb_sheet_text_get    (SbSheetText  *text,
                                    guint         form);
guint         sb_sheet_text_get_n_forms (SbSheetText *text);

SbSheetStory *sb_sheet_story_new   (void);
void          sb_sheet_story_free  (SbSheetStory *story);
SbSheetTheme *sb_sheet_theme_new   (const char   *name,
                                    SbSheetStory *story);
void          sb_sheet_theme_free  (SbSheetTheme *theme);

/* An empty sheet, filled by hand: the tests and the benchmark use it to lay
 * out content without a bank. */
SbCheatSheet *sb_cheat_sheet_new_empty (void);

G_END_DECLS
