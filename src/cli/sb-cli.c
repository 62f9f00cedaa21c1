/* sb-cli.c — the headless command line, run before any window or display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "sb-backup.h"
#include "sb-cheat-sheet.h"
#include "sb-cli-private.h"
#include "sb-coach.h"
#include "sb-coverage.h"
#include "sb-exchange.h"
#include "sb-readiness.h"
#include "sb-store.h"
#include "sb-story-check.h"

void
sb_cli_add_options (GApplication *app)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the bank at PATH instead of the default one"), N_("PATH") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Merge a Storybank JSON file into the bank (all or nothing) and exit"), N_("FILE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the whole bank as Storybank JSON and exit"), N_("FILE") },
    { "export-markdown", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the stories as a Markdown document and exit"), N_("FILE") },
    { "coverage", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the themes × stories matrix and exit"), NULL },
    { "cheat-sheet", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the one-page cheat sheet as a PDF and exit"), N_("FILE.pdf") },
    { "framework", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The framework for --coverage and --cheat-sheet (default: core)"), N_("SLUG") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Paper size for --cheat-sheet: a4 or letter (default: from the locale)"), N_("SIZE") },
    { "theme", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Put only this theme on --cheat-sheet; repeat for more (default: every theme)"), N_("SLUG") },
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the coach’s findings for every story and exit"), NULL },
    { "suggest", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print the stories ranked for the question SLUG, with reasons, and exit"), N_("SLUG") },
    { "applications", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the applications (id, date, status, company and role; * marks the current one) and exit"),
      NULL },
    { "application", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the --cheat-sheet for the application ID: its rounds, planned stories and requirements"),
      N_("ID") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Print the round plan of the application ID with its warnings and exit"), N_("ID") },
    { "propose", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --plan: first fill the empty rounds with proposed stories (no story twice)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print --check, --suggest, --applications or --plan as JSON"), NULL },
    { "list-backups", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the bank’s backups (date, reason, stories, size, file) and exit"), NULL },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Replace the bank with a backup, after backing up the bank as it is, and exit"), N_("BACKUP") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (app, entries);
  g_application_set_option_context_summary (app,
    _("A private workbook for behavioral interviews: STAR-L stories, theme coverage, "
      "a question bank and a one-page cheat sheet."));
}

static const char *
lookup_filename (GVariantDict *options,
                 const char   *name)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (options, name, "^&ay", &value))
    return NULL;
  return value;
}

static const char *
lookup_string (GVariantDict *options,
               const char   *name)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (options, name, "&s", &value))
    return NULL;
  return value;
}

const char *
sb_cli_get_database_path (GVariantDict *options)
{
  return lookup_filename (options, "database");
}

/* Text that came from the bank or from a file, made safe to print on a
 * terminal: control characters (C0, DEL, C1), the bidirectional overrides
 * that reorder what is shown, and bytes that are not UTF-8 are written as
 * visible escapes (\x1b, \r, \u202e), a backslash as \\; all other text,
 * any script or emoji, is kept. @keep_newlines keeps the line breaks of a
 * block the command laid out itself. Every such string goes through here
 * before it is printed. */
static char *
escape_for_terminal (const char *text,
                     gboolean    keep_newlines)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }

      switch (c)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\a': g_string_append (out, "\\a"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\v': g_string_append (out, "\\v"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\n':
          g_string_append (out, keep_newlines ? "\n" : "\\n");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\x%02x", c);
          else if ((c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static int
fail (const GError *error)
{
  g_autofree char *message = escape_for_terminal (error->message, FALSE);

  g_printerr ("storybank: %s\n", message);
  return 1;
}

static int
fail_literal (const char *message)
{
  g_autofree char *escaped = escape_for_terminal (message, FALSE);

  g_printerr ("storybank: %s\n", escaped);
  return 2;
}

static void
print_findings (SbStore *store)
{
  GListModel *stories = sb_store_get_stories (store);
  guint clean = 0;

  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_autoptr(GPtrArray) findings = sb_story_check_in_store (store, story);
      guint seconds = sb_story_get_speaking_seconds (story);
      g_autofree char *title = NULL;

      if (findings->len == 0)
        {
          clean++;
          continue;
        }
      title = escape_for_terminal (sb_story_get_display_title (story), FALSE);
      g_print ("%s  (%u:%02u)\n", title, seconds / 60, seconds % 60);
      for (guint f = 0; f < findings->len; f++)
        {
          SbFinding *finding = findings->pdata[f];
          const char *mark = finding->severity == SB_CHECK_SEVERITY_PROBLEM ? "✗"
                           : finding->severity == SB_CHECK_SEVERITY_WARNING ? "!" : "·";
          g_autofree char *message = escape_for_terminal (finding->message, FALSE);

          g_print ("  %s %s  [%s]\n", mark, message, finding->check_id);
        }
      g_print ("\n");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u stories has nothing to fix.\n",
                        "%u of %u stories have nothing to fix.\n", clean),
           clean, g_list_model_get_n_items (stories));
}

/* JSON from the bank, for programs, but often read on a terminal:
 * json-glib escapes C0 controls; DEL, C1 controls and the bidirectional
 * overrides are written as \uXXXX too. They can only stand inside
 * strings, where the escape means the same character, so the document is
 * unchanged for a JSON reader. */
static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  g_autoptr(GString) out = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  out = g_string_sized_new (strlen (text) + 1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '\n');
  fputs (out->str, stdout);
  fflush (stdout);
}

/* --check --json: one array of findings, every story's in the bank's order. */
static void
print_findings_json (SbStore *store)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *stories = sb_store_get_stories (store);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      g_autoptr(GPtrArray) findings = sb_story_check_in_store (store, story);

      for (guint f = 0; f < findings->len; f++)
        {
          SbFinding *finding = findings->pdata[f];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "story");
          json_builder_add_string_value (builder, sb_story_get_display_title (story));
          json_builder_set_member_name (builder, "story_id");
          json_builder_add_string_value (builder, sb_story_get_uuid (story));
          json_builder_set_member_name (builder, "check");
          json_builder_add_string_value (builder, finding->check_id);
          json_builder_set_member_name (builder, "section");
          json_builder_add_string_value (builder, finding->section);
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, sb_check_severity_to_string (finding->severity));
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, finding->message);
          json_builder_set_member_name (builder, "ranges");
          json_builder_begin_array (builder);
          for (guint r = 0; r < finding->ranges->len; r++)
            {
              SbRange *range = &g_array_index (finding->ranges, SbRange, r);

              json_builder_begin_array (builder);
              json_builder_add_int_value (builder, range->start);
              json_builder_add_int_value (builder, range->end);
              json_builder_end_array (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  print_json (builder);
}

/* --suggest=SLUG [--json]: the ranking the question page shows. */
static int
print_suggestions (SbStore    *store,
                   const char *slug,
                   gboolean    json)
{
  SbQuestion *question = sb_store_find_question (store, slug);
  g_autoptr(GPtrArray) suggestions = NULL;

  if (question == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("--suggest: there is no question “%s” (the slugs are in the file --export writes)"),
                         slug);
      return fail_literal (message);
    }

  suggestions = sb_coach_suggest_stories (store, question, 0);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < suggestions->len; i++)
        {
          SbSuggestion *suggestion = suggestions->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "story");
          json_builder_add_string_value (builder, sb_story_get_display_title (suggestion->story));
          json_builder_set_member_name (builder, "story_id");
          json_builder_add_string_value (builder, sb_story_get_uuid (suggestion->story));
          json_builder_set_member_name (builder, "score");
          json_builder_add_double_value (builder, suggestion->score);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, suggestion->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }

  if (suggestions->len == 0)
    g_print ("%s\n", _("No story fits yet: link a story to one of the question’s themes."));
  for (guint i = 0; i < suggestions->len; i++)
    {
      SbSuggestion *suggestion = suggestions->pdata[i];
      g_autofree char *title = escape_for_terminal (sb_story_get_display_title (suggestion->story), FALSE);
      g_autofree char *reason = escape_for_terminal (suggestion->reason, FALSE);

      /* Translators: one ranked story: "2. Ledger cut-over (10.5): Primary: Data migration" */
      g_print (_("%u. %s (%.1f): %s\n"), i + 1, title, suggestion->score, reason);
    }
  return 0;
}

/* A bank this very command created, for a command that then failed: take it
 * away again, so that a failed command leaves no new file behind. */
static void
remove_new_bank (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* --list-backups: one line per backup, newest first. Reads only the
 * backups folder, so it works even when the bank itself cannot be opened. */
static int
print_backups (const char *bank_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = sb_backup_list (bank_path, &error);

  if (backups == NULL)
    return fail (error);
  if (backups->len == 0)
    {
      g_autofree char *folder = sb_backup_get_folder (bank_path);
      g_autofree char *shown = escape_for_terminal (folder, FALSE);
      g_print (_("No backups yet (they are kept in %s)\n"), shown);
      return 0;
    }
  for (guint i = 0; i < backups->len; i++)
    {
      SbBackupInfo *info = backups->pdata[i];
      g_autoptr(GDateTime) local = g_date_time_to_local (info->time);
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (info->size);
      g_autofree char *problem = info->problem != NULL ? escape_for_terminal (info->problem, FALSE) : NULL;
      g_autofree char *path = escape_for_terminal (info->path, FALSE);
      g_autofree char *stories = info->n_stories < 0
        ? g_strdup_printf (_("unreadable: %s"), problem)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d story", "%d stories", info->n_stories),
                           info->n_stories);

      g_print ("%s  %-16s  %-11s  %9s  %s\n", date, sb_backup_reason_to_string (info->reason),
               stories, size, path);
    }
  return 0;
}

static int run_commands (SbStore *store, GVariantDict *options, SbCheatSheetOptions *sheet_options);

int
sb_cli_handle_local_options (GVariantDict *options)
{
  g_autoptr(SbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bank_path = NULL;
  const char *database = sb_cli_get_database_path (options);
  const char *import = lookup_filename (options, "import");
  const char *export = lookup_filename (options, "export");
  const char *markdown = lookup_filename (options, "export-markdown");
  const char *cheat_sheet = lookup_filename (options, "cheat-sheet");
  const char *framework = lookup_string (options, "framework");
  const char *paper = lookup_string (options, "paper");
  gboolean coverage = g_variant_dict_contains (options, "coverage");
  gboolean check = g_variant_dict_contains (options, "check");
  const char *suggest = lookup_string (options, "suggest");
  gboolean json = g_variant_dict_contains (options, "json");
  gboolean list_backups = g_variant_dict_contains (options, "list-backups");
  const char *restore = lookup_filename (options, "restore");
  gboolean applications = g_variant_dict_contains (options, "applications");
  const char *application = lookup_string (options, "application");
  const char *plan = lookup_string (options, "plan");
  gboolean propose = g_variant_dict_contains (options, "propose");
  SbCheatSheetOptions sheet_options;
  gboolean bank_existed;
  int status;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("storybank %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (list_backups)
    {
      if (import != NULL || export != NULL || markdown != NULL || cheat_sheet != NULL || coverage ||
          check || suggest != NULL || json || restore != NULL || applications || plan != NULL)
        return fail_literal (_("--list-backups goes alone (with --database)"));
      return print_backups (database);
    }

  /* Two JSON documents on one stdout would make neither readable. */
  if (json && (check ? 1 : 0) + (suggest != NULL ? 1 : 0) + (applications ? 1 : 0) + (plan != NULL ? 1 : 0) != 1)
    return fail_literal (_("--json goes with one of --check, --suggest, --applications or --plan"));
  if (application != NULL && cheat_sheet == NULL)
    return fail_literal (_("--application goes with --cheat-sheet"));
  if (application != NULL && g_variant_dict_contains (options, "theme"))
    return fail_literal (_("--theme does not go with --application: that sheet shows the application’s rounds"));
  if (propose && plan == NULL)
    return fail_literal (_("--propose goes with --plan"));

  if (import == NULL && export == NULL && markdown == NULL && cheat_sheet == NULL && !coverage && !check &&
      suggest == NULL && restore == NULL && !applications && plan == NULL)
    {
      if (framework != NULL || paper != NULL)
        return fail_literal (_("--framework and --paper go with --coverage or --cheat-sheet"));
      if (g_variant_dict_contains (options, "theme"))
        return fail_literal (_("--theme goes with --cheat-sheet"));
      return -1;
    }

  /* Check every argument before the bank is touched. */
  sb_cheat_sheet_options_init (&sheet_options);
  if (paper != NULL && !sb_paper_size_from_string (paper, &sheet_options.paper))
    {
      g_autofree char *message =
        g_strdup_printf (_("--paper: “%s” is not a paper size; use a4 or letter"), paper);
      return fail_literal (message);
    }

  bank_path = database != NULL ? g_strdup (database) : sb_database_default_path ();
  bank_existed = g_file_test (bank_path, G_FILE_TEST_EXISTS);

  store = sb_store_open (database, &error);
  if (store == NULL)
    return fail (error);
  /* Said once, on stderr so that --export to stdout-like use stays clean. */
  if (sb_database_get_tightened (sb_store_get_database (store)))
    {
      g_autofree char *display = escape_for_terminal (bank_path, FALSE);
      g_printerr (_("storybank: “%s” could be read by other users; it is now private to you\n"), display);
    }

  status = run_commands (store, options, &sheet_options);
  if (status != 0 && !bank_existed)
    {
      g_clear_object (&store);
      remove_new_bank (bank_path);
    }
  return status;
}

static int
run_commands (SbStore             *store,
              GVariantDict        *options,
              SbCheatSheetOptions *sheet_options)
{
  g_autoptr(GError) error = NULL;
  const char *import = lookup_filename (options, "import");
  const char *export = lookup_filename (options, "export");
  const char *markdown = lookup_filename (options, "export-markdown");
  const char *cheat_sheet = lookup_filename (options, "cheat-sheet");
  const char *framework = lookup_string (options, "framework");
  gboolean coverage = g_variant_dict_contains (options, "coverage");
  gboolean check = g_variant_dict_contains (options, "check");
  const char *suggest = lookup_string (options, "suggest");
  gboolean json = g_variant_dict_contains (options, "json");
  const char *restore = lookup_filename (options, "restore");
  gboolean applications = g_variant_dict_contains (options, "applications");
  const char *application = lookup_string (options, "application");
  const char *plan = lookup_string (options, "plan");
  gboolean propose = g_variant_dict_contains (options, "propose");
  g_autofree const char **themes = NULL;

  if (framework != NULL && sb_store_find_framework (store, framework) == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);
      GListModel *frameworks = sb_store_get_frameworks (store);
      g_autofree char *message = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
        {
          g_autoptr(SbFramework) fw = g_list_model_get_item (frameworks, i);
          g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", sb_framework_get_slug (fw));
        }
      message = g_strdup_printf (_("--framework: there is no framework “%s” (known: %s)"),
                                 framework, known->str);
      return fail_literal (message);
    }
  sheet_options->framework_slug = framework;

  if (suggest != NULL && sb_store_find_question (store, suggest) == NULL)
    return print_suggestions (store, suggest, json);

  /* Unknown application ids are refused before anything is written. */
  if (application != NULL)
    {
      g_autofree char *unknown = _sb_cli_check_application (store, "--application", application);

      if (unknown != NULL)
        return fail_literal (unknown);
      sheet_options->application_slug = application;
    }
  if (plan != NULL)
    {
      g_autofree char *unknown = _sb_cli_check_application (store, "--plan", plan);

      if (unknown != NULL)
        return fail_literal (unknown);
    }

  /* --theme: only these themes of the framework on the cheat sheet. */
  if (g_variant_dict_lookup (options, "theme", "^a&s", &themes))
    {
      g_autoptr(SbFramework) first = g_list_model_get_n_items (sb_store_get_frameworks (store)) > 0
        ? g_list_model_get_item (sb_store_get_frameworks (store), 0) : NULL;
      const char *in = framework != NULL ? framework : first != NULL ? sb_framework_get_slug (first) : "";

      for (guint i = 0; themes[i] != NULL; i++)
        {
          SbTheme *theme = sb_store_find_theme (store, themes[i]);

          if (theme == NULL || g_strcmp0 (sb_theme_get_framework_slug (theme), in) != 0)
            {
              g_autofree char *message =
                g_strdup_printf (_("--theme: “%s” is not a theme of the framework “%s”"), themes[i], in);
              return fail_literal (message);
            }
        }
      sheet_options->theme_slugs = themes;
    }

  /* Before anything else, so the other commands see the restored bank. */
  if (restore != NULL)
    {
      SbDatabase *db = sb_store_get_database (store);
      g_autofree char *safety = NULL;
      g_autofree char *restore_display = escape_for_terminal (restore, FALSE);
      g_autofree char *bank_display = escape_for_terminal (sb_database_get_path (db), FALSE);

      if (!sb_backup_restore (db, restore, &safety, &error) ||
          !sb_store_reload (store, &error))
        return fail (error);
      {
        char *escaped = escape_for_terminal (safety, FALSE);
        g_free (safety);
        safety = escaped;
      }
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Restored %s into %s (%u story). The bank as it was before is saved as %s\n",
                            "Restored %s into %s (%u stories). The bank as it was before is saved as %s\n",
                            sb_store_get_n_stories (store)),
               restore_display, bank_display, sb_store_get_n_stories (store), safety);
    }

  if (import != NULL)
    {
      SbImportSummary summary = { 0, };
      g_autofree char *stories = NULL;
      g_autofree char *questions = NULL;
      g_autofree char *themes_added = NULL;
      g_autofree char *file = NULL;

      /* Backups: the bank as it was, before an import changes it. A bank
       * without stories yet has nothing an import could overwrite. */
      g_autofree char *backup = NULL;

      if (sb_store_get_n_stories (store) > 0)
        {
          backup = sb_backup_create (sb_database_get_path (sb_store_get_database (store)),
                                                      SB_BACKUP_REASON_BEFORE_IMPORT, &error);
          if (backup == NULL)
            {
              g_printerr (_("storybank: Nothing was imported: the bank could not be backed up first. %s\n"),
                          error->message);
              return 1;
            }
        }
      if (!sb_exchange_import_json_file (store, import, &summary, &error))
        {
          /* Nothing changed: that backup would only crowd out older ones. */
          if (backup != NULL)
            g_unlink (backup);
          return fail (error);
        }
      stories = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u story added", "%u stories added",
                                              summary.stories_added), summary.stories_added);
      questions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions",
                                                summary.questions_added), summary.questions_added);
      themes_added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u theme added", "%u themes added",
                                             summary.themes_added), summary.themes_added);
      file = escape_for_terminal (import, FALSE);
      /* Translators: "Imported bank.json: 3 stories added, 1 updated, 0 questions and 2 themes added" */
      g_print (_("Imported %s: %s, %u updated, %s and %s"),
               file, stories, summary.stories_updated, questions, themes_added);
      if (summary.rehearsals_added > 0)
        /* Translators: appended to the import summary */
        g_print (g_dngettext (GETTEXT_PACKAGE, "; %u rehearsal added", "; %u rehearsals added",
                              summary.rehearsals_added),
                 summary.rehearsals_added);
      if (summary.applications_added > 0 || summary.applications_updated > 0)
        {
          g_autofree char *applications_added =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u application added", "%u applications added",
                                          summary.applications_added), summary.applications_added);

          /* Translators: appended to the import summary: "; 2 applications added, 1 updated" */
          g_print (_("; %s, %u updated"), applications_added, summary.applications_updated);
        }
      g_print ("\n");
    }

  if (export != NULL && !sb_exchange_export_json_file (store, export, &error))
    return fail (error);

  if (markdown != NULL && !sb_exchange_export_markdown_file (store, markdown, &error))
    return fail (error);

  if (cheat_sheet != NULL && !sb_cheat_sheet_export_pdf (store, sheet_options, cheat_sheet, &error))
    return fail (error);

  if (coverage)
    {
      g_autoptr(SbCoverage) matrix = sb_coverage_new (store, framework, &error);
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (matrix == NULL)
        return fail (error);
      /* Theme names and story titles sit inside the laid-out matrix: escape
       * all of it but its own line breaks. */
      text = sb_coverage_format_text (matrix);
      escaped = escape_for_terminal (text, TRUE);
      fputs (escaped, stdout);
      fflush (stdout);
    }

  if (check && json)
    print_findings_json (store);
  else if (check)
    print_findings (store);

  if (suggest != NULL)
    return print_suggestions (store, suggest, json);

  if (applications)
    _sb_cli_print_applications (store, json);

  if (plan != NULL)
    return _sb_cli_print_plan (store, plan, propose, json);

  return 0;
}

/* ---- for the other parts of the command line -------------------------- */

char *
_sb_cli_escape_for_terminal (const char *text,
                             gboolean    keep_newlines)
{
  return escape_for_terminal (text, keep_newlines);
}

void
_sb_cli_print_json (JsonBuilder *builder)
{
  print_json (builder);
}

int
_sb_cli_fail (const GError *error)
{
  return fail (error);
}

int
_sb_cli_fail_literal (const char *message)
{
  return fail_literal (message);
}
