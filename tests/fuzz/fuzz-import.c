/* fuzz-import.c — libFuzzer harness for sb_exchange_import_json()
 *
 * Feeds each input, exactly as long as it is and not NUL-terminated, to the
 * importer on one bank opened once. Checks what the importer promises:
 * a refused document sets a GError and changes nothing (all or nothing),
 * an accepted one sets none. After an accepted import the bank is made
 * anew, so the state stays small and each input meets the same bank.
 *
 * Built with clang by tests/fuzz/run; replayed over the corpus with gcc by
 * fuzz-replay.c as the meson test "fuzz-corpus".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-fuzz-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "sb-exchange.h"

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char    *bank_dir;
static char    *bank_path;
static SbStore *store;

static void
remove_bank (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (bank_path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
open_new_bank (void)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  remove_bank ();
  store = sb_store_open (bank_path, &error);
  if (store == NULL)
    g_error ("fuzz-import: cannot open a bank at %s: %s", bank_path, error->message);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
cleanup (void)
{
  g_clear_object (&store);
  if (bank_dir != NULL)
    remove_tree (bank_dir);
  g_clear_pointer (&bank_path, g_free);
  g_clear_pointer (&bank_dir, g_free);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* A warning or critical on the way is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  bank_dir = g_dir_make_tmp ("storybank-fuzz-XXXXXX", &error);
  if (bank_dir == NULL)
    g_error ("fuzz-import: %s", error->message);
  bank_path = g_build_filename (bank_dir, "bank.sqlite3", NULL);
  open_new_bank ();
  atexit (cleanup);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  SbImportSummary summary = { 0, };
  guint n_before;
  gboolean ok;

  if (store == NULL)
    LLVMFuzzerInitialize (NULL, NULL);
  if (size > G_MAXSSIZE)
    return 0;

  /* An exact-size copy without a terminating NUL: a read past the end of
   * the document is then one ASan sees. */
  copy = size > 0 ? g_memdup2 (data, size) : NULL;
  n_before = sb_store_get_n_stories (store);

  ok = sb_exchange_import_json (store, size > 0 ? copy : "", size, "fuzz.json", &summary, &error);
  if (!ok)
    {
      if (error == NULL)
        g_error ("fuzz-import: the import failed without saying why");
      if (error->message == NULL || *error->message == '\0')
        g_error ("fuzz-import: the import failed with an empty message");
      if (sb_store_get_n_stories (store) != n_before)
        g_error ("fuzz-import: a refused import changed the stories (%u → %u): %s",
                 n_before, sb_store_get_n_stories (store), error->message);
      return 0;
    }
  if (error != NULL)
    g_error ("fuzz-import: the import succeeded and set an error: %s", error->message);

  open_new_bank ();
  return 0;
}
