/* sb-cheat-sheet.h — the one-page cheat sheet, laid out with Pango on any cairo context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "sb-store.h"

G_BEGIN_DECLS

typedef enum
{
  SB_PAPER_A4,
  SB_PAPER_LETTER,
} SbPaperSize;

typedef struct
{
  SbPaperSize         paper;
  const char         *framework_slug; /* NULL: the first framework */
  const char * const *story_uuids;    /* NULL: every story */
  const char * const *theme_slugs;    /* NULL: every theme of the framework */
  /* The id (slug) of an application: the sheet for its loop instead (its
   * header, the introduction, why this company, the rounds with their
   * planned stories and the requirements each proves); the three fields
   * above are then not used. NULL: the sheet of themes. */
  const char         *application_slug;
} SbCheatSheetOptions;

/* Defaults: every story and theme of the first framework, paper from the locale. */
void        sb_cheat_sheet_options_init   (SbCheatSheetOptions *options);
SbPaperSize sb_paper_size_from_locale     (void);
gboolean    sb_paper_size_from_string     (const char          *name,
                                           SbPaperSize         *paper);
/* Page size in PostScript points (1/72 inch). */
void        sb_paper_size_get_points      (SbPaperSize          paper,
                                           double              *width,
                                           double              *height);

/* Writes the sheet as a one-page PDF, atomically (temporary file, then rename). */
gboolean    sb_cheat_sheet_export_pdf     (SbStore                   *store,
                                           const SbCheatSheetOptions *options,
                                           const char                *path,
                                           GError                   **error);

/* ---- the sheet itself ------------------------------------------------- */

/* A snapshot of what goes on the sheet, taken from the store: the person's
 * name, the date, each chosen theme and the best story for it. It does not
 * follow later changes to the store. */
typedef struct _SbCheatSheet SbCheatSheet;

SbCheatSheet *sb_cheat_sheet_new          (SbStore                   *store,
                                           const SbCheatSheetOptions *options,
                                           GError                   **error);
void          sb_cheat_sheet_free         (SbCheatSheet              *sheet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCheatSheet, sb_cheat_sheet_free)

/* Fits the sheet to a @width × @height area (points; the origin is its top
 * left corner) and draws it on @cr. Everything is measured at full length
 * first; the type shrinks in steps to a reading size, then pieces are
 * shortened at sentence and clause boundaries (never mid-phrase), only as
 * much as fills the page; then the type shrinks further to
 * SB_CHEAT_SHEET_MIN_FONT_SIZE, the least important details are left out,
 * then whole themes from the end, and the page says what was left out.
 * The page keeps its own margins inside the area. Works on any cairo context:
 * a PDF surface, or a GtkPrintContext's cairo context (in GTK_UNIT_POINTS). */
void          sb_cheat_sheet_render       (SbCheatSheet              *sheet,
                                           cairo_t                   *cr,
                                           double                     width,
                                           double                     height);

#define SB_CHEAT_SHEET_MAX_FONT_SIZE 11.0
#define SB_CHEAT_SHEET_MIN_FONT_SIZE 6.5

/* What the last sb_cheat_sheet_render() chose. */
guint         sb_cheat_sheet_get_n_themes       (SbCheatSheet *sheet);
double        sb_cheat_sheet_get_font_size      (SbCheatSheet *sheet);
guint         sb_cheat_sheet_get_n_columns      (SbCheatSheet *sheet);
guint         sb_cheat_sheet_get_themes_left_out  (SbCheatSheet *sheet);
guint         sb_cheat_sheet_get_stories_left_out (SbCheatSheet *sheet);
/* TRUE when details (learnings, actions, hooks) were left out to fit. */
gboolean      sb_cheat_sheet_get_details_left_out (SbCheatSheet *sheet);
/* How many pieces (hooks, actions, results, learnings) are shown shorter
 * than in full. */
guint         sb_cheat_sheet_get_pieces_shortened (SbCheatSheet *sheet);

/* The headline number of a Result: its first phrase that holds a number, a
 * percentage or an amount of money ("cut p95 latency from 800 ms to 120 ms"),
 * shortened around the number when long. NULL when there is none. Version
 * numbers (v2, p95, Q3) and years alone do not count as numbers. */
char         *sb_cheat_sheet_extract_headline   (const char *result);

G_END_DECLS
