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

#include "sb-cheat-sheet-private.h"
#include "sb-test-pdf.h"
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

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  return sb_test_run_tool (argv);
}

/* The sheet's text in reading order, lines joined: a word broken at a
 * hyphen is put back together. */
static char *
pdf_running_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *raw = sb_test_run_tool (argv);
  GString *out = g_string_new (NULL);

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\f')
        {
          /* A line broken after a hyphen keeps it: "client-supplied". */
          if (out->len > 0 && out->str[out->len - 1] != '-' && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Every "…" on the sheet closes a clause: the words before it are followed,
 * in some field of some story, by a comma, a semicolon, a colon or a dash.
 * A cut mid-phrase ("…with zero…") is not. */
static void
assert_cut_at_clauses (const char         *text,
                       const char * const *fields)
{
  for (const char *e = strstr (text, "…"); e != NULL; e = strstr (e + 1, "…"))
    {
      const char *start = e;
      g_autofree char *before = NULL;
      gboolean found = FALSE;
      guint n_spaces = 0;

      /* The two words before the ellipsis. */
      while (start > text && n_spaces < 2)
        {
          start--;
          if (*start == ' ' && start + 1 < e)
            n_spaces++;
        }
      if (*start == ' ')
        start++;
      before = g_strndup (start, e - start);
      if (before[0] == '\0')
        continue;   /* a leading ellipsis */

      for (guint i = 0; fields[i] != NULL && !found; i++)
        {
          static const char * const ends[] = { ",", ";", ":", " —", " –", " (", ".", NULL };

          for (guint j = 0; ends[j] != NULL && !found; j++)
            {
              g_autofree char *clause = g_strconcat (before, ends[j], NULL);
              found = strstr (fields[i], clause) != NULL;
            }
        }
      if (!found)
        g_error ("“%s…” is cut mid-phrase on the sheet:\n%s", before, text);
    }
}

/* Labelled pieces start like sentences: never "Result: processed $4 million…". */
static void
assert_pieces_start_sentences (const char *text)
{
  static const char * const labels[] = { "Result: ", "Learned: ", NULL };

  for (guint i = 0; labels[i] != NULL; i++)
    for (const char *p = strstr (text, labels[i]); p != NULL; p = strstr (p + 1, labels[i]))
      {
        gunichar c = g_utf8_get_char (p + strlen (labels[i]));

        if (g_unichar_islower (c))
          g_error ("a lowercase fragment after “%s”: “%.60s”", labels[i], p);
      }
}

/* Where each of @n_columns columns ends: the bottom of its lowest word,
 * in points from the top of the page, into @bottoms. */
static void
column_bottoms (const char  *pdf,
                SbPaperSize  paper,
                guint        n_columns,
                double      *bottoms)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *html = sb_test_run_tool (argv);
  double width;

  sb_paper_size_get_points (paper, &width, NULL);
  for (guint c = 0; c < n_columns; c++)
    bottoms[c] = 0;
  for (const char *p = strstr (html, "<word "); p != NULL; p = strstr (p + 1, "<word "))
    {
      double x_min, y_min, x_max, y_max;
      guint c;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x_min, &y_min, &x_max, &y_max), ==, 4);
      c = MIN ((guint) (x_min / (width / n_columns)), n_columns - 1);
      bottoms[c] = MAX (bottoms[c], y_max);
    }
}

/* A sheet that had to shorten anything uses the page: every column
 * reaches into its last fifth. */
static void
assert_page_used (SbStore             *store,
                  SbCheatSheetOptions *options,
                  const char          *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = sb_cheat_sheet_new (store, options, &error);
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  double bottoms[3];

  g_assert_no_error (error);
  sb_paper_size_get_points (options->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  if (sb_cheat_sheet_get_pieces_shortened (sheet) == 0)
    return;

  column_bottoms (pdf, options->paper, sb_cheat_sheet_get_n_columns (sheet), bottoms);
  for (guint c = 0; c < sb_cheat_sheet_get_n_columns (sheet); c++)
    if (bottoms[c] < height * 0.8)
      g_error ("%u pieces were shortened, but column %u ends at %.0f of %.0f pt",
               sb_cheat_sheet_get_pieces_shortened (sheet), c + 1, bottoms[c], height);
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

  if (!sb_test_have_poppler ())
    return;

  sb_test_assert_pdf_one_page (pdf, c->paper);
  sb_test_assert_pdf_words_inside (pdf, c->paper);
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

  /* Half the stories are drafts: the sheet does not say so. */
  g_assert_null (strstr (text, "draft"));
  {
    const char *fields[] = { long_situation, long_action, long_result, long_learning, NULL };
    g_autofree char *running = pdf_running_text (pdf);

    assert_cut_at_clauses (running, fields);
    assert_pieces_start_sentences (running);
  }
  bank_options (&options, c->paper);
  assert_page_used (bank->store, &options, pdf);
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

  if (!sb_test_have_poppler ())
    return;
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  sb_test_assert_pdf_one_page (pdf, SB_PAPER_LETTER);
  sb_test_assert_pdf_words_inside (pdf, SB_PAPER_LETTER);
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

  if (!sb_test_have_poppler ())
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

  if (!sb_test_have_poppler ())
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

  if (!sb_test_have_poppler ())
    return;
  bank_options (&options, SB_PAPER_A4);
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);
  sb_test_assert_pdf_one_page (pdf, SB_PAPER_A4);
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
  if (!sb_test_have_poppler ())
    return;

  {
    const char *argv[] = { bin, database_arg, pdf_arg, "--framework=" FRAMEWORK, theme_arg, NULL };
    g_autofree char *out = sb_test_run_tool (argv);
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

/* ---- six strong stories ----------------------------------------------- */

/* What a senior backend engineer brings after a first evening: six stories
 * of about 300 words, every field written out, all still drafts. */
typedef struct
{
  const char *title;
  const char *situation;
  const char *task;
  const char *action;
  const char *result;
  const char *learning;
  const char *themes[3];
  const char *number;   /* the Result's headline number, which must be on the sheet */
} StrongStory;

static const StrongStory strong_stories[] = {
  {
    "Moving the order database to Aurora without downtime",
    "Our order service ran on a single self-managed Postgres 11 primary that had grown to 4 TB, "
    "and its replicas lagged by minutes at every evening peak. Vendor support for that version "
    "ended in five months, and two failed upgrade attempts by another team had each caused an "
    "hour of checkout errors, so leadership had frozen any change to the database.",
    "As the senior engineer on the payments platform team, I was asked to move the order "
    "database to Aurora without a maintenance window and without losing a single order.",
    "- I built a change-data-capture pipeline with Debezium that streamed every write into "
    "Aurora, and wrote a reconciliation job that compared row checksums per hour of data so we "
    "could prove both sides matched.\n"
    "- I split the cutover into read traffic first, then writes per merchant cohort behind a "
    "feature flag, so any cohort could be sent back to the old primary in under a minute.\n"
    "- I rehearsed the cutover three times on a production-sized copy, timed every step, and "
    "wrote a runbook that an on-call engineer who had never seen the system could follow.\n"
    "- I held a weekly review with the two teams that had been burned before, showing them the "
    "reconciliation numbers, until they agreed to the date.",
    "We moved all 4 TB over eleven days with zero lost orders and zero customer-visible errors, "
    "and p99 query latency fell from 900 ms to 140 ms at peak. The replica lag alarms that had "
    "paged someone twice a week have not fired since, and the same runbook was reused for three "
    "other databases.",
    "A migration is won by making the way back cheap rather than only making the way forward "
    "safe; once people saw a one-minute rollback they stopped arguing about the risk and started "
    "helping with the plan.",
    { "core-data-migration", "core-proud-project", NULL },
    "zero lost orders",
  },
  {
    "A payments ledger before the two-country launch",
    "Finance reconciled our marketplace payouts by hand in spreadsheets, and a month-end close "
    "took nine days. An audit had found $180k of payouts that could not be traced to an order, "
    "and the company was about to launch in two new countries, which would have tripled the "
    "volume.",
    "I was the tech lead for a new double-entry ledger service and had one quarter, with three "
    "engineers, to have it carry all payouts before the launch.",
    "- I wrote a design doc that reduced the ledger to four invariants, for example that every "
    "entry balances to zero, and had finance sign off on them before any code was written.\n"
    "- I made the service append-only and idempotent on a client-supplied key, so retries from "
    "the payout workers could never double-pay.\n"
    "- I ran the ledger in shadow mode for six weeks next to the spreadsheets, and triaged every "
    "difference with the finance analyst each morning.\n"
    "- When the launch date moved two weeks earlier, I cut multi-currency reporting from the "
    "first release and negotiated a manual export with finance instead.",
    "The ledger went live a week before the launch, and processed $4 million in the first month "
    "with every payout traceable to an order. Month-end close dropped from nine days to two, and "
    "the next audit found no unexplained entries.",
    "Agreeing on invariants with the people who own the money is worth more than any amount of "
    "testing, because it turns every later argument into a question of which invariant a change "
    "would break.",
    { "core-tight-deadline", "core-prioritization", NULL },
    "$4 million",
  },
  {
    "The Black Friday cache stampede",
    "On Black Friday our product catalogue API started timing out 40 minutes after the sale "
    "opened, and checkout conversion dropped by half. I was the incident commander on call, and "
    "the dashboards showed the database at 100% CPU while traffic was only twice a normal day.",
    "I had to restore checkout first and then find out why a load we had tested for had taken "
    "the service down.",
    "- I stopped the bleeding by turning on the static fallback catalogue and shedding the "
    "recommendation widget, which brought errors down within ten minutes.\n"
    "- I traced the cause to a cache stampede: a deploy had shortened the TTL of the price "
    "cache, so thousands of requests missed it at the same second and all hit the database.\n"
    "- I added request coalescing and jittered expiries to the cache client, load-tested them at "
    "five times the peak, and shipped them the same night behind a flag.\n"
    "- I ran a blameless postmortem and turned its findings into a checklist for any change to "
    "cache settings.",
    "Checkout recovered within 14 minutes of the page, and the weekend ended at 96% of the "
    "revenue forecast. Over the following year the same traffic pattern recurred four times with "
    "zero incidents, and the coalescing client became the default for every team.",
    "Load tests that only replay traffic miss the failures that come from synchronised "
    "behaviour, so we now test for thundering herds rather than only a higher request rate.",
    { "core-production-incident", "core-scaling-performance", NULL },
    "14 minutes",
  },
  {
    "Pushing back on splitting billing into twelve services",
    "A principal engineer proposed splitting our monolithic billing app into twelve "
    "microservices over the next year. I thought the real pain was a slow, flaky test suite and "
    "unclear ownership, not the monolith itself, and that the split would freeze feature work for "
    "two quarters.",
    "I needed to disagree openly with a more senior engineer, in front of the architecture "
    "review, without turning it into a contest of opinions.",
    "- I gathered data for two weeks: build times, deploy frequency, and which incidents had "
    "crossed module boundaries, and found that 80% of the pain came from three modules.\n"
    "- I met the principal one to one before the review, shared the data, and asked what outcome "
    "he wanted, which turned out to be independent deploys for the invoicing team.\n"
    "- I proposed a smaller plan: extract only invoicing, fix the test suite, and add module "
    "ownership to the monolith, with a checkpoint after one quarter.\n"
    "- I offered to lead the extraction myself, so the plan carried my own commitment and not "
    "just my criticism.",
    "The review adopted the smaller plan, and invoicing deployed on its own within ten weeks. "
    "Build time fell from 45 minutes to 12, deploys went from weekly to daily, and the principal "
    "and I co-presented the results at the engineering all-hands.",
    "Disagreement lands better when it starts from the other person's goal; bringing data and a "
    "smaller alternative made it a shared decision rather than a winner and a loser.",
    { "core-technical-disagreement", "core-difficult-people", NULL },
    "45 minutes to 12",
  },
  {
    "Making every engineer on the search team safe on call",
    "Our search team had grown from four to nine engineers in six months, and only two of us "
    "could handle an indexing incident. I was paged on most weekends, and the new engineers said "
    "in their one-to-ones that they were afraid of on-call.",
    "As the most senior engineer, I set myself the goal of making every engineer able to run an "
    "indexing incident alone within a quarter.",
    "- I wrote a failure catalogue of the ten incidents we had seen most, each with its "
    "symptoms, the first three commands to run, and when to escalate.\n"
    "- I ran game days every other Friday where I broke a staging cluster and a pair of newer "
    "engineers fixed it while I only answered questions.\n"
    "- I paired each new engineer with me for one real on-call week as the primary, with me as "
    "the shadow, and reviewed every decision with them afterwards.\n"
    "- I asked the manager to count runbook and game-day work in the performance reviews, so "
    "the time spent was visible.",
    "Within the quarter all nine engineers had been primary on call, my weekend pages fell from "
    "about six a month to one, and the median time to mitigate an indexing incident dropped from "
    "52 to 19 minutes. Two of the engineers I paired with later led the team's migration to a new "
    "search cluster.",
    "Teaching works when people practise the real thing with a safety net; the game days built "
    "more confidence in a month than a year of documentation, and the catalogue only became "
    "useful once people had used it under pressure.",
    { "core-mentoring-leading", "core-process-improvement", NULL },
    "52 to 19 minutes",
  },
  {
    "Cutting the cloud bill by a fifth without authority",
    "Our AWS bill had grown 70% in a year to $3.1M while traffic grew 20%, and the CFO asked "
    "engineering for a plan within a month. Nobody owned cost, tagging covered less than half of "
    "the resources, and every team believed the growth came from someone else.",
    "I volunteered to lead the cost review across six teams, with no authority over their "
    "roadmaps and a target of cutting the run rate by a fifth.",
    "- I wrote a tagging policy and a script that found untagged resources and their likely "
    "owners from deploy logs, and got coverage to 95% in two weeks.\n"
    "- I built a weekly cost report per team and per service, and walked each team lead through "
    "their top five line items in person.\n"
    "- I found that most of the waste came from three patterns: idle staging clusters, "
    "over-provisioned Kafka brokers, and logs kept forever at full resolution, and wrote a "
    "one-page fix for each.\n"
    "- I let each team choose which fixes to do and when, and tracked the savings publicly in "
    "the report, rather than asking for a mandate.",
    "The run rate fell by 28%, about $870k a year, within two quarters, without a single outage "
    "caused by the changes. Cost per order dropped by a third, and the weekly report is still "
    "owned and read by the team leads.",
    "Without authority, visibility is the lever: once every team saw its own numbers each week, "
    "the savings came from them and not from me, and they kept going after I stepped away.",
    { "core-ambiguity", "core-cross-team", NULL },
    "28%",
  },
};

static SbStore *
strong_bank_new (SbTestDir *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_test_dir_file (dir, "strong.sqlite3");
  SbStore *store = sb_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (strong_stories); i++)
    {
      const StrongStory *s = &strong_stories[i];
      SbStory *story = sb_store_create_story (store, s->title, &error);

      g_assert_no_error (error);
      sb_story_set_field (story, SB_STORY_FIELD_SITUATION, s->situation);
      sb_story_set_field (story, SB_STORY_FIELD_TASK, s->task);
      sb_story_set_field (story, SB_STORY_FIELD_ACTION, s->action);
      sb_story_set_field (story, SB_STORY_FIELD_RESULT, s->result);
      sb_story_set_field (story, SB_STORY_FIELD_LEARNING, s->learning);
      g_assert_true (sb_store_save_story (store, story, &error));
      for (guint j = 0; s->themes[j] != NULL; j++)
        {
          sb_store_set_story_theme (store, story, s->themes[j], SB_STRENGTH_PRIMARY, &error);
          g_assert_no_error (error);
        }
    }
  return store;
}

/* Six strong stories: the whole page is used before anything is cut, a cut
 * falls between clauses, a Result keeps its subject, and no status is
 * printed. Still one page. */
static void
test_strong_stories (gconstpointer data)
{
  SbPaperSize paper = GPOINTER_TO_INT (data);
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autoptr(SbStore) store = strong_bank_new (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *pdf = sb_test_dir_file (dir, "strong.pdf");
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  SbCheatSheetOptions options;
  double width, height;

  if (!sb_test_have_poppler ())
    return;

  sb_cheat_sheet_options_init (&options);
  options.paper = paper;
  options.framework_slug = "core";
  g_assert_true (sb_cheat_sheet_export_pdf (store, &options, pdf, &error));
  g_assert_no_error (error);
  sb_test_assert_pdf_one_page (pdf, paper);
  sb_test_assert_pdf_words_inside (pdf, paper);

  text = pdf_running_text (pdf);
  for (guint i = 0; i < G_N_ELEMENTS (strong_stories); i++)
    {
      const StrongStory *s = &strong_stories[i];

      g_ptr_array_add (fields, (gpointer) s->situation);
      g_ptr_array_add (fields, (gpointer) s->action);
      g_ptr_array_add (fields, (gpointer) s->result);
      g_ptr_array_add (fields, (gpointer) s->learning);
      if (strstr (text, s->title) == NULL)
        g_error ("“%s” is not on the sheet:\n%s", s->title, text);
      if (strstr (text, s->number) == NULL)
        g_error ("the Result “%s” of “%s” is not on the sheet:\n%s", s->number, s->title, text);
    }
  g_ptr_array_add (fields, NULL);

  /* Status is for the bank, not for the interview. */
  lower = g_utf8_strdown (text, -1);
  g_assert_null (strstr (lower, "draft"));
  /* Nothing had to be left out whole. */
  g_assert_null (strstr (text, "left out"));
  assert_cut_at_clauses (text, (const char * const *) fields->pdata);
  assert_pieces_start_sentences (text);

  /* Six such stories do not fit in full: what was shortened had no room. */
  {
    g_autoptr(SbCheatSheet) sheet = sb_cheat_sheet_new (store, &options, &error);
    cairo_surface_t *surface;
    cairo_t *cr;

    g_assert_no_error (error);
    sb_paper_size_get_points (paper, &width, &height);
    surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
    cr = cairo_create (surface);
    sb_cheat_sheet_render (sheet, cr, width, height);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_assert_cmpuint (sb_cheat_sheet_get_pieces_shortened (sheet), >, 0);
  }
  assert_page_used (store, &options, pdf);
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

/* The forms a piece may take: whole sentences first, then one sentence cut
 * after a clause; a Result keeps the sentence with its number, from its
 * start, and its number whole. */
static void
test_forms (void)
{
  SbSheetText *text;

  text = sb_sheet_text_new ("The ledger went live a week before the launch, and processed "
                            "$4 million in the first month. Month-end close dropped from nine "
                            "days to two, and the next audit found no unexplained entries.", TRUE);
  g_assert_cmpstr (text->emphasis, ==, "processed $4 million in the first month");
  g_assert_cmpuint (sb_sheet_text_get_n_forms (text), ==, 2);
  g_assert_cmpstr (sb_sheet_text_get (text, 1), ==,
                   "The ledger went live a week before the launch, and processed $4 million in "
                   "the first month.");
  sb_sheet_text_free (text);

  /* The number in a later sentence: the earlier ones go first. */
  text = sb_sheet_text_new ("The review adopted the smaller plan. Build time fell from 45 minutes "
                            "to 12, deploys went from weekly to daily, and we presented the "
                            "results together.", TRUE);
  g_assert_cmpuint (sb_sheet_text_get_n_forms (text), ==, 4);
  g_assert_cmpstr (sb_sheet_text_get (text, 1), ==,
                   "Build time fell from 45 minutes to 12, deploys went from weekly to daily, "
                   "and we presented the results together.");
  g_assert_cmpstr (sb_sheet_text_get (text, 2), ==,
                   "Build time fell from 45 minutes to 12, deploys went from weekly to daily…");
  g_assert_cmpstr (sb_sheet_text_get (text, 3), ==, "Build time fell from 45 minutes to 12…");
  sb_sheet_text_free (text);

  /* Anything else: fewer sentences, then the first cut after a clause,
   * never within its first words. */
  text = sb_sheet_text_new ("Load tests that only replay traffic miss the failures that come from "
                            "synchronised behaviour, so we now test for thundering herds rather "
                            "than only a higher request rate. Also: we, too, learned.", FALSE);
  g_assert_null (text->emphasis);
  g_assert_cmpuint (sb_sheet_text_get_n_forms (text), ==, 3);
  g_assert_cmpstr (sb_sheet_text_get (text, 2), ==,
                   "Load tests that only replay traffic miss the failures that come from "
                   "synchronised behaviour…");
  for (guint i = 1; i < sb_sheet_text_get_n_forms (text); i++)
    g_assert_cmpint (text->n_chars[i], <, text->n_chars[i - 1]);
  sb_sheet_text_free (text);

  text = sb_sheet_text_new ("  \n ", FALSE);
  g_assert_cmpuint (sb_sheet_text_get_n_forms (text), ==, 0);
  g_assert_cmpstr (sb_sheet_text_get (text, 0), ==, "");
  sb_sheet_text_free (text);
}

/* A control character pasted into a story (a bell, an escape, a form
 * feed) prints as a box of hex digits: the sheet leaves it out, as the
 * application sheet already did. */
static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
assert_no_control (SbSheetText *text)
{
  for (guint f = 0; f < sb_sheet_text_get_n_forms (text); f++)
    g_assert_false (has_control (sb_sheet_text_get (text, f)));
}

static void
test_control_characters (void)
{
  g_autoptr(Bank) bank = bank_new (0, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = NULL;
  SbCheatSheetOptions options;
  SbSheetStory *sheet_story;
  SbStory *story;

  story = sb_store_create_story (bank->store, "Mended\x01 the \x1b" "billing outage", &error);
  g_assert_no_error (error);
  sb_story_set_field (story, SB_STORY_FIELD_SITUATION, "Invoices\x07 stopped going out\x0c on a Friday. "
                      "Nobody knew why.");
  sb_story_set_field (story, SB_STORY_FIELD_ACTION, "- I read\x02 the logs\n- I rolled back\x7f the deploy");
  sb_story_set_field (story, SB_STORY_FIELD_RESULT, "Invoices went out\x1b again within 2 hours.");
  sb_story_set_field (story, SB_STORY_FIELD_LEARNING, "Alert on\x03 the queue's age.");
  g_assert_true (sb_store_save_story (bank->store, story, &error));
  sb_store_set_story_theme (bank->store, story, g_ptr_array_index (bank->theme_slugs, 0),
                            SB_STRENGTH_PRIMARY, &error);
  g_assert_no_error (error);

  bank_options (&options, SB_PAPER_A4);
  sheet = sb_cheat_sheet_new (bank->store, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheet->stories->len, ==, 1);
  sheet_story = g_ptr_array_index (sheet->stories, 0);
  g_assert_cmpstr (sheet_story->title, ==, "Mended the billing outage");
  assert_no_control (sheet_story->hook);
  g_assert_cmpstr (sb_sheet_text_get (sheet_story->hook, 0), ==, "Invoices stopped going out on a Friday.");
  g_assert_cmpuint (sheet_story->actions->len, ==, 2);
  for (guint i = 0; i < sheet_story->actions->len; i++)
    assert_no_control (g_ptr_array_index (sheet_story->actions, i));
  assert_no_control (sheet_story->result);
  g_assert_cmpstr (sb_sheet_text_get (sheet_story->result, 0), ==, "Invoices went out again within 2 hours.");
  assert_no_control (sheet_story->learning);
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

/* ---- cue cards ------------------------------------------------------------ */

/* Each story's own five lines, the longest a cue line may be. */
static char *
cue_line (guint story,
          guint line)
{
  static const char *lines[] = {
    "Card processor retiring its old API within the quarter; forty thousand orders an hour, no owner",
    "Move every charge to the new API before the cutoff without a failed or doubled payment",
    "Adapter behind a flag; borrowed two engineers; region by region; one rollback; runbook for on-call",
    "Two weeks early, 99.98% success at cutover, fees down $120k a year",
    "Say how to undo a change before asking people to make it; reviews got much shorter",
  };
  return g_strdup_printf ("%s (%02u)", lines[line], story);
}

/* Stories with cue cards print their five lines (S T A R L) whole, in
 * place of what the sheet takes from the text; a line left empty falls
 * back to the text's piece. Still one page, every word inside it, for 18
 * stories and on both papers; a card is never cut mid-line. */
static void
test_cue_cards (gconstpointer data)
{
  SbPaperSize paper = GPOINTER_TO_INT (data);
  g_autoptr(Bank) bank = bank_new (18, 18);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "cue.pdf");
  g_autofree char *running = NULL;
  SbCheatSheetOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint n_shown = 0;

  for (guint i = 0; i < bank->stories->len; i++)
    {
      SbStory *story = g_ptr_array_index (bank->stories, i);

      for (guint j = 0; j < 5; j++)
        {
          g_autofree char *line = cue_line (i, j);

          g_assert_cmpint (g_utf8_strlen (line, -1), <=, SB_STORY_MAX_CUE_CHARS);
          /* Story 0 leaves its Result line empty. */
          if (i != 0 || j != 3)
            sb_story_set_field (story, SB_STORY_FIELD_CUE_SITUATION + j, line);
        }
      g_assert_true (sb_store_save_story (bank->store, story, &error));
      g_assert_no_error (error);
    }

  bank_options (&options, paper);
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);

  sheet = sb_cheat_sheet_new (bank->store, &options, &error);
  g_assert_no_error (error);
  sb_paper_size_get_points (paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  /* Nothing of a card is ever shortened. */
  g_assert_cmpuint (sb_cheat_sheet_get_pieces_shortened (sheet), ==, 0);

  if (!sb_test_have_poppler ())
    return;
  sb_test_assert_pdf_one_page (pdf, paper);
  sb_test_assert_pdf_words_inside (pdf, paper);
  running = pdf_running_text (pdf);

  for (guint i = 0; i < bank->stories->len; i++)
    {
      g_autofree char *title = story_title (i);
      g_autofree char *action = cue_line (i, 2);
      g_autofree char *result = cue_line (i, 3);
      g_autofree char *task = cue_line (i, 1);

      if (strstr (running, title) == NULL)
        continue;
      n_shown++;
      /* The card, whole: its Action and Task lines in full. */
      if (strstr (running, action) == NULL || strstr (running, task) == NULL)
        g_error ("the cue card of “%s” is not whole on the sheet:\n%s", title, running);
      if (i == 0)
        /* The empty Result line: the text's result stands in. */
        g_assert_nonnull (strstr (running, "Result: "));
      else if (strstr (running, result) == NULL)
        g_error ("the Result line of “%s” is not whole on the sheet:\n%s", title, running);
    }
  /* Most stories fit; the text's own sentences are not there. */
  g_assert_cmpuint (n_shown, >=, 12);
  g_assert_null (strstr (running, "Our payments platform processed"));
  g_assert_null (strstr (running, "I mapped every call site"));
  {
    const char *fields[] = { long_situation, long_action, long_result, long_learning, NULL };

    assert_cut_at_clauses (running, fields);
  }
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
  g_test_add_func ("/cheat-sheet/forms", test_forms);
  g_test_add_func ("/cheat-sheet/control-characters", test_control_characters);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/cheat-sheet/bank/%u-stories/%s", cases[i].n_stories,
                                               cases[i].paper == SB_PAPER_A4 ? "a4" : "letter");
      g_test_add_data_func (name, &cases[i], test_bank);
    }
  g_test_add_data_func ("/cheat-sheet/strong-stories/a4", GINT_TO_POINTER (SB_PAPER_A4),
                        test_strong_stories);
  g_test_add_data_func ("/cheat-sheet/strong-stories/letter", GINT_TO_POINTER (SB_PAPER_LETTER),
                        test_strong_stories);
  g_test_add_func ("/cheat-sheet/overfull", test_overfull);
  g_test_add_data_func ("/cheat-sheet/cue-cards/a4", GINT_TO_POINTER (SB_PAPER_A4), test_cue_cards);
  g_test_add_data_func ("/cheat-sheet/cue-cards/letter", GINT_TO_POINTER (SB_PAPER_LETTER), test_cue_cards);
  g_test_add_func ("/cheat-sheet/reference", test_reference);
  g_test_add_func ("/cheat-sheet/best-story", test_best_story);
  g_test_add_func ("/cheat-sheet/unicode", test_unicode);
  g_test_add_func ("/cheat-sheet/export-errors", test_export_errors);
  g_test_add_func ("/cheat-sheet/default-framework", test_default_framework);
  g_test_add_func ("/cheat-sheet/cli-themes", test_cli_themes);

  return g_test_run ();
}
