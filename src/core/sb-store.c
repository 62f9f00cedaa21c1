/* sb-store.c — the store itself: opening a bank, transactions, writing stories
 *
 * The store is one object split by concern over files that share
 * sb-store-private.h: the catalog (frameworks and themes) is in
 * sb-store-catalog.c, questions and which stories answer them in
 * sb-store-questions.c, reading the stories from the bank in
 * sb-store-load.c, a story's links in sb-store-links.c, deleting and
 * putting back a story in sb-store-delete.c.
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
  if (self->stories != NULL)
    g_signal_handlers_disconnect_by_data (self->stories, self);
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

/* The maps keep each story's place in the bank's order (sb-store-links.c):
 * a story appended takes a new place, any other change makes them be built
 * again. */
static void
bank_changed_cb (SbStore    *self,
                 guint       position,
                 guint       removed,
                 guint       added,
                 GListModel *stories)
{
  if (removed > 0 || position + added != g_list_model_get_n_items (stories))
    _sb_store_links_changed (self);
  else
    _sb_store_note_appended (self, position, added);
}

static void
sb_store_init (SbStore *self)
{
  self->stories = g_list_store_new (SB_TYPE_STORY);
  g_signal_connect_swapped (self->stories, "items-changed", G_CALLBACK (bank_changed_cb), self);
  self->story_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->story_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->links = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) _sb_story_links_free);

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
