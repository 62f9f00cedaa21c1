/* sb-settings.h — the app's GSettings, when its schema is installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new GSettings for io.github.storybank.Storybank, or NULL when the schema
 * is not installed (a run from the build tree without GSETTINGS_SCHEMA_DIR):
 * the app then works, it just remembers nothing between runs. */
GSettings *sb_settings_new (void);

G_END_DECLS
