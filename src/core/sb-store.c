/* sb-store.c — the store itself: opening a bank, its stories and their theme links
 *
 * The store is one object split by concern over files that share
 * sb-store-private.h: the catalog (frameworks and themes) is in
 * sb-store-catalog.c, questions and which stories answer them in
 * sb-store-questions.c, reading the stories from the bank in
 * sb-store-load.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-store-private.h"

G_DEFINE_FINAL_TYPE (SbStore, sb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-store-error-quark, sb_store_error)

guint _sb_store_signals[N_SIGNALS];

static void
story_links_free (StoryLinks *links)
{
  g_free (links->themes);
  g_free (links->questions);
  g_free (links);
}

SbStrength
_sb_story_links_get_theme (const StoryLinks *links,
                           SbTheme          *theme)
{
  for (guint i = 0; i < links->n_themes; i++)
    if (links->themes[i].theme == theme)
      return links->themes[i].strength;
  return SB_STRENGTH_NONE;
}

void
_sb_story_links_set_theme (StoryLinks *links,
                           SbTheme    *theme,
                           SbStrength  strength)
{
  for (guint i = 0; i < links->n_themes; i++)
    if (links->themes[i].theme == theme)
      {
        if (strength != SB_STRENGTH_NONE)
          links->themes[i].strength = strength;
        else
          links->themes[i] = links->themes[--links->n_themes];
        return;
      }
  if (strength == SB_STRENGTH_NONE)
    return;
  links->themes = g_renew (StoryTheme, links->themes, links->n_themes + 1);
  links->themes[links->n_themes++] = (StoryTheme) { theme, strength };
}

gboolean
_sb_story_links_has_question (const StoryLinks *links,
                              const char       *slug)
{
  for (guint i = 0; i < links->n_questions; i++)
    if (strcmp (links->questions[i], slug) == 0)
      return TRUE;
  return FALSE;
}

void
_sb_story_links_set_question (StoryLinks *links,
                              const char *slug,
                              gboolean    linked)
{
  for (guint i = 0; i < links->n_questions; i++)
    if (strcmp (links->questions[i], slug) == 0)
      {
        if (!linked)
          links->questions[i] = links->questions[--links->n_questions];
        return;
      }
  if (!linked)
    return;
  links->questions = g_renew (const char *, links->questions, links->n_questions + 1);
  links->questions[links->n_questions++] = g_intern_string (slug);
}

static void
add_to_reverse (GHashTable *map,
                gpointer    key,
                SbStory    *story)
{
  GPtrArray *linked = g_hash_table_lookup (map, key);

  if (linked == NULL)
    {
      linked = g_ptr_array_new ();
      g_hash_table_insert (map, key, linked);
    }
  g_ptr_array_add (linked, story);
}

/* One pass over the bank's stories, in order, after any change of links. */
void
_sb_store_ensure_reverse (SbStore *self)
{
  guint n;

  if (self->reverse_serial == self->links_serial)
    return;
  g_hash_table_remove_all (self->stories_by_theme);
  g_hash_table_remove_all (self->stories_by_question);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->stories));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      StoryLinks *links = g_hash_table_lookup (self->links, story);

      if (links == NULL)
        continue;
      for (guint t = 0; t < links->n_themes; t++)
        {
          GArray *linked = g_hash_table_lookup (self->stories_by_theme, links->themes[t].theme);
          SbStoryLink link = { story, links->themes[t].strength };

          if (linked == NULL)
            {
              linked = g_array_new (FALSE, FALSE, sizeof (SbStoryLink));
              g_hash_table_insert (self->stories_by_theme, links->themes[t].theme, linked);
            }
          g_array_append_val (linked, link);
        }
      for (guint q = 0; q < links->n_questions; q++)
        add_to_reverse (self->stories_by_question, (gpointer) links->questions[q], story);
    }
  self->reverse_serial = self->links_serial;
}

StoryLinks *
_sb_store_get_links (SbStore *self,
                     SbStory *story)
{
  StoryLinks *links = g_hash_table_lookup (self->links, story);

  if (links == NULL)
    {
      links = g_new0 (StoryLinks, 1);
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

  /* What is still unsaved gets its last chance. */
  if (self->unsaved != NULL && self->db != NULL)
    sb_store_save_pending (self, NULL);
  _sb_store_unwatch_stories (self);
  g_clear_pointer (&self->stories_by_theme, g_hash_table_unref);
  g_clear_pointer (&self->stories_by_question, g_hash_table_unref);
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
  _sb_store_sync_dispose (self);
  _sb_store_history_dispose (self);
  _sb_store_applications_dispose (self);
  /* Before the main connection: closing the last one empties the WAL. */
  _sb_store_search_dispose (self);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sb_store_parent_class)->dispose (object);
}

static void
sb_store_class_init (SbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_store_dispose;

  _sb_store_signals[STORY_LINKS_CHANGED] =
    g_signal_new ("story-links-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_STORY);
  _sb_store_signals[CATALOG_CHANGED] =
    g_signal_new ("catalog-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _sb_store_signals[STORIES_RELOADED] =
    g_signal_new ("stories-reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _sb_store_signals[SAVE_STATE_CHANGED] =
    g_signal_new ("save-state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_STORY);
  _sb_store_signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SB_TYPE_STORY, G_TYPE_ERROR);
  _sb_store_signals[HISTORY_CHANGED] =
    g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _sb_store_signals[CHANGED_ELSEWHERE] =
    g_signal_new ("changed-elsewhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SB_TYPE_STORY);
  _sb_store_signals[PRACTICE_LOGGED] =
    g_signal_new ("practice-logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _sb_store_signals[APPLICATIONS_CHANGED] =
    g_signal_new ("applications-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
sb_store_notify_practice_logged (SbStore *self)
{
  g_return_if_fail (SB_IS_STORE (self));
  g_signal_emit (self, _sb_store_signals[PRACTICE_LOGGED], 0);
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

  self->stories_by_theme = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->stories_by_question = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref);
  self->links_serial = 1;

  _sb_store_sync_init (self);
  _sb_store_history_init (self);
  _sb_store_applications_init (self);
}

SbStore *
sb_store_new_for_database (SbDatabase  *db,
                           GError     **error)
{
  g_autoptr(SbStore) self = NULL;

  g_return_val_if_fail (SB_IS_DATABASE (db), NULL);

  /* A read-only bank is shown as it is: merging the shipped catalog would
   * be a write. */
  if (!sb_database_is_read_only (db) && !sb_catalog_merge_builtin (db, error))
    return NULL;

  self = g_object_new (SB_TYPE_STORE, NULL);
  self->db = g_object_ref (db);

  if (!_sb_store_load_catalog (self, error) || !_sb_store_load_stories (self, error) ||
      !_sb_store_read_data_version (self, &self->data_version, error))
    return NULL;
  self->emit_applications = FALSE;   /* nobody watches a store being opened */

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

SbStore *
sb_store_open_deferring_check (const char  *path,
                               GError     **error)
{
  g_autoptr(SbDatabase) db = sb_database_open_deferring_check (path, error);

  if (db == NULL)
    return NULL;
  return sb_store_new_for_database (db, error);
}

gboolean
sb_store_is_read_only (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), TRUE);
  return sb_database_is_read_only (self->db);
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
gboolean
_sb_store_write_begin (SbStore   *self,
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

gboolean
_sb_store_write_end (SbStore   *self,
                     gboolean   started,
                     gboolean   ok,
                     GError   **error)
{
  if (!started)
    return ok;
  if (!ok)
    {
      sb_database_rollback (self->db);
      _sb_store_flush_catalog (self);
      return FALSE;
    }
  ok = sb_database_commit (self->db, error);
  _sb_store_flush_catalog (self);
  return ok;
}

typedef struct
{
  SbStory      *story;
  SbStoryState *state;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_object (&snapshot->story);
  g_clear_pointer (&snapshot->state, sb_story_state_free);
}

gboolean
sb_store_run_in_transaction (SbStore                *self,
                             SbStoreTransactionFunc  func,
                             gpointer                user_data,
                             GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) snapshots = NULL;
  guint n_stories;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (!sb_database_in_transaction (self->db), FALSE);

  if (!sb_database_begin (self->db, error))
    return FALSE;
  /* Start from what others committed meanwhile, and write with it in view. */
  if (!_sb_store_sync_in_write (self, error))
    {
      sb_database_rollback (self->db);
      _sb_store_emit_pending (self);
      return FALSE;
    }

  /* What memory held before, to put back if the bank refuses the change:
   * func may change story objects before a later step fails. */
  n_stories = g_list_model_get_n_items (G_LIST_MODEL (self->stories));
  snapshots = g_array_sized_new (FALSE, FALSE, sizeof (Snapshot), n_stories);
  g_array_set_clear_func (snapshots, (GDestroyNotify) snapshot_clear);
  for (guint i = 0; i < n_stories; i++)
    {
      Snapshot snapshot;

      snapshot.story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      snapshot.state = sb_story_save_state (snapshot.story);
      g_array_append_val (snapshots, snapshot);
    }

  if (func (self, user_data, &local_error) && sb_database_commit (self->db, &local_error))
    {
      _sb_store_emit_pending (self);
      return TRUE;
    }

  /* Put memory back in step with what the bank still holds: every story as
   * it was (with the person's unsaved edits, which were never the bank's),
   * and the stories the change added gone again. */
  sb_database_rollback (self->db);
  self->loading = TRUE;
  for (guint i = 0; i < snapshots->len; i++)
    {
      Snapshot *snapshot = &g_array_index (snapshots, Snapshot, i);
      sb_story_restore_state (snapshot->story, snapshot->state);
    }
  self->loading = FALSE;
  if (!_sb_store_load_catalog (self, NULL) || !_sb_store_load_stories (self, NULL))
    g_warning ("Could not reload the bank after a rolled-back change");
  self->emit_reload = TRUE;
  _sb_store_emit_pending (self);

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
sb_store_reload (SbStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (!_sb_store_load_catalog (self, error) || !_sb_store_load_stories (self, error))
    return FALSE;
  _sb_store_catalog_changed (self);
  g_signal_emit (self, _sb_store_signals[STORIES_RELOADED], 0);
  _sb_store_emit_applications (self);
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

gboolean
_sb_store_story_is_stored (SbStore  *self,
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
                                "INSERT INTO stories (" STORY_FIELD_COLUMNS ","
                                "  status, is_example, updated_at, uuid, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                "  ?13, ?14, ?15, ?16, ?17)",
                                error);
  else
    stmt = sb_database_prepare (self->db,
                                "UPDATE stories SET title = ?1, situation = ?2, task = ?3, action = ?4,"
                                "  result = ?5, learning = ?6, notes = ?7, cue_situation = ?8,"
                                "  cue_task = ?9, cue_action = ?10, cue_result = ?11, cue_learning = ?12,"
                                "  status = ?13, is_example = ?14, updated_at = ?15 WHERE id = ?16",
                                error);
  if (stmt == NULL)
    return FALSE;

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    sqlite3_bind_text (stmt, 1 + f, sb_story_get_field (story, f), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, SB_STORY_N_FIELDS + 1, sb_story_get_status (story));
  sqlite3_bind_int (stmt, SB_STORY_N_FIELDS + 2, sb_story_get_is_example (story));
  sqlite3_bind_int64 (stmt, SB_STORY_N_FIELDS + 3, sb_story_get_updated (story));
  if (insert)
    {
      sqlite3_bind_text (stmt, SB_STORY_N_FIELDS + 4, sb_story_get_uuid (story), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, SB_STORY_N_FIELDS + 5, sb_story_get_created (story));
    }
  else
    sqlite3_bind_int64 (stmt, SB_STORY_N_FIELDS + 4, sb_story_get_id (story));

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
  _sb_store_index_story (self, story);
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

/* Writes the columns of @story that differ from the bank's copy, inside a
 * write transaction that first takes in what others committed, so the
 * write never undoes their change to another field. A story whose row
 * another program deleted while the person was typing into it is written
 * back as a new row with the same id: the text is not lost. */
gboolean
_sb_store_write_story (SbStore  *self,
                       SbStory  *story,
                       GError  **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean started;
  gboolean inserted = FALSE;
  guint mask;
  guint n = 0;
  gint64 previous = sb_story_get_updated (story);
  gint64 now;

  if (!_sb_store_write_begin (self, &started, error))
    return FALSE;
  if (started && !_sb_store_sync_in_write (self, &local_error))
    goto failed;

  mask = sb_story_get_dirty_mask (story);
  if (mask == 0)
    return _sb_store_write_end (self, started, TRUE, error);

  now = MAX (now_seconds (), previous);

  if (sb_story_get_id (story) == 0)
    {
      /* Deleted elsewhere with unsaved text in it: bring the row back. */
      if (sb_story_get_created (story) == 0)
        sb_story_set_created (story, now);
      sb_story_set_updated (story, now);
      if (!write_story_row (self, story, TRUE, &local_error))
        goto failed;
      sb_story_set_id (story, sqlite3_last_insert_rowid (sb_database_get_handle (self->db)));
      _sb_store_index_story (self, story);
      inserted = TRUE;
    }
  else
    {
      sql = g_string_new ("UPDATE stories SET ");
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        if (mask & (1u << f))
          g_string_append_printf (sql, "%s = ?%u, ", sb_story_field_to_string (f), ++n);
      if (mask & SB_STORY_DIRTY_STATUS)
        g_string_append_printf (sql, "status = ?%u, ", ++n);
      g_string_append_printf (sql, "updated_at = ?%u WHERE id = ?%u", n + 1, n + 2);

      stmt = sb_database_prepare (self->db, sql->str, &local_error);
      if (stmt == NULL)
        goto failed;
      n = 0;
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        if (mask & (1u << f))
          sqlite3_bind_text (stmt, ++n, sb_story_get_field (story, f), -1, SQLITE_STATIC);
      if (mask & SB_STORY_DIRTY_STATUS)
        sqlite3_bind_int (stmt, ++n, sb_story_get_status (story));
      sqlite3_bind_int64 (stmt, n + 1, now);
      sqlite3_bind_int64 (stmt, n + 2, sb_story_get_id (story));
      if (!sb_database_step_done (self->db, stmt, &local_error))
        goto failed;
      if (sqlite3_changes (sb_database_get_handle (self->db)) != 1)
        {
          g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("The story “%s” is no longer in the bank, so the change was not written"),
                       sb_story_get_display_title (story));
          goto failed;
        }
    }

  if (!_sb_store_write_end (self, started, TRUE, &local_error))
    {
      if (inserted)
        {
          gint64 id = sb_story_get_id (story);

          g_hash_table_remove (self->story_by_id, &id);
          sb_story_set_id (story, 0);
        }
      sb_story_set_updated (story, previous);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  sb_story_set_updated (story, now);
  sb_story_mark_saved (story);
  return TRUE;

failed:
  _sb_store_write_end (self, started, FALSE, NULL);
  sb_story_set_updated (story, previous);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
sb_store_update_story_from (SbStore            *self,
                            SbStory            *story,
                            const char * const *fields,
                            int                 status,
                            int                 is_example,
                            gboolean           *out_changed,
                            GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE stories SET ");
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean started;
  guint mask = 0;
  guint n = 0;
  gint64 now;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  *out_changed = FALSE;
  if (!_sb_store_story_is_stored (self, story, error))
    return FALSE;

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    if (fields[f] != NULL && strcmp (fields[f], sb_story_get_saved_field (story, f)) != 0)
      mask |= 1u << f;
  if (status >= 0 && (SbStoryStatus) status != sb_story_get_saved_status (story))
    mask |= SB_STORY_DIRTY_STATUS;
  /* Only a real change moves the story's "updated" time, so that importing
   * the same file twice leaves the bank as it was. */
  if (mask == 0 && (is_example < 0 || !!is_example == !!sb_story_get_is_example (story)))
    return TRUE;

  now = MAX (now_seconds (), sb_story_get_updated (story));
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    if (mask & (1u << f))
      g_string_append_printf (sql, "%s = ?%u, ", sb_story_field_to_string (f), ++n);
  if (mask & SB_STORY_DIRTY_STATUS)
    g_string_append_printf (sql, "status = ?%u, ", ++n);
  if (is_example >= 0)
    g_string_append_printf (sql, "is_example = ?%u, ", ++n);
  g_string_append_printf (sql, "updated_at = ?%u WHERE id = ?%u", n + 1, n + 2);

  if (!_sb_store_write_begin (self, &started, error))
    return FALSE;
  stmt = sb_database_prepare (self->db, sql->str, &local_error);
  if (stmt != NULL)
    {
      n = 0;
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        if (mask & (1u << f))
          sqlite3_bind_text (stmt, ++n, fields[f], -1, SQLITE_STATIC);
      if (mask & SB_STORY_DIRTY_STATUS)
        sqlite3_bind_int (stmt, ++n, status);
      if (is_example >= 0)
        sqlite3_bind_int (stmt, ++n, !!is_example);
      sqlite3_bind_int64 (stmt, n + 1, now);
      sqlite3_bind_int64 (stmt, n + 2, sb_story_get_id (story));
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error) ||
      !_sb_store_write_end (self, started, TRUE, &local_error))
    {
      _sb_store_write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (story));
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    if (mask & (1u << f))
      _sb_store_merge_field (self, story, f, fields[f]);
  if (mask & SB_STORY_DIRTY_STATUS)
    _sb_store_merge_status (self, story, status);
  if (is_example >= 0)
    sb_story_set_is_example (story, is_example);
  sb_story_set_updated (story, now);
  g_object_thaw_notify (G_OBJECT (story));
  _sb_store_emit_pending (self);

  *out_changed = TRUE;
  return TRUE;
}

typedef struct
{
  gint64 question_id;      /* 0: none */
  gint64 practiced_at;
  int    seconds;
  int    rating;           /* 0: none */
} Rehearsal;

struct _SbDeletedStory
{
  SbStory    *story;
  GArray     *themes;      /* SbThemeLink */
  GStrv       questions;
  GArray     *rehearsals;  /* Rehearsal: the practice log goes with the row */
  GArray     *drill_picks; /* gint64 ids of the drills that picked it (SET NULL) */
  SbAppLinks *app_links;   /* the requirements it proved, the rounds it was planned in */
};

void
sb_deleted_story_free (SbDeletedStory *deleted)
{
  if (deleted == NULL)
    return;
  g_clear_object (&deleted->story);
  g_clear_pointer (&deleted->themes, g_array_unref);
  g_clear_pointer (&deleted->questions, g_strfreev);
  g_clear_pointer (&deleted->rehearsals, g_array_unref);
  g_clear_pointer (&deleted->drill_picks, g_array_unref);
  g_clear_pointer (&deleted->app_links, _sb_app_links_free);
  g_free (deleted);
}

static void theme_link_clear (SbThemeLink *link);

SbDeletedStory *
_sb_deleted_story_copy (const SbDeletedStory *deleted)
{
  SbDeletedStory *copy = g_new0 (SbDeletedStory, 1);

  copy->story = g_object_ref (deleted->story);
  copy->themes = g_array_sized_new (FALSE, TRUE, sizeof (SbThemeLink), deleted->themes->len);
  g_array_set_clear_func (copy->themes, (GDestroyNotify) theme_link_clear);
  for (guint i = 0; i < deleted->themes->len; i++)
    {
      SbThemeLink link = g_array_index (deleted->themes, SbThemeLink, i);
      link.theme_slug = g_strdup (link.theme_slug);
      g_array_append_val (copy->themes, link);
    }
  copy->questions = g_strdupv (deleted->questions);
  copy->rehearsals = g_array_copy (deleted->rehearsals);
  copy->drill_picks = g_array_copy (deleted->drill_picks);
  copy->app_links = _sb_app_links_copy (deleted->app_links);
  return copy;
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
  g_autoptr(GArray) rehearsals = NULL;
  g_autoptr(GArray) drill_picks = NULL;
  SbDeletedStory *deleted;
  sqlite3_stmt *stmt;
  guint position;
  SbStep step;
  gint64 id;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  if (!_sb_store_story_is_stored (self, story, error))
    return NULL;

  /* The rehearsal log is deleted with the story (ON DELETE CASCADE): keep a
   * copy so an undo brings the person's practice history back too. */
  rehearsals = g_array_new (FALSE, TRUE, sizeof (Rehearsal));
  stmt = sb_database_prepare (self->db,
                              "SELECT question_id, practiced_at, seconds, rating FROM practice_log "
                              "WHERE story_id = ?1 ORDER BY practiced_at, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  /* A read error here would quietly drop history from the undo. */
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      Rehearsal rehearsal = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
      };
      g_array_append_val (rehearsals, rehearsal);
    }
  if (step == SB_STEP_ERROR)
    return NULL;

  /* The drills that picked it keep their row and lose the pick (ON DELETE
   * SET NULL): remember which, so an undo gives them their pick back. */
  drill_picks = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = sb_database_prepare (self->db, "SELECT id FROM question_drills WHERE story_id = ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 drill_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (drill_picks, drill_id);
    }
  if (step == SB_STEP_ERROR)
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
  deleted->rehearsals = g_steal_pointer (&rehearsals);
  deleted->drill_picks = g_steal_pointer (&drill_picks);

  id = sb_story_get_id (story);
  g_hash_table_remove (self->story_by_id, &id);
  g_hash_table_remove (self->story_by_uuid, sb_story_get_uuid (story));
  g_hash_table_remove (self->links, story);
  _sb_store_links_changed (self);
  deleted->app_links = _sb_store_applications_forget_story (self, story);
  /* Whatever was unsaved goes with the story (and comes back with undo). */
  _sb_store_forget_story (self, story);
  _sb_store_history_delete (self, story, _sb_deleted_story_copy (deleted));
  if (find_story_position (self, story, &position))
    g_list_store_remove (self->stories, position);
  sb_story_set_id (story, 0);

  /* Deleted words must not stay readable in the file: free pages are
   * zeroed (secure_delete), and the full-text index and the journal are
   * cleaned now. Inside an import's transaction that waits for its end;
   * a reader elsewhere only postpones it to the next delete. */
  if (!sb_database_in_transaction (self->db))
    {
      g_autoptr(GError) forget_error = NULL;

      if (!sb_database_forget_deleted (self->db, &forget_error))
        g_debug ("Deleted text not erased yet: %s", forget_error->message);
    }

  _sb_store_emit_applications (self);
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

  for (guint i = 0; i < deleted->rehearsals->len; i++)
    {
      Rehearsal *rehearsal = &g_array_index (deleted->rehearsals, Rehearsal, i);
      /* A question deleted meanwhile leaves the rehearsal without one. */
      sqlite3_stmt *stmt = sb_database_prepare (self->db,
                                                "INSERT INTO practice_log (story_id, question_id, practiced_at, seconds, rating) "
                                                "VALUES (?1, (SELECT id FROM questions WHERE id = ?2), ?3, ?4, ?5)",
                                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sb_story_get_id (deleted->story));
      sqlite3_bind_int64 (stmt, 2, rehearsal->question_id);
      sqlite3_bind_int64 (stmt, 3, rehearsal->practiced_at);
      sqlite3_bind_int (stmt, 4, rehearsal->seconds);
      if (rehearsal->rating > 0)
        sqlite3_bind_int (stmt, 5, rehearsal->rating);
      else
        sqlite3_bind_null (stmt, 5);
      if (!sb_database_step_done (self->db, stmt, error))
        return FALSE;
    }

  /* A drill deleted meanwhile is not brought back; one that has a pick
   * again (it cannot, today) keeps it. */
  for (guint i = 0; i < deleted->drill_picks->len; i++)
    {
      sqlite3_stmt *stmt = sb_database_prepare (self->db,
                                                "UPDATE question_drills SET story_id = ?1 "
                                                "WHERE id = ?2 AND story_id IS NULL",
                                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sb_story_get_id (deleted->story));
      sqlite3_bind_int64 (stmt, 2, g_array_index (deleted->drill_picks, gint64, i));
      if (!sb_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  return _sb_store_applications_restore_story (self, deleted->story, deleted->app_links, error);
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

  if (!_sb_store_write_begin (self, &started, error))
    return NULL;
  if (!sb_store_insert_story (self, deleted->story, &local_error) ||
      !restore_links (self, deleted, &local_error))
    {
      _sb_store_write_end (self, started, FALSE, NULL);
      if (sb_story_get_id (deleted->story) != 0)
        {
          /* The row is gone with the rollback: take the story out of memory again. */
          gint64 id = sb_story_get_id (deleted->story);
          guint position;

          g_hash_table_remove (self->story_by_id, &id);
          g_hash_table_remove (self->story_by_uuid, sb_story_get_uuid (deleted->story));
          g_hash_table_remove (self->links, deleted->story);
          _sb_store_links_changed (self);
          _sb_store_forget_story (self, deleted->story);
          if (find_story_position (self, deleted->story, &position))
            g_list_store_remove (self->stories, position);
          sb_story_set_id (deleted->story, 0);
          if (!_sb_store_load_applications (self, NULL))
            g_warning ("Could not read the applications again after a failed undo");
          _sb_store_emit_applications (self);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!_sb_store_write_end (self, started, TRUE, error))
    return NULL;
  _sb_store_emit_applications (self);
  return deleted->story;
}

/* ---- theme links ---------------------------------------------------- */

gboolean
sb_store_set_story_theme (SbStore     *self,
                          SbStory     *story,
                          const char  *theme_slug,
                          SbStrength   strength,
                          GError     **error)
{
  SbStrength before;
  StoryLinks *links;
  SbTheme *theme;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!_sb_store_story_is_stored (self, story, error))
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

  links = _sb_store_get_links (self, story);
  before = _sb_story_links_get_theme (links, theme);
  if (before == strength)
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

  _sb_story_links_set_theme (links, theme, strength);
  _sb_store_links_changed (self);

  _sb_store_history_theme (self, story, theme_slug, before, strength);
  g_signal_emit (self, _sb_store_signals[STORY_LINKS_CHANGED], 0, story);
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
  return _sb_story_links_get_theme (links, theme);
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

  g_return_val_if_fail (SB_IS_STORE (self), result);
  g_array_set_clear_func (result, (GDestroyNotify) theme_link_clear);

  links = g_hash_table_lookup (self->links, story);
  if (links == NULL)
    return result;

  for (guint i = 0; i < links->n_themes; i++)
    {
      OrderedLink link = {
        GPOINTER_TO_UINT (g_hash_table_lookup (self->theme_order, links->themes[i].theme)),
        links->themes[i].theme,
        links->themes[i].strength,
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
  int ka = _sb_story_links_get_theme (_sb_store_get_links (self, sa), theme);
  int kb = _sb_story_links_get_theme (_sb_store_get_links (self, sb), theme);

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

  _sb_store_ensure_reverse (self);
  {
    GArray *linked = g_hash_table_lookup (self->stories_by_theme, theme);

    for (guint i = 0; linked != NULL && i < linked->len; i++)
      g_ptr_array_add (result, g_object_ref (g_array_index (linked, SbStoryLink, i).story));
  }

  g_object_set_data (G_OBJECT (self), "sb-sorting-theme", theme);
  g_ptr_array_sort_with_data (result, compare_by_strength, self);
  g_object_set_data (G_OBJECT (self), "sb-sorting-theme", NULL);
  return result;
}

GArray *
sb_store_get_theme_links (SbStore    *self,
                          const char *theme_slug)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SbStoryLink));
  GArray *linked;
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_STORE (self), result);

  theme = sb_store_find_theme (self, theme_slug);
  if (theme == NULL)
    return result;

  _sb_store_ensure_reverse (self);
  linked = g_hash_table_lookup (self->stories_by_theme, theme);
  if (linked != NULL)
    g_array_append_vals (result, linked->data, linked->len);
  return result;
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
