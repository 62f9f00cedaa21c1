/* sb-applications-page.h — the Applications page: the loops a person
 * prepares for, their introduction, and the application shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-application-editor.h"
#include "sb-introduction-editor.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATIONS_PAGE (sb_applications_page_get_type ())
G_DECLARE_FINAL_TYPE (SbApplicationsPage, sb_applications_page, SB, APPLICATIONS_PAGE, GtkWidget)

GtkWidget     *sb_applications_page_new                (SbStore            *store);
/* Shows the application of @slug (building the page if it is not yet). */
gboolean       sb_applications_page_select_application (SbApplicationsPage *self,
                                                        const char         *slug);
SbApplication *sb_applications_page_get_selected       (SbApplicationsPage *self);
void           sb_applications_page_show_introduction  (SbApplicationsPage *self);
/* Makes the content as the page's first show would, and reads the
 * applications again if they changed since: the window calls it to warm
 * the page up while it is hidden (see sb-window-pages.c). */
void           sb_applications_page_prepare            (SbApplicationsPage *self);
/* Writes what was typed and not yet saved; TRUE when nothing is left. */
gboolean       sb_applications_page_flush              (SbApplicationsPage *self);

/* For tests: whether the page has built its content (it does when first
 * shown), how often it read the applications, and the rows it shows. */
gboolean       sb_applications_page_is_built           (SbApplicationsPage *self);
guint          sb_applications_page_get_n_refreshes    (SbApplicationsPage *self);
guint          sb_applications_page_get_n_rows         (SbApplicationsPage *self);
SbApplicationEditor  *sb_applications_page_get_editor  (SbApplicationsPage *self);
SbIntroductionEditor *sb_applications_page_get_introduction (SbApplicationsPage *self);

G_END_DECLS
