/* test-history.c — undo and redo of what the person did through the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-exchange.h"
#include "sb-store.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestDir *dir;
  SbStore   *store;
  SbStory   *story;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = sb_test_dir_new ();
  path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  f->story = sb_store_create_story (f->store, "Checkout outage", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  sb_test_dir_free (f->dir);
}

static void
undo_ok (SbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_undo (store, NULL, &error));
  g_assert_no_error (error);
}

static void
redo_ok (SbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_redo (store, NULL, &error));
  g_assert_no_error (error);
}

#define THEME "core-production-incident"

/* Links and unlinks go back step by step, newest first, and come again. */
static void
test_links_undo_and_redo (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbQuestion) question = g_list_model_get_item (sb_store_get_questions (f->store), 0);
  const char *slug = sb_question_get_slug (question);

  g_assert_null (sb_store_get_undo_label (f->store));
  g_assert_true (sb_store_set_story_theme (f->store, f->story, THEME, SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, f->story, THEME, SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_question (f->store, f->story, slug, TRUE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sb_store_get_undo_label (f->store), "Checkout outage"));

  undo_ok (f->store);
  {
    g_auto(GStrv) questions = sb_store_get_story_questions (f->store, f->story);
    g_assert_null (questions[0]);
  }
  undo_ok (f->store);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_PRIMARY);
  undo_ok (f->store);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_NONE);
  g_assert_null (sb_store_get_undo_label (f->store));
  /* Nothing left to undo is not an error. */
  undo_ok (f->store);

  redo_ok (f->store);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_PRIMARY);
  redo_ok (f->store);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_SECONDARY);

  /* A new action makes what was undone unreachable. */
  undo_ok (f->store);
  g_assert_nonnull (sb_store_get_redo_label (f->store));
  g_assert_true (sb_store_set_story_theme (f->store, f->story, "core-cross-team", SB_STRENGTH_PRIMARY, &error));
  g_assert_null (sb_store_get_redo_label (f->store));
}

/* A deleted story comes back with its words, links and practice, and the
 * redo deletes it again. */
static void
test_delete_undo_and_redo (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (f->story));
  SbStory *back = NULL;
  guint serial;

  g_assert_true (sb_store_edit_story (f->store, f->story, SB_STORY_FIELD_ACTION, "I rolled it back.", &error));
  g_assert_true (sb_store_set_story_theme (f->store, f->story, THEME, SB_STRENGTH_PRIMARY, &error));
  serial = sb_store_get_history_serial (f->store);

  deleted = sb_store_delete_story (f->store, f->story, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_store_get_history_serial (f->store), ==, serial + 1);
  g_assert_null (sb_store_find_story (f->store, uuid));

  g_assert_true (sb_store_undo (f->store, &back, &error));
  g_assert_no_error (error);
  g_assert_true (back == f->story);
  g_assert_true (sb_store_find_story (f->store, uuid) == f->story);
  g_assert_cmpstr (sb_story_get_action (f->story), ==, "I rolled it back.");
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_PRIMARY);
  /* Undo is not a new action. */
  g_assert_cmpuint (sb_store_get_history_serial (f->store), ==, serial + 1);

  redo_ok (f->store);
  g_assert_null (sb_store_find_story (f->store, uuid));
  undo_ok (f->store);
  g_assert_nonnull (sb_store_find_story (f->store, uuid));
}

/* An import is many changes in one transaction: not the person's one
 * click, and not in the history (the backup before it is its undo). */
static void
test_import_not_recorded (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json =
    g_strdup_printf ("{\"format\":\"storybank\",\"version\":1,\"stories\":[{\"uuid\":\"%s\","
                     "\"title\":\"Checkout outage\",\"themes\":[\"" THEME "\"]}]}",
                     sb_story_get_uuid (f->story));

  g_assert_true (sb_exchange_import_json (f->store, json, -1, "in.json", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_PRIMARY);
  g_assert_null (sb_store_get_undo_label (f->store));
}

/* A step whose theme was deleted meanwhile cannot be taken back: it says
 * so and goes, and the steps before it still work. */
static void
test_step_that_cannot_be_undone (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbTheme *own = sb_store_add_own_theme (f->store, "Grit", &error);
  g_autofree char *own_slug = g_strdup (sb_theme_get_slug (own));

  g_assert_true (sb_store_set_story_theme (f->store, f->story, THEME, SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, f->story, own_slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_delete_theme (f->store, own, &error));
  g_assert_no_error (error);

  g_assert_false (sb_store_undo (f->store, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, own_slug));
  g_clear_error (&error);
  undo_ok (f->store);
  g_assert_cmpint (sb_store_get_story_theme (f->store, f->story, THEME), ==, SB_STRENGTH_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("links-undo-and-redo", test_links_undo_and_redo);
  ADD ("delete-undo-and-redo", test_delete_undo_and_redo);
  ADD ("import-not-recorded", test_import_not_recorded);
  ADD ("step-that-cannot-be-undone", test_step_that_cannot_be_undone);
#undef ADD

  return g_test_run ();
}
