/* sb-store-private.h — what sb-store.c, sb-store-catalog.c and
 * sb-store-questions.c share; never included outside src/core/sb-store*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

/* What the store remembers of one story besides its fields. */
typedef struct
{
  GHashTable *themes;     /* SbTheme* (borrowed from the catalog) → SbStrength */
  GHashTable *questions;  /* question slug (owned) → itself */
} StoryLinks;

struct _SbStore
{
  GObject      parent_instance;

  SbDatabase  *db;

  GListStore  *stories;           /* SbStory */
  GHashTable  *story_by_id;       /* gint64* → SbStory (borrowed) */
  GHashTable  *story_by_uuid;     /* uuid → SbStory (borrowed) */
  GHashTable  *links;             /* SbStory* → StoryLinks* */

  GListStore  *frameworks;        /* SbFramework */
  GListStore  *all_themes;        /* SbTheme in catalog order */
  GHashTable  *themes_by_framework; /* framework slug → GListStore of SbTheme */
  GHashTable  *theme_by_slug;     /* slug → SbTheme (borrowed) */
  GHashTable  *theme_by_id;       /* gint64* → SbTheme (borrowed) */
  GHashTable  *theme_order;       /* SbTheme* → position in all_themes */

  GListStore  *questions;         /* SbQuestion, without hidden ones */
  GHashTable  *question_by_slug;  /* slug → SbQuestion (borrowed) */

  guint        own_transaction : 1;
};

enum {
  STORY_LINKS_CHANGED,
  CATALOG_CHANGED,
  STORIES_RELOADED,
  N_SIGNALS
};

extern guint _sb_store_signals[N_SIGNALS];

/* sb-store.c */
StoryLinks *_sb_store_get_links       (SbStore       *self,
                                       SbStory       *story);
gboolean    _sb_store_write_begin     (SbStore       *self,
                                       gboolean      *started,
                                       GError       **error);
gboolean    _sb_store_write_end       (SbStore       *self,
                                       gboolean       started,
                                       gboolean       ok,
                                       GError       **error);
const char *_sb_store_column_text     (sqlite3_stmt  *stmt,
                                       int            column);
gboolean    _sb_store_load_stories    (SbStore       *self,
                                       GError       **error);
gboolean    _sb_store_story_is_stored (SbStore       *self,
                                       SbStory       *story,
                                       GError       **error);

/* sb-store-catalog.c */
gboolean    _sb_store_load_catalog    (SbStore       *self,
                                       GError       **error);
char       *_sb_store_unique_slug     (SbStore       *self,
                                       const char    *prefix,
                                       const char    *text,
                                       GHashTable    *taken);
gboolean    _sb_store_check_text      (const char    *text,
                                       const char    *what,
                                       GError       **error);

G_END_DECLS
