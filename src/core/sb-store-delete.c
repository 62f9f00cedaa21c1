/* sb-store-delete.c — deleting a story, and putting it back (undo)
 *
 * A deleted story is kept with everything that went with its row (theme
 * and question links, rehearsals, drill picks, application links), so an
 * undo puts it back as it was, at its old place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-store-private.h"

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

SbDeletedStory *
_sb_deleted_story_copy (const SbDeletedStory *deleted)
{
  SbDeletedStory *copy = g_new0 (SbDeletedStory, 1);

  copy->story = g_object_ref (deleted->story);
  copy->themes = g_array_sized_new (FALSE, TRUE, sizeof (SbThemeLink), deleted->themes->len);
  g_array_set_clear_func (copy->themes, (GDestroyNotify) _sb_theme_link_clear);
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
