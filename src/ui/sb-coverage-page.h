/* sb-coverage-page.h — the Coverage page: framework, summary, matrix, theme panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-coverage-matrix.h"
#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_COVERAGE_PAGE (sb_coverage_page_get_type ())
G_DECLARE_FINAL_TYPE (SbCoveragePage, sb_coverage_page, SB, COVERAGE_PAGE, GtkWidget)

GtkWidget        *sb_coverage_page_new          (SbStore        *store);
SbStore          *sb_coverage_page_get_store    (SbCoveragePage *self);
SbCoverageMatrix *sb_coverage_page_get_matrix   (SbCoveragePage *self);
void              sb_coverage_page_prepare      (SbCoveragePage *self);
void              sb_coverage_page_prepare_draw (SbCoveragePage *self);
/* Shows another framework (slug), as if chosen in the selector. */
void              sb_coverage_page_set_framework (SbCoveragePage *self,
                                                  const char     *framework_slug);

/* For tests: the summary line as shown, and whether the empty state is up. */
const char       *sb_coverage_page_get_summary  (SbCoveragePage *self);
gboolean          sb_coverage_page_is_empty     (SbCoveragePage *self);
/* The line under the summary that says what a click does. */
const char       *sb_coverage_page_get_hint     (SbCoveragePage *self);

G_END_DECLS
