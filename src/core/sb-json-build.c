/* sb-json-build.c — members every JSON writer of Storybank adds alike
 *
 * See sb-json-build.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-json-build"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-json-build.h"

void
sb_json_build_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

void
sb_json_build_strv (JsonBuilder        *builder,
                    const char         *name,
                    const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}
