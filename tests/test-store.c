/* test-store.c — stories, links, search and questions through SbStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-store.h"
#include "sb-test-store.h"

typedef SbTestBank Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  sb_test_bank_init (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sb_test_bank_clear (f);
}

static SbStore *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (f->path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_create_and_read (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) again = NULL;
  SbStory *story, *read;
  guint changes = 0;
  guint items_changed = 0;

  g_signal_connect_swapped (sb_store_get_stories (f->store), "items-changed",
                            G_CALLBACK (g_atomic_int_inc), &items_changed);
  g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 0);

  story = sb_store_create_story (f->store, "Checkout outage", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 1);
  g_assert_cmpuint (items_changed, ==, 1);
  g_assert_true (g_uuid_string_is_valid (sb_story_get_uuid (story)));
  g_assert_cmpint (sb_story_get_created (story), >, 0);
  g_assert_false (sb_story_get_dirty (story));

  for (SbStoryField field = SB_STORY_FIELD_SITUATION; field < SB_STORY_N_FIELDS; field++)
    {
      g_autofree char *text = g_strdup_printf ("%s text ✓", sb_story_field_to_string (field));
      sb_story_set_field (story, field, text);
      changes++;
    }
  sb_story_set_status (story, SB_STORY_STATUS_READY);
  g_assert_true (sb_story_get_dirty (story));
  g_assert_true (sb_store_save_story (f->store, story, &error));
  g_assert_false (sb_story_get_dirty (story));

  again = reopen (f);
  read = sb_store_find_story (again, sb_story_get_uuid (story));
  g_assert_nonnull (read);
  g_assert_true (read != story);
  for (SbStoryField field = 0; field < SB_STORY_N_FIELDS; field++)
    g_assert_cmpstr (sb_story_get_field (read, field), ==, sb_story_get_field (story, field));
  g_assert_cmpint (sb_story_get_status (read), ==, SB_STORY_STATUS_READY);
  g_assert_cmpint (sb_story_get_created (read), ==, sb_story_get_created (story));
  g_assert_cmpuint (changes, ==, SB_STORY_N_FIELDS - 1);
}

static void
test_theme_links (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) again = NULL;
  g_autoptr(GArray) links = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  SbStory *a = sb_test_add_story (f->store, "A", "");
  SbStory *b = sb_test_add_story (f->store, "B", "");
  guint emitted = 0;

  g_signal_connect_swapped (f->store, "story-links-changed", G_CALLBACK (g_atomic_int_inc), &emitted);

  g_assert_true (sb_store_set_story_theme (f->store, a, "core-production-incident", SB_STRENGTH_SECONDARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, b, "core-production-incident", SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, a, "lp-ownership", SB_STRENGTH_PRIMARY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emitted, ==, 3);

  /* Setting the same strength again changes nothing and says nothing. */
  g_assert_true (sb_store_set_story_theme (f->store, a, "lp-ownership", SB_STRENGTH_PRIMARY, &error));
  g_assert_cmpuint (emitted, ==, 3);

  /* Catalog order, whatever the order of linking. */
  links = sb_store_get_story_themes (f->store, a);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (g_array_index (links, SbThemeLink, 0).theme_slug, ==, "core-production-incident");
  g_assert_cmpint (g_array_index (links, SbThemeLink, 0).strength, ==, SB_STRENGTH_SECONDARY);
  g_assert_cmpstr (g_array_index (links, SbThemeLink, 1).theme_slug, ==, "lp-ownership");

  /* Primary links first. */
  stories = sb_store_get_theme_stories (f->store, "core-production-incident");
  g_assert_cmpuint (stories->len, ==, 2);
  g_assert_true (stories->pdata[0] == b);
  g_assert_true (stories->pdata[1] == a);

  g_assert_false (sb_store_set_story_theme (f->store, a, "no-such-theme", SB_STRENGTH_PRIMARY, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-theme"));
  g_clear_error (&error);

  g_assert_true (sb_store_set_story_theme (f->store, a, "lp-ownership", SB_STRENGTH_NONE, &error));
  g_assert_cmpint (sb_store_get_story_theme (f->store, a, "lp-ownership"), ==, SB_STRENGTH_NONE);

  again = reopen (f);
  g_assert_cmpint (sb_store_get_story_theme (again, sb_store_find_story (again, sb_story_get_uuid (a)),
                                             "core-production-incident"), ==, SB_STRENGTH_SECONDARY);
  g_assert_cmpint (sb_store_get_story_theme (again, sb_store_find_story (again, sb_story_get_uuid (a)),
                                             "lp-ownership"), ==, SB_STRENGTH_NONE);
  g_assert_cmpint (sb_store_get_story_theme (again, sb_store_find_story (again, sb_story_get_uuid (b)),
                                             "core-production-incident"), ==, SB_STRENGTH_PRIMARY);
}

static void
test_delete_and_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDeletedStory) deleted = NULL;
  g_autoptr(SbStore) again = NULL;
  g_autofree char *uuid = NULL;
  g_auto(GStrv) questions = NULL;
  SbStory *story = sb_test_add_story (f->store, "Migration", "I planned a dual write.");
  SbQuestion *question = g_list_model_get_item (sb_store_get_questions (f->store), 0);

  g_object_unref (question); /* the store keeps it */
  uuid = g_strdup (sb_story_get_uuid (story));
  g_assert_true (sb_store_set_story_theme (f->store, story, "core-production-incident", SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_question (f->store, story, sb_question_get_slug (question), TRUE, &error));

  deleted = sb_store_delete_story (f->store, story, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 0);
  g_assert_null (sb_store_find_story (f->store, uuid));
  {
    g_autoptr(SbStore) gone = reopen (f);
    g_assert_cmpuint (sb_store_get_n_stories (gone), ==, 0);
  }

  story = sb_store_restore_story (f->store, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_story_get_uuid (story), ==, uuid);
  g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 1);

  again = reopen (f);
  story = sb_store_find_story (again, uuid);
  g_assert_nonnull (story);
  g_assert_cmpstr (sb_story_get_action (story), ==, "I planned a dual write.");
  g_assert_cmpint (sb_store_get_story_theme (again, story, "core-production-incident"), ==, SB_STRENGTH_PRIMARY);
  questions = sb_store_get_story_questions (again, story);
  g_assert_cmpuint (g_strv_length (questions), ==, 1);
  g_assert_cmpstr (questions[0], ==, sb_question_get_slug (question));
}

static void
test_search_ranking (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  SbStory *in_title = sb_test_add_story (f->store, "Kafka migration", "I moved the consumers.");
  SbStory *in_body = sb_test_add_story (f->store, "Quarter planning", "We discussed a kafka upgrade once.");
  SbStory *unrelated = sb_test_add_story (f->store, "Mentoring Priya", "I paired with her weekly.");
  SbStory *accented = sb_test_add_story (f->store, "Résumé du café", "Déploiement à Zürich.");

  results = sb_store_search_stories (f->store, "kafka", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results->pdata[0] == in_title);   /* the title weighs most */
  g_assert_true (results->pdata[1] == in_body);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Prefixes match while typing; every word must match. */
  results = sb_store_search_stories (f->store, "ment pri", &error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (results->pdata[0] == unrelated);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Accents are folded both ways. */
  results = sb_store_search_stories (f->store, "zurich", &error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (results->pdata[0] == accented);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* FTS syntax in what the person types is just text. */
  results = sb_store_search_stories (f->store, "\"kafka OR NEAR(", &error);
  g_assert_no_error (error);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* An edit is found after it is saved, and the old words are forgotten. */
  sb_story_set_field (unrelated, SB_STORY_FIELD_TITLE, "Coaching a new hire");
  g_assert_true (sb_store_save_story (f->store, unrelated, &error));
  results = sb_store_search_stories (f->store, "priya", &error);
  g_assert_cmpuint (results->len, ==, 0);
  g_clear_pointer (&results, g_ptr_array_unref);

  results = sb_store_search_stories (f->store, "   ", &error);
  g_assert_cmpuint (results->len, ==, 4);
}

/* A query of one or two letters finds every story with a word starting so,
 * those with it in the title first, each group in the bank's order. */
static void
test_search_short (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  SbStory *body = sb_test_add_story (f->store, "Quarter planning", "We rewrote the release train.");
  SbStory *title = sb_test_add_story (f->store, "Release freeze", "I held the line.");
  SbStory *none = sb_test_add_story (f->store, "Mentoring Priya", "I paired with her weekly.");
  SbStory *both = sb_test_add_story (f->store, "Retry storm", "Requests piled up.");

  results = sb_store_search_stories (f->store, "re", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  g_assert_true (results->pdata[0] == title);
  g_assert_true (results->pdata[1] == both);
  g_assert_true (results->pdata[2] == body);
  g_assert_false (g_ptr_array_find (results, none, NULL));
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Every word must match, short ones too. */
  results = sb_store_search_stories (f->store, "re i", &error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_true (results->pdata[0] == title);
}

static void
test_questions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GListModel *questions = sb_store_get_questions (f->store);
  guint shipped = g_list_model_get_n_items (questions);
  const char *themes[] = { "core-production-incident", NULL };
  const char *bad_themes[] = { "nope", NULL };
  g_autofree char *mine_slug = NULL;
  g_autofree char *builtin_slug = NULL;
  SbQuestion *mine, *builtin;

  g_assert_cmpuint (shipped, >, 0);

  mine = sb_store_add_question (f->store, "Tell me about a pager storm.", "Calm triage.", themes, &error);
  g_assert_no_error (error);
  mine_slug = g_strdup (sb_question_get_slug (mine));
  g_assert_true (g_str_has_prefix (mine_slug, "my-q-"));
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, shipped + 1);
  g_assert_true (sb_question_has_theme (mine, "core-production-incident"));

  g_assert_null (sb_store_add_question (f->store, "  ", "", NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sb_store_add_question (f->store, "Valid?", "", bad_themes, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, shipped + 1);

  builtin = g_list_model_get_item (questions, 0);
  g_object_unref (builtin);
  builtin_slug = g_strdup (sb_question_get_slug (builtin));
  g_assert_true (sb_store_update_question (f->store, builtin, "My own wording", "My notes", themes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_question_get_text (sb_store_find_question (f->store, builtin_slug)), ==, "My own wording");

  g_assert_true (sb_store_delete_question (f->store, sb_store_find_question (f->store, mine_slug), &error));
  g_assert_null (sb_store_find_question (f->store, mine_slug));

  {
    g_autoptr(SbStore) again = reopen (f);
    g_assert_null (sb_store_find_question (again, mine_slug));
    g_assert_cmpstr (sb_question_get_text (sb_store_find_question (again, builtin_slug)), ==, "My own wording");
    /* Hiding a shipped question lasts across restarts and catalog merges. */
    g_assert_true (sb_store_delete_question (again, sb_store_find_question (again, builtin_slug), &error));
  }
  {
    g_autoptr(SbStore) again = reopen (f);
    g_assert_null (sb_store_find_question (again, builtin_slug));
    g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_questions (again)), ==, shipped - 1);
  }
}

static void
test_custom_theme (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_test_add_story (f->store, "Hiring loop redesign", "");
  SbTheme *theme;
  guint before = g_list_model_get_n_items (sb_store_get_themes (f->store, "core"));

  g_assert_true (sb_store_set_story_theme (f->store, story, "core-production-incident", SB_STRENGTH_PRIMARY, &error));
  theme = sb_store_add_theme (f->store, "core", "Hiring & interviewing", "Running loops.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_theme_get_slug (theme), ==, "my-hiring-interviewing");
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_themes (f->store, "core")), ==, before + 1);
  /* Links made before the catalog changed are still there. */
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, "core-production-incident"), ==, SB_STRENGTH_PRIMARY);
  g_assert_true (sb_store_set_story_theme (f->store, story, "my-hiring-interviewing", SB_STRENGTH_SECONDARY, &error));

  theme = sb_store_add_theme (f->store, "core", "Hiring & interviewing", "", &error);
  g_assert_cmpstr (sb_theme_get_slug (theme), ==, "my-hiring-interviewing-2");

  g_assert_null (sb_store_add_theme (f->store, "no-framework", "X", "", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
}

static void
test_own_theme_and_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) again = NULL;
  SbStory *story = sb_test_add_story (f->store, "Hiring loop redesign", "I rewrote the loop.");
  guint links_changed = 0;
  guint n_frameworks = g_list_model_get_n_items (sb_store_get_frameworks (f->store));
  SbTheme *googleyness, *values;
  g_autofree char *slug = NULL;

  googleyness = sb_store_add_own_theme (f->store, "Googleyness", &error);
  g_assert_no_error (error);
  g_assert_nonnull (googleyness);
  g_assert_cmpstr (sb_theme_get_framework_slug (googleyness), ==, SB_STORE_OWN_FRAMEWORK);
  g_assert_false (sb_theme_get_builtin (googleyness));
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_frameworks (f->store)), ==, n_frameworks + 1);
  slug = g_strdup (sb_theme_get_slug (googleyness));

  /* A second one goes in the same framework. */
  values = sb_store_add_own_theme (f->store, "Company values", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_frameworks (f->store)), ==, n_frameworks + 1);
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_themes (f->store, SB_STORE_OWN_FRAMEWORK)), ==, 2);
  g_assert_null (sb_store_add_own_theme (f->store, "   ", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sb_store_set_story_theme (f->store, story, slug, SB_STRENGTH_PRIMARY, &error));
  g_assert_true (sb_store_set_story_theme (f->store, story, "core-mentoring-leading", SB_STRENGTH_SECONDARY, &error));

  /* A shipped theme cannot go; one's own can, with its links. */
  g_assert_false (sb_store_delete_theme (f->store, sb_store_find_theme (f->store, "core-mentoring-leading"), &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rename it instead"));
  g_clear_error (&error);

  g_signal_connect_swapped (f->store, "story-links-changed", G_CALLBACK (g_atomic_int_inc), &links_changed);
  g_assert_true (sb_store_delete_theme (f->store, sb_store_find_theme (f->store, slug), &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_find_theme (f->store, slug));
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, slug), ==, SB_STRENGTH_NONE);
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, "core-mentoring-leading"), ==, SB_STRENGTH_SECONDARY);
  g_assert_cmpuint (links_changed, ==, 1);
  g_assert_nonnull (sb_store_find_framework (f->store, SB_STORE_OWN_FRAMEWORK));

  /* The last of one's own themes takes its framework along. */
  g_assert_true (sb_store_delete_theme (f->store, sb_store_find_theme (f->store, "my-company-values"), &error));
  g_assert_null (sb_store_find_framework (f->store, SB_STORE_OWN_FRAMEWORK));

  again = reopen (f);
  g_assert_null (sb_store_find_theme (again, slug));
  g_assert_null (sb_store_find_framework (again, SB_STORE_OWN_FRAMEWORK));
  g_assert_cmpint (sb_store_get_story_theme (again, sb_store_find_story (again, sb_story_get_uuid (story)),
                                             "core-mentoring-leading"), ==, SB_STRENGTH_SECONDARY);
  (void) values;
}

/* A catalog change reloads the stories from disk; an edit not yet saved
 * must survive it. */
static void
test_reload_keeps_unsaved_edit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) again = NULL;
  SbStory *story = sb_test_add_story (f->store, "Checkout outage", "I rolled back.");

  sb_story_set_title (story, "Checkout outage on Black Friday");
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I rolled back and paged the database team.");
  g_assert_true (sb_story_get_dirty (story));

  g_assert_nonnull (sb_store_add_own_theme (f->store, "Googleyness", &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_find_story (f->store, sb_story_get_uuid (story)) == story);
  g_assert_cmpstr (sb_story_get_title (story), ==, "Checkout outage on Black Friday");
  g_assert_cmpstr (sb_story_get_action (story), ==, "I rolled back and paged the database team.");
  g_assert_true (sb_story_get_dirty (story));

  g_assert_true (sb_store_save_story (f->store, story, &error));
  again = reopen (f);
  g_assert_cmpstr (sb_story_get_title (sb_store_find_story (again, sb_story_get_uuid (story))),
                   ==, "Checkout outage on Black Friday");
}

typedef struct
{
  const char *title;
} TxData;

static gboolean
add_then_fail (SbStore  *store,
               gpointer  user_data,
               GError  **error)
{
  TxData *data = user_data;
  SbStory *story = sb_store_create_story (store, data->title, error);

  if (story == NULL)
    return FALSE;
  if (!sb_store_set_story_theme (store, story, "core-production-incident", SB_STRENGTH_PRIMARY, error))
    return FALSE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID, "stop here");
  return FALSE;
}

static void
test_transaction_rolls_back_memory (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SbStory *kept = sb_test_add_story (f->store, "Kept", "I stayed.");
  TxData tx = { "Doomed" };
  guint reloaded = 0;

  g_signal_connect_swapped (f->store, "stories-reloaded", G_CALLBACK (g_atomic_int_inc), &reloaded);
  g_assert_false (sb_store_run_in_transaction (f->store, add_then_fail, &tx, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_cmpuint (reloaded, ==, 1);
  g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 1);
  /* The object a widget holds is still the one in the model. */
  g_assert_true (sb_store_find_story (f->store, sb_story_get_uuid (kept)) == kept);
  {
    g_autoptr(SbStore) again = reopen (f);
    g_assert_cmpuint (sb_store_get_n_stories (again), ==, 1);
  }
}

static void
test_person_name (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_null (sb_store_get_person_name (f->store));
  g_assert_true (sb_store_set_person_name (f->store, "  Ada Lovelace ", &error));
  name = sb_store_get_person_name (f->store);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  g_assert_true (sb_store_set_person_name (f->store, "", &error));
  g_clear_pointer (&name, g_free);
  name = sb_store_get_person_name (f->store);
  g_assert_null (name);
}

/* The title outweighs the body even when the body repeats the word and the
 * titled story is long; the STAR-L sections outweigh the private notes. */
static void
test_search_ranking_weights (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GString) long_action = g_string_new (NULL);
  SbStory *repeated, *titled, *in_notes, *in_action;

  for (guint i = 0; i < 40; i++)
    g_string_append (long_action, "I wrote the runbook, paged the owners and watched the dashboards. ");
  repeated = sb_test_add_story (f->store, "Quarterly planning",
                                "Kafka lag, then more Kafka lag, so I tuned the Kafka consumers.");
  titled = sb_test_add_story (f->store, "Kafka cut-over", long_action->str);
  results = sb_store_search_stories (f->store, "kafka", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results->pdata[0] == titled);
  g_assert_true (results->pdata[1] == repeated);
  g_clear_pointer (&results, g_ptr_array_unref);

  in_notes = sb_test_add_story (f->store, "Story one", "I led the review.");
  sb_story_set_field (in_notes, SB_STORY_FIELD_NOTES, "Mention the flamegraph.");
  g_assert_true (sb_store_save_story (f->store, in_notes, &error));
  in_action = sb_test_add_story (f->store, "Story two", "I read the flamegraph first.");
  results = sb_store_search_stories (f->store, "flamegraph", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_true (results->pdata[0] == in_action);
  g_assert_true (results->pdata[1] == in_notes);
}

static void
count_cb (SbStore *store,
          guint   *count)
{
  (*count)++;
}

/* Renaming a shipped theme marks it edited: it survives the catalog merge
 * of the next start, and the links to it stay. */
static void
test_update_theme (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) again = NULL;
  SbStory *story = sb_test_add_story (f->store, "Pager storm", "I cut alerts by half.");
  SbTheme *theme;
  guint changed = 0;

  g_assert_true (sb_store_set_story_theme (f->store, story, "core-ambiguity", SB_STRENGTH_SECONDARY, &error));
  g_signal_connect (f->store, "catalog-changed", G_CALLBACK (count_cb), &changed);

  theme = sb_store_find_theme (f->store, "core-ambiguity");
  g_assert_false (sb_theme_get_edited (theme));
  g_assert_false (sb_store_update_theme (f->store, theme, "  ", "", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sb_store_update_theme (f->store, theme, "When nobody knew", "My words", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  theme = sb_store_find_theme (f->store, "core-ambiguity");
  g_assert_cmpstr (sb_theme_get_name (theme), ==, "When nobody knew");
  g_assert_true (sb_theme_get_edited (theme));
  g_assert_cmpint (sb_store_get_story_theme (f->store, story, "core-ambiguity"), ==, SB_STRENGTH_SECONDARY);

  g_clear_object (&f->store);
  again = reopen (f);
  theme = sb_store_find_theme (again, "core-ambiguity");
  g_assert_cmpstr (sb_theme_get_name (theme), ==, "When nobody knew");
  g_assert_cmpstr (sb_theme_get_description (theme), ==, "My words");
  g_assert_true (sb_theme_get_edited (theme));
  f->store = g_steal_pointer (&again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-and-read", test_create_and_read);
  ADD ("theme-links", test_theme_links);
  ADD ("delete-and-restore", test_delete_and_restore);
  ADD ("search-ranking", test_search_ranking);
  ADD ("search-short", test_search_short);
  ADD ("questions", test_questions);
  ADD ("custom-theme", test_custom_theme);
  ADD ("transaction-rolls-back-memory", test_transaction_rolls_back_memory);
  ADD ("person-name", test_person_name);
  ADD ("search-ranking-weights", test_search_ranking_weights);
  ADD ("update-theme", test_update_theme);
  ADD ("own-theme-and-delete", test_own_theme_and_delete);
  ADD ("reload-keeps-unsaved-edit", test_reload_keeps_unsaved_edit);
#undef ADD

  return g_test_run ();
}
