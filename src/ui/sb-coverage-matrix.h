/* sb-coverage-matrix.h — themes × stories, drawn cell by cell
 *
 * A scrollable widget that draws only the visible part of one framework's
 * coverage matrix: themes down the side, stories across the top, a dot per
 * link. Clicking a cell (or Space on the focus cell) cycles the link
 * none → primary → secondary → none through the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-coverage.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_COVERAGE_MATRIX (sb_coverage_matrix_get_type ())
G_DECLARE_FINAL_TYPE (SbCoverageMatrix, sb_coverage_matrix, SB, COVERAGE_MATRIX, GtkWidget)

GtkWidget   *sb_coverage_matrix_new                (SbStore          *store);
SbStore     *sb_coverage_matrix_get_store          (SbCoverageMatrix *self);
void         sb_coverage_matrix_set_store          (SbCoverageMatrix *self,
                                                    SbStore          *store);
/* The framework shown; NULL: the store's first framework. */
const char  *sb_coverage_matrix_get_framework      (SbCoverageMatrix *self);
void         sb_coverage_matrix_set_framework      (SbCoverageMatrix *self,
                                                    const char       *framework_slug);
/* The current snapshot (may be NULL before the first rebuild). Announced by
 * the "coverage-changed" signal. */
SbCoverage  *sb_coverage_matrix_get_coverage       (SbCoverageMatrix *self);
/* The theme whose row is selected (row header click or focus cell), or NULL. */
const char  *sb_coverage_matrix_get_selected_theme (SbCoverageMatrix *self);
void         sb_coverage_matrix_set_selected_theme (SbCoverageMatrix *self,
                                                    const char       *theme_slug);
/* Cycles the link between a story and a theme, exactly like a click. */
gboolean     sb_coverage_matrix_toggle             (SbCoverageMatrix *self,
                                                    const char       *story_uuid,
                                                    const char       *theme_slug,
                                                    GError          **error);
/* Rebuilds the snapshot now instead of at the next idle. */
void         sb_coverage_matrix_rebuild            (SbCoverageMatrix *self);
/* Hidden (FALSE), a change of the bank only marks the matrix stale and no
 * title is watched; shown again, it rebuilds if stale and catches up on
 * titles. The Coverage page says so from its own map and unmap: the
 * matrix's own map state cannot tell (the page's empty state unmaps it).
 * TRUE at first. */
void         sb_coverage_matrix_set_shown          (SbCoverageMatrix *self,
                                                    gboolean          shown);

/* Draws what the matrix shows at its allocated size into a throw-away
 * surface: the window's warm-up, while the page is hidden. */
void         sb_coverage_matrix_draw_off_screen    (SbCoverageMatrix *self);

/* Test hook: how many cells the last snapshot drew. */
guint        sb_coverage_matrix_get_n_cells_drawn  (SbCoverageMatrix *self);
/* Test hooks: whether a theme's name (row) or a story's title (column) is
 * cut short in its header, a cell's rectangle in widget coordinates, and
 * the tooltip shown at a point (NULL: none). */
gboolean     sb_coverage_matrix_is_name_cut        (SbCoverageMatrix *self,
                                                    guint             row);
gboolean     sb_coverage_matrix_is_title_cut       (SbCoverageMatrix *self,
                                                    guint             column);
void         sb_coverage_matrix_get_cell_area      (SbCoverageMatrix *self,
                                                    int               row,
                                                    int               column,
                                                    GdkRectangle     *area);
char        *sb_coverage_matrix_dup_tooltip_at     (SbCoverageMatrix *self,
                                                    double            x,
                                                    double            y);
/* Test hook: the title column @column's header was last drawn with, or
 * NULL while it has not been laid out since the last rebuild. */
const char  *sb_coverage_matrix_get_drawn_title    (SbCoverageMatrix *self,
                                                    guint             column);
/* Test hook: the last link toast shown (with its Undo), while it lives. */
AdwToast    *sb_coverage_matrix_get_last_toast     (SbCoverageMatrix *self);

G_END_DECLS
