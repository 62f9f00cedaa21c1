/* test-requirements.c — a pasted job description read into requirement lines
 *
 * Each description is of the shape people paste from job boards, in words
 * written for this test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sb-application.h"
#include "sb-requirements.h"
#include "sb-test-util.h"

static void
assert_lines (const char         *description,
              const char * const *expected)
{
  g_auto(GStrv) got = sb_requirements_split (description);
  guint n_got = g_strv_length (got);
  guint n_expected = g_strv_length ((GStrv) expected);

  if (g_test_verbose () || n_got != n_expected)
    for (guint i = 0; i < n_got; i++)
      g_test_message ("got %u: %s", i, got[i]);
  for (guint i = 0; i < MIN (n_got, n_expected); i++)
    g_assert_cmpstr (got[i], ==, expected[i]);
  g_assert_cmpuint (n_got, ==, n_expected);
}

/* Bullets under headings, the company's blurb above them. */
static void
test_bullets (void)
{
  const char *description =
    "Senior Backend Engineer, Payments\n"
    "\n"
    "About us\n"
    "Acme builds the checkout that 40,000 shops rely on. We are a team of 80 and growing fast.\n"
    "\n"
    "What you'll do:\n"
    "- Design, build and run the services that move money between shops and banks.\n"
    "- Own the reliability of the payments API, including on-call.\n"
    "* Mentor two to three engineers;\n"
    "• Work with product and finance to shape the roadmap\n"
    "- Ship\n"
    "\n"
    "What we're looking for:\n"
    "1. 5+ years building backend systems in Go, Java or Kotlin\n"
    "2. Experience with PostgreSQL at scale\n"
    "3) A track record of leading incident response\n"
    "- Experience with PostgreSQL at scale.\n";
  const char *expected[] = {
    "Design, build and run the services that move money between shops and banks",
    "Own the reliability of the payments API, including on-call",
    "Mentor two to three engineers",
    "Work with product and finance to shape the roadmap",
    "5+ years building backend systems in Go, Java or Kotlin",
    "Experience with PostgreSQL at scale",
    "A track record of leading incident response",
    NULL,
  };

  assert_lines (description, expected);
}

/* No bullets and no headings: only sentences that state a duty or a
 * qualification. */
static void
test_prose (void)
{
  const char *description =
    "Globex is a logistics company based in Rotterdam. Since 2011 we have moved\n"
    "freight for more than 3,000 customers across Europe.\n"
    "\n"
    "As a Staff Engineer on the Routing team you will set the technical direction\n"
    "for the systems that plan 50,000 deliveries a day. You will partner with\n"
    "data scientists to take models from notebooks to production, e.g. the ETA\n"
    "model. The ideal candidate has deep experience with distributed systems and\n"
    "has led teams through large migrations! We value curiosity and kindness.\n"
    "Strong written communication is required because most of our work is remote.\n";
  const char *expected[] = {
    "As a Staff Engineer on the Routing team you will set the technical direction for the systems that plan 50,000 deliveries a day",
    "You will partner with data scientists to take models from notebooks to production, e.g. the ETA model",
    "The ideal candidate has deep experience with distributed systems and has led teams through large migrations!",
    "Strong written communication is required because most of our work is remote",
    NULL,
  };

  assert_lines (description, expected);
}

/* Markdown headings, a heading with its text on the same line, plain lines
 * under a heading, a bullet continued on an indented line. */
static void
test_mixed_headings (void)
{
  const char *description =
    "## The role\n"
    "Initech is hiring an Engineering Manager for its Platform group. You will lead\n"
    "a team of seven engineers who run our build and deploy tooling.\n"
    "\n"
    "**Responsibilities**\n"
    "  - Hire, coach and grow engineers, and give them honest feedback\n"
    "    every week in one-on-ones\n"
    "  - Plan the quarter with product managers\n"
    "\n"
    "Requirements: 3+ years managing engineers. Hands-on experience with CI/CD.\n"
    "\n"
    "Nice to have\n"
    "Kubernetes in production\n"
    "Experience with Bazel or Buck\n"
    "\n"
    "## Why Initech\n"
    "You'll work with kind people on hard problems.\n"
    "\n"
    "## Perks\n"
    "- Learning budget of 2,000 EUR a year\n"
    "- Team offsites twice a year\n";
  const char *expected[] = {
    "Initech is hiring an Engineering Manager for its Platform group",
    "You will lead a team of seven engineers who run our build and deploy tooling",
    "Hire, coach and grow engineers, and give them honest feedback every week in one-on-ones",
    "Plan the quarter with product managers",
    "3+ years managing engineers",
    "Hands-on experience with CI/CD",
    "Kubernetes in production",
    "Experience with Bazel or Buck",
    NULL,
  };

  assert_lines (description, expected);
}

/* Long benefits and legal text, in its own sections and mixed in. */
static void
test_benefits_and_legal (void)
{
  const char *description =
    "Data Engineer (m/f/d)\n"
    "\n"
    "Responsibilities\n"
    "- Build and maintain batch and streaming pipelines in Python and Spark\n"
    "- Keep data quality high with tests, monitoring and clear ownership\n"
    "- We offer a hybrid setup with two office days a week\n"
    "\n"
    "Qualifications\n"
    "- Bachelor's degree in Computer Science or equivalent experience\n"
    "- Solid SQL and data modelling skills\n"
    "- You must be authorized to work in the United States; we do not offer visa sponsorship\n"
    "\n"
    "Benefits\n"
    "- Medical, dental and vision insurance for you and your family\n"
    "- 401(k) with a 4% match\n"
    "- 25 days of PTO plus public holidays\n"
    "- 16 weeks of paid parental leave\n"
    "\n"
    "Compensation\n"
    "The base salary range for this role is $135,000 to $165,000. Final pay depends on\n"
    "experience and location.\n"
    "\n"
    "A note from Umbrella Corp:\n"
    "You will report to the Head of Data. Umbrella Corp is an equal opportunity employer. All qualified applicants will\n"
    "receive consideration for employment without regard to race, color, religion,\n"
    "sex, sexual orientation, gender identity, national origin, disability or\n"
    "veteran status. If you need a reasonable accommodation during the application\n"
    "process, email jobs@umbrella.example. Apply now!\n";
  const char *expected[] = {
    "Build and maintain batch and streaming pipelines in Python and Spark",
    "Keep data quality high with tests, monitoring and clear ownership",
    "Bachelor's degree in Computer Science or equivalent experience",
    "Solid SQL and data modelling skills",
    "You will report to the Head of Data",
    NULL,
  };

  assert_lines (description, expected);
}

/* Pasted from a Windows program: CRLF line ends, typographic bullets,
 * no-break spaces, and a duplicate. */
static void
test_crlf_and_unicode_bullets (void)
{
  const char *description =
    "Product Designer – Mobile\r\n"
    "\r\n"
    "Your impact:\r\n"
    "▪ Lead design for the iOS and Android apps from research to release\r\n"
    "▪\u00a0Run usability studies with real customers every sprint\r\n"
    "◦ Build and maintain our design system in Figma\r\n"
    "\r\n"
    "Who you are:\r\n"
    "➤ 4+ years designing consumer mobile products\r\n"
    "➤ A portfolio that shows your process, not only the pixels\r\n"
    "·  Fluent English; German is a plus\r\n"
    "▪ Lead design for the iOS and Android apps from research to release.\r\n"
    "\r\n"
    "What we offer:\r\n"
    "• A MacBook Pro and a home office budget\r\n"
    "• Free lunch on Tuesdays\r\n";
  const char *expected[] = {
    "Lead design for the iOS and Android apps from research to release",
    "Run usability studies with real customers every sprint",
    "Build and maintain our design system in Figma",
    "4+ years designing consumer mobile products",
    "A portfolio that shows your process, not only the pixels",
    "Fluent English; German is a plus",
    NULL,
  };

  assert_lines (description, expected);
}

/* A label with its value on one line ("Location: …") is that line only,
 * not a section: what follows is read as before. The company praising
 * itself is not a requirement, whatever adjectives it uses. */
static void
test_labels (void)
{
  const char *description =
    "Location: Amsterdam or remote within the EU\n"
    "Salary: €70,000–€85,000 depending on level\n"
    "We have a strong engineering culture and a flat hierarchy.\n"
    "\n"
    "You will join the on-call rotation one week in six.\n"
    "Experience with Terraform is a plus.\n"
    "Interested? Send your CV to jobs@example.com.\n";
  const char *expected[] = {
    "You will join the on-call rotation one week in six",
    "Experience with Terraform is a plus",
    NULL,
  };

  assert_lines (description, expected);
}

/* Nothing in, nothing out; a line longer than a requirement may be is cut
 * at a word. */
static void
test_edges (void)
{
  g_autoptr(GString) long_line = g_string_new ("- Experience with");
  g_auto(GStrv) none = sb_requirements_split (NULL);
  g_auto(GStrv) empty = sb_requirements_split ("\n\n  \r\n");
  g_auto(GStrv) cut = NULL;
  g_auto(GStrv) again = NULL;

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);

  while (long_line->len < SB_REQUIREMENT_MAX_CHARS + 100)
    g_string_append (long_line, " systems");
  cut = sb_requirements_split (long_line->str);
  g_assert_cmpuint (g_strv_length (cut), ==, 1);
  g_assert_cmpint (g_utf8_strlen (cut[0], -1), <=, SB_REQUIREMENT_MAX_CHARS);
  g_assert_true (g_str_has_suffix (cut[0], "systems…"));

  /* The same text gives the same lines. */
  again = sb_requirements_split (long_line->str);
  g_assert_true (g_strv_equal ((const char * const *) cut, (const char * const *) again));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/requirements/bullets", test_bullets);
  g_test_add_func ("/requirements/prose", test_prose);
  g_test_add_func ("/requirements/mixed-headings", test_mixed_headings);
  g_test_add_func ("/requirements/benefits-and-legal", test_benefits_and_legal);
  g_test_add_func ("/requirements/crlf-and-unicode-bullets", test_crlf_and_unicode_bullets);
  g_test_add_func ("/requirements/labels", test_labels);
  g_test_add_func ("/requirements/edges", test_edges);

  return g_test_run ();
}
