/* sb-cli.h — the headless command line, run before any window or display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Adds --database, --import, --export, --export-markdown, --coverage,
 * --framework, --cheat-sheet, --paper, --check, --list-backups, --restore,
 * --applications, --application, --plan, --propose and --version to @app. */
void        sb_cli_add_options           (GApplication *app);

/* Call from GApplication::handle-local-options. Returns -1 when no headless
 * option was given (go on and open the window), else the exit status after
 * doing the work. Errors go to stderr as one line. */
int         sb_cli_handle_local_options  (GVariantDict *options);

/* The --database value, or NULL for the default bank. */
const char *sb_cli_get_database_path     (GVariantDict *options);

G_END_DECLS
