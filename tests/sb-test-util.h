/* sb-test-util.h — temporary banks for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A fresh temporary folder, removed (with everything in it) by
 * sb_test_dir_free(). */
typedef struct
{
  char *path;
} SbTestDir;

static inline void
sb_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          sb_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static inline SbTestDir *
sb_test_dir_new (void)
{
  SbTestDir *dir = g_new0 (SbTestDir, 1);
  g_autoptr(GError) error = NULL;

  dir->path = g_dir_make_tmp ("storybank-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline char *
sb_test_dir_file (SbTestDir  *dir,
                  const char *name)
{
  return g_build_filename (dir->path, name, NULL);
}

static inline void
sb_test_dir_free (SbTestDir *dir)
{
  sb_test_rm_rf (dir->path);
  g_free (dir->path);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTestDir, sb_test_dir_free)

/* Writes @contents to the file @name in @dir; its path. */
static inline char *
sb_test_dir_write (SbTestDir  *dir,
                   const char *name,
                   const char *contents)
{
  char *path = sb_test_dir_file (dir, name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* A fixture shipped in tests/data. */
static inline char *
sb_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}
