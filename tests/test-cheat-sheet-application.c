/* test-cheat-sheet-application.c — the one-page sheet for one application
 *
 * The PDFs are checked with poppler-utils (pdfinfo, pdftotext) when they are
 * installed; those tests are skipped otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "sb-application.h"
#include "sb-cheat-sheet-private.h"
#include "sb-test-pdf.h"
#include "sb-test-util.h"

static const char *result =
  "We finished two weeks early, with 99.98% success on charges during the cutover. "
  "The new API cut processing fees by $120k a year. Two other teams adopted the adapter.";
static const char *introduction =
  "I am a backend engineer who has spent ten years on payment systems. "
  "At Shopline I led the move of the ledger to a new database without downtime. "
  "Before that I built the fraud checks that still run on every order. "
  "I like problems where money and reliability meet. "
  "Now I am looking for a team that owns its services from design to on-call.";
static const char *why =
  "Acme runs the checkout half the internet pays with, so reliability is the product. "
  "The engineering blog shows a team that writes its incidents down and learns from them. "
  "The role owns payment services end to end, which is the work I do best.";

typedef struct
{
  SbTestDir *dir;
  SbStore   *store;
} Bank;

static void
bank_free (Bank *bank)
{
  g_assert_finalize_object (bank->store);
  sb_test_dir_free (bank->dir);
  g_free (bank);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bank, bank_free)

/* An application with @n_rounds rounds of @per_round stories each (every
 * story new, with a long result), @n_requirements requirements (each
 * proven by two stories, every fifth by none), a long introduction and a
 * long answer to "why". */
static Bank *
bank_new (guint n_rounds,
          guint per_round,
          guint n_requirements)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) stories = g_ptr_array_new ();
  static const char * const focus[] = { "lp-ownership", "lp-earn-trust", NULL };
  Bank *bank = g_new0 (Bank, 1);
  SbApplication *acme;

  bank->dir = sb_test_dir_new ();
  path = sb_test_dir_file (bank->dir, "bank.sqlite3");
  bank->store = sb_store_open (path, &error);
  g_assert_no_error (error);

  acme = sb_store_create_application (bank->store, "acme-2026", "Acme", "Senior Backend Engineer", &error);
  g_assert_no_error (error);
  g_assert_true (sb_store_set_application_field (bank->store, acme, SB_APPLICATION_FIELD_DATE, "2026-12-10", &error));
  g_assert_true (sb_store_set_application_field (bank->store, acme, SB_APPLICATION_FIELD_WHY_COMPANY, why, &error));
  g_assert_true (sb_store_set_introduction (bank->store, introduction, &error));
  g_assert_true (sb_store_set_person_name (bank->store, "Ada Lovelace", &error));
  g_assert_no_error (error);

  for (guint r = 0; r < n_rounds; r++)
    {
      g_autofree char *name = g_strdup_printf ("Round of %u interviews", r + 1);
      SbRound *round = sb_store_add_round (bank->store, acme, name, -1, &error);

      g_assert_no_error (error);
      g_assert_true (sb_store_set_round_focus (bank->store, round, focus, &error));
      for (guint s = 0; s < per_round; s++)
        {
          g_autofree char *title = g_strdup_printf ("Story %u.%u payments migration", r + 1, s + 1);
          SbStory *story = sb_store_create_story (bank->store, title, &error);

          g_assert_no_error (error);
          sb_story_set_field (story, SB_STORY_FIELD_RESULT, result);
          g_assert_true (sb_store_save_story (bank->store, story, &error));
          g_assert_true (sb_store_set_round_story (bank->store, round, story, TRUE, &error));
          g_assert_no_error (error);
          g_ptr_array_add (stories, story);
        }
    }

  for (guint i = 0; i < n_requirements; i++)
    {
      g_autofree char *text = g_strdup_printf ("Requirement %u: run payment services in production", i + 1);
      SbRequirement *requirement = sb_store_add_requirement (bank->store, acme, text, -1, &error);

      g_assert_no_error (error);
      if (i % 5 == 4 || stories->len == 0)
        continue;
      g_assert_true (sb_store_set_requirement_story (bank->store, requirement,
                                                     stories->pdata[i % stories->len], TRUE, &error));
      g_assert_true (sb_store_set_requirement_story (bank->store, requirement,
                                                     stories->pdata[(i * 7 + 3) % stories->len], TRUE, &error));
      g_assert_no_error (error);
    }
  return bank;
}

/* Where the lowest word of each half of the page ends, in points from the
 * top. */
static void
column_bottoms (const char  *pdf,
                SbPaperSize  paper,
                double      *left,
                double      *right)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *html = sb_test_run_tool (argv);
  double width;

  sb_paper_size_get_points (paper, &width, NULL);
  *left = *right = 0;
  for (const char *p = strstr (html, "<word "); p != NULL; p = strstr (p + 1, "<word "))
    {
      double x_min, y_min, x_max, y_max;

      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x_min, &y_min, &x_max, &y_max), ==, 4);
      if (y_min < 60)
        continue;   /* the header */
      if (x_min < width / 2)
        *left = MAX (*left, y_max);
      else
        *right = MAX (*right, y_max);
    }
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *raw = sb_test_run_tool (argv);
  GString *out = g_string_new (NULL);

  /* Lines joined, so a sentence broken over lines reads whole. */
  for (const char *p = raw; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\f' ? ' ' : *p);
  return g_string_free (out, FALSE);
}

static SbCheatSheet *
write_sheet (Bank        *bank,
             SbPaperSize  paper,
             const char  *pdf)
{
  g_autoptr(GError) error = NULL;
  SbCheatSheetOptions options;
  SbCheatSheet *sheet;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  sb_cheat_sheet_options_init (&options);
  options.paper = paper;
  options.application_slug = "acme-2026";
  g_assert_true (sb_cheat_sheet_export_pdf (bank->store, &options, pdf, &error));
  g_assert_no_error (error);

  /* The same sheet, rendered again, to read what it chose. */
  sheet = sb_cheat_sheet_new (bank->store, &options, &error);
  g_assert_no_error (error);
  sb_paper_size_get_points (paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (NULL, NULL, width, height);
  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return sheet;
}

/* Every sentence of a result shown is whole: the sheet drops sentences
 * from the end, never cuts one. */
static void
assert_whole_sentences (const char *text)
{
  g_assert_null (strstr (text, "…"));
  for (const char *p = strstr (text, "Result: "); p != NULL; p = strstr (p + 1, "Result: "))
    g_assert_true (g_str_has_prefix (p + strlen ("Result: "), "We finished two weeks early, with 99.98% success"));
}

/* A small application: all of it, at large type, nothing shortened. */
static void
test_small (void)
{
  g_autoptr(Bank) bank = bank_new (2, 2, 5);
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "acme.pdf");
  g_autoptr(SbCheatSheet) sheet = write_sheet (bank, SB_PAPER_A4, pdf);
  g_autofree char *text = NULL;

  g_assert_cmpfloat (sb_cheat_sheet_get_font_size (sheet), >=, 9.0);
  g_assert_cmpuint (sb_cheat_sheet_get_pieces_shortened (sheet), ==, 0);
  g_assert_cmpuint (sb_cheat_sheet_get_stories_left_out (sheet), ==, 0);
  g_assert_false (sb_cheat_sheet_get_details_left_out (sheet));
  if (!sb_test_have_poppler ())
    return;
  sb_test_assert_pdf_one_page (pdf, SB_PAPER_A4);
  sb_test_assert_pdf_words_inside (pdf, SB_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Acme · Senior Backend Engineer"));
  g_assert_nonnull (strstr (text, "Loop on 10 December 2026 · Ada Lovelace"));
  g_assert_nonnull (strstr (text, "TELL ME ABOUT YOURSELF"));
  /* The introduction's first lines, a cue rather than the whole script. */
  g_assert_nonnull (strstr (text, "I am a backend engineer who has spent ten years on payment systems."));
  g_assert_nonnull (strstr (text, "Before that I built the fraud checks that still run on every order."));
  g_assert_null (strstr (text, "I like problems where money"));
  g_assert_nonnull (strstr (text, "WHY ACME?"));
  g_assert_nonnull (strstr (text, "ROUND 2 · ROUND OF 2 INTERVIEWS"));
  g_assert_nonnull (strstr (text, "Focus: Ownership · Earn Trust"));
  g_assert_nonnull (strstr (text, "Story 2.2 payments migration"));
  g_assert_nonnull (strstr (text, "Two other teams adopted the adapter."));
  g_assert_nonnull (strstr (text, "Proves: Requirement 1: run payment services in production"));
  g_assert_nonnull (strstr (text, "REQUIREMENTS WITHOUT A STORY"));
  g_assert_null (strstr (text, "did not fit"));
  assert_whole_sentences (text);

  /* Nothing was shortened: both columns hold blocks, rather than one full
   * and one empty. */
  {
    double left, right, height;

    sb_paper_size_get_points (SB_PAPER_A4, NULL, &height);
    column_bottoms (pdf, SB_PAPER_A4, &left, &right);
    g_assert_cmpfloat (right, >, height / 4);
    g_assert_cmpfloat (left, <, height * 0.75);
  }
}

/* A full application, many rounds and requirements: still exactly one
 * page, nothing past its edges, sentences whole. */
static void
test_full (gconstpointer data)
{
  SbPaperSize paper = GPOINTER_TO_INT (data);
  g_autoptr(Bank) bank = bank_new (6, 3, 30);
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "acme.pdf");
  g_autoptr(SbCheatSheet) sheet = write_sheet (bank, paper, pdf);
  g_autofree char *text = NULL;

  g_assert_cmpfloat (sb_cheat_sheet_get_font_size (sheet), >=, SB_CHEAT_SHEET_MIN_FONT_SIZE);
  g_assert_cmpuint (sb_cheat_sheet_get_stories_left_out (sheet), ==, 0);
  if (!sb_test_have_poppler ())
    return;
  sb_test_assert_pdf_one_page (pdf, paper);
  sb_test_assert_pdf_words_inside (pdf, paper);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "ROUND 6 · ROUND OF 6 INTERVIEWS"));
  g_assert_nonnull (strstr (text, "Story 6.3 payments migration"));
  g_assert_nonnull (strstr (text, "TELL ME ABOUT YOURSELF"));
  assert_whole_sentences (text);
}

/* Far more than a page holds: the smallest type, whole stories left out
 * from the end, and the page says so. */
static void
test_overfull (void)
{
  g_autoptr(Bank) bank = bank_new (30, 3, 60);
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "acme.pdf");
  g_autoptr(SbCheatSheet) sheet = write_sheet (bank, SB_PAPER_LETTER, pdf);
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;

  g_assert_cmpfloat (sb_cheat_sheet_get_font_size (sheet), ==, SB_CHEAT_SHEET_MIN_FONT_SIZE);
  g_assert_cmpuint (sb_cheat_sheet_get_stories_left_out (sheet), >, 0);
  g_assert_true (sb_cheat_sheet_get_details_left_out (sheet));
  if (!sb_test_have_poppler ())
    return;
  sb_test_assert_pdf_one_page (pdf, SB_PAPER_LETTER);
  sb_test_assert_pdf_words_inside (pdf, SB_PAPER_LETTER);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "ROUND 1 · ROUND OF 1 INTERVIEWS"));
  g_assert_null (strstr (text, "Story 30.3 payments migration"));
  note = g_strdup_printf ("%u planned stories did not fit.", sb_cheat_sheet_get_stories_left_out (sheet));
  g_assert_nonnull (strstr (text, note));
  assert_whole_sentences (text);
}

/* An application with nothing in it yet still makes a sheet; an unknown
 * one is an error naming it. */
static void
test_empty_and_unknown (void)
{
  g_autoptr(Bank) bank = bank_new (0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "acme.pdf");
  g_autoptr(SbCheatSheet) sheet = write_sheet (bank, SB_PAPER_A4, pdf);
  SbCheatSheetOptions options;

  g_assert_cmpuint (sb_cheat_sheet_get_stories_left_out (sheet), ==, 0);
  sb_cheat_sheet_options_init (&options);
  options.application_slug = "globex";
  g_assert_null (sb_cheat_sheet_new (bank->store, &options, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“globex”"));
  if (!sb_test_have_poppler ())
    return;
  sb_test_assert_pdf_one_page (pdf, SB_PAPER_A4);
}

/* A planned story with a cue card prints the person's own result line,
 * whole, rather than sentences taken from its Result. */
static void
test_cue_result (void)
{
  g_autoptr(Bank) bank = bank_new (1, 2, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sb_test_dir_file (bank->dir, "acme.pdf");
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autofree char *text = NULL;
  SbApplication *acme = sb_store_find_application (bank->store, "acme-2026");
  g_autoptr(SbRound) round = g_list_model_get_item (sb_application_get_rounds (acme), 0);
  SbStory *story = sb_store_find_story (bank->store, sb_round_get_story_uuids (round)[0]);

  g_assert_true (sb_store_edit_story (bank->store, story, SB_STORY_FIELD_CUE_RESULT,
                                      "Cut-over two weeks early; fees down $120k a year", &error));
  g_assert_true (sb_store_save_pending (bank->store, &error));
  g_assert_no_error (error);

  sheet = write_sheet (bank, SB_PAPER_A4, pdf);
  if (!sb_test_have_poppler ())
    return;
  sb_test_assert_pdf_one_page (pdf, SB_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Result: Cut-over two weeks early; fees down $120k a year"));
  /* The other story, with no card, keeps its Result's sentences. */
  g_assert_nonnull (strstr (text, "Result: We finished two weeks early"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cheat-sheet-application/small", test_small);
  g_test_add_func ("/cheat-sheet-application/cue-result", test_cue_result);
  g_test_add_data_func ("/cheat-sheet-application/full/a4", GINT_TO_POINTER (SB_PAPER_A4), test_full);
  g_test_add_data_func ("/cheat-sheet-application/full/letter", GINT_TO_POINTER (SB_PAPER_LETTER), test_full);
  g_test_add_func ("/cheat-sheet-application/overfull", test_overfull);
  g_test_add_func ("/cheat-sheet-application/empty-and-unknown", test_empty_and_unknown);
  return g_test_run ();
}
