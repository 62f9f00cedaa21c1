/* fuzz-replay.c — runs the fuzz harness over files, without libFuzzer
 *
 * A main() for compilers without libFuzzer (gcc): each argument is a file,
 * or a folder whose files are all fed, one at a time, to
 * LLVMFuzzerTestOneInput(). The meson test "fuzz-corpus" replays the seed
 * corpus this way on every build; `fuzz-replay CRASH-FILE` reproduces what
 * a fuzzing run found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-fuzz-replay"

#include "config.h"

#include <glib/gi18n.h>
#include <stdint.h>

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint n_inputs;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("fuzz-replay: %s", error->message);
  g_print ("%s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  n_inputs++;
}

static void
replay_path (const char *path)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("fuzz-replay: %s", error->message);
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    replay_path (names->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      g_printerr ("usage: fuzz-replay FILE-OR-FOLDER…\n");
      return 2;
    }
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  g_print ("%u inputs replayed, none crashed\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
