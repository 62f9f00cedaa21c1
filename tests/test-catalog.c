/* test-catalog.c — the shipped catalog and its merge into a bank
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-store.h"
#include "sb-test-util.h"

static const char catalog_v1[] =
  "{ \"frameworks\": ["
  "  { \"slug\": \"fw\", \"name\": \"Framework\", \"description\": \"d\", \"themes\": ["
  "    { \"slug\": \"fw-a\", \"name\": \"Alpha\", \"description\": \"first\" },"
  "    { \"slug\": \"fw-b\", \"name\": \"Beta\", \"description\": \"second\" } ] } ],"
  "  \"questions\": ["
  "    { \"slug\": \"q-one\", \"text\": \"One?\", \"listen_for\": \"l1\", \"themes\": [\"fw-a\"] },"
  "    { \"slug\": \"q-two\", \"text\": \"Two?\", \"listen_for\": \"l2\", \"themes\": [\"fw-b\"] },"
  "    { \"slug\": \"q-three\", \"text\": \"Three?\", \"listen_for\": \"l3\", \"themes\": [\"fw-a\"] } ] }";

/* The next release rewords everything and adds a theme and a question. */
static const char catalog_v2[] =
  "{ \"frameworks\": ["
  "  { \"slug\": \"fw\", \"name\": \"Framework 2\", \"description\": \"d2\", \"themes\": ["
  "    { \"slug\": \"fw-a\", \"name\": \"Alpha 2\", \"description\": \"first 2\" },"
  "    { \"slug\": \"fw-b\", \"name\": \"Beta 2\", \"description\": \"second 2\" },"
  "    { \"slug\": \"fw-c\", \"name\": \"Gamma\", \"description\": \"third\" } ] } ],"
  "  \"questions\": ["
  "    { \"slug\": \"q-one\", \"text\": \"One, reworded?\", \"listen_for\": \"l1b\", \"themes\": [\"fw-a\", \"fw-c\"] },"
  "    { \"slug\": \"q-two\", \"text\": \"Two, reworded?\", \"listen_for\": \"l2b\", \"themes\": [\"fw-c\"] },"
  "    { \"slug\": \"q-three\", \"text\": \"Three, reworded?\", \"listen_for\": \"l3b\", \"themes\": [\"fw-a\"] },"
  "    { \"slug\": \"q-four\", \"text\": \"Four?\", \"listen_for\": \"l4\", \"themes\": [\"fw-c\"] } ] }";

static void
merge (SbDatabase *db,
       const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_catalog_merge (db, bytes, &error));
  g_assert_no_error (error);
}

static void
test_merge_keeps_edits (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  const char *mine[] = { "fw-b", NULL };
  SbStory *story;

  g_assert_no_error (error);
  merge (db, catalog_v1);

  {
    g_autoptr(SbStore) store = sb_store_new_for_database (db, &error);
    g_assert_no_error (error);

    /* The person rewords q-two, hides q-three, adds a question and a theme,
     * and links a story. */
    g_assert_true (sb_store_update_question (store, sb_store_find_question (store, "q-two"),
                                             "Two, my way", "mine", mine, &error));
    g_assert_true (sb_store_delete_question (store, sb_store_find_question (store, "q-three"), &error));
    g_assert_nonnull (sb_store_add_question (store, "My question?", "", mine, &error));
    g_assert_nonnull (sb_store_add_theme (store, "fw", "My theme", "", &error));
    story = sb_store_create_story (store, "Linked", &error);
    g_assert_true (sb_store_set_story_theme (store, story, "fw-a", SB_STRENGTH_PRIMARY, &error));
    g_assert_no_error (error);
  }

  merge (db, catalog_v2);

  {
    g_autoptr(SbStore) store = sb_store_new_for_database (db, &error);
    SbQuestion *q;
    GListModel *themes;

    g_assert_no_error (error);

    /* Untouched shipped rows follow the new catalog. */
    g_assert_cmpstr (sb_framework_get_name (sb_store_find_framework (store, "fw")), ==, "Framework 2");
    g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (store, "fw-a")), ==, "Alpha 2");
    q = sb_store_find_question (store, "q-one");
    g_assert_cmpstr (sb_question_get_text (q), ==, "One, reworded?");
    g_assert_true (sb_question_has_theme (q, "fw-c"));

    /* What the person changed stays as they left it. */
    q = sb_store_find_question (store, "q-two");
    g_assert_cmpstr (sb_question_get_text (q), ==, "Two, my way");
    g_assert_true (sb_question_has_theme (q, "fw-b"));
    g_assert_false (sb_question_has_theme (q, "fw-c"));
    g_assert_null (sb_store_find_question (store, "q-three"));
    g_assert_nonnull (sb_store_find_question (store, "my-q-my-question"));
    g_assert_nonnull (sb_store_find_theme (store, "my-my-theme"));

    /* New shipped rows arrive; the person's theme stays after the shipped ones. */
    g_assert_nonnull (sb_store_find_question (store, "q-four"));
    themes = sb_store_get_themes (store, "fw");
    g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 4);
    {
      g_autoptr(SbTheme) last = g_list_model_get_item (themes, 3);
      g_autoptr(SbTheme) third = g_list_model_get_item (themes, 2);
      g_assert_cmpstr (sb_theme_get_slug (third), ==, "fw-c");
      g_assert_cmpstr (sb_theme_get_slug (last), ==, "my-my-theme");
    }

    story = g_list_model_get_item (sb_store_get_stories (store), 0);
    g_assert_cmpint (sb_store_get_story_theme (store, story, "fw-a"), ==, SB_STRENGTH_PRIMARY);
    g_object_unref (story);
  }
}

static void
test_merge_rejects_bad_catalog (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  const char *bad = "{ \"frameworks\": [], \"questions\": ["
                    "{ \"slug\": \"q\", \"text\": \"Q\", \"listen_for\": \"\", \"themes\": [\"ghost\"] } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (bad, strlen (bad));

  g_assert_false (sb_catalog_merge (db, bytes, &error));
  g_assert_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ghost"));
  /* All or nothing: the question did not land. */
  g_assert_false (sb_database_in_transaction (db));
  {
    sqlite3_stmt *stmt = sb_database_prepare (db, "SELECT count(*) FROM questions", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_reset (stmt);
  }
}

/* The catalog we ship: three frameworks, full sets, sound references. */
static void
test_builtin_catalog (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(GHashTable) texts = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *questions;
  guint core, lp, eval;

  g_assert_no_error (error);
  g_assert_nonnull (sb_store_find_framework (store, "core"));
  g_assert_nonnull (sb_store_find_framework (store, "amazon-lp"));
  g_assert_nonnull (sb_store_find_framework (store, "evaluation"));
  {
    g_autoptr(SbFramework) first = g_list_model_get_item (sb_store_get_frameworks (store), 0);
    g_assert_cmpstr (sb_framework_get_slug (first), ==, "core");
  }

  core = g_list_model_get_n_items (sb_store_get_themes (store, "core"));
  lp = g_list_model_get_n_items (sb_store_get_themes (store, "amazon-lp"));
  eval = g_list_model_get_n_items (sb_store_get_themes (store, "evaluation"));
  g_assert_cmpuint (core, >=, 10);
  g_assert_cmpuint (core, <=, 15);
  g_assert_cmpuint (lp, ==, 16);
  g_assert_cmpuint (eval, ==, 6);
  g_assert_nonnull (sb_store_find_theme (store, "lp-ownership"));
  g_assert_nonnull (sb_store_find_theme (store, "core-production-incident"));

  questions = sb_store_get_questions (store);
  g_assert_cmpuint (g_list_model_get_n_items (questions), >=, 50);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(SbQuestion) q = g_list_model_get_item (questions, i);
      const char * const *slugs = sb_question_get_theme_slugs (q);
      gboolean has_core = FALSE;

      g_assert_true (g_str_has_prefix (sb_question_get_slug (q), "q-"));
      g_assert_cmpuint (strlen (sb_question_get_listen_for (q)), >, 20);
      g_assert_false (g_hash_table_contains (texts, sb_question_get_text (q)));
      g_hash_table_add (texts, (gpointer) sb_question_get_text (q));
      for (guint t = 0; slugs[t] != NULL; t++)
        {
          g_assert_nonnull (sb_store_find_theme (store, slugs[t]));
          has_core |= g_str_has_prefix (slugs[t], "core-");
        }
      g_assert_true (has_core);
    }

  /* Every core theme has questions to practise. */
  for (guint i = 0; i < core; i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (sb_store_get_themes (store, "core"), i);
      guint n = 0;

      for (guint q = 0; q < g_list_model_get_n_items (questions); q++)
        {
          g_autoptr(SbQuestion) question = g_list_model_get_item (questions, q);
          n += sb_question_has_theme (question, sb_theme_get_slug (theme));
        }
      g_assert_cmpuint (n, >=, 2);
    }
}

static void
test_merge_is_skipped_when_unchanged (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDatabase) db = sb_database_open (path, &error);
  sqlite3 *handle = sb_database_get_handle (db);
  int changes;

  merge (db, catalog_v1);
  changes = sqlite3_total_changes (handle);
  merge (db, catalog_v1);
  g_assert_cmpint (sqlite3_total_changes (handle), ==, changes);
  merge (db, catalog_v2);
  g_assert_cmpint (sqlite3_total_changes (handle), >, changes);
}

/* Adding and renaming themes changes the catalog in place: the stories'
 * links stay, the order is the one a reopened bank reads, and nothing is
 * read again (which made importing thousands of themes quadratic). */
static void
test_theme_changes_in_place (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbStore) reopened = NULL;
  SbTheme *incident, *grit, *focus, *ship;
  SbStory *story;
  guint n;

  g_assert_no_error (error);
  story = sb_store_create_story (store, "Linked", &error);
  incident = sb_store_find_theme (store, "core-production-incident");
  g_assert_true (sb_store_set_story_theme (store, story, "core-production-incident", SB_STRENGTH_PRIMARY, &error));

  n = g_list_model_get_n_items (sb_store_get_themes (store, NULL));
  grit = sb_store_add_own_theme (store, "Grit", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sb_store_add_framework (store, "acme", "Acme values", NULL, &error));
  ship = sb_store_add_theme (store, "acme", "Ship it", NULL, &error);
  focus = sb_store_add_own_theme (store, "Focus", &error);
  g_assert_no_error (error);

  /* The same objects: the story's link still points at a live theme. */
  g_assert_true (sb_store_find_theme (store, "core-production-incident") == incident);
  g_assert_cmpint (sb_store_get_story_theme (store, story, "core-production-incident"), ==, SB_STRENGTH_PRIMARY);

  g_assert_true (sb_store_update_theme (store, grit, "True grit", "Keeps going", &error));
  g_assert_true (sb_store_find_theme (store, sb_theme_get_slug (grit)) == grit);
  g_assert_cmpstr (sb_theme_get_name (grit), ==, "True grit");

  /* Memory's order is the order the bank reads back. */
  reopened = sb_store_open (path, &error);
  g_assert_no_error (error);
  {
    GListModel *mine = sb_store_get_themes (store, NULL);
    GListModel *theirs = sb_store_get_themes (reopened, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (mine), ==, n + 3);
    g_assert_cmpuint (g_list_model_get_n_items (theirs), ==, n + 3);
    for (guint i = 0; i < n + 3; i++)
      {
        g_autoptr(SbTheme) a = g_list_model_get_item (mine, i);
        g_autoptr(SbTheme) b = g_list_model_get_item (theirs, i);

        g_assert_cmpstr (sb_theme_get_slug (a), ==, sb_theme_get_slug (b));
        g_assert_cmpstr (sb_theme_get_name (a), ==, sb_theme_get_name (b));
      }
    g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_themes (store, SB_STORE_OWN_FRAMEWORK)), ==, 2);
  }
  g_assert_nonnull (focus);
  g_assert_nonnull (ship);
}

typedef struct
{
  SbStore *store;
  guint    n_signals;
  guint    n_signals_inside;  /* catalog-changed seen while the write was open */
} CatalogWatch;

static void
catalog_changed_cb (SbStore      *store,
                    CatalogWatch *watch)
{
  watch->n_signals++;
  if (sb_database_in_transaction (sb_store_get_database (store)))
    watch->n_signals_inside++;
}

static gboolean
add_many_themes (SbStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  guint n = GPOINTER_TO_UINT (user_data);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Imported theme %u", i);

      if (sb_store_add_own_theme (store, name, error) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_themes_then_fail (SbStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  if (!add_many_themes (store, user_data, error))
    return FALSE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID, "refused on purpose");
  return FALSE;
}

/* Themes added inside one transaction (an import) tell the catalog's
 * watchers once, after the commit: every watcher redoing its work per
 * theme made importing 4,000 themes with the window open take 10 s. A
 * change on its own still tells them at once; a rolled-back one once too
 * (memory is read again). */
static void
test_catalog_signal_once_per_transaction (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  CatalogWatch watch = { store, 0, 0 };
  guint n;

  g_assert_no_error (error);
  g_signal_connect (store, "catalog-changed", G_CALLBACK (catalog_changed_cb), &watch);
  n = g_list_model_get_n_items (sb_store_get_themes (store, NULL));

  g_assert_true (sb_store_run_in_transaction (store, add_many_themes, GUINT_TO_POINTER (50), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.n_signals_inside, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_themes (store, NULL)), ==, n + 50);

  g_assert_nonnull (sb_store_add_own_theme (store, "On its own", &error));
  g_assert_cmpuint (watch.n_signals, ==, 2);

  g_assert_false (sb_store_run_in_transaction (store, add_themes_then_fail, GUINT_TO_POINTER (5), &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_cmpuint (watch.n_signals_inside, ==, 0);
  g_assert_cmpuint (watch.n_signals, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_themes (store, NULL)), ==, n + 51);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/merge-keeps-edits", test_merge_keeps_edits);
  g_test_add_func ("/catalog/merge-rejects-bad-catalog", test_merge_rejects_bad_catalog);
  g_test_add_func ("/catalog/merge-skipped-when-unchanged", test_merge_is_skipped_when_unchanged);
  g_test_add_func ("/catalog/builtin", test_builtin_catalog);
  g_test_add_func ("/catalog/theme-changes-in-place", test_theme_changes_in_place);
  g_test_add_func ("/catalog/signal-once-per-transaction", test_catalog_signal_once_per_transaction);

  return g_test_run ();
}
