/* sb-exchange-import-private.h — what the import's files share
 *
 * sb-exchange-import.c reads a Storybank file (the value checks, the
 * messages naming a place, the file's top) into an Import;
 * sb-exchange-import-catalog.c and sb-exchange-import-stories.c read its
 * catalog and its stories; sb-exchange-import-apply.c writes it to the
 * bank. Only for those files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-exchange-private.h"
#include "sb-practice.h"

G_BEGIN_DECLS

typedef struct
{
  char     *slug;
  char     *name;
  char     *description;
  char     *framework_slug;
  gboolean  add;           /* not in the bank yet */
  gboolean  edit;          /* the file carries the person's edit of a shipped theme */
} ImportTheme;

typedef struct
{
  char      *slug;
  char      *name;
  char      *description;
  gboolean   add;
  GPtrArray *themes;       /* ImportTheme */
} ImportFramework;

typedef struct
{
  char     *slug;          /* NULL: the file gives none, one is made */
  char     *text;
  char     *listen_for;
  GStrv     themes;
  gboolean  add;
  gboolean  edit;          /* the file carries the person's edit of a shipped question */
} ImportQuestion;

typedef struct
{
  char       *slug;
  SbStrength  strength;
} ImportLink;

typedef struct
{
  char          *uuid;                      /* NULL: a new story with a fresh uuid */
  char          *fields[SB_STORY_N_FIELDS]; /* NULL: not in the file */
  int            status;                    /* -1: not in the file */
  int            example;                   /* -1: not in the file */
  gint64         created;                   /* 0: not in the file */
  gint64         updated;
  GArray        *themes;                    /* ImportLink; NULL: not in the file */
  GStrv          questions;                 /* NULL: not in the file */
  GArray        *practice;                  /* SbRehearsal; NULL: not in the file */
} ImportStory;

typedef struct _SbExchangeImport
{
  const char *filename;
  GHashTable *positions;
  char       *person_name;
  GPtrArray  *frameworks;   /* ImportFramework */
  GHashTable *file_themes;  /* slug → ImportTheme (borrowed from frameworks) */
  GPtrArray  *questions;    /* ImportQuestion */
  GHashTable *file_questions; /* slug → ImportQuestion (borrowed) */
  GStrv       deleted_questions; /* shipped questions the person deleted */
  GPtrArray  *stories;      /* ImportStory */
  GArray     *drills;       /* SbDrill (sb-exchange-drills.c); NULL: none in the file */
  GHashTable *skipped_questions; /* slugs the bank refused (hidden there), during apply */
  SbImportApplications *applications; /* and the introduction */
  SbImportSummary summary;
} Import;

void     _sb_exchange_import_theme_free   (ImportTheme   *theme);
void     _sb_exchange_import_link_clear   (ImportLink    *link);
void     _sb_exchange_rehearsal_clear     (SbRehearsal   *rehearsal);

/* "file:3:14: stories[2].title: reason", or without the position when the
 * path has none (a value that is missing). Always FALSE. */
gboolean _sb_exchange_import_failf        (Import        *import,
                                           GError       **error,
                                           int            code,
                                           const char    *path,
                                           const char    *format,
                                           ...) G_GNUC_PRINTF (5, 6);
gboolean _sb_exchange_node_is_string      (JsonNode      *node);
/* Members that are absent or null count as not given. */
JsonNode *_sb_exchange_get_member         (JsonObject    *object,
                                           const char    *name);
/* A string that must be there and not blank. */
gboolean _sb_exchange_read_required_text  (Import        *import,
                                           JsonObject    *object,
                                           const char    *object_path,
                                           const char    *name,
                                           char         **out,
                                           GError       **error);

/* Step 2, sb-exchange-import-catalog.c and sb-exchange-import-stories.c:
 * the file's frameworks (with their themes), questions and stories. */
gboolean _sb_exchange_import_read_frameworks (SbStore     *store,
                                              Import      *import,
                                              JsonObject  *root,
                                              GError     **error);
gboolean _sb_exchange_import_read_questions  (SbStore     *store,
                                              Import      *import,
                                              JsonObject  *root,
                                              GError     **error);
gboolean _sb_exchange_import_read_stories    (SbStore     *store,
                                              Import      *import,
                                              JsonObject  *root,
                                              GError     **error);

/* Step 3, sb-exchange-import-apply.c: @user_data is the Import; for
 * sb_store_run_in_transaction(). */
gboolean _sb_exchange_import_apply_cb        (SbStore     *store,
                                              gpointer     user_data,
                                              GError     **error);

G_END_DECLS
