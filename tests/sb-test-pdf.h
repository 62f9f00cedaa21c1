/* sb-test-pdf.h — reading the sheets' PDFs back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <string.h>

#include "sb-cheat-sheet.h"

/* TRUE when pdfinfo and pdftotext are there; else marks the test skipped. */
static inline gboolean
sb_test_have_poppler (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdfinfo != NULL && pdftotext != NULL)
    return TRUE;
  g_test_skip ("pdfinfo and pdftotext (poppler-utils) are not installed");
  return FALSE;
}

/* The output of @argv (found in PATH), which must succeed; what it said
 * on stderr is printed when it does not. */
static inline char *
sb_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  if (error != NULL)
    g_printerr ("%s: %s\n", argv[0], err);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

/* @pdf is one page of @paper. */
static inline void
sb_test_assert_pdf_one_page (const char  *pdf,
                             SbPaperSize  paper)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = sb_test_run_tool (argv);
  double width, height;
  g_autofree char *size = NULL;

  sb_paper_size_get_points (paper, &width, &height);
  size = g_strdup_printf ("Page size:       %g x %g pts", width, height);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  if (strstr (info, size) == NULL)
    g_error ("expected “%s” in:\n%s", size, info);
}

/* Every word pdftotext finds lies inside the page's margins: nothing is
 * cut at the page edge or drawn past it. */
static inline void
sb_test_assert_pdf_words_inside (const char  *pdf,
                                 SbPaperSize  paper)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *html = sb_test_run_tool (argv);
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
