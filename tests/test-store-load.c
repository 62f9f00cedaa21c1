/* test-store-load.c — a bank read into memory: each story is built straight
 * from its row, its empty texts shared, its edits watched without a signal
 * connection, its links in short arrays. None of that may show: what a
 * story derives is right the first time it is asked (after the open, an
 * edit, another program's commit, an undone delete), its saved copy stays
 * the bank's, and its links are the bank's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-story-check.h"
#include "sb-test-store.h"

#define SITUATION "Checkout latency doubled after the Tuesday deploy, during the spring sale."
#define TASK      "I owned the rollback decision as the on-call lead."
#define ACTION    "I rolled back, then bisected the deploy and found the unbounded retry loop."
#define RESULT    "Latency was back to normal in 20 minutes and we lost no orders."
#define LEARNING  "Now every retry has a budget, and I review them in design docs."
#define THEIRS    "The other window rewrote this: a flaky cache, three teams, one long night."

static SbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
edit (SbStore      *store,
      SbStory      *story,
      SbStoryField  field,
      const char   *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_edit_story (store, story, field, text, &error));
  g_assert_no_error (error);
}

static void
save_all (SbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_save_pending (store, &error));
  g_assert_no_error (error);
}

/* A story with the five sections (or only the situation), saved. */
static SbStory *
add_story (SbStore    *store,
           const char *title,
           gboolean    whole)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  edit (store, story, SB_STORY_FIELD_SITUATION, SITUATION);
  if (whole)
    {
      edit (store, story, SB_STORY_FIELD_TASK, TASK);
      edit (store, story, SB_STORY_FIELD_ACTION, ACTION);
      edit (store, story, SB_STORY_FIELD_RESULT, RESULT);
      edit (store, story, SB_STORY_FIELD_LEARNING, LEARNING);
      edit (store, story, SB_STORY_FIELD_CUE_ACTION, "Rolled back, bisected");
    }
  save_all (store);
  return story;
}

/* The same text in a story nothing loaded: what every derived value
 * must equal. */
static SbStory *
reference_for (SbStory *story)
{
  SbStory *reference = sb_story_new ();

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    sb_story_set_field (reference, f, sb_story_get_field (story, f));
  return reference;
}

static char *
describe_findings (GPtrArray *findings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = findings->pdata[i];
      g_string_append_printf (text, "%s/%s;", finding->check_id, finding->section);
    }
  return g_string_free (text, FALSE);
}

/* Counts, speaking time, findings and the cue card of @story, asked for the
 * first time since its text last changed, against a fresh story's. */
static void
assert_derived_right (SbStory *story)
{
  g_autoptr(SbStory) reference = reference_for (story);
  g_autoptr(GPtrArray) findings = sb_story_check (story);
  g_autoptr(GPtrArray) expected_findings = sb_story_check (reference);
  g_autofree char *got = describe_findings (findings);
  g_autofree char *expected = describe_findings (expected_findings);

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    g_assert_cmpuint (sb_story_get_field_word_count (story, f), ==,
                      sb_count_words (sb_story_get_field (story, f)));
  g_assert_cmpuint (sb_story_get_word_count (story), ==, sb_story_get_word_count (reference));
  g_assert_cmpuint (sb_story_get_speaking_seconds (story), ==,
                    sb_story_get_speaking_seconds (reference));
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (sb_story_has_cue_card (story), ==, sb_story_has_cue_card (reference));
  g_assert_cmpstr (sb_story_get_display_title (story), ==, sb_story_get_display_title (reference));
}

/* A story just read from the bank is clean: each field is its saved copy. */
static void
assert_clean_as_bank (SbStore *store,
                      SbStory *story)
{
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    g_assert_cmpstr (sb_story_get_saved_field (story, f), ==, sb_story_get_field (story, f));
  g_assert_cmpint (sb_story_get_saved_status (story), ==, sb_story_get_status (story));
  g_assert_false (sb_story_get_dirty (story));
  g_assert_cmpuint (sb_story_get_dirty_mask (story), ==, 0);
  g_assert_false (sb_store_story_is_unsaved (store, story));
}

/* ---- what a story derives --------------------------------------------- */

static void
test_derived_after_open (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *whole_uuid = NULL;
  g_autofree char *short_uuid = NULL;
  g_autoptr(SbStore) reopened = NULL;
  SbStory *whole, *brief;

  whole_uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Checkout outage", TRUE)));
  short_uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "  ", FALSE)));
  g_assert_true (sb_store_edit_story_status (bank->store, sb_store_find_story (bank->store, whole_uuid),
                                             SB_STORY_STATUS_READY, NULL));

  reopened = open_store (bank->path);
  whole = sb_store_find_story (reopened, whole_uuid);
  brief = sb_store_find_story (reopened, short_uuid);
  g_assert_nonnull (whole);
  g_assert_nonnull (brief);

  g_assert_cmpstr (sb_story_get_action (whole), ==, ACTION);
  g_assert_cmpstr (sb_story_get_field (whole, SB_STORY_FIELD_CUE_ACTION), ==, "Rolled back, bisected");
  g_assert_cmpstr (sb_story_get_notes (whole), ==, "");
  g_assert_cmpint (sb_story_get_status (whole), ==, SB_STORY_STATUS_READY);
  g_assert_cmpuint (sb_story_get_word_count (whole), >, 40);
  assert_derived_right (whole);
  assert_clean_as_bank (reopened, whole);

  /* Missing sections are counted as empty, and the title falls back. */
  g_assert_cmpuint (sb_story_get_field_word_count (brief, SB_STORY_FIELD_TASK), ==, 0);
  g_assert_cmpstr (sb_story_get_display_title (brief), !=, "  ");
  assert_derived_right (brief);
  assert_clean_as_bank (reopened, brief);
  g_assert_cmpuint (sb_store_get_n_unsaved (reopened), ==, 0);
}

static void
test_derived_after_edit (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Checkout outage", TRUE)));
  g_autoptr(SbStore) reopened = open_store (bank->path);
  SbStory *story = sb_store_find_story (reopened, uuid);
  guint before = sb_story_get_word_count (story);
  g_autoptr(GPtrArray) findings_before = sb_story_check (story);

  /* Asked once (cached), then changed: the next answer is the new text's. */
  edit (reopened, story, SB_STORY_FIELD_RESULT, "");
  g_assert_cmpuint (sb_story_get_word_count (story), ==, before - sb_count_words (RESULT));
  assert_derived_right (story);
  g_assert_true (sb_story_get_dirty (story));
  g_assert_cmpuint (sb_story_get_dirty_mask (story), ==, 1u << SB_STORY_FIELD_RESULT);
  g_assert_true (sb_store_story_is_unsaved (reopened, story));
  g_assert_cmpstr (sb_story_get_saved_field (story, SB_STORY_FIELD_RESULT), ==, RESULT);

  /* Typed back to what the bank holds: clean again, nothing to save. */
  edit (reopened, story, SB_STORY_FIELD_RESULT, RESULT);
  g_assert_cmpuint (sb_story_get_word_count (story), ==, before);
  assert_derived_right (story);
  assert_clean_as_bank (reopened, story);

  /* An edit saved, then the bank read again by a third store. */
  edit (reopened, story, SB_STORY_FIELD_NOTES, "Ask Dana about the retry budget.");
  save_all (reopened);
  assert_clean_as_bank (reopened, story);
  {
    g_autoptr(SbStore) third = open_store (bank->path);
    SbStory *again = sb_store_find_story (third, uuid);

    g_assert_cmpstr (sb_story_get_notes (again), ==, "Ask Dana about the retry budget.");
    assert_derived_right (again);
    assert_clean_as_bank (third, again);
  }
}

/* Another store commits while this one holds the story (its counts asked
 * or not): the merge's result is what is counted, and the saved copy is
 * theirs, so the next three-way merge starts from it. */
static void
test_derived_after_merge (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Checkout outage", TRUE)));
  g_autofree char *other_uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Quiet", TRUE)));
  g_autoptr(SbStore) mine = open_store (bank->path);
  SbStory *story = sb_store_find_story (mine, uuid);
  SbStory *unasked = sb_store_find_story (mine, other_uuid);
  g_autoptr(GError) error = NULL;
  guint before = sb_story_get_word_count (story);

  edit (bank->store, sb_store_find_story (bank->store, uuid), SB_STORY_FIELD_SITUATION, THEIRS);
  edit (bank->store, sb_store_find_story (bank->store, other_uuid), SB_STORY_FIELD_TASK, THEIRS);
  save_all (bank->store);
  g_assert_true (sb_store_sync (mine, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (sb_story_get_situation (story), ==, THEIRS);
  g_assert_cmpuint (sb_story_get_word_count (story), ==,
                    before - sb_count_words (SITUATION) + sb_count_words (THEIRS));
  assert_derived_right (story);
  assert_clean_as_bank (mine, story);
  /* First asked after the merge. */
  g_assert_cmpstr (sb_story_get_task (unasked), ==, THEIRS);
  assert_derived_right (unasked);
  assert_clean_as_bank (mine, unasked);

  /* Both change the same field: the person's text stays, theirs goes into
   * the notes, and the saved copy is theirs. */
  edit (mine, story, SB_STORY_FIELD_ACTION, "Mine: I paged the database team first.");
  edit (bank->store, sb_store_find_story (bank->store, uuid), SB_STORY_FIELD_ACTION,
        "Theirs: we failed over to the other region.");
  save_all (bank->store);
  g_assert_true (sb_store_sync (mine, &error));
  g_assert_cmpstr (sb_story_get_action (story), ==, "Mine: I paged the database team first.");
  g_assert_cmpstr (sb_story_get_saved_field (story, SB_STORY_FIELD_ACTION), ==,
                   "Theirs: we failed over to the other region.");
  g_assert_nonnull (strstr (sb_story_get_notes (story), "Theirs: we failed over to the other region."));
  g_assert_true (sb_store_story_is_unsaved (mine, story));
  assert_derived_right (story);
  save_all (mine);
  assert_clean_as_bank (mine, story);
}

static void
test_derived_after_undo_delete (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Checkout outage", TRUE)));
  g_autoptr(SbStore) reopened = open_store (bank->path);
  SbStory *story = sb_store_find_story (reopened, uuid);
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(GError) error = NULL;
  guint words = sb_story_get_word_count (story);
  SbStory *back = NULL;

  deleted = sb_store_delete_story (reopened, story, &error);
  g_assert_no_error (error);
  g_assert_null (sb_store_find_story (reopened, uuid));
  g_assert_true (sb_store_undo (reopened, &back, &error));
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (sb_store_find_story (reopened, uuid) == back);

  g_assert_cmpuint (sb_story_get_word_count (back), ==, words);
  g_assert_cmpstr (sb_story_get_learning (back), ==, LEARNING);
  assert_derived_right (back);
  assert_clean_as_bank (reopened, back);

  /* Watched again: an edit is unsaved, then saved. */
  edit (reopened, back, SB_STORY_FIELD_LEARNING, "Budgets first.");
  g_assert_true (sb_store_story_is_unsaved (reopened, back));
  assert_derived_right (back);
  save_all (reopened);
  assert_clean_as_bank (reopened, back);
}

/* ---- empty texts and the store's watch ------------------------------- */

/* Every empty field of every story is one shared buffer: filling one
 * story's notes leaves every other story's alone. */
static void
test_empty_fields_independent (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *a_uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "First", FALSE)));
  g_autofree char *b_uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Second", FALSE)));
  g_autoptr(SbStore) reopened = open_store (bank->path);
  SbStory *a = sb_store_find_story (reopened, a_uuid);
  SbStory *b = sb_store_find_story (reopened, b_uuid);
  g_autoptr(SbStory) fresh = sb_story_new ();

  edit (reopened, a, SB_STORY_FIELD_NOTES, "Only in the first");
  sb_story_set_field (fresh, SB_STORY_FIELD_NOTES, "Only in the new one");
  g_assert_cmpstr (sb_story_get_notes (a), ==, "Only in the first");
  g_assert_cmpstr (sb_story_get_notes (b), ==, "");
  g_assert_cmpstr (sb_story_get_saved_field (a, SB_STORY_FIELD_NOTES), ==, "");
  g_assert_cmpstr (sb_story_get_saved_field (b, SB_STORY_FIELD_NOTES), ==, "");
  g_assert_cmpuint (sb_story_get_dirty_mask (a), ==, 1u << SB_STORY_FIELD_NOTES);
  assert_clean_as_bank (reopened, b);

  edit (reopened, a, SB_STORY_FIELD_NOTES, "");
  assert_clean_as_bank (reopened, a);
  g_assert_cmpuint (sb_store_get_n_unsaved (reopened), ==, 0);

  /* A field emptied and saved, read back. */
  edit (reopened, b, SB_STORY_FIELD_SITUATION, "");
  save_all (reopened);
  {
    g_autoptr(SbStore) third = open_store (bank->path);
    SbStory *again = sb_store_find_story (third, b_uuid);

    g_assert_cmpstr (sb_story_get_situation (again), ==, "");
    g_assert_cmpuint (sb_story_get_word_count (again), ==, 0);
    assert_clean_as_bank (third, again);
  }
}

static void
count_cb (SbStore *store,
          SbStory *story,
          guint   *count)
{
  (*count)++;
}

/* The store hears of a loaded story becoming unsaved, and stops hearing
 * when the story leaves it (deleted) or the store goes. */
static void
test_watch_follows_store (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Watched", TRUE)));
  g_autofree char *gone_uuid = g_strdup (sb_story_get_uuid (add_story (bank->store, "Deleted", TRUE)));
  g_autoptr(SbStore) reopened = open_store (bank->path);
  g_autoptr(SbStory) story = g_object_ref (sb_store_find_story (reopened, uuid));
  g_autoptr(SbStory) gone = g_object_ref (sb_store_find_story (reopened, gone_uuid));
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (reopened, "save-state-changed", G_CALLBACK (count_cb), &changes);

  /* Changed without the store's help (as a binding would): still seen. */
  sb_story_set_field (story, SB_STORY_FIELD_TASK, "Changed behind the store's back");
  g_assert_true (sb_store_story_is_unsaved (reopened, story));
  g_assert_cmpuint (changes, ==, 1);
  sb_story_set_field (story, SB_STORY_FIELD_TASK, TASK);
  g_assert_false (sb_store_story_is_unsaved (reopened, story));
  g_assert_cmpuint (changes, ==, 2);

  /* Frozen notifications: one watch call at the thaw, with the end state. */
  g_object_freeze_notify (G_OBJECT (story));
  sb_story_set_field (story, SB_STORY_FIELD_TASK, "One");
  sb_story_set_field (story, SB_STORY_FIELD_TASK, TASK);
  sb_story_set_field (story, SB_STORY_FIELD_TASK, "Two");
  g_assert_false (sb_store_story_is_unsaved (reopened, story));
  g_object_thaw_notify (G_OBJECT (story));
  g_assert_true (sb_store_story_is_unsaved (reopened, story));
  g_assert_cmpuint (changes, ==, 3);
  sb_story_set_field (story, SB_STORY_FIELD_TASK, TASK);
  g_assert_cmpuint (sb_store_get_n_unsaved (reopened), ==, 0);

  deleted = sb_store_delete_story (reopened, gone, &error);
  g_assert_no_error (error);
  changes = 0;
  sb_story_set_field (gone, SB_STORY_FIELD_TASK, "Typed into a deleted story");
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (sb_store_get_n_unsaved (reopened), ==, 0);

  /* The store closes; the story outlives it and can still change. */
  g_clear_pointer (&deleted, sb_deleted_story_free);
  g_signal_handlers_disconnect_by_func (reopened, count_cb, &changes);
  g_assert_finalize_object (g_steal_pointer (&reopened));
  sb_story_set_field (story, SB_STORY_FIELD_TASK, "After the store closed");
  g_assert_true (sb_story_get_dirty (story));
}

/* ---- links ------------------------------------------------------------ */

static char *
describe_themes (SbStore *store,
                 SbStory *story)
{
  g_autoptr(GArray) links = sb_store_get_story_themes (store, story);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < links->len; i++)
    g_string_append_printf (text, "%s=%d;", g_array_index (links, SbThemeLink, i).theme_slug,
                            g_array_index (links, SbThemeLink, i).strength);
  return g_string_free (text, FALSE);
}

static void
test_links_read_back (void)
{
  g_autoptr(SbTestBank) bank = sb_test_bank_new ();
  SbStory *story = add_story (bank->store, "Linked", TRUE);
  SbStory *second = add_story (bank->store, "Also linked", FALSE);
  g_autofree char *uuid = g_strdup (sb_story_get_uuid (story));
  g_autofree char *second_uuid = g_strdup (sb_story_get_uuid (second));
  GListModel *questions = sb_store_get_questions (bank->store);
  g_autoptr(SbQuestion) q0 = g_list_model_get_item (questions, 0);
  g_autoptr(SbQuestion) q1 = g_list_model_get_item (questions, 1);
  g_autofree char *slug0 = g_strdup (sb_question_get_slug (q0));
  g_autofree char *slug1 = g_strdup (sb_question_get_slug (q1));
  g_autofree char *mine_slug = NULL;
  g_autofree char *themes = NULL;
  g_autoptr(GError) error = NULL;
  SbQuestion *mine;

  mine = sb_store_add_question (bank->store, "Tell me about a pager storm.", "", NULL, &error);
  g_assert_no_error (error);
  mine_slug = g_strdup (sb_question_get_slug (mine));

  g_assert_true (sb_store_set_story_theme (bank->store, story, "lp-ownership", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_theme (bank->store, story, "core-production-incident", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_theme (bank->store, story, "lp-dive-deep", SB_STRENGTH_PRIMARY, &error));
  /* A strength changed in place, a link removed. */
  g_assert_true (sb_store_set_story_theme (bank->store, story, "core-production-incident", SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (bank->store, story, "lp-dive-deep", SB_STRENGTH_NONE, &error));
  g_assert_true (sb_store_set_story_theme (bank->store, second, "core-production-incident", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_question (bank->store, story, slug0, TRUE, &error));
  g_assert_true (sb_store_set_story_question (bank->store, story, slug1, TRUE, &error));
  g_assert_true (sb_store_set_story_question (bank->store, story, mine_slug, TRUE, &error));
  g_assert_true (sb_store_set_story_question (bank->store, story, slug0, FALSE, &error));
  g_assert_true (sb_store_set_story_question (bank->store, second, slug1, TRUE, &error));
  g_assert_no_error (error);

  themes = describe_themes (bank->store, story);
  g_assert_cmpint (sb_store_get_story_theme (bank->store, story, "lp-dive-deep"), ==, SB_STRENGTH_NONE);

  /* Read back by another store: the same links. */
  {
    g_autoptr(SbStore) reopened = open_store (bank->path);
    SbStory *again = sb_store_find_story (reopened, uuid);
    SbStory *second_again = sb_store_find_story (reopened, second_uuid);
    g_autofree char *themes_again = describe_themes (reopened, again);
    g_auto(GStrv) slugs = sb_store_get_story_questions (reopened, again);
    g_autoptr(GPtrArray) by_theme = sb_store_get_theme_stories (reopened, "core-production-incident");
    g_autoptr(GPtrArray) by_question = sb_store_get_question_stories (reopened, slug1);
    g_autoptr(GPtrArray) none = sb_store_get_question_stories (reopened, slug0);
    g_autoptr(SbDeletedStory) deleted = NULL;
    SbStory *back = NULL;

    g_assert_cmpstr (themes_again, ==, themes);
    g_assert_cmpint (sb_store_get_story_theme (reopened, again, "core-production-incident"), ==,
                     SB_STRENGTH_PRIMARY);
    g_assert_cmpint (sb_store_get_story_theme (reopened, again, "lp-ownership"), ==,
                     SB_STRENGTH_SECONDARY);
    g_assert_cmpuint (g_strv_length (slugs), ==, 2);
    g_assert_true (g_strv_contains ((const char * const *) slugs, slug1));
    g_assert_true (g_strv_contains ((const char * const *) slugs, mine_slug));
    /* Primary links first. */
    g_assert_cmpuint (by_theme->len, ==, 2);
    g_assert_true (by_theme->pdata[0] == again);
    g_assert_true (by_theme->pdata[1] == second_again);
    g_assert_cmpuint (by_question->len, ==, 2);
    g_assert_cmpuint (none->len, ==, 0);

    /* A question deleted takes its links with it. */
    g_assert_true (sb_store_delete_question (reopened, sb_store_find_question (reopened, mine_slug), &error));
    g_assert_no_error (error);
    {
      g_auto(GStrv) left = sb_store_get_story_questions (reopened, again);

      g_assert_cmpuint (g_strv_length (left), ==, 1);
      g_assert_cmpstr (left[0], ==, slug1);
    }

    /* A deleted story's links come back with it. */
    deleted = sb_store_delete_story (reopened, again, &error);
    g_assert_no_error (error);
    g_assert_true (sb_store_undo (reopened, &back, &error));
    g_assert_no_error (error);
    {
      g_autofree char *themes_back = describe_themes (reopened, back);
      g_auto(GStrv) slugs_back = sb_store_get_story_questions (reopened, back);

      g_assert_cmpstr (themes_back, ==, themes);
      g_assert_cmpuint (g_strv_length (slugs_back), ==, 1);
      g_assert_cmpstr (slugs_back[0], ==, slug1);
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-load/derived/after-open", test_derived_after_open);
  g_test_add_func ("/store-load/derived/after-edit", test_derived_after_edit);
  g_test_add_func ("/store-load/derived/after-merge", test_derived_after_merge);
  g_test_add_func ("/store-load/derived/after-undo-delete", test_derived_after_undo_delete);
  g_test_add_func ("/store-load/empty-fields-independent", test_empty_fields_independent);
  g_test_add_func ("/store-load/watch-follows-store", test_watch_follows_store);
  g_test_add_func ("/store-load/links-read-back", test_links_read_back);

  return g_test_run ();
}
