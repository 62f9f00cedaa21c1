/* sb-app.h — the Storybank application (the GtkApplication)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_APP (sb_app_get_type ())
G_DECLARE_FINAL_TYPE (SbApp, sb_app, SB, APP, AdwApplication)

SbApp         *sb_app_new               (void);
/* The bank given with --database, or NULL for the default bank. */
const char    *sb_app_get_database_path (SbApp      *self);
void           sb_app_set_database_path (SbApp      *self,
                                         const char *path);

G_END_DECLS
