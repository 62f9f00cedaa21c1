/* test-cheat-sheet.c — the one-page cheat sheet: fitting, PDF export, headline numbers
 *
 * The PDFs are checked with poppler-utils (pdfinfo, pdftotext) when they are
 * installed; those tests are skipped otherwise. No display is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "sb-cheat-sheet.h"
#include "sb-test-util.h"

#define FRAMEWORK "sheet-test"

static const char *long_situation =
  "Our payments platform processed forty thousand orders an hour, and the card "
  "processor we depended on announced it would shut its old API down within the "
  "quarter, long before our roadmap had room for a migration. Nobody owned it.";
static const char *long_action =
  "I mapped every call site of the old API across eleven services and ranked them by risk.\n"
  "- I wrote a thin adapter so both processors could run side by side behind a flag, "
  "and convinced two teams to lend me an engineer each for three weeks.\n"
  "- I moved traffic over region by region, watching error budgets, and rolled back once.\n"
  "- I wrote the runbook and taught the on-call rotation how to use it.";
static const char *long_result =
  "We finished two weeks early, with 99.98% success on charges during the cutover, "
  "and the new API cut processing fees by $120k a year.";
static const char *long_learning =
  "Announce the rollback plan before the launch plan: people commit faster when they "
  "know how to undo a change, and the review meetings got much shorter as a result.";

typedef struct
{
  SbTestDir *dir;
  SbStore   *store;
  GPtrArray *theme_slugs;     /* owned strings */
  GPtrArray *stories;         /* SbStory, borrowed from the store */
} Bank;

static void
bank_free (Bank *bank)
{
  g_ptr_array_unref (bank->theme_slugs);
  g_ptr_array_unref (bank->stories);
  g_assert_finalize_object (bank->store);
  sb_test_dir_free (bank->dir);
  g_free (bank);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bank, bank_free)

static char *
story_title (guint i)
{
  return g_strdup_printf ("Story %02u payments migration", i);
}

/* A bank with its own framework of @n_themes themes and @n_stories long
 * stories: story i is the primary, ready story of theme i (so it is the best
 * one), a draft primary for theme i mod n_themes after that, and a
 * secondary story of theme i + 3. */
static Bank *
bank_new (guint n_stories,
          guint n_themes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Bank *bank = g_new0 (Bank, 1);

  bank->dir = sb_test_dir_new ();
  path = sb_test_dir_file (bank->dir, "bank.sqlite3");
  bank->store = sb_store_open (path, &error);
  g_assert_no_error (error);
  bank->theme_slugs = g_ptr_array_new_with_free_func (g_free);
  bank->stories = g_ptr_array_new ();

  sb_store_add_framework (bank->store, FRAMEWORK, "Sheet test", "Themes for the tests", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_themes; i++)
    {
      g_autofree char *name = g_strdup_printf ("Theme %02u handling ambiguity", i);
      SbTheme *theme = sb_store_add_theme (bank->store, FRAMEWORK, name, "", &error);

      g_assert_no_error (error);
      g_ptr_array_add (bank->theme_slugs, g_strdup (sb_theme_get_slug (theme)));
    }

  for (guint i = 0; i < n_stories; i++)
    {
      g_autofree char *title = story_title (i);
      SbStory *story = sb_store_create_story (bank->store, title, &error);

      g_assert_no_error (error);
      sb_story_set_field (story, SB_STORY_FIELD_SITUATION, long_situation);
      sb_story_set_field (story, SB_STORY_FIELD_ACTION, long_action);
      sb_story_set_field (story, SB_STORY_FIELD_RESULT, long_result);
      sb_story_set_field (story, SB_STORY_FIELD_LEARNING, long_learning);
      sb_story_set_status (story, i < n_themes ? SB_STORY_STATUS_READY : SB_STORY_STATUS_DRAFT);
      g_assert_true (sb_store_save_story (bank->store, story, &error));
      g_assert_no_error (error);
      if (n_themes > 0)
        {
          sb_store_set_story_theme (bank->store, story,
                                    g_ptr_array_index (bank->theme_slugs, i % n_themes),
                                    SB_STRENGTH_PRIMARY, &error);
          g_assert_no_error (error);
          sb_store_set_story_theme (bank->store, story,
                                    g_ptr_array_index (bank->theme_slugs, (i + 3) % n_themes),
                                    SB_STRENGTH_SECONDARY, &error);
          g_assert_no_error (error);
        }
      g_ptr_array_add (bank->stories, story);
    }
  return bank;
}

static void
bank_options (SbCheatSheetOptions *options,
              SbPaperSize          paper)
{
  sb_cheat_sheet_options_init (options);
  options->paper = paper;
  options->framework_slug = FRAMEWORK;
}

/* ---- poppler-utils ---------------------------------------------------- */

static gboolean
have_poppler (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdfinfo != NULL && pdftotext != NULL)
    return TRUE;
  g_test_skip ("pdfinfo and pdftotext (poppler-utils) are not installed");
  return FALSE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  if (error != NULL)
    g_printerr ("%s: %s\n", argv[0], err);
  g_assert_no_error (error);
  return out;
}

static void
assert_one_page (const char  *pdf,
                 SbPaperSize  paper)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  double width, height;
  g_autofree char *size = NULL;

  sb_paper_size_get_points (paper, &width, &height);
  size = g_strdup_printf ("Page size:       %g x %g pts", width, height);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  if (strstr (info, size) == NULL)
    g_error ("expected “%s” in:\n%s", size, info);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  return run (argv);
}

/* Every word pdftotext finds lies inside the page's margins: nothing is
 * cut at the page edge or drawn past it. */
static void
assert_words_inside (const char  *pdf,
                     SbPaperSize  paper)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *html = run (argv);
  double width, height;
  guint n_words = 0;

  sb_paper_size_get_points (paper, &width, &height);
  for (const char *p = strstr (html, "<word "); p != NULL; p = strstr (p + 1, "<word "))
    {
      double x_min, y_min, x_max, y_max;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x_min, &y_min, &x_max, &y_max), ==, 4);
      g_assert_cmpfloat (x_min, >=, 20);
      g_assert_cmpfloat (y_min, >=, 20);
      g_assert_cmpfloat (x_max, <=, width - 20);
      g_assert_cmpfloat (y_max, <=, height - 20);
      n_words++;
    }
  g_assert_cmpuint (n_words, >, 0);
}

/* ---- banks of several sizes ------------------------------------------- */

typedef struct
{
  guint       n_stories;
  guint       n_themes;
  SbPaperSize paper;
} BankCase;

static void
test_bank (gconstpointer data)
{
  const BankCase *c = data;
  g_autoptr(Bank) bank = bank_new (c->n_stories, c->n_themes);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "sheet.pdf");
  g_autofree char *text = NULL;
  SbCheatSheetOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint n_shown;

  bank_options (&options, c->paper);
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* The same sheet, to ask what the layout chose. */
  sheet = sb_cheat_sheet_new (bank->store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sb_cheat_sheet_get_n_themes (sheet), ==, c->n_themes);
  sb_paper_size_get_points (c->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (sb_cheat_sheet_get_font_size (sheet), >=, SB_CHEAT_SHEET_MIN_FONT_SIZE);
  g_assert_cmpfloat (sb_cheat_sheet_get_font_size (sheet), <=, SB_CHEAT_SHEET_MAX_FONT_SIZE);
  g_assert_cmpuint (sb_cheat_sheet_get_n_columns (sheet), >=, 2);
  g_assert_cmpuint (sb_cheat_sheet_get_n_columns (sheet), <=, 3);

  if (!have_poppler ())
    return;

  assert_one_page (pdf, c->paper);
  assert_words_inside (pdf, c->paper);
  text = pdf_text (pdf);

  /* Story i is the best for theme i; themes are dropped from the end. */
  n_shown = MIN (c->n_stories, c->n_themes) ;
  if (sb_cheat_sheet_get_themes_left_out (sheet) > 0)
    {
      guint left_out = sb_cheat_sheet_get_themes_left_out (sheet);
      g_autofree char *note = g_strdup_printf ("and %u more theme", left_out);

      g_assert_nonnull (strstr (text, note));
      n_shown = n_shown > left_out ? n_shown - left_out : 0;
    }
  for (guint i = 0; i < n_shown; i++)
    {
      g_autofree char *title = story_title (i);

      if (strstr (text, title) == NULL)
        g_error ("“%s” is not on the sheet:\n%s", title, text);
    }

  if (c->n_stories < c->n_themes)
    g_assert_nonnull (strstr (text, "NO STORY YET"));
  else
    g_assert_null (strstr (text, "NO STORY YET"));
}

/* A framework with far more themes than a page holds: the type stops at the
 * minimum, themes are dropped from the end, and the page says so. */
static void
test_overfull (void)
{
  g_autoptr(Bank) bank = bank_new (60, 60);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "overfull.pdf");
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  SbCheatSheetOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;

  bank_options (&options, SB_PAPER_LETTER);
  sheet = sb_cheat_sheet_new (bank->store, &options, &error);
  g_assert_no_error (error);
  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 612, 792);
  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, 612, 792);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_cmpfloat (sb_cheat_sheet_get_font_size (sheet), ==, SB_CHEAT_SHEET_MIN_FONT_SIZE);
  g_assert_true (sb_cheat_sheet_get_details_left_out (sheet));
  g_assert_cmpuint (sb_cheat_sheet_get_themes_left_out (sheet), >, 0);
  g_assert_cmpuint (sb_cheat_sheet_get_themes_left_out (sheet), <, 60);
  /* Each theme has its own story here, so as many stories are left out. */
  g_assert_cmpuint (sb_cheat_sheet_get_stories_left_out (sheet), ==,
                    sb_cheat_sheet_get_themes_left_out (sheet));

  if (!have_poppler ())
    return;
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  assert_one_page (pdf, SB_PAPER_LETTER);
  assert_words_inside (pdf, SB_PAPER_LETTER);
  text = pdf_text (pdf);
  note = g_strdup_printf ("…and %u more themes", sb_cheat_sheet_get_themes_left_out (sheet));
  g_assert_nonnull (strstr (text, note));
  g_assert_nonnull (strstr (text, "Story 00 payments migration"));
}

/* A story best for several themes is shown once, then referred to. */
static void
test_reference (void)
{
  g_autoptr(Bank) bank = bank_new (0, 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "reference.pdf");
  g_autofree char *text = NULL;
  SbCheatSheetOptions options;
  SbStory *story = sb_store_create_story (bank->store, "The only story", &error);
  const char *p;

  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "I did the thing.");
  sb_store_save_story (bank->store, story, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      sb_store_set_story_theme (bank->store, story, g_ptr_array_index (bank->theme_slugs, i),
                                SB_STRENGTH_PRIMARY, &error);
      g_assert_no_error (error);
    }

  if (!have_poppler ())
    return;
  bank_options (&options, SB_PAPER_A4);
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  p = strstr (text, "The only story");
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (text, "I did the thing."));
  /* Its full text appears once; the two later themes point to it. */
  g_assert_null (strstr (strstr (text, "I did the thing.") + 1, "I did the thing."));
  g_assert_nonnull (strstr (text, "→ see The only story"));
  g_assert_nonnull (strstr (strstr (text, "→ see The only story") + 1, "→ see The only story"));
}

/* The best story: a primary link wins over a secondary one, a ready story
 * over a draft. Chosen stories and themes are honoured. */
static void
test_best_story (void)
{
  g_autoptr(Bank) bank = bank_new (0, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "best.pdf");
  g_autofree char *text = NULL;
  const char *theme0 = g_ptr_array_index (bank->theme_slugs, 0);
  const char *theme1 = g_ptr_array_index (bank->theme_slugs, 1);
  SbCheatSheetOptions options;
  SbStory *secondary_ready, *primary_draft, *primary_ready;
  const char *only_theme0[] = { theme0, NULL };
  const char *uuids[2] = { NULL, NULL };

  secondary_ready = sb_store_create_story (bank->store, "Secondary but ready", &error);
  primary_draft = sb_store_create_story (bank->store, "Primary draft", &error);
  primary_ready = sb_store_create_story (bank->store, "Primary and ready", &error);
  g_assert_no_error (error);
  sb_story_set_status (secondary_ready, SB_STORY_STATUS_READY);
  sb_story_set_status (primary_ready, SB_STORY_STATUS_READY);
  sb_store_save_story (bank->store, secondary_ready, &error);
  sb_store_save_story (bank->store, primary_ready, &error);
  g_assert_no_error (error);
  sb_store_set_story_theme (bank->store, secondary_ready, theme0, SB_STRENGTH_SECONDARY, &error);
  sb_store_set_story_theme (bank->store, primary_draft, theme0, SB_STRENGTH_PRIMARY, &error);
  sb_store_set_story_theme (bank->store, primary_ready, theme0, SB_STRENGTH_PRIMARY, &error);
  sb_store_set_story_theme (bank->store, primary_draft, theme1, SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);

  if (!have_poppler ())
    return;

  bank_options (&options, SB_PAPER_A4);
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Primary and ready"));
  g_assert_nonnull (strstr (text, "Primary draft"));   /* the only story of theme 1 */
  g_assert_null (strstr (text, "Secondary but ready"));
  g_free (text);

  /* Only the chosen theme; only the chosen story. */
  options.theme_slugs = only_theme0;
  uuids[0] = sb_story_get_uuid (secondary_ready);
  options.story_uuids = uuids;
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Secondary but ready"));
  g_assert_null (strstr (text, "Primary"));
  g_assert_null (strstr (text, "THEME 01"));
}

static void
test_unicode (void)
{
  g_autoptr(Bank) bank = bank_new (0, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "unicode.pdf");
  g_autofree char *text = NULL;
  SbCheatSheetOptions options;
  SbStory *story;

  story = sb_store_create_story (bank->store, "Café résumé 日本語チーム 🙂", &error);
  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_RESULT, "品質が向上し、不具合が３０％減った。");
  sb_store_save_story (bank->store, story, &error);
  g_assert_no_error (error);
  sb_store_set_story_theme (bank->store, story, g_ptr_array_index (bank->theme_slugs, 0),
                            SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);
  sb_store_set_person_name (bank->store, "Zoë Ångström", &error);
  g_assert_no_error (error);

  if (!have_poppler ())
    return;
  bank_options (&options, SB_PAPER_A4);
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  assert_one_page (pdf, SB_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Zoë Ångström"));
  g_assert_nonnull (strstr (text, "Café résumé"));
  g_assert_nonnull (strstr (text, "日本語チーム"));
  g_assert_nonnull (strstr (text, "不具合が３０％減った"));
}

static void
test_export_errors (void)
{
  g_autoptr(Bank) bank = bank_new (1, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = sb_test_dir_file (bank->dir, "no-such-folder/sheet.pdf");
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "sheet.pdf");
  g_autoptr(GDir) dir = NULL;
  SbCheatSheetOptions options;
  const char *name;
  guint n_files = 0;

  bank_options (&options, SB_PAPER_A4);
  g_assert_false (sb_cheat_sheet_export_pdf (bank->store, &options, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  options.framework_slug = "no-such-framework";
  g_assert_false (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-framework"));
  g_clear_error (&error);

  /* Overwrites an existing file, and leaves no temporary file behind. */
  g_assert_true (g_file_set_contents (pdf, "old", -1, NULL));
  options.framework_slug = FRAMEWORK;
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  dir = g_dir_open (bank->dir->path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".sheet.pdf."));
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 0);
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }
}

/* storybank --cheat-sheet --theme=SLUG puts only the named themes on the sheet. */
static void
test_cli_themes (void)
{
  g_autoptr(Bank) bank = bank_new (3, 3);
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "cli.pdf");
  g_autofree char *database = sb_test_dir_file (bank->dir, "bank.sqlite3");
  g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
  g_autofree char *pdf_arg = g_strconcat ("--cheat-sheet=", pdf, NULL);
  g_autofree char *theme_arg = g_strconcat ("--theme=", (char *) g_ptr_array_index (bank->theme_slugs, 1), NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  const char *bin = g_getenv ("STORYBANK_BIN");
  const char *wrong[] = { bin, database_arg, pdf_arg, "--framework=" FRAMEWORK, "--theme=lp-ownership", NULL };
  int status;

  if (bin == NULL)
    {
      g_test_skip ("STORYBANK_BIN is not set");
      return;
    }
  if (!have_poppler ())
    return;

  {
    const char *argv[] = { bin, database_arg, pdf_arg, "--framework=" FRAMEWORK, theme_arg, NULL };
    g_autofree char *out = run (argv);
  }
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "THEME 01"));
  g_assert_nonnull (strstr (text, "Story 01 payments migration"));
  g_assert_null (strstr (text, "THEME 00"));
  g_assert_null (strstr (text, "THEME 02"));

  /* A theme of another framework is refused, naming it. */
  g_spawn_sync (NULL, (char **) wrong, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "lp-ownership"));
}

/* The default framework (the first one) works with whatever the catalog holds. */
static void
test_default_framework (void)
{
  g_autoptr(Bank) bank = bank_new (3, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = sb_cheat_sheet_new (bank->store, NULL, &error);
  GListModel *frameworks = sb_store_get_frameworks (bank->store);
  g_autoptr(SbFramework) first = g_list_model_get_item (frameworks, 0);

  g_assert_no_error (error);
  g_assert_cmpuint (sb_cheat_sheet_get_n_themes (sheet), ==,
                    g_list_model_get_n_items (sb_store_get_themes (bank->store,
                                                                   sb_framework_get_slug (first))));
}

/* ---- units ------------------------------------------------------------ */

static void
assert_headline (const char *result,
                 const char *expected)
{
  g_autofree char *headline = sb_cheat_sheet_extract_headline (result);

  if (g_strcmp0 (headline, expected) != 0)
    g_error ("headline of “%s”: expected “%s”, got “%s”", result,
             expected ? expected : "(null)", headline ? headline : "(null)");
}

static void
test_headline (void)
{
  assert_headline (NULL, NULL);
  assert_headline ("", NULL);
  assert_headline ("Everyone was happy and the team stayed.", NULL);
  assert_headline ("Latency fell from 800 ms to 120 ms, and the team slept again.",
                   "Latency fell from 800 ms to 120 ms");
  assert_headline ("The launch went well. Revenue grew 15% in a quarter.",
                   "Revenue grew 15% in a quarter");
  assert_headline ("Everyone agreed, and it saved €40k a year", "it saved €40k a year");
  assert_headline ("Processed 1,200 orders/s at 99.9% uptime.",
                   "Processed 1,200 orders/s at 99.9% uptime");
  assert_headline ("Shipped v2 on time; p95 latency dropped to 120 ms.",
                   "p95 latency dropped to 120 ms");
  assert_headline ("In 2023, churn fell by a third: 3 points.", "3 points");
  assert_headline ("Result: we doubled throughput (3x) with no new hardware",
                   "3x");
  assert_headline ("品質が向上し、不具合が３０％減った。", "不具合が３０％減った");
  assert_headline ("Costs went down — £2.5M saved over two years", "£2.5M saved over two years");
  /* A long phrase is cut down around its number. */
  assert_headline ("After many months of careful negotiation with every stakeholder involved in "
                   "the program we finally reduced the monthly cloud bill by 35 percent compared "
                   "with the previous fiscal year's average",
                   "…reduced the monthly cloud bill by 35 percent compared with the…");
}

static void
test_paper (void)
{
  SbPaperSize paper = SB_PAPER_A4;
  double width, height;

  g_assert_true (sb_paper_size_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, SB_PAPER_LETTER);
  g_assert_true (sb_paper_size_from_string ("A4", &paper));
  g_assert_cmpint (paper, ==, SB_PAPER_A4);
  g_assert_false (sb_paper_size_from_string ("a5", &paper));
  g_assert_false (sb_paper_size_from_string (NULL, &paper));
  g_assert_cmpint (paper, ==, SB_PAPER_A4);

  sb_paper_size_get_points (SB_PAPER_A4, &width, &height);
  g_assert_cmpfloat (width, ==, 595);
  g_assert_cmpfloat (height, ==, 842);
  sb_paper_size_get_points (SB_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);

  /* The tests run in C.UTF-8, whose paper is A4. */
  if (g_strcmp0 (g_getenv ("LC_ALL"), "C.UTF-8") == 0)
    g_assert_cmpint (sb_paper_size_from_locale (), ==, SB_PAPER_A4);
}

int
main (int   argc,
      char *argv[])
{
  static const BankCase cases[] = {
    { 0, 12, SB_PAPER_A4 },
    { 0, 12, SB_PAPER_LETTER },
    { 1, 12, SB_PAPER_A4 },
    { 1, 12, SB_PAPER_LETTER },
    { 15, 12, SB_PAPER_A4 },
    { 15, 12, SB_PAPER_LETTER },
    { 60, 15, SB_PAPER_A4 },
    { 60, 15, SB_PAPER_LETTER },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cheat-sheet/headline", test_headline);
  g_test_add_func ("/cheat-sheet/paper", test_paper);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/cheat-sheet/bank/%u-stories/%s", cases[i].n_stories,
                                               cases[i].paper == SB_PAPER_A4 ? "a4" : "letter");
      g_test_add_data_func (name, &cases[i], test_bank);
    }
  g_test_add_func ("/cheat-sheet/overfull", test_overfull);
  g_test_add_func ("/cheat-sheet/reference", test_reference);
  g_test_add_func ("/cheat-sheet/best-story", test_best_story);
  g_test_add_func ("/cheat-sheet/unicode", test_unicode);
  g_test_add_func ("/cheat-sheet/export-errors", test_export_errors);
  g_test_add_func ("/cheat-sheet/default-framework", test_default_framework);
  g_test_add_func ("/cheat-sheet/cli-themes", test_cli_themes);

  return g_test_run ();
}
