/* sb-exchange.h — Storybank JSON import/export and Markdown export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_EXCHANGE_FORMAT  "storybank"
/* A file of a version this program reads has no field it does not know
 * (the reader refuses unknown fields), so every new field is a new
 * version: 2 added "applications" and "introduction". */
#define SB_EXCHANGE_VERSION 2

#define SB_EXCHANGE_ERROR (sb_exchange_error_quark ())
typedef enum
{
  SB_EXCHANGE_ERROR_READ,        /* the file could not be read */
  SB_EXCHANGE_ERROR_SYNTAX,      /* not well-formed JSON: message has line:column */
  SB_EXCHANGE_ERROR_FORMAT,      /* not a Storybank file */
  SB_EXCHANGE_ERROR_VERSION,     /* a newer version than this program knows */
  SB_EXCHANGE_ERROR_INVALID,     /* a field of the wrong type, a missing title, … */
  SB_EXCHANGE_ERROR_UNKNOWN_THEME,
  SB_EXCHANGE_ERROR_WRITE,
} SbExchangeError;
GQuark sb_exchange_error_quark (void);

typedef struct
{
  guint stories_added;
  guint stories_updated;
  guint questions_added;
  guint themes_added;
  guint rehearsals_added;  /* practice log entries the bank did not have */
  guint applications_added;
  guint applications_updated; /* only those the file changed */
} SbImportSummary;

/* Everything in the bank as Storybank JSON (pretty, UTF-8). */
char     *sb_exchange_export_json      (SbStore         *store,
                                        gsize           *length);
/* Written atomically (g_file_set_contents: temp file, then rename). */
gboolean  sb_exchange_export_json_file (SbStore         *store,
                                        const char      *path,
                                        GError         **error);
/* Merges a Storybank JSON document, all or nothing. Stories merge by uuid when
 * present, else are added; applications merge by their id. Messages name @filename (may be NULL). */
gboolean  sb_exchange_import_json      (SbStore         *store,
                                        const char      *data,
                                        gssize           length,
                                        const char      *filename,
                                        SbImportSummary *summary,
                                        GError         **error);
gboolean  sb_exchange_import_json_file (SbStore         *store,
                                        const char      *path,
                                        SbImportSummary *summary,
                                        GError         **error);

char     *sb_exchange_export_markdown  (SbStore         *store);
gboolean  sb_exchange_export_markdown_file (SbStore     *store,
                                        const char      *path,
                                        GError         **error);

G_END_DECLS
