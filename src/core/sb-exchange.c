/* sb-exchange.c — what the Storybank exchange formats share: the error
 * domain, and writing an exported file so that it stays private.
 *
 * Import is in sb-exchange-import.c, the JSON export in
 * sb-exchange-export.c, the Markdown export in sb-exchange-markdown.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-exchange-private.h"

G_DEFINE_QUARK (sb-exchange-error-quark, sb_exchange_error)

gboolean
_sb_exchange_write_private_file (const char  *path,
                                 const char  *contents,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Career stories are private: 0600, like the bank itself. */
  if (g_file_set_contents_full (path, contents, length,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                0600, &local_error))
    return TRUE;

  {
    g_autofree char *display = g_filename_display_name (path);
    g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE,
                 _("%s: could not be written: %s"), display, local_error->message);
  }
  return FALSE;
}
