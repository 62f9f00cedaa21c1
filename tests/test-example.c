/* test-example.c — the example story: once per bank, linked, and strong by our own checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-example.h"
#include "sb-story-check.h"
#include "sb-test-util.h"

static SbStore *
open_bank (SbTestDir  *dir,
           const char *name)
{
  g_autofree char *path = sb_test_dir_file (dir, name);
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_seeded_once (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) example = NULL;
  g_autoptr(SbStory) again = NULL;
  g_autoptr(SbStory) after_delete = NULL;
  SbDeletedStory *deleted;

  example = sb_example_seed (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (example);
  g_assert_true (sb_story_get_is_example (example));
  g_assert_cmpint (sb_story_get_status (example), ==, SB_STORY_STATUS_READY);
  g_assert_true (g_str_has_prefix (sb_story_get_title (example), "Example: "));
  g_assert_cmpint (sb_store_get_story_theme (store, example, "core-production-incident"), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_store_get_story_theme (store, example, "lp-ownership"), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_store_get_story_theme (store, example, "lp-dive-deep"), ==, SB_STRENGTH_SECONDARY);
  g_assert_cmpint (sb_store_get_story_theme (store, example, "core-tight-deadline"), ==, SB_STRENGTH_SECONDARY);

  again = sb_example_seed (store, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);

  /* Deleted, it never comes back. */
  deleted = sb_store_delete_story (store, example, &error);
  g_assert_no_error (error);
  sb_deleted_story_free (deleted);
  after_delete = sb_example_seed (store, &error);
  g_assert_no_error (error);
  g_assert_null (after_delete);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 0);
}

/* A bank that already has stories (say, from an import) gets no example. */
static void
test_not_into_a_full_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) example = NULL;
  g_autoptr(SbStory) later = NULL;
  SbStory *own = sb_store_create_story (store, "My own story", &error);
  SbDeletedStory *deleted;

  g_assert_no_error (error);
  example = sb_example_seed (store, &error);
  g_assert_no_error (error);
  g_assert_null (example);
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 1);

  /* Emptied later, it still gets none: the bank is not new. */
  deleted = sb_store_delete_story (store, own, &error);
  sb_deleted_story_free (deleted);
  later = sb_example_seed (store, &error);
  g_assert_null (later);
}

/* The example shows what a strong answer looks like, so the coach must
 * have nothing to mark down in it. */
static void
test_example_passes_the_coach (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = open_bank (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStory) example = sb_example_seed (store, &error);
  g_autoptr(GPtrArray) findings = NULL;
  guint seconds;

  g_assert_nonnull (example);
  findings = sb_story_check (example);
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = findings->pdata[i];
      g_test_message ("finding: %s", finding->message);
      g_assert_cmpint (finding->severity, <, SB_CHECK_SEVERITY_WARNING);
    }
  seconds = sb_story_get_speaking_seconds (example);
  g_assert_cmpuint (seconds, >=, SB_CHECK_MIN_SECONDS);
  g_assert_cmpuint (seconds, <=, SB_CHECK_MAX_SECONDS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/example/seeded-once", test_seeded_once);
  g_test_add_func ("/example/not-into-a-full-bank", test_not_into_a_full_bank);
  g_test_add_func ("/example/passes-the-coach", test_example_passes_the_coach);

  return g_test_run ();
}
