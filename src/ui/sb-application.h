/* sb-application.h — the Storybank application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION (sb_application_get_type ())
G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, AdwApplication)

SbApplication *sb_application_new               (void);
/* The bank given with --database, or NULL for the default bank. */
const char    *sb_application_get_database_path (SbApplication *self);
void           sb_application_set_database_path (SbApplication *self,
                                                 const char    *path);

G_END_DECLS
