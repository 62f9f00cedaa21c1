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
#include <glib/gstdio.h>

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "sb-exchange-private.h"

G_DEFINE_QUARK (sb-exchange-error-quark, sb_exchange_error)

static void
set_not_a_file_error (GError     **error,
                      const char  *path,
                      mode_t       mode)
{
  g_autofree char *display = g_filename_display_name (path);

  if (S_ISFIFO (mode))
    g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE,
                 _("%s: could not be written: it is a named pipe, not a file"), display);
  else if (S_ISDIR (mode))
    g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE,
                 _("%s: could not be written: it is a folder"), display);
  else
    g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE,
                 _("%s: could not be written: it is a device or a socket, not a file"), display);
}

/* The file an export of @path writes. The write makes a new file and
 * renames it over @path, which would put a regular file in place of a
 * named pipe, a device or a symbolic link: so a pipe, a device or a socket
 * is refused, and a link to a regular file is followed, so that the file
 * it points to gets the export (atomically, like any other) and the link
 * stays. */
static char *
resolve_output_path (const char  *path,
                     GError     **error)
{
  g_autofree char *target = NULL;
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return g_strdup (path);   /* a new file; a bad folder is reported by the write */
  if (!S_ISLNK (st.st_mode))
    {
      if (!S_ISREG (st.st_mode))
        {
          set_not_a_file_error (error, path, st.st_mode);
          return NULL;
        }
      return g_strdup (path);
    }

  target = realpath (path, NULL);
  if (target == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_WRITE,
                   _("%s: could not be written: it is a symbolic link to a file that cannot be "
                     "reached (%s)"),
                   display, g_strerror (saved));
      return NULL;
    }
  if (g_stat (target, &st) == 0 && !S_ISREG (st.st_mode))
    {
      set_not_a_file_error (error, path, st.st_mode);
      return NULL;
    }
  return g_steal_pointer (&target);
}

gboolean
_sb_exchange_write_private_file (const char  *path,
                                 const char  *contents,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *target = resolve_output_path (path, error);

  if (target == NULL)
    return FALSE;
  /* Career stories are private: 0600, like the bank itself. */
  if (g_file_set_contents_full (target, contents, length,
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
