/* sb-requirements.h — a pasted job description read into requirement lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The requirement lines of @job_description (NULL is ""), in the order
 * they come, never NULL:
 *
 *   - every bullet ("- ", "* ", "• ", "1. ", "2) ", "▪", …) is one line,
 *     the bullet taken off and spaces collapsed; an indented line under a
 *     bullet continues it;
 *   - prose is cut into sentences, and a sentence is kept when it states a
 *     qualification ("5+ years of …", "experience with …") or a duty of the
 *     role ("You will own …");
 *   - headings ("Requirements:", "What you'll do", "## About us") are not
 *     lines; a section about the company, its benefits or pay, equal
 *     opportunity or how to apply is dropped whole, and under a heading of
 *     requirements or duties every line is kept; a label with its value on
 *     the same line ("Location: Berlin") is that line only;
 *   - boilerplate (equal opportunity, "we offer", salary ranges, health
 *     insurance, 401(k), PTO, visas, "apply now", reasonable
 *     accommodation) is dropped wherever it is.
 *
 * Lines end without a period or semicolon, have three words or more and
 * at most SB_REQUIREMENT_MAX_CHARS characters (longer ones are cut at a
 * word and end in "…"); a line already given (case aside) is not repeated.
 * The word lists are data/coach/job-description.json. Deterministic. */
GStrv sb_requirements_split (const char *job_description);

G_END_DECLS
