/* test-translation.c — the shipped catalog in the person's language
 *
 * A pseudo-translation ("‹xx› " before every catalog text) is built from
 * data/catalog-strings.c with the gettext tools, exactly as a translator's
 * .po would be, and the bank is opened with LANGUAGE=xx: every shipped
 * framework, theme and question must show it (so the contexts the app looks
 * up match those xgettext extracts), the person's edits must not, and the
 * bank and its exports must keep the source text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "sb-exchange.h"
#include "sb-store.h"
#include "sb-test-util.h"

#define PSEUDO "‹xx› "

static SbTestDir *locale_dir;
static gboolean have_translation;

/* Builds <dir>/xx/LC_MESSAGES/storybank.mo from the catalog's strings. */
static gboolean
build_pseudo_translation (const char  *dir,
                          GError     **error)
{
  g_autofree char *strings = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog-strings.c", NULL);
  g_autofree char *messages = g_build_filename (dir, "xx", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *quoted_strings = g_shell_quote (strings);
  g_autofree char *quoted_mo = g_shell_quote (mo);
  g_autofree char *script = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  int status;

  g_mkdir_with_parents (messages, 0700);
  /* The same keyword as meson's glib preset uses for NC_(). */
  script = g_strdup_printf ("set -e; "
                            "xgettext --from-code=UTF-8 --keyword=NC_:1c,2 -o - %s"
                            " | sed 's/charset=CHARSET/charset=UTF-8/'"
                            " | msgen -"
                            " | msgfilter --keep-header -o - sed -e 's/^/" PSEUDO "/'"
                            " | msgfmt -c -o %s -",
                            quoted_strings, quoted_mo);
  argv[2] = script;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: ", err);
      return FALSE;
    }
  return TRUE;
}

static SbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
bank_text (SbStore    *store,
           const char *sql,
           const char *slug)
{
  g_autoptr(GError) error = NULL;
  SbDatabase *db = sb_store_get_database (store);
  sqlite3_stmt *stmt = sb_database_prepare (db, sql, &error);
  char *text;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sb_database_step (db, stmt, &error), ==, SB_STEP_ROW);
  g_assert_no_error (error);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
assert_pseudo (const char *shown,
               const char *source)
{
  g_autofree char *expected = g_strconcat (PSEUDO, source, NULL);

  if (*source == '\0')
    g_assert_cmpstr (shown, ==, "");
  else
    g_assert_cmpstr (shown, ==, expected);
}

static void
test_shipped_text_shown_translated (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(SbStore) store = NULL;
  g_autofree char *in_bank = NULL;
  GListModel *model;
  SbTheme *theme;
  SbQuestion *question;

  if (!have_translation)
    {
      g_test_skip ("the gettext tools (xgettext, msgen, msgfilter, msgfmt) are not installed");
      return;
    }
  store = open_store (path);

  /* Every shipped row, not a sample: a context the app looks up that
   * xgettext did not extract would leave that text in English. */
  model = sb_store_get_frameworks (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (model, i);

      g_assert_true (sb_framework_get_builtin (framework));
      assert_pseudo (sb_framework_get_name (framework), sb_framework_get_bank_name (framework));
      assert_pseudo (sb_framework_get_description (framework), sb_framework_get_bank_description (framework));
    }
  model = sb_store_get_themes (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SbTheme) each = g_list_model_get_item (model, i);

      assert_pseudo (sb_theme_get_name (each), sb_theme_get_bank_name (each));
      assert_pseudo (sb_theme_get_description (each), sb_theme_get_bank_description (each));
    }
  model = sb_store_get_questions (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SbQuestion) each = g_list_model_get_item (model, i);

      assert_pseudo (sb_question_get_text (each), sb_question_get_bank_text (each));
      assert_pseudo (sb_question_get_listen_for (each), sb_question_get_bank_listen_for (each));
    }

  /* The source text, as catalog.json has it, stays in the bank. */
  theme = sb_store_find_theme (store, "core-data-migration");
  g_assert_nonnull (theme);
  g_assert_cmpstr (sb_theme_get_name (theme), ==, PSEUDO "Data migration");
  g_assert_cmpstr (sb_theme_get_bank_name (theme), ==, "Data migration");
  g_assert_false (sb_theme_get_edited (theme));
  in_bank = bank_text (store, "SELECT name FROM themes WHERE slug = ?1", "core-data-migration");
  g_assert_cmpstr (in_bank, ==, "Data migration");
  g_clear_pointer (&in_bank, g_free);

  question = sb_store_find_question (store, "q-production-outage");
  g_assert_nonnull (question);
  g_assert_cmpstr (sb_question_get_text (question), ==,
                   PSEUDO "Tell me about a production outage you debugged.");
  in_bank = bank_text (store, "SELECT text FROM questions WHERE slug = ?1", "q-production-outage");
  g_assert_cmpstr (in_bank, ==, "Tell me about a production outage you debugged.");
  g_clear_pointer (&in_bank, g_free);

  /* The same word in two frameworks has a context each. */
  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (store, "lp-ownership")), ==, PSEUDO "Ownership");
  g_assert_cmpstr (sb_theme_get_name (sb_store_find_theme (store, "eval-ownership")), ==, PSEUDO "Ownership");
}

static void
test_edits_keep_the_persons_words (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autofree char *in_bank = NULL;
  const char *themes[] = { "core-production-incident", NULL };
  SbTheme *theme;
  SbQuestion *question;

  if (!have_translation)
    {
      g_test_skip ("the gettext tools (xgettext, msgen, msgfilter, msgfmt) are not installed");
      return;
    }

  {
    g_autoptr(SbStore) store = open_store (path);

    theme = sb_store_find_theme (store, "core-data-migration");
    g_assert_true (sb_store_update_theme (store, theme, "Moving data", "My wording", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (sb_theme_get_name (theme), ==, "Moving data");
    g_assert_cmpstr (sb_theme_get_bank_name (theme), ==, "Moving data");

    /* Keeping the source's own words is an edit too: they stay as written. */
    theme = sb_store_find_theme (store, "core-ambiguity");
    g_assert_true (sb_store_update_theme (store, theme, "Ambiguity and change", "Mine", &error));
    g_assert_no_error (error);

    question = sb_store_find_question (store, "q-production-outage");
    g_assert_true (sb_store_update_question (store, question, "Walk me through an outage.", "Calm",
                                             themes, &error));
    g_assert_no_error (error);
    question = sb_store_find_question (store, "q-production-outage");
    g_assert_cmpstr (sb_question_get_text (question), ==, "Walk me through an outage.");
  }

  /* Read again from the bank: edited rows are never translated. */
  {
    g_autoptr(SbStore) store = open_store (path);

    theme = sb_store_find_theme (store, "core-data-migration");
    g_assert_true (sb_theme_get_edited (theme));
    g_assert_cmpstr (sb_theme_get_name (theme), ==, "Moving data");
    g_assert_cmpstr (sb_theme_get_description (theme), ==, "My wording");
    theme = sb_store_find_theme (store, "core-ambiguity");
    g_assert_cmpstr (sb_theme_get_name (theme), ==, "Ambiguity and change");
    question = sb_store_find_question (store, "q-production-outage");
    g_assert_cmpstr (sb_question_get_text (question), ==, "Walk me through an outage.");
    g_assert_cmpstr (sb_question_get_listen_for (question), ==, "Calm");

    /* The rows nobody touched still are, in the bank and on screen. */
    theme = sb_store_find_theme (store, "core-scaling-performance");
    g_assert_false (sb_theme_get_edited (theme));
    g_assert_cmpstr (sb_theme_get_name (theme), ==, PSEUDO "Scaling and performance");
    in_bank = bank_text (store, "SELECT edited FROM themes WHERE slug = ?1", "core-scaling-performance");
    g_assert_cmpstr (in_bank, ==, "0");
  }
}

/* Saving a shipped theme or question from its editor with the translated
 * words left as shown writes no translation into the bank: untouched, it
 * is not even an edit; with only the description changed, the name stays
 * the bank's own. */
static void
test_saving_shown_translation_keeps_source (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  SbTheme *theme;
  SbQuestion *question;

  if (!have_translation)
    {
      g_test_skip ("the gettext tools (xgettext, msgen, msgfilter, msgfmt) are not installed");
      return;
    }
  store = open_store (path);

  theme = sb_store_find_theme (store, "core-scaling-performance");
  g_assert_true (sb_store_update_theme (store, theme, sb_theme_get_name (theme),
                                        sb_theme_get_description (theme), &error));
  g_assert_no_error (error);
  g_assert_false (sb_theme_get_edited (theme));
  edited = bank_text (store, "SELECT edited FROM themes WHERE slug = ?1", "core-scaling-performance");
  g_assert_cmpstr (edited, ==, "0");

  theme = sb_store_find_theme (store, "core-ambiguity");
  g_assert_true (sb_store_update_theme (store, theme, sb_theme_get_name (theme), "My own words", &error));
  g_assert_no_error (error);
  name = bank_text (store, "SELECT name FROM themes WHERE slug = ?1", "core-ambiguity");
  g_assert_false (g_str_has_prefix (name, PSEUDO));

  question = sb_store_find_question (store, "q-production-outage");
  g_assert_true (sb_store_update_question (store, question, sb_question_get_text (question), "Calm",
                                           sb_question_get_theme_slugs (question), &error));
  g_assert_no_error (error);
  text = bank_text (store, "SELECT text FROM questions WHERE slug = ?1", "q-production-outage");
  g_assert_false (g_str_has_prefix (text, PSEUDO));
}

static JsonObject *
find_by_slug (JsonArray  *array,
              const char *slug)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "slug"), slug) == 0)
        return object;
    }
  g_assert_not_reached ();
}

static void
test_export_holds_the_source_text (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(SbStore) store = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *framework, *theme, *question;
  gsize length;

  if (!have_translation)
    {
      g_test_skip ("the gettext tools (xgettext, msgen, msgfilter, msgfmt) are not installed");
      return;
    }
  store = open_store (path);
  g_assert_true (sb_store_update_theme (store, sb_store_find_theme (store, "core-data-migration"),
                                        "Moving data", "", &error));
  g_assert_no_error (error);

  json = sb_exchange_export_json (store, &length);
  g_assert_null (strstr (json, "‹xx›"));
  g_assert_true (json_parser_load_from_data (parser, json, length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  framework = find_by_slug (json_object_get_array_member (root, "frameworks"), "core");
  g_assert_cmpstr (json_object_get_string_member (framework, "name"), ==, "Core themes");
  theme = find_by_slug (json_object_get_array_member (framework, "themes"), "core-production-incident");
  g_assert_cmpstr (json_object_get_string_member (theme, "name"), ==, "Production incident and debugging");
  g_assert_false (json_object_get_boolean_member (theme, "edited"));
  theme = find_by_slug (json_object_get_array_member (framework, "themes"), "core-data-migration");
  g_assert_cmpstr (json_object_get_string_member (theme, "name"), ==, "Moving data");
  g_assert_true (json_object_get_boolean_member (theme, "edited"));
  question = find_by_slug (json_object_get_array_member (root, "questions"), "q-production-outage");
  g_assert_cmpstr (json_object_get_string_member (question, "text"), ==,
                   "Tell me about a production outage you debugged.");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const tools[] = { "xgettext", "msgen", "msgfilter", "msgfmt" };
  g_autoptr(GError) error = NULL;
  int status;

  /* Before the first gettext call: glibc reads LANGUAGE then (it is
   * honoured in C.UTF-8, which the test environment sets, not in C). */
  g_setenv ("LANGUAGE", "xx", TRUE);
  setlocale (LC_ALL, "");
  if (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  locale_dir = sb_test_dir_new ();
  /* Without the tools the tests skip; with them, a failure is a failure. */
  have_translation = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *found = g_find_program_in_path (tools[i]);
      have_translation = have_translation && found != NULL;
    }
  if (have_translation)
    {
      build_pseudo_translation (locale_dir->path, &error);
      g_assert_no_error (error);
    }
  bindtextdomain (GETTEXT_PACKAGE, locale_dir->path);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/translation/shipped-text-shown-translated", test_shipped_text_shown_translated);
  g_test_add_func ("/translation/edits-keep-the-persons-words", test_edits_keep_the_persons_words);
  g_test_add_func ("/translation/export-holds-the-source-text", test_export_holds_the_source_text);
  g_test_add_func ("/translation/saving-shown-translation-keeps-source", test_saving_shown_translation_keeps_source);
  status = g_test_run ();
  sb_test_dir_free (locale_dir);
  return status;
}
