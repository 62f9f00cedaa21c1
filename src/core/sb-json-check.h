/* sb-json-check.h — a strict RFC 8259 syntax check of JSON text
 *
 * Only for sb-exchange*.c, run before json-glib parses the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fails with SB_EXCHANGE_ERROR_SYNTAX, "@filename:line:column: reason", on
 * anything but exactly one JSON value: empty input, trailing content,
 * duplicate keys, numbers past 64-bit integers or doubles, nesting deeper
 * than 64, bytes that are not UTF-8. @positions (a string → guint64 table
 * that frees both with g_free) gets every value's JSON path, "" for the
 * root and "stories[2].title" below it, mapped to line << 32 | column. */
gboolean sb_json_check_syntax (const char  *data,
                               gsize        length,
                               const char  *filename,
                               GHashTable  *positions,
                               GError     **error);

G_END_DECLS
