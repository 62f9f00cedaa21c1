/* sb-settings.c — the app's GSettings, when its schema is installed
 *
 * g_settings_new() aborts on a missing schema; looking the schema up first
 * lets every widget that remembers something degrade to remembering nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-settings"

#include "config.h"

#include "sb-settings.h"

GSettings *
sb_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}
