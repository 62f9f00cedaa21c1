/* sb-store.c — the stories, their links, and the catalog, as the UI sees them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-store.h"

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

G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-store-error-quark, sb_store_error)

enum {
  STORY_LINKS_CHANGED,
  CATALOG_CHANGED,
  STORIES_RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean load_catalog (SbStore *self, GError **error);
static gboolean load_stories (SbStore *self, GError **error);

static void
story_links_free (StoryLinks *links)
{
  g_hash_table_unref (links->themes);
  g_hash_table_unref (links->questions);
  g_free (links);
}

static StoryLinks *
story_links_new (void)
{
  StoryLinks *links = g_new0 (StoryLinks, 1);

  links->themes = g_hash_table_new (NULL, NULL);
  links->questions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return links;
}

static StoryLinks *
get_links (SbStore *self,
           SbStory *story)
{
  StoryLinks *links = g_hash_table_lookup (self->links, story);

  if (links == NULL)
    {
      links = story_links_new ();
      g_hash_table_insert (self->links, story, links);
    }
  return links;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
sb_store_dispose (GObject *object)
{
  SbStore *self = (SbStore *)object;

  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->story_by_id, g_hash_table_unref);
  g_clear_pointer (&self->story_by_uuid, g_hash_table_unref);
  g_clear_object (&self->stories);
  g_clear_pointer (&self->theme_order, g_hash_table_unref);
  g_clear_pointer (&self->theme_by_id, g_hash_table_unref);
  g_clear_pointer (&self->theme_by_slug, g_hash_table_unref);
  g_clear_pointer (&self->themes_by_framework, g_hash_table_unref);
  g_clear_object (&self->all_themes);
  g_clear_object (&self->frameworks);
  g_clear_pointer (&self->question_by_slug, g_hash_table_unref);
  g_clear_object (&self->questions);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sb_store_parent_class)->dispose (object);
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_store_dispose;

  signals[STORY_LINKS_CHANGED] =
    g_signal_new ("story-links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_STORY);
  signals[CATALOG_CHANGED] =
    g_signal_new ("catalog-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STORIES_RELOADED] =
    g_signal_new ("stories-reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_store_init (SbStore *self)
{
  self->stories = g_list_store_new (SB_TYPE_STORY);
  self->story_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->story_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) story_links_free);

  self->frameworks = g_list_store_new (SB_TYPE_FRAMEWORK);
  self->all_themes = g_list_store_new (SB_TYPE_THEME);
  self->themes_by_framework = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->theme_by_slug = g_hash_table_new (g_str_hash, g_str_equal);
  self->theme_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->theme_order = g_hash_table_new (NULL, NULL);

  self->questions = g_list_store_new (SB_TYPE_QUESTION);
  self->question_by_slug = g_hash_table_new (g_str_hash, g_str_equal);
}

SbStore *
sb_store_new_for_database (SbDatabase  *db,
                           GError     **error)
{
  g_autoptr(SbStore) self = NULL;

  g_return_val_if_fail (SB_IS_DATABASE (db), NULL);

  if (!sb_catalog_merge_builtin (db, error))
    return NULL;

  self = g_object_new (SB_TYPE_STORE, NULL);
  self->db = g_object_ref (db);

  if (!load_catalog (self, error) || !load_stories (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

SbStore *
sb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(SbDatabase) db = sb_database_open (path, error);

  if (db == NULL)
    return NULL;
  return sb_store_new_for_database (db, error);
}

SbDatabase *
sb_store_get_database (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return self->db;
}

/* ---- transactions --------------------------------------------------- */

/* Store methods that write several rows wrap them in a transaction of their
 * own, unless they already run inside sb_store_run_in_transaction(). */
static gboolean
write_begin (SbStore   *self,
             gboolean  *started,
             GError   **error)
{
  *started = FALSE;
  if (sb_database_in_transaction (self->db))
    return TRUE;
  if (!sb_database_begin (self->db, error))
    return FALSE;
  *started = TRUE;
  return TRUE;
}

static gboolean
write_end (SbStore   *self,
           gboolean   started,
           gboolean   ok,
           GError   **error)
{
  if (!started)
    return ok;
  if (!ok)
    {
      sb_database_rollback (self->db);
      return FALSE;
    }
  return sb_database_commit (self->db, error);
}

gboolean
sb_store_run_in_transaction (SbStore                *self,
                             SbStoreTransactionFunc  func,
                             gpointer                user_data,
                             GError                **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (!sb_database_in_transaction (self->db), FALSE);

  if (!sb_database_begin (self->db, error))
    return FALSE;

  if (func (self, user_data, &local_error) && sb_database_commit (self->db, &local_error))
    return TRUE;

  /* Put memory back in step with what the bank still holds. */
  sb_database_rollback (self->db);
  if (!load_catalog (self, NULL) || !load_stories (self, NULL))
    g_warning ("Could not reload the bank after a rolled-back change");
  g_signal_emit (self, signals[CATALOG_CHANGED], 0);
  g_signal_emit (self, signals[STORIES_RELOADED], 0);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- loading -------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static void
add_theme_to_indexes (SbStore *self,
                      SbTheme *theme)
{
  GListStore *list;
  gint64 *id;

  list = g_hash_table_lookup (self->themes_by_framework, sb_theme_get_framework_slug (theme));
  if (list == NULL)
    {
      list = g_list_store_new (SB_TYPE_THEME);
      g_hash_table_insert (self->themes_by_framework,
                           g_strdup (sb_theme_get_framework_slug (theme)), list);
    }
  g_list_store_append (list, theme);
  g_hash_table_insert (self->theme_order, theme,
                       GUINT_TO_POINTER (g_list_model_get_n_items (G_LIST_MODEL (self->all_themes))));
  g_list_store_append (self->all_themes, theme);
  g_hash_table_insert (self->theme_by_slug, (gpointer) sb_theme_get_slug (theme), theme);
  id = g_new (gint64, 1);
  *id = sb_theme_get_id (theme);
  g_hash_table_insert (self->theme_by_id, id, theme);
}

static GStrv
load_question_themes (SbStore *self,
                      gint64   question_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = sb_database_prepare (self->db,
                              "SELECT t.slug FROM question_themes qt "
                              "JOIN themes t ON t.id = qt.theme_id "
                              "JOIN frameworks f ON f.id = t.framework_id "
                              "WHERE qt.question_id = ?1 ORDER BY f.builtin DESC, f.position, f.id, t.builtin DESC, t.position, t.id",
                              NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, question_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

static SbQuestion *
load_question (SbStore *self,
               gint64   id)
{
  sqlite3_stmt *stmt;
  SbQuestion *question = NULL;

  stmt = sb_database_prepare (self->db,
                              "SELECT slug, text, listen_for, builtin, edited FROM questions WHERE id = ?1",
                              NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) themes = load_question_themes (self, id);
      question = sb_question_new (id, column_text (stmt, 0), column_text (stmt, 1),
                                  column_text (stmt, 2), (const char * const *) themes,
                                  sqlite3_column_int (stmt, 3));
      sb_question_set_edited (question, sqlite3_column_int (stmt, 4));
    }
  sqlite3_reset (stmt);
  return question;
}

static void
terminate_slug_array (gpointer key,
                      gpointer value,
                      gpointer user_data)
{
  g_ptr_array_add (value, NULL);
}

static gboolean
load_catalog (SbStore  *self,
              GError  **error)
{
  g_autoptr(GPtrArray) frameworks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) question_themes =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = sb_database_prepare (self->db,
                              "SELECT id, slug, name, description, builtin FROM frameworks "
                              "ORDER BY builtin DESC, position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (frameworks,
                     sb_framework_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                                       column_text (stmt, 2), column_text (stmt, 3),
                                       sqlite3_column_int (stmt, 4)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self->db, error, _("The bank could not be read"));
      return FALSE;
    }

  /* Themes: rebuild the indexes, but keep each theme list object so widgets
   * bound to a framework's list stay bound. */
  g_hash_table_remove_all (self->theme_by_slug);
  g_hash_table_remove_all (self->theme_by_id);
  g_hash_table_remove_all (self->theme_order);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->themes_by_framework);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_list_store_remove_all (value);
  }
  /* Links point at theme objects, which are about to be replaced. */
  g_hash_table_remove_all (self->links);
  g_list_store_remove_all (self->all_themes);

  stmt = sb_database_prepare (self->db,
                              "SELECT t.id, t.slug, t.name, t.description, f.slug, t.builtin, t.edited "
                              "FROM themes t JOIN frameworks f ON f.id = t.framework_id "
                              "ORDER BY f.builtin DESC, f.position, f.id, t.builtin DESC, t.position, t.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SbTheme) theme =
        sb_theme_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                      column_text (stmt, 2), column_text (stmt, 3), column_text (stmt, 4),
                      sqlite3_column_int (stmt, 5));
      sb_theme_set_edited (theme, sqlite3_column_int (stmt, 6));
      add_theme_to_indexes (self, theme);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self->db, error, _("The bank could not be read"));
      return FALSE;
    }

  /* Every question's themes in one query, not one query per question: the
   * catalog is reloaded whenever a theme or framework is added. */
  stmt = sb_database_prepare (self->db,
                              "SELECT qt.question_id, t.slug FROM question_themes qt "
                              "JOIN themes t ON t.id = qt.theme_id "
                              "JOIN frameworks f ON f.id = t.framework_id "
                              "ORDER BY qt.question_id, f.builtin DESC, f.position, f.id, "
                              "         t.builtin DESC, t.position, t.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *slugs = g_hash_table_lookup (question_themes, &id);

      if (slugs == NULL)
        {
          slugs = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (question_themes, g_memdup2 (&id, sizeof id), slugs);
        }
      g_ptr_array_add (slugs, g_strdup (column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self->db, error, _("The bank could not be read"));
      return FALSE;
    }
  g_hash_table_foreach (question_themes, terminate_slug_array, NULL);

  stmt = sb_database_prepare (self->db,
                              "SELECT id, slug, text, listen_for, builtin, edited FROM questions "
                              "WHERE NOT hidden ORDER BY builtin DESC, position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *slugs = g_hash_table_lookup (question_themes, &id);
      SbQuestion *question =
        sb_question_new (id, column_text (stmt, 1), column_text (stmt, 2), column_text (stmt, 3),
                         slugs != NULL ? (const char * const *) slugs->pdata : NULL,
                         sqlite3_column_int (stmt, 4));

      sb_question_set_edited (question, sqlite3_column_int (stmt, 5));
      g_ptr_array_add (questions, question);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self->db, error, _("The bank could not be read"));
      return FALSE;
    }

  g_list_store_splice (self->frameworks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->frameworks)),
                       frameworks->pdata, frameworks->len);
  g_hash_table_remove_all (self->question_by_slug);
  for (guint i = 0; i < questions->len; i++)
    g_hash_table_insert (self->question_by_slug,
                         (gpointer) sb_question_get_slug (questions->pdata[i]), questions->pdata[i]);
  g_list_store_splice (self->questions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->questions)),
                       questions->pdata, questions->len);

  return TRUE;
}

static void
fill_story_from_row (SbStory      *story,
                     sqlite3_stmt *stmt)
{
  /* columns: id, uuid, title … notes (2–8), status, is_example, created_at, updated_at */
  g_object_freeze_notify (G_OBJECT (story));
  sb_story_set_id (story, sqlite3_column_int64 (stmt, 0));
  sb_story_set_uuid (story, column_text (stmt, 1));
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    sb_story_set_field (story, f, column_text (stmt, 2 + f));
  sb_story_set_status (story, sqlite3_column_int (stmt, 9));
  sb_story_set_is_example (story, sqlite3_column_int (stmt, 10));
  sb_story_set_created (story, sqlite3_column_int64 (stmt, 11));
  sb_story_set_updated (story, sqlite3_column_int64 (stmt, 12));
  sb_story_mark_saved (story);
  g_object_thaw_notify (G_OBJECT (story));
}

static void
index_story (SbStore *self,
             SbStory *story)
{
  gint64 *id = g_new (gint64, 1);

  *id = sb_story_get_id (story);
  g_hash_table_replace (self->story_by_id, id, story);
  g_hash_table_replace (self->story_by_uuid, (gpointer) sb_story_get_uuid (story), story);
}

static gboolean
load_stories (SbStore  *self,
              GError  **error)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) old_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  /* Keep the objects widgets hold: match rows to existing stories by uuid. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->stories)); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      g_hash_table_insert (old_by_uuid, (gpointer) sb_story_get_uuid (story), story);
    }

  stmt = sb_database_prepare (self->db,
                              "SELECT id, uuid, title, situation, task, action, result, learning, notes,"
                              "       status, is_example, created_at, updated_at "
                              "FROM stories ORDER BY created_at, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SbStory *story = g_hash_table_lookup (old_by_uuid, column_text (stmt, 1));

      /* What the person typed and the editor has not saved yet wins over
       * the copy on disk: the next autosave writes it. */
      if (story != NULL && sb_story_get_dirty (story))
        g_object_ref (story);
      else
        {
          story = story != NULL ? g_object_ref (story) : sb_story_new ();
          fill_story_from_row (story, stmt);
        }
      g_ptr_array_add (stories, story);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self->db, error, _("The bank could not be read"));
      return FALSE;
    }

  g_hash_table_remove_all (self->story_by_id);
  g_hash_table_remove_all (self->story_by_uuid);
  g_hash_table_remove_all (self->links);
  for (guint i = 0; i < stories->len; i++)
    index_story (self, stories->pdata[i]);

  stmt = sb_database_prepare (self->db, "SELECT story_id, theme_id, strength FROM story_themes", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 story_id = sqlite3_column_int64 (stmt, 0);
      gint64 theme_id = sqlite3_column_int64 (stmt, 1);
      SbStory *story = g_hash_table_lookup (self->story_by_id, &story_id);
      SbTheme *theme = g_hash_table_lookup (self->theme_by_id, &theme_id);

      if (story != NULL && theme != NULL)
        g_hash_table_insert (get_links (self, story)->themes, theme,
                             GINT_TO_POINTER (sqlite3_column_int (stmt, 2)));
    }
  sqlite3_reset (stmt);

  stmt = sb_database_prepare (self->db,
                              "SELECT sq.story_id, q.slug FROM story_questions sq "
                              "JOIN questions q ON q.id = sq.question_id WHERE NOT q.hidden",
                              error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 story_id = sqlite3_column_int64 (stmt, 0);
      SbStory *story = g_hash_table_lookup (self->story_by_id, &story_id);

      if (story != NULL)
        g_hash_table_add (get_links (self, story)->questions, g_strdup (column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  g_list_store_splice (self->stories, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stories)),
                       stories->pdata, stories->len);
  return TRUE;
}

/* ---- stories -------------------------------------------------------- */

GListModel *
sb_store_get_stories (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->stories);
}

guint
sb_store_get_n_stories (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->stories));
}

SbStory *
sb_store_find_story (SbStore    *self,
                     const char *uuid)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  if (uuid == NULL)
    return NULL;
  return g_hash_table_lookup (self->story_by_uuid, uuid);
}

static gboolean
story_is_stored (SbStore  *self,
                 SbStory  *story,
                 GError  **error)
{
  gint64 id = sb_story_get_id (story);

  if (id > 0 && g_hash_table_lookup (self->story_by_id, &id) == story)
    return TRUE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The story “%s” is not in this bank"), sb_story_get_display_title (story));
  return FALSE;
}

static gboolean
write_story_row (SbStore  *self,
                 SbStory  *story,
                 gboolean  insert,
                 GError  **error)
{
  sqlite3_stmt *stmt;

  if (insert)
    stmt = sb_database_prepare (self->db,
                                "INSERT INTO stories (title, situation, task, action, result, learning, notes,"
                                "  status, is_example, updated_at, uuid, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                error);
  else
    stmt = sb_database_prepare (self->db,
                                "UPDATE stories SET title = ?1, situation = ?2, task = ?3, action = ?4,"
                                "  result = ?5, learning = ?6, notes = ?7, status = ?8, is_example = ?9,"
                                "  updated_at = ?10 WHERE id = ?11",
                                error);
  if (stmt == NULL)
    return FALSE;

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    sqlite3_bind_text (stmt, 1 + f, sb_story_get_field (story, f), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, sb_story_get_status (story));
  sqlite3_bind_int (stmt, 9, sb_story_get_is_example (story));
  sqlite3_bind_int64 (stmt, 10, sb_story_get_updated (story));
  if (insert)
    {
      sqlite3_bind_text (stmt, 11, sb_story_get_uuid (story), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 12, sb_story_get_created (story));
    }
  else
    sqlite3_bind_int64 (stmt, 11, sb_story_get_id (story));

  return sb_database_step_done (self->db, stmt, error);
}

gboolean
sb_store_insert_story (SbStore  *self,
                       SbStory  *story,
                       GError  **error)
{
  gint64 now = now_seconds ();

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);
  g_return_val_if_fail (sb_story_get_id (story) == 0, FALSE);

  if (sb_story_get_uuid (story) == NULL || *sb_story_get_uuid (story) == '\0')
    {
      g_autofree char *uuid = g_uuid_string_random ();
      sb_story_set_uuid (story, uuid);
    }
  else if (!g_uuid_string_is_valid (sb_story_get_uuid (story)))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid story id (a UUID)"), sb_story_get_uuid (story));
      return FALSE;
    }
  else if (sb_store_find_story (self, sb_story_get_uuid (story)) != NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("A story with the id %s is already in the bank"), sb_story_get_uuid (story));
      return FALSE;
    }

  if (sb_story_get_created (story) == 0)
    sb_story_set_created (story, now);
  if (sb_story_get_updated (story) == 0)
    sb_story_set_updated (story, sb_story_get_created (story));

  if (!write_story_row (self, story, TRUE, error))
    return FALSE;

  sb_story_set_id (story, sqlite3_last_insert_rowid (sb_database_get_handle (self->db)));
  sb_story_mark_saved (story);
  index_story (self, story);
  g_list_store_append (self->stories, story);
  return TRUE;
}

SbStory *
sb_store_create_story (SbStore     *self,
                       const char  *title,
                       GError     **error)
{
  g_autoptr(SbStory) story = sb_story_new ();

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  sb_story_set_title (story, title);
  if (!sb_store_insert_story (self, story, error))
    return NULL;
  return story;
}

gboolean
sb_store_save_story (SbStore  *self,
                     SbStory  *story,
                     GError  **error)
{
  gint64 previous;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!story_is_stored (self, story, error))
    return FALSE;

  previous = sb_story_get_updated (story);
  sb_story_set_updated (story, MAX (now_seconds (), previous));
  if (!write_story_row (self, story, FALSE, error))
    {
      sb_story_set_updated (story, previous);
      return FALSE;
    }
  sb_story_mark_saved (story);
  return TRUE;
}

struct _SbDeletedStory
{
  SbStory    *story;
  GArray     *themes;      /* SbThemeLink */
  GStrv       questions;
};

void
sb_deleted_story_free (SbDeletedStory *deleted)
{
  if (deleted == NULL)
    return;
  g_clear_object (&deleted->story);
  g_clear_pointer (&deleted->themes, g_array_unref);
  g_clear_pointer (&deleted->questions, g_strfreev);
  g_free (deleted);
}

static gboolean
find_story_position (SbStore *self,
                     SbStory *story,
                     guint   *position)
{
  return g_list_store_find (self->stories, story, position);
}

SbDeletedStory *
sb_store_delete_story (SbStore  *self,
                       SbStory  *story,
                       GError  **error)
{
  SbDeletedStory *deleted;
  sqlite3_stmt *stmt;
  guint position;
  gint64 id;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  if (!story_is_stored (self, story, error))
    return NULL;

  stmt = sb_database_prepare (self->db, "DELETE FROM stories WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  if (!sb_database_step_done (self->db, stmt, error))
    return NULL;

  deleted = g_new0 (SbDeletedStory, 1);
  deleted->story = g_object_ref (story);
  deleted->themes = sb_store_get_story_themes (self, story);
  deleted->questions = sb_store_get_story_questions (self, story);

  id = sb_story_get_id (story);
  g_hash_table_remove (self->story_by_id, &id);
  g_hash_table_remove (self->story_by_uuid, sb_story_get_uuid (story));
  g_hash_table_remove (self->links, story);
  if (find_story_position (self, story, &position))
    g_list_store_remove (self->stories, position);
  sb_story_set_id (story, 0);

  return deleted;
}

static gboolean
restore_links (SbStore         *self,
               SbDeletedStory  *deleted,
               GError         **error)
{
  for (guint i = 0; i < deleted->themes->len; i++)
    {
      SbThemeLink *link = &g_array_index (deleted->themes, SbThemeLink, i);
      /* A theme removed meanwhile is simply not linked again. */
      if (sb_store_find_theme (self, link->theme_slug) != NULL &&
          !sb_store_set_story_theme (self, deleted->story, link->theme_slug, link->strength, error))
        return FALSE;
    }
  for (guint i = 0; deleted->questions[i] != NULL; i++)
    if (sb_store_find_question (self, deleted->questions[i]) != NULL &&
        !sb_store_set_story_question (self, deleted->story, deleted->questions[i], TRUE, error))
      return FALSE;
  return TRUE;
}

SbStory *
sb_store_restore_story (SbStore         *self,
                        SbDeletedStory  *deleted,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (deleted != NULL, NULL);

  if (!write_begin (self, &started, error))
    return NULL;
  if (!sb_store_insert_story (self, deleted->story, &local_error) ||
      !restore_links (self, deleted, &local_error))
    {
      write_end (self, started, FALSE, NULL);
      if (sb_story_get_id (deleted->story) != 0)
        {
          /* The row is gone with the rollback: take the story out of memory again. */
          gint64 id = sb_story_get_id (deleted->story);
          guint position;

          g_hash_table_remove (self->story_by_id, &id);
          g_hash_table_remove (self->story_by_uuid, sb_story_get_uuid (deleted->story));
          g_hash_table_remove (self->links, deleted->story);
          if (find_story_position (self, deleted->story, &position))
            g_list_store_remove (self->stories, position);
          sb_story_set_id (deleted->story, 0);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!write_end (self, started, TRUE, error))
    return NULL;
  return deleted->story;
}

/* Each word becomes a quoted prefix term, so punctuation in what the person
 * types can never be read as FTS5 syntax. */
static char *
build_match_query (const char *query)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  words = g_str_tokenize_and_fold (query, NULL, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }
  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

GPtrArray *
sb_store_search_stories (SbStore     *self,
                         const char  *query,
                         GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  g_autofree char *title_match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  match = build_match_query (query != NULL ? query : "");
  if (match == NULL)
    {
      for (guint i = 0; i < sb_store_get_n_stories (self); i++)
        g_ptr_array_add (results, g_list_model_get_item (G_LIST_MODEL (self->stories), i));
      return g_steal_pointer (&results);
    }

  /* Stories whose title has every word come first, then bm25 within each
   * group. Weights alone cannot promise that: bm25 scales by the length of
   * the whole story, so a long story's title hit would sink below a short
   * story that repeats the word in its body. */
  title_match = g_strdup_printf ("{title} : (%s)", match);
  stmt = sb_database_prepare (self->db,
                              "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?1 "
                              "ORDER BY rowid IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?2) DESC,"
                              "         bm25 (stories_fts, 10.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.0)",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title_match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      SbStory *story = g_hash_table_lookup (self->story_by_id, &id);

      if (story != NULL)
        g_ptr_array_add (results, g_object_ref (story));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sb_database_set_error (self->db, error, _("The search failed"));
      return NULL;
    }
  return g_steal_pointer (&results);
}

/* ---- theme links ---------------------------------------------------- */

gboolean
sb_store_set_story_theme (SbStore     *self,
                          SbStory     *story,
                          const char  *theme_slug,
                          SbStrength   strength,
                          GError     **error)
{
  StoryLinks *links;
  SbTheme *theme;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!story_is_stored (self, story, error))
    return FALSE;
  theme = sb_store_find_theme (self, theme_slug);
  if (theme == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no theme “%s”"), theme_slug);
      return FALSE;
    }
  if (strength != SB_STRENGTH_NONE && strength != SB_STRENGTH_PRIMARY &&
      strength != SB_STRENGTH_SECONDARY)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("%d is not a link strength"), strength);
      return FALSE;
    }

  links = get_links (self, story);
  if (GPOINTER_TO_INT (g_hash_table_lookup (links->themes, theme)) == (int) strength)
    return TRUE;

  if (strength == SB_STRENGTH_NONE)
    stmt = sb_database_prepare (self->db,
                                "DELETE FROM story_themes WHERE story_id = ?1 AND theme_id = ?2",
                                error);
  else
    stmt = sb_database_prepare (self->db,
                                "INSERT INTO story_themes (story_id, theme_id, strength) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT (story_id, theme_id) DO UPDATE SET strength = excluded.strength",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  sqlite3_bind_int64 (stmt, 2, sb_theme_get_id (theme));
  if (strength != SB_STRENGTH_NONE)
    sqlite3_bind_int (stmt, 3, strength);
  if (!sb_database_step_done (self->db, stmt, error))
    return FALSE;

  if (strength == SB_STRENGTH_NONE)
    g_hash_table_remove (links->themes, theme);
  else
    g_hash_table_insert (links->themes, theme, GINT_TO_POINTER (strength));

  g_signal_emit (self, signals[STORY_LINKS_CHANGED], 0, story);
  return TRUE;
}

SbStrength
sb_store_get_story_theme (SbStore    *self,
                          SbStory    *story,
                          const char *theme_slug)
{
  StoryLinks *links;
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_STORE (self), SB_STRENGTH_NONE);

  links = g_hash_table_lookup (self->links, story);
  theme = g_hash_table_lookup (self->theme_by_slug, theme_slug);
  if (links == NULL || theme == NULL)
    return SB_STRENGTH_NONE;
  return GPOINTER_TO_INT (g_hash_table_lookup (links->themes, theme));
}

static void
theme_link_clear (SbThemeLink *link)
{
  g_free (link->theme_slug);
}

typedef struct
{
  guint       order;
  SbTheme    *theme;
  SbStrength  strength;
} OrderedLink;

static int
compare_ordered_link (gconstpointer a,
                      gconstpointer b)
{
  const OrderedLink *la = a, *lb = b;
  return (la->order > lb->order) - (la->order < lb->order);
}

GArray *
sb_store_get_story_themes (SbStore *self,
                           SbStory *story)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SbThemeLink));
  g_autoptr(GArray) ordered = g_array_new (FALSE, FALSE, sizeof (OrderedLink));
  StoryLinks *links;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SB_IS_STORE (self), result);
  g_array_set_clear_func (result, (GDestroyNotify) theme_link_clear);

  links = g_hash_table_lookup (self->links, story);
  if (links == NULL)
    return result;

  g_hash_table_iter_init (&iter, links->themes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      OrderedLink link = {
        GPOINTER_TO_UINT (g_hash_table_lookup (self->theme_order, key)),
        key,
        GPOINTER_TO_INT (value),
      };
      g_array_append_val (ordered, link);
    }
  g_array_sort (ordered, compare_ordered_link);

  for (guint i = 0; i < ordered->len; i++)
    {
      OrderedLink *o = &g_array_index (ordered, OrderedLink, i);
      SbThemeLink link = { g_strdup (sb_theme_get_slug (o->theme)), o->strength };
      g_array_append_val (result, link);
    }
  return result;
}

static int
compare_by_strength (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SbStore *self = user_data;
  SbTheme *theme = g_object_get_data (G_OBJECT (self), "sb-sorting-theme");
  SbStory *sa = *(SbStory **) a;
  SbStory *sb = *(SbStory **) b;
  int ka = GPOINTER_TO_INT (g_hash_table_lookup (get_links (self, sa)->themes, theme));
  int kb = GPOINTER_TO_INT (g_hash_table_lookup (get_links (self, sb)->themes, theme));

  if (ka != kb)
    return ka - kb;   /* primary (1) before secondary (2) */
  return (sb_story_get_created (sa) > sb_story_get_created (sb)) -
         (sb_story_get_created (sa) < sb_story_get_created (sb));
}

GPtrArray *
sb_store_get_theme_stories (SbStore    *self,
                            const char *theme_slug)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_STORE (self), result);

  theme = sb_store_find_theme (self, theme_slug);
  if (theme == NULL)
    return result;

  for (guint i = 0; i < sb_store_get_n_stories (self); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      StoryLinks *links = g_hash_table_lookup (self->links, story);

      if (links != NULL && g_hash_table_contains (links->themes, theme))
        g_ptr_array_add (result, g_object_ref (story));
    }

  g_object_set_data (G_OBJECT (self), "sb-sorting-theme", theme);
  g_ptr_array_sort_with_data (result, compare_by_strength, self);
  g_object_set_data (G_OBJECT (self), "sb-sorting-theme", NULL);
  return result;
}

/* ---- catalog -------------------------------------------------------- */

GListModel *
sb_store_get_frameworks (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->frameworks);
}

SbFramework *
sb_store_find_framework (SbStore    *self,
                         const char *slug)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->frameworks)); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (G_LIST_MODEL (self->frameworks), i);
      if (g_strcmp0 (sb_framework_get_slug (framework), slug) == 0)
        return framework;   /* the list still holds it */
    }
  return NULL;
}

GListModel *
sb_store_get_themes (SbStore    *self,
                     const char *framework_slug)
{
  GListStore *list;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (framework_slug == NULL)
    return G_LIST_MODEL (self->all_themes);

  list = g_hash_table_lookup (self->themes_by_framework, framework_slug);
  if (list == NULL)
    {
      list = g_list_store_new (SB_TYPE_THEME);
      g_hash_table_insert (self->themes_by_framework, g_strdup (framework_slug), list);
    }
  return G_LIST_MODEL (list);
}

SbTheme *
sb_store_find_theme (SbStore    *self,
                     const char *slug)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  if (slug == NULL)
    return NULL;
  return g_hash_table_lookup (self->theme_by_slug, slug);
}

/* "Talking to executives!" → "talking-to-executives" */
static char *
slugify (const char *text)
{
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0' && slug->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (slug->len == 0)
    g_string_append (slug, "item");
  return g_string_free (g_steal_pointer (&slug), FALSE);
}

static char *
unique_slug (SbStore    *self,
             const char *prefix,
             const char *text,
             GHashTable *taken)
{
  g_autofree char *base = NULL;
  g_autofree char *stem = slugify (text);
  char *candidate;

  base = g_strconcat (prefix, stem, NULL);
  candidate = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (taken, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-%u", base, n);
    }
  return candidate;
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  g_autofree char *trimmed = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("The %s cannot be empty"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
reload_catalog_and_links (SbStore  *self,
                          GError  **error)
{
  /* Theme objects are replaced, and links point at them: reload both. */
  if (!load_catalog (self, error) || !load_stories (self, error))
    return FALSE;
  g_signal_emit (self, signals[CATALOG_CHANGED], 0);
  return TRUE;
}

SbFramework *
sb_store_add_framework (SbStore     *self,
                        const char  *slug,
                        const char  *name,
                        const char  *description,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!check_text (slug, _("framework id"), error) || !check_text (name, _("framework name"), error))
    return NULL;
  if (sb_store_find_framework (self, slug) != NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("A framework with the id “%s” already exists"), slug);
      return NULL;
    }

  stmt = sb_database_prepare (self->db,
                              "INSERT INTO frameworks (slug, name, description, position, builtin) "
                              "VALUES (?1, ?2, ?3, (SELECT coalesce (max (position), 0) + 1 FROM frameworks), 0)",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, description != NULL ? description : "", -1, SQLITE_STATIC);
  if (!sb_database_step_done (self->db, stmt, error))
    return NULL;

  if (!reload_catalog_and_links (self, error))
    return NULL;
  return sb_store_find_framework (self, slug);
}

SbTheme *
sb_store_add_theme_with_slug (SbStore     *self,
                              const char  *framework_slug,
                              const char  *slug,
                              const char  *name,
                              const char  *description,
                              GError     **error)
{
  SbFramework *framework;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!check_text (slug, _("theme id"), error) || !check_text (name, _("theme name"), error))
    return NULL;
  framework = sb_store_find_framework (self, framework_slug);
  if (framework == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no framework “%s”"), framework_slug);
      return NULL;
    }
  if (sb_store_find_theme (self, slug) != NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("A theme with the id “%s” already exists"), slug);
      return NULL;
    }

  stmt = sb_database_prepare (self->db,
                              "INSERT INTO themes (framework_id, slug, name, description, position, builtin) "
                              "VALUES (?1, ?2, ?3, ?4, (SELECT coalesce (max (position), 0) + 1 FROM themes "
                              "                         WHERE framework_id = ?1), 0)",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sb_framework_get_id (framework));
  sqlite3_bind_text (stmt, 2, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, description != NULL ? description : "", -1, SQLITE_STATIC);
  if (!sb_database_step_done (self->db, stmt, error))
    return NULL;

  if (!reload_catalog_and_links (self, error))
    return NULL;
  return sb_store_find_theme (self, slug);
}

SbTheme *
sb_store_add_theme (SbStore     *self,
                    const char  *framework_slug,
                    const char  *name,
                    const char  *description,
                    GError     **error)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!check_text (name, _("theme name"), error))
    return NULL;
  slug = unique_slug (self, "my-", name, self->theme_by_slug);
  return sb_store_add_theme_with_slug (self, framework_slug, slug, name, description, error);
}

gboolean
sb_store_update_theme (SbStore     *self,
                       SbTheme     *theme,
                       const char  *name,
                       const char  *description,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_THEME (theme), FALSE);

  if (!check_text (name, _("theme name"), error))
    return FALSE;
  if (sb_store_find_theme (self, sb_theme_get_slug (theme)) != theme)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The theme “%s” is not in this bank"), sb_theme_get_name (theme));
      return FALSE;
    }

  stmt = sb_database_prepare (self->db,
                              "UPDATE themes SET name = ?1, description = ?2, edited = builtin WHERE id = ?3",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, description != NULL ? description : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, sb_theme_get_id (theme));
  if (!sb_database_step_done (self->db, stmt, error))
    return FALSE;

  return reload_catalog_and_links (self, error);
}

SbTheme *
sb_store_add_own_theme (SbStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!check_text (name, _("theme name"), error))
    return NULL;
  if (sb_store_find_framework (self, SB_STORE_OWN_FRAMEWORK) == NULL &&
      sb_store_add_framework (self, SB_STORE_OWN_FRAMEWORK, _("Your themes"),
                              _("Themes you added yourself."), error) == NULL)
    return NULL;
  return sb_store_add_theme (self, SB_STORE_OWN_FRAMEWORK, name, "", error);
}

gboolean
sb_store_delete_theme (SbStore     *self,
                       SbTheme     *theme,
                       GError     **error)
{
  g_autoptr(GPtrArray) linked = NULL;
  g_autofree char *framework_slug = NULL;
  SbFramework *framework;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_THEME (theme), FALSE);

  if (sb_store_find_theme (self, sb_theme_get_slug (theme)) != theme)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The theme “%s” is not in this bank"), sb_theme_get_name (theme));
      return FALSE;
    }
  if (sb_theme_get_builtin (theme))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("“%s” comes with Storybank and cannot be deleted; rename it instead"),
                   sb_theme_get_name (theme));
      return FALSE;
    }

  linked = sb_store_get_theme_stories (self, sb_theme_get_slug (theme));
  framework_slug = g_strdup (sb_theme_get_framework_slug (theme));
  framework = sb_store_find_framework (self, framework_slug);

  if (!sb_database_begin (self->db, error))
    return FALSE;
  /* Links to stories and questions go with it (ON DELETE CASCADE). */
  stmt = sb_database_prepare (self->db, "DELETE FROM themes WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, sb_theme_get_id (theme));
      if (!sb_database_step_done (self->db, stmt, error))
        stmt = NULL;
    }
  if (stmt != NULL && framework != NULL && !sb_framework_get_builtin (framework))
    {
      stmt = sb_database_prepare (self->db,
                                  "DELETE FROM frameworks WHERE id = ?1 AND NOT builtin AND "
                                  "NOT EXISTS (SELECT 1 FROM themes WHERE framework_id = ?1)",
                                  error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, sb_framework_get_id (framework));
          if (!sb_database_step_done (self->db, stmt, error))
            stmt = NULL;
        }
    }
  if (stmt == NULL)
    {
      sb_database_rollback (self->db);
      return FALSE;
    }
  if (!sb_database_commit (self->db, error))
    return FALSE;

  if (!reload_catalog_and_links (self, error))
    return FALSE;
  for (guint i = 0; i < linked->len; i++)
    g_signal_emit (self, signals[STORY_LINKS_CHANGED], 0, linked->pdata[i]);
  return TRUE;
}

GListModel *
sb_store_get_questions (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->questions);
}

SbQuestion *
sb_store_find_question (SbStore    *self,
                        const char *slug)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  if (slug == NULL)
    return NULL;
  return g_hash_table_lookup (self->question_by_slug, slug);
}

static gboolean
write_question_themes (SbStore             *self,
                       gint64               question_id,
                       const char * const  *theme_slugs,
                       GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = sb_database_prepare (self->db, "DELETE FROM question_themes WHERE question_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, question_id);
  if (!sb_database_step_done (self->db, stmt, error))
    return FALSE;

  for (guint i = 0; theme_slugs != NULL && theme_slugs[i] != NULL; i++)
    {
      SbTheme *theme = sb_store_find_theme (self, theme_slugs[i]);

      if (theme == NULL)
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("There is no theme “%s”"), theme_slugs[i]);
          return FALSE;
        }
      stmt = sb_database_prepare (self->db,
                                  "INSERT OR IGNORE INTO question_themes (question_id, theme_id) VALUES (?1, ?2)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, question_id);
      sqlite3_bind_int64 (stmt, 2, sb_theme_get_id (theme));
      if (!sb_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
find_question_position (SbStore    *self,
                        SbQuestion *question,
                        guint      *position)
{
  return g_list_store_find (self->questions, question, position);
}

SbQuestion *
sb_store_add_question_with_slug (SbStore             *self,
                                 const char          *slug,
                                 const char          *text,
                                 const char          *listen_for,
                                 const char * const  *theme_slugs,
                                 GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbQuestion) question = NULL;
  sqlite3_stmt *stmt;
  gboolean started;
  gint64 id;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!check_text (slug, _("question id"), error) || !check_text (text, _("question"), error))
    return NULL;
  if (sb_store_find_question (self, slug) != NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("A question with the id “%s” already exists"), slug);
      return NULL;
    }

  if (!write_begin (self, &started, error))
    return NULL;
  stmt = sb_database_prepare (self->db,
                              "INSERT INTO questions (slug, text, listen_for, position, builtin) "
                              "VALUES (?1, ?2, ?3, (SELECT coalesce (max (position), 0) + 1 FROM questions), 0)",
                              &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, listen_for != NULL ? listen_for : "", -1, SQLITE_STATIC);
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error))
    {
      write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  id = sqlite3_last_insert_rowid (sb_database_get_handle (self->db));
  if (!write_question_themes (self, id, theme_slugs, &local_error) ||
      !write_end (self, started, TRUE, &local_error))
    {
      write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  question = load_question (self, id);
  if (question == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The new question could not be read back"));
      return NULL;
    }
  g_list_store_append (self->questions, question);
  g_hash_table_insert (self->question_by_slug, (gpointer) sb_question_get_slug (question), question);
  g_signal_emit (self, signals[CATALOG_CHANGED], 0);
  return question;
}

SbQuestion *
sb_store_add_question (SbStore             *self,
                       const char          *text,
                       const char          *listen_for,
                       const char * const  *theme_slugs,
                       GError             **error)
{
  g_autofree char *slug = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!check_text (text, _("question"), error))
    return NULL;
  {
    /* Hidden questions keep their slugs taken too. */
    g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    sqlite3_stmt *stmt = sb_database_prepare (self->db, "SELECT slug FROM questions", error);

    if (stmt == NULL)
      return NULL;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (taken, g_strdup (column_text (stmt, 0)));
    sqlite3_reset (stmt);
    slug = unique_slug (self, "my-q-", text, taken);
  }
  return sb_store_add_question_with_slug (self, slug, text, listen_for, theme_slugs, error);
}

gboolean
sb_store_update_question (SbStore             *self,
                          SbQuestion          *question,
                          const char          *text,
                          const char          *listen_for,
                          const char * const  *theme_slugs,
                          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbQuestion) updated = NULL;
  sqlite3_stmt *stmt;
  gboolean started;
  guint position;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_QUESTION (question), FALSE);

  if (!check_text (text, _("question"), error))
    return FALSE;
  if (!find_question_position (self, question, &position))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The question is not in this bank"));
      return FALSE;
    }

  if (!write_begin (self, &started, error))
    return FALSE;
  stmt = sb_database_prepare (self->db,
                              "UPDATE questions SET text = ?1, listen_for = ?2, edited = builtin WHERE id = ?3",
                              &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, listen_for != NULL ? listen_for : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, sb_question_get_id (question));
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error) ||
      !write_question_themes (self, sb_question_get_id (question), theme_slugs, &local_error) ||
      !write_end (self, started, TRUE, &local_error))
    {
      write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  updated = load_question (self, sb_question_get_id (question));
  if (updated == NULL)
    return TRUE;
  g_hash_table_replace (self->question_by_slug, (gpointer) sb_question_get_slug (updated), updated);
  g_list_store_splice (self->questions, position, 1, (gpointer *) &updated, 1);
  g_signal_emit (self, signals[CATALOG_CHANGED], 0);
  return TRUE;
}

gboolean
sb_store_delete_question (SbStore     *self,
                          SbQuestion  *question,
                          GError     **error)
{
  g_autoptr(SbQuestion) keep = NULL;
  g_autofree char *slug = NULL;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;
  guint position;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_QUESTION (question), FALSE);

  if (!find_question_position (self, question, &position))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The question is not in this bank"));
      return FALSE;
    }

  /* A shipped question is hidden, not deleted, so the next catalog merge
   * does not bring it back. */
  if (sb_question_get_builtin (question))
    stmt = sb_database_prepare (self->db, "UPDATE questions SET hidden = 1 WHERE id = ?1", error);
  else
    stmt = sb_database_prepare (self->db, "DELETE FROM questions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sb_question_get_id (question));
  if (!sb_database_step_done (self->db, stmt, error))
    return FALSE;

  keep = g_object_ref (question);
  slug = g_strdup (sb_question_get_slug (question));
  g_hash_table_remove (self->question_by_slug, slug);
  g_list_store_remove (self->questions, position);

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_remove (((StoryLinks *) value)->questions, slug);

  g_signal_emit (self, signals[CATALOG_CHANGED], 0);
  return TRUE;
}

GStrv
sb_store_get_deleted_questions (SbStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = sb_database_prepare (self->db,
                              "SELECT slug FROM questions WHERE hidden AND builtin ORDER BY position, id",
                              NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (builder);
}

/* ---- question links ------------------------------------------------- */

gboolean
sb_store_set_story_question (SbStore     *self,
                             SbStory     *story,
                             const char  *question_slug,
                             gboolean     linked,
                             GError     **error)
{
  SbQuestion *question;
  StoryLinks *links;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!story_is_stored (self, story, error))
    return FALSE;
  question = sb_store_find_question (self, question_slug);
  if (question == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no question “%s”"), question_slug);
      return FALSE;
    }

  links = get_links (self, story);
  if (!!g_hash_table_contains (links->questions, question_slug) == !!linked)
    return TRUE;

  if (linked)
    stmt = sb_database_prepare (self->db,
                                "INSERT OR IGNORE INTO story_questions (story_id, question_id) VALUES (?1, ?2)",
                                error);
  else
    stmt = sb_database_prepare (self->db,
                                "DELETE FROM story_questions WHERE story_id = ?1 AND question_id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  sqlite3_bind_int64 (stmt, 2, sb_question_get_id (question));
  if (!sb_database_step_done (self->db, stmt, error))
    return FALSE;

  if (linked)
    g_hash_table_add (links->questions, g_strdup (question_slug));
  else
    g_hash_table_remove (links->questions, question_slug);

  g_signal_emit (self, signals[STORY_LINKS_CHANGED], 0, story);
  return TRUE;
}

GPtrArray *
sb_store_get_question_stories (SbStore    *self,
                               const char *question_slug)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SB_IS_STORE (self), result);

  for (guint i = 0; i < sb_store_get_n_stories (self); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      StoryLinks *links = g_hash_table_lookup (self->links, story);

      if (links != NULL && g_hash_table_contains (links->questions, question_slug))
        g_ptr_array_add (result, g_object_ref (story));
    }
  return result;
}

static int
compare_question_order (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  SbStore *self = user_data;
  guint pa = G_MAXUINT, pb = G_MAXUINT;
  SbQuestion *qa = sb_store_find_question (self, *(const char **) a);
  SbQuestion *qb = sb_store_find_question (self, *(const char **) b);

  if (qa != NULL)
    find_question_position (self, qa, &pa);
  if (qb != NULL)
    find_question_position (self, qb, &pb);
  return (pa > pb) - (pa < pb);
}

GStrv
sb_store_get_story_questions (SbStore *self,
                              SbStory *story)
{
  g_autoptr(GPtrArray) slugs = g_ptr_array_new ();
  StoryLinks *links;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  links = g_hash_table_lookup (self->links, story);
  if (links != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, links->questions);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (slugs, g_strdup (key));
    }
  g_ptr_array_sort_with_data (slugs, compare_question_order, self);
  g_ptr_array_add (slugs, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&slugs), FALSE);
}

/* ---- bank settings -------------------------------------------------- */

char *
sb_store_get_person_name (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return sb_database_get_meta (self->db, "person-name");
}

gboolean
sb_store_set_person_name (SbStore     *self,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (name != NULL)
    trimmed = g_strstrip (g_strdup (name));
  return sb_database_set_meta (self->db, "person-name",
                               trimmed != NULL && *trimmed != '\0' ? trimmed : NULL, error);
}
