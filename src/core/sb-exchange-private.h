/* sb-exchange-private.h — what the parts of sb-exchange share
 *
 * Only for sb-exchange*.c; everything else uses sb-exchange.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-exchange.h"

G_BEGIN_DECLS

/* Atomically (temp file, then rename) and readable by the owner only, as
 * every export holds private stories. */
gboolean _sb_exchange_write_private_file (const char  *path,
                                          const char  *contents,
                                          gsize        length,
                                          GError     **error);

/* ---- import: what sb-exchange-import.c lends the readers of its parts -- */

/* The import under way (sb-exchange-import.c): the file's name, where each
 * value stands in it, and what was read so far. */
typedef struct _SbExchangeImport SbExchangeImport;

/* "file:3:14: applications[0].date: reason" (the position when @path has
 * one), as SB_EXCHANGE_ERROR @code. Always FALSE. */
gboolean _sb_exchange_import_fail      (SbExchangeImport    *import,
                                        GError             **error,
                                        int                  code,
                                        const char          *path,
                                        const char          *reason);
/* A member of @object: absent or null is NULL (or an error with
 * @required); anything but a string is an error naming its path. */
gboolean _sb_exchange_read_string      (SbExchangeImport    *import,
                                        JsonObject          *object,
                                        const char          *object_path,
                                        const char          *name,
                                        gboolean             required,
                                        char               **out,
                                        GError             **error);
gboolean _sb_exchange_read_array       (SbExchangeImport    *import,
                                        JsonObject          *object,
                                        const char          *object_path,
                                        const char          *name,
                                        JsonArray          **out,
                                        GError             **error);
gboolean _sb_exchange_read_boolean     (SbExchangeImport    *import,
                                        JsonObject          *object,
                                        const char          *object_path,
                                        const char          *name,
                                        int                 *out,     /* -1: not given */
                                        GError             **error);
/* An array of strings; NULL when absent. */
gboolean _sb_exchange_read_string_list (SbExchangeImport    *import,
                                        JsonObject          *object,
                                        const char          *object_path,
                                        const char          *name,
                                        GStrv               *out,
                                        GError             **error);
gboolean _sb_exchange_expect_object    (SbExchangeImport    *import,
                                        JsonNode            *node,
                                        const char          *path,
                                        JsonObject         **out,
                                        GError             **error);
/* Refuses a member not in @known: a misspelt field would drop its text. */
gboolean _sb_exchange_check_members    (SbExchangeImport    *import,
                                        JsonObject          *object,
                                        const char          *object_path,
                                        const char * const  *known,
                                        GError             **error);
const char *_sb_exchange_describe_node (JsonNode            *node);
char    *_sb_exchange_child_path       (const char          *parent,
                                        const char          *name);
char    *_sb_exchange_element_path     (const char          *parent,
                                        guint                index);
/* Whether the bank or the file has this theme, framework or story (a
 * story by its lower-case uuid). */
gboolean _sb_exchange_import_has_theme     (SbStore          *store,
                                            SbExchangeImport *import,
                                            const char       *slug);
gboolean _sb_exchange_import_has_framework (SbStore          *store,
                                            SbExchangeImport *import,
                                            const char       *slug);
gboolean _sb_exchange_import_has_story     (SbStore          *store,
                                            SbExchangeImport *import,
                                            const char       *uuid);

/* ---- applications and the introduction (sb-exchange-applications.c) -- */

/* Writes "introduction" and "applications" into the open root object. */
void     _sb_exchange_build_applications (JsonBuilder       *builder,
                                          SbStore           *store);

/* What the file says about applications, read and checked against the
 * bank and the rest of the file (stories and themes are read first). */
typedef struct _SbImportApplications SbImportApplications;

SbImportApplications *_sb_import_applications_read  (SbStore          *store,
                                                     SbExchangeImport *import,
                                                     JsonObject       *root,
                                                     GError          **error);
/* Inside the import's transaction, after the stories. */
gboolean              _sb_import_applications_apply (SbStore              *store,
                                                     SbImportApplications *applications,
                                                     SbImportSummary      *summary,
                                                     GError              **error);
void                  _sb_import_applications_free  (SbImportApplications *applications);

G_END_DECLS
