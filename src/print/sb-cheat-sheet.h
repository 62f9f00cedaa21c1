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

G_END_DECLS
