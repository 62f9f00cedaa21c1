/* sb-json-build.h — members every JSON writer of Storybank adds alike
 *
 * The exports (sb-exchange-export.c, sb-exchange-applications.c) and the
 * command line's --json output write strings and lists of strings the
 * same way: a missing string is "", a missing list is [].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Adds the member @name: @value, or "" for NULL. */
void sb_json_build_string (JsonBuilder        *builder,
                           const char         *name,
                           const char         *value);
/* Adds the member @name: an array of @values, [] for NULL. */
void sb_json_build_strv   (JsonBuilder        *builder,
                           const char         *name,
                           const char * const *values);

G_END_DECLS
