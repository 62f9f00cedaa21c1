/* sb-cli-private.h — what the parts of the command line share
 *
 * Only for src/cli/sb-cli*.c; the entry point uses sb-cli.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-cli.h"
#include "sb-store.h"

G_BEGIN_DECLS

/* Text from the bank or a file, safe to print on a terminal: control
 * characters, bidirectional overrides and bytes that are not UTF-8 become
 * visible escapes. @keep_newlines keeps the line breaks of a block the
 * command laid out itself. */
char *_sb_cli_escape_for_terminal (const char   *text,
                                   gboolean      keep_newlines);
/* The builder's document on stdout, pretty, with the characters a terminal
 * would act on escaped. */
void  _sb_cli_print_json          (JsonBuilder  *builder);
/* "storybank: message" on stderr, escaped; they return the exit status:
 * 1 for a failure of the work, 2 for a wrong use of the options. */
int   _sb_cli_fail                (const GError *error);
int   _sb_cli_fail_literal        (const char   *message);

/* ---- applications (sb-cli-applications.c) ----------------------------- */

/* --applications [--json]: every application, the current one marked. */
int   _sb_cli_print_applications  (SbStore      *store,
                                   gboolean      json);
/* --plan=ID [--propose] [--json]: the rounds, their stories and the
 * plan's warnings; with @propose the empty rounds are filled first. */
int   _sb_cli_print_plan          (SbStore      *store,
                                   const char   *slug,
                                   gboolean      propose,
                                   gboolean      json);
/* The message for an application id the bank does not have, naming the
 * option; NULL when it has it. */
char *_sb_cli_check_application   (SbStore      *store,
                                   const char   *option,
                                   const char   *slug);

G_END_DECLS
