/* test-store-opening.c — a bank opened in a worker thread while start-up goes on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "sb-store-opening.h"
#include "sb-test-util.h"

/* The store from the thread is the bank as a plain open reads it, and
 * works on the thread that takes it: it saves, and another open sees it. */
static void
test_opening_reads_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) first = sb_store_open (path, &error);
  g_autoptr(SbStore) opened = NULL;
  g_autoptr(SbStore) again = NULL;
  SbStoreOpening *opening;
  SbStory *story;

  g_assert_no_error (error);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);

      story = sb_store_create_story (first, title, &error);
      g_assert_no_error (error);
      sb_story_set_field (story, SB_STORY_FIELD_RESULT, "Latency fell by 40%.");
      g_assert_true (sb_store_save_story (first, story, &error));
    }
  g_clear_object (&first);

  opening = sb_store_opening_start (path);
  g_assert_cmpstr (sb_store_opening_get_path (opening), ==, path);
  opened = sb_store_opening_finish (opening, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);
  g_assert_cmpuint (sb_store_get_n_stories (opened), ==, 30);
  story = g_list_model_get_item (sb_store_get_stories (opened), 7);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Story 7");
  g_assert_cmpstr (sb_story_get_result (story), ==, "Latency fell by 40%.");

  sb_story_set_field (story, SB_STORY_FIELD_RESULT, "Latency fell by 45%.");
  g_assert_true (sb_store_save_story (opened, story, &error));
  g_assert_no_error (error);
  g_object_unref (story);

  again = sb_store_open (path, &error);
  g_assert_no_error (error);
  story = g_list_model_get_item (sb_store_get_stories (again), 7);
  g_assert_cmpstr (sb_story_get_result (story), ==, "Latency fell by 45%.");
  g_object_unref (story);
}

/* A file that is not a bank fails the same way in the thread as in a plain
 * open, and the file is left as it was. */
static void
test_opening_reports_error (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_write (dir, "notes.sqlite3", "These are my notes, not a bank.\n");
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(GError) thread_error = NULL;
  g_autoptr(SbStore) plain = sb_store_open (path, &plain_error);
  g_autoptr(SbStore) opened = sb_store_opening_finish (sb_store_opening_start (path), &thread_error);
  g_autofree char *contents = NULL;

  g_assert_null (plain);
  g_assert_null (opened);
  g_assert_nonnull (plain_error);
  g_assert_error (thread_error, plain_error->domain, plain_error->code);
  g_assert_cmpstr (thread_error->message, ==, plain_error->message);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "These are my notes, not a bank.\n");
}

/* The window's way in: a bank written by an older release (schema 2, here)
 * is migrated in the thread and read, as a plain open does. */
static void
test_opening_migrates_old_bank (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autofree char *fixture = sb_test_data_path ("bank-v2.sqlite3");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = NULL;
  gsize length;
  SbStory *story;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  store = sb_store_opening_finish (sb_store_opening_start (path), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_database_get_schema_version (sb_store_get_database (store)), ==,
                   sb_database_get_latest_schema_version ());
  g_assert_cmpuint (sb_store_get_n_stories (store), ==, 3);
  story = sb_store_find_story (store, "5a0c1d2e-0000-4000-8000-000000000002");
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Zero-downtime migration — Ünïcode 日本");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-opening/reads-bank", test_opening_reads_bank);
  g_test_add_func ("/store-opening/reports-error", test_opening_reports_error);
  g_test_add_func ("/store-opening/migrates-old-bank", test_opening_migrates_old_bank);

  return g_test_run ();
}
