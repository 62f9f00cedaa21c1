/* sb-store-load.c — reading the bank's stories and their links into memory
 *
 * At open, sb_store_reload() and after another program committed
 * (sb_store_sync(), every write): each row becomes a story, or is merged
 * into the story this store already holds for it (see
 * _sb_store_merge_field() in sb-store-sync.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store-load"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"
#include "sb-story-private.h"

const char *
_sb_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

/* The columns of STORY_SELECT, in order. */
enum {
  COLUMN_ID,
  COLUMN_UUID,
  COLUMN_FIELD,      /* one per SbStoryField, in its order */
  COLUMN_STATUS = COLUMN_FIELD + SB_STORY_N_FIELDS,
  COLUMN_IS_EXAMPLE,
  COLUMN_CREATED,
  COLUMN_UPDATED,
};

G_STATIC_ASSERT (SB_STORY_N_FIELDS == 12);

/* A row of a story this store does not hold yet: the story is made
 * straight from it, the text shared with its saved copy, without a
 * notification per field (nothing watches a new story). */
static SbStory *
story_from_row (sqlite3_stmt *stmt)
{
  SbStory *story = sb_story_new ();
  char *fields[SB_STORY_N_FIELDS];

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      /* The text first, then its length (SQLite's advice). */
      const char *text = (const char *) sqlite3_column_text (stmt, COLUMN_FIELD + f);

      fields[f] = _sb_story_text_new (text, sqlite3_column_bytes (stmt, COLUMN_FIELD + f));
    }
  _sb_story_load (story,
                  sqlite3_column_int64 (stmt, COLUMN_ID),
                  _sb_store_column_text (stmt, COLUMN_UUID),
                  fields,
                  sqlite3_column_int (stmt, COLUMN_STATUS),
                  sqlite3_column_int (stmt, COLUMN_IS_EXAMPLE),
                  sqlite3_column_int64 (stmt, COLUMN_CREATED),
                  sqlite3_column_int64 (stmt, COLUMN_UPDATED));
  return story;
}

void
_sb_store_index_story (SbStore *self,
                       SbStory *story)
{
  gint64 *id = g_new (gint64, 1);

  *id = sb_story_get_id (story);
  if (*id > 0)
    g_hash_table_replace (self->story_by_id, id, story);
  else
    g_free (id);
  g_hash_table_replace (self->story_by_uuid, (gpointer) sb_story_get_uuid (story), story);
  _sb_store_watch_story (self, story);
}

/* A row of a story this store already holds: what another program (or a
 * rolled-back change) left in the bank is merged with what the person has
 * not saved yet; see _sb_store_merge_field(). */
static void
merge_story_from_row (SbStore      *self,
                      SbStory      *story,
                      sqlite3_stmt *stmt)
{
  g_object_freeze_notify (G_OBJECT (story));
  sb_story_set_id (story, sqlite3_column_int64 (stmt, 0));
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    _sb_store_merge_field (self, story, f, _sb_store_column_text (stmt, COLUMN_FIELD + f));
  _sb_store_merge_status (self, story, sqlite3_column_int (stmt, COLUMN_STATUS));
  sb_story_set_is_example (story, sqlite3_column_int (stmt, COLUMN_IS_EXAMPLE));
  sb_story_set_created (story, sqlite3_column_int64 (stmt, COLUMN_CREATED));
  sb_story_set_updated (story, sqlite3_column_int64 (stmt, COLUMN_UPDATED));
  g_object_thaw_notify (G_OBJECT (story));
}

/* The bank's order: creation time, then id. */
static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  SbStory *x = *(SbStory * const *) a;
  SbStory *y = *(SbStory * const *) b;
  gint64 cx = sb_story_get_created (x), cy = sb_story_get_created (y);
  gint64 ix = sb_story_get_id (x), iy = sb_story_get_id (y);

  if (cx != cy)
    return cx < cy ? -1 : 1;
  return (ix > iy) - (ix < iy);
}

gboolean
_sb_store_load_stories (SbStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) old_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  sqlite3_stmt *stmt;
  SbStep step;

  /* Keep the objects widgets hold: match rows to existing stories by uuid. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->stories)); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      g_hash_table_insert (old_by_uuid, (gpointer) sb_story_get_uuid (story), story);
    }

  stmt = sb_database_prepare (self->db,
                              "SELECT id, uuid, " STORY_FIELD_COLUMNS ","
                              "       status, is_example, created_at, updated_at "
                              "FROM stories",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      SbStory *story = g_hash_table_lookup (old_by_uuid, _sb_store_column_text (stmt, 1));

      if (story != NULL)
        {
          merge_story_from_row (self, story, stmt);
          g_ptr_array_add (stories, g_object_ref (story));
          g_hash_table_add (seen, story);
        }
      else
        {
          g_ptr_array_add (stories, story_from_row (stmt));
        }
    }
  if (step == SB_STEP_ERROR)
    return FALSE;
  /* Sorted here, not by SQLite: its sorter would copy every row, texts
   * and all (30 MB at 10,000 stories), into a temporary b-tree. */
  g_ptr_array_sort (stories, compare_created);

  /* A story gone from the bank: deleted by another program, or added by a
   * change that was rolled back. If the person has typed into it and that
   * is not saved yet, the text is not thrown away: the story stays, and
   * its next save writes it back as a new row. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, old_by_uuid);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        SbStory *story = value;

        if (g_hash_table_contains (seen, story))
          continue;
        if (sb_story_get_dirty (story))
          {
            g_object_freeze_notify (G_OBJECT (story));
            sb_story_set_id (story, 0);
            for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
              sb_story_set_saved_field (story, f, "");
            g_object_thaw_notify (G_OBJECT (story));
            g_ptr_array_add (stories, g_object_ref (story));
          }
        else
          _sb_store_forget_story (self, story);
      }
  }

  g_hash_table_remove_all (self->story_by_id);
  g_hash_table_remove_all (self->story_by_uuid);
  g_hash_table_remove_all (self->links);
  _sb_store_links_changed (self);
  for (guint i = 0; i < stories->len; i++)
    _sb_store_index_story (self, stories->pdata[i]);

  stmt = sb_database_prepare (self->db, "SELECT story_id, theme_id, strength FROM story_themes", error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 story_id = sqlite3_column_int64 (stmt, 0);
      gint64 theme_id = sqlite3_column_int64 (stmt, 1);
      SbStory *story = g_hash_table_lookup (self->story_by_id, &story_id);
      SbTheme *theme = g_hash_table_lookup (self->theme_by_id, &theme_id);

      if (story != NULL && theme != NULL)
        _sb_story_links_set_theme (_sb_store_get_links (self, story), theme,
                                   sqlite3_column_int (stmt, 2));
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

  stmt = sb_database_prepare (self->db,
                              "SELECT sq.story_id, q.slug FROM story_questions sq "
                              "JOIN questions q ON q.id = sq.question_id WHERE NOT q.hidden",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 story_id = sqlite3_column_int64 (stmt, 0);
      SbStory *story = g_hash_table_lookup (self->story_by_id, &story_id);

      if (story != NULL)
        _sb_story_links_set_question (_sb_store_get_links (self, story), _sb_store_column_text (stmt, 1), TRUE);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

  g_list_store_splice (self->stories, 0, g_list_model_get_n_items (G_LIST_MODEL (self->stories)),
                       stories->pdata, stories->len);
  /* Requirements and rounds name stories: they follow. */
  return _sb_store_load_applications (self, error);
}
