/* sb-store-private.h — what sb-store.c and its sibling files
 * (sb-store-catalog.c, -questions.c, -load.c, -sync.c, -history.c,
 * -applications.c, -applications-load.c, -applications-edit.c,
 * -requirements.c, -rounds.c, -opening.c, -search.c, -links.c, -delete.c)
 * share; never included outside src/core/sb-store*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-application.h"
#include "sb-database-reader.h"
#include "sb-store.h"

G_BEGIN_DECLS

/* One theme a story is linked to. */
typedef struct
{
  SbTheme    *theme;      /* borrowed from the catalog */
  SbStrength  strength;   /* never SB_STRENGTH_NONE */
} StoryTheme;

/* What the store remembers of one story besides its fields: a few links
 * each, so short arrays searched in order (two hash tables per story were
 * 0.5 KB, 5 MB at 10,000 stories). Changed only through
 * _sb_story_links_set_theme() and _sb_story_links_set_question(). */
typedef struct
{
  StoryTheme  *themes;
  const char **questions;   /* question slugs, interned (g_intern_string()) */
  guint        n_themes;
  guint        n_questions;
  guint        position;      /* in the bank's order, G_MAXUINT: not known */
} StoryLinks;

/* One search under way at a time (sb-store-search.c). */
typedef struct _SbSearchSlot SbSearchSlot;

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

  /* Unsaved edits (sb-store-sync.c): every stored story whose text differs
   * from the bank's copy, until a write succeeds. */
  GHashTable  *unsaved;           /* SbStory* (ref) → Unsaved* */
  guint        autosave_id;
  gboolean     autosaving;
  gint64       data_version;      /* PRAGMA data_version when last in step */
  GPtrArray   *conflicts;         /* SbStory refs with a note added by a merge */
  guint        emit_reload : 1;   /* a merge ran inside a write: signal after it */
  guint        loading : 1;       /* memory is put back after a rollback: dirty flips are not edits */

  /* Which stories link each theme and question: derived from the links
   * above when first asked after they changed (links_serial moves on with
   * every change), so a page of questions asks in constant time. */
  guint        links_serial;
  guint        reverse_serial;
  GHashTable  *stories_by_theme;    /* SbTheme* → GArray of SbStoryLink, bank order */
  GHashTable  *stories_by_question; /* slug (borrowed) → GPtrArray of SbStory*, bank order */

  /* Undo and redo (sb-store-history.c): SbHistoryStep*, newest first. */
  GQueue      *undo_steps;
  GQueue      *redo_steps;
  guint        history_serial;
  guint        replaying : 1;

  guint        own_transaction : 1;

  /* Applications (sb-store-applications.c): read whole with the stories. */
  GListStore  *applications;        /* SbApplication, oldest first */
  char        *current_application; /* its slug, as the meta table says; NULL: none */
  guint        emit_applications : 1; /* "applications-changed" is due */
  guint        emit_catalog : 1;      /* "catalog-changed" is due */

  /* Search (sb-store-search.c): the bank's read-only connection for the
   * worker, and the one search of sb_store_search_stories_async() under
   * way (each SbStorySearch has a slot of its own). */
  SbDatabaseReader *reader;
  guint        reader_unusable : 1;   /* search on the main connection */
  SbSearchSlot *search;
};

typedef struct _SbHistoryStep SbHistoryStep;

typedef struct
{
  gint64  first_edit;   /* monotonic µs of the oldest edit not saved yet */
  gint64  last_edit;    /* monotonic µs of the newest */
  gint64  retry_at;     /* after a refused write: when to try again */
  guint   failures;
  GError *error;        /* why the last write was refused; NULL: none yet */
} Unsaved;

enum {
  STORY_LINKS_CHANGED,
  CATALOG_CHANGED,
  STORIES_RELOADED,
  SAVE_STATE_CHANGED,
  SAVE_FAILED,
  CHANGED_ELSEWHERE,
  HISTORY_CHANGED,
  PRACTICE_LOGGED,
  APPLICATIONS_CHANGED,
  N_SIGNALS
};

extern guint _sb_store_signals[N_SIGNALS];

/* Each SbStoryField's column, in the enum's order (the field's name is
 * its column's). */
#define STORY_FIELD_COLUMNS \
  "title, situation, task, action, result, learning, notes," \
  " cue_situation, cue_task, cue_action, cue_result, cue_learning"

/* sb-store-links.c */
void        _sb_story_links_free         (StoryLinks       *links);
void        _sb_theme_link_clear         (SbThemeLink      *link);
SbStrength  _sb_story_links_get_theme    (const StoryLinks *links,
                                          SbTheme          *theme);
/* SB_STRENGTH_NONE unlinks. */
void        _sb_story_links_set_theme    (StoryLinks       *links,
                                          SbTheme          *theme,
                                          SbStrength        strength);
gboolean    _sb_story_links_has_question (const StoryLinks *links,
                                          const char       *slug);
void        _sb_story_links_set_question (StoryLinks       *links,
                                          const char       *slug,
                                          gboolean          linked);
StoryLinks *_sb_store_get_links       (SbStore       *self,
                                       SbStory       *story);
/* Every change to any story's links calls this, or one of the two below
 * for a single link. */
#define     _sb_store_links_changed(self) ((self)->links_serial++)
/* One link of @story changed (already in @links): the maps follow in
 * place when they are up to date, or are built again when next asked. */
void        _sb_store_theme_link_changed    (SbStore    *self,
                                             SbStory    *story,
                                             StoryLinks *links,
                                             SbTheme    *theme,
                                             SbStrength  strength);
/* Stories appended to the bank at @position: their places, for the maps. */
void        _sb_store_note_appended         (SbStore    *self,
                                             guint       position,
                                             guint       added);
void        _sb_store_question_link_changed (SbStore    *self,
                                             SbStory    *story,
                                             StoryLinks *links,
                                             const char *slug,
                                             gboolean    linked);
void        _sb_store_ensure_reverse  (SbStore       *self);
gboolean    _sb_store_write_begin     (SbStore       *self,
                                       gboolean      *started,
                                       GError       **error);
gboolean    _sb_store_write_end       (SbStore       *self,
                                       gboolean       started,
                                       gboolean       ok,
                                       GError       **error);
gboolean    _sb_store_story_is_stored (SbStore       *self,
                                       SbStory       *story,
                                       GError       **error);

gboolean    _sb_store_write_story     (SbStore       *self,
                                       SbStory       *story,
                                       GError       **error);

/* sb-store-load.c */
const char *_sb_store_column_text     (sqlite3_stmt  *stmt,
                                       int            column);
/* Reads every story and its links again, keeping the objects whose rows
 * are still there (merged with what is not saved yet). */
gboolean    _sb_store_load_stories    (SbStore       *self,
                                       GError       **error);
/* Puts @story in the store's maps by id and uuid and watches its edits. */
void        _sb_store_index_story     (SbStore       *self,
                                       SbStory       *story);

/* sb-store-sync.c */
void        _sb_store_watch_story     (SbStore       *self,
                                       SbStory       *story);
void        _sb_store_forget_story    (SbStore       *self,
                                       SbStory       *story);
/* Stops watching every story (the store is going; its stories may stay). */
void        _sb_store_unwatch_stories (SbStore       *self);
void        _sb_store_merge_field     (SbStore       *self,
                                       SbStory       *story,
                                       SbStoryField   field,
                                       const char    *theirs);
void        _sb_store_merge_status    (SbStore       *self,
                                       SbStory       *story,
                                       SbStoryStatus  theirs);
gboolean    _sb_store_sync_in_write   (SbStore       *self,
                                       GError       **error);
void        _sb_store_emit_pending    (SbStore       *self);
/* "catalog-changed" now, or once at the end of the transaction the change
 * is part of (an import adds thousands of themes in one). */
void        _sb_store_catalog_changed (SbStore       *self);
void        _sb_store_flush_catalog   (SbStore       *self);
void        _sb_store_sync_init       (SbStore       *self);
void        _sb_store_sync_dispose    (SbStore       *self);
gboolean    _sb_store_read_data_version (SbStore     *self,
                                       gint64        *out,
                                       GError       **error);

SbDeletedStory *_sb_deleted_story_copy (const SbDeletedStory *deleted);

/* sb-store-history.c */
void        _sb_store_history_init     (SbStore        *self);
void        _sb_store_history_dispose  (SbStore        *self);
void        _sb_store_history_theme    (SbStore        *self,
                                        SbStory        *story,
                                        const char     *slug,
                                        SbStrength      before,
                                        SbStrength      after);
void        _sb_store_history_question (SbStore        *self,
                                        SbStory        *story,
                                        const char     *slug,
                                        gboolean        linked);
/* Takes @deleted (a copy for the history), freeing it if nothing is recorded. */
void        _sb_store_history_delete   (SbStore        *self,
                                        SbStory        *story,
                                        SbDeletedStory *deleted);

/* sb-store-search.c */
void        _sb_store_search_dispose   (SbStore        *self);

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

/* sb-store-applications.c */
void        _sb_store_applications_init    (SbStore       *self);
void        _sb_store_applications_dispose (SbStore       *self);
/* Reads every application again, keeping the objects whose rows are still
 * there; called by _sb_store_load_stories(), after the stories. Marks
 * "applications-changed" as due. */
gboolean    _sb_store_load_applications    (SbStore       *self,
                                            GError       **error);
/* Emits "applications-changed" if it is due. */
void        _sb_store_emit_applications    (SbStore       *self);
/* Where a deleted story was linked and planned, for its undo. */
typedef struct _SbAppLinks SbAppLinks;
SbAppLinks *_sb_store_applications_forget_story  (SbStore          *self,
                                                  SbStory          *story);
gboolean    _sb_store_applications_restore_story (SbStore          *self,
                                                  SbStory          *story,
                                                  const SbAppLinks *links,
                                                  GError          **error);
SbAppLinks *_sb_app_links_copy             (const SbAppLinks *links);
void        _sb_app_links_free             (SbAppLinks    *links);

/* What sb-store-applications.c lends its siblings sb-store-requirements.c
 * and sb-store-rounds.c. A change runs between _sb_store_app_write_begin()
 * (a transaction of its own unless inside one, with others' commits taken
 * in first) and _sb_store_app_write_end(), which takes @local_error when
 * @ok is FALSE; memory changes after, then _sb_store_applications_changed(). */
gboolean    _sb_store_app_write_begin      (SbStore       *self,
                                            gboolean      *started,
                                            GError       **error);
gboolean    _sb_store_app_write_end        (SbStore       *self,
                                            gboolean       started,
                                            gboolean       ok,
                                            GError        *local_error,
                                            GError       **error);
/* _sb_store_app_write_begin() for a change of @application, which must
 * still be in the bank once others' commits are taken in; on a refusal
 * the transaction is already ended. */
gboolean    _sb_store_app_begin_change     (SbStore       *self,
                                            SbApplication *application,
                                            gboolean      *started,
                                            GError       **error);
void        _sb_store_applications_changed (SbStore       *self);
gboolean    _sb_store_exec_id              (SbStore       *self,
                                            const char    *sql,
                                            gint64         id,
                                            GError       **error);
gboolean    _sb_store_exec_id_id           (SbStore       *self,
                                            const char    *sql,
                                            gint64         a,
                                            gint64         b,
                                            GError       **error);
/* Moves the application's updated_at to now. */
gboolean    _sb_store_app_touch            (SbStore       *self,
                                            gint64         application_id,
                                            GError       **error);
/* Writes position = index into @table for each of @items (SbRequirement or
 * SbRound, told apart by @get_id). */
gboolean    _sb_store_app_write_positions  (SbStore       *self,
                                            const char    *table,
                                            GPtrArray     *items,
                                            gint64       (*get_id) (gpointer),
                                            GError       **error);
GPtrArray  *_sb_store_app_list_items       (GListModel    *model);
void        _sb_store_app_sync_list        (GListStore    *store,
                                            GPtrArray     *items);
char       *_sb_store_app_clean_line       (const char    *text);
/* The refusals every change starts with, each a GError for the person. */
gboolean    _sb_store_app_check_writable   (SbStore       *self,
                                            GError       **error);
gboolean    _sb_store_app_check_text       (const char    *text,
                                            glong          max,
                                            gboolean       required,
                                            const char    *what,
                                            GError       **error);
gboolean    _sb_store_app_check            (SbStore       *self,
                                            SbApplication *application,
                                            GError       **error);
/* The application holding @requirement / @round (and its position there),
 * or NULL with @error set when it is no longer in the bank. */
SbApplication *_sb_store_requirement_application (SbStore       *self,
                                                  SbRequirement *requirement,
                                                  guint         *position,
                                                  GError       **error);
SbApplication *_sb_store_round_application (SbStore         *self,
                                            SbRound         *round,
                                            guint           *position,
                                            GError         **error);
/* An application's requirements or its rounds, as the writes both kinds
 * share see them: lines of text in a table, in order, each in a list
 * store of the application. */
typedef struct
{
  const char     *table;                  /* "requirements" */
  const char     *column;                 /* its line of text: "text" */
  glong           max_chars;
  GListStore   *(*get_store)        (SbApplication *application);
  SbApplication *(*find_application) (SbStore       *self,
                                       gpointer       item,
                                       guint         *position,
                                       GError       **error);
  gint64        (*get_id)           (gpointer       item);
  const char   *(*get_text)         (gpointer       item);
  void          (*set_text)         (gpointer       item,
                                     const char    *text);
  gpointer      (*new_item)         (gint64         id,
                                     gint64         application_id,
                                     const char    *text);
} SbAppPart;

/* Inserts a row of @part's table (position 0; write the positions after)
 * inside a write; its id, or 0 with @error set. */
gint64      _sb_store_app_part_insert_row (SbStore        *self,
                                           const SbAppPart *part,
                                           gint64          application_id,
                                           const char     *text,
                                           GError        **error);
/* The whole change of adding, renaming and deleting an item of @part;
 * @what names the line in errors ("requirement"). The added item is
 * owned by the application. */
gpointer    _sb_store_app_part_add        (SbStore        *self,
                                           const SbAppPart *part,
                                           SbApplication  *application,
                                           const char     *text,
                                           int             position,
                                           const char     *what,
                                           GError        **error);
gboolean    _sb_store_app_part_set_text   (SbStore        *self,
                                           const SbAppPart *part,
                                           gpointer        item,
                                           const char     *text,
                                           const char     *what,
                                           GError        **error);
gboolean    _sb_store_app_part_delete     (SbStore        *self,
                                           const SbAppPart *part,
                                           gpointer        item,
                                           GError        **error);
/* Sorts theme slugs (a GPtrArray's strings) in catalog order. */
int         _sb_store_compare_theme_order  (gconstpointer  a,
                                            gconstpointer  b,
                                            gpointer       user_data);
/* The meta key that holds the current application's slug. */
#define SB_STORE_META_CURRENT_APPLICATION "current-application"
/* Now, in seconds since 1970, as created_at and updated_at hold it. */
gint64      _sb_store_app_now_seconds      (void);
/* The item of @model (applications, requirements or rounds) whose
 * @get_id is @id, or NULL; sb-store-applications-load.c. */
SbApplication *_sb_store_app_find_in       (GListModel    *model,
                                            gint64         id,
                                            gint64       (*get_id) (gpointer));

G_END_DECLS
