/* sb-store-questions.c — the store's questions and which stories answer them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"

/* ---- questions ------------------------------------------------------ */

static GStrv
load_question_themes (SbStore  *self,
                      gint64    question_id,
                      GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  SbStep step;

  stmt = sb_database_prepare (self->db,
                              "SELECT t.slug FROM question_themes qt "
                              "JOIN themes t ON t.id = qt.theme_id "
                              "JOIN frameworks f ON f.id = t.framework_id "
                              "WHERE qt.question_id = ?1 ORDER BY f.builtin DESC, f.position, f.id, t.builtin DESC, t.position, t.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, question_id);
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    g_strv_builder_add (builder, _sb_store_column_text (stmt, 0));
  if (step == SB_STEP_ERROR)
    return NULL;
  return g_strv_builder_end (builder);
}

/* The question as the bank holds it; NULL with @error set when it cannot be
 * read or is not there. */
static SbQuestion *
load_question (SbStore  *self,
               gint64    id,
               GError  **error)
{
  g_auto(GStrv) themes = NULL;
  sqlite3_stmt *stmt;
  SbQuestion *question;
  SbStep step;

  themes = load_question_themes (self, id, error);
  if (themes == NULL)
    return NULL;
  stmt = sb_database_prepare (self->db,
                              "SELECT slug, text, listen_for, builtin, edited FROM questions WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  step = sb_database_step (self->db, stmt, error);
  if (step == SB_STEP_ERROR)
    return NULL;
  if (step == SB_STEP_DONE)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The question could not be read back from the bank"));
      return NULL;
    }
  question = sb_question_new (id, _sb_store_column_text (stmt, 0), _sb_store_column_text (stmt, 1),
                              _sb_store_column_text (stmt, 2), (const char * const *) themes,
                              sqlite3_column_int (stmt, 3));
  sb_question_set_edited (question, sqlite3_column_int (stmt, 4));
  sqlite3_reset (stmt);
  return question;
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

  if (!_sb_store_check_text (slug, _("question id"), error) || !_sb_store_check_text (text, _("question"), error))
    return NULL;
  if (sb_store_find_question (self, slug) != NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("A question with the id “%s” already exists"), slug);
      return NULL;
    }

  if (!_sb_store_write_begin (self, &started, error))
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
      _sb_store_write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  id = sqlite3_last_insert_rowid (sb_database_get_handle (self->db));
  if (!write_question_themes (self, id, theme_slugs, &local_error) ||
      !_sb_store_write_end (self, started, TRUE, &local_error))
    {
      _sb_store_write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  question = load_question (self, id, error);
  if (question == NULL)
    return NULL;
  g_list_store_append (self->questions, question);
  g_hash_table_insert (self->question_by_slug, (gpointer) sb_question_get_slug (question), question);
  _sb_store_catalog_changed (self);
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

  if (!_sb_store_check_text (text, _("question"), error))
    return NULL;
  {
    /* Hidden questions keep their slugs taken too. */
    g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    sqlite3_stmt *stmt = sb_database_prepare (self->db, "SELECT slug FROM questions", error);
    SbStep step;

    if (stmt == NULL)
      return NULL;
    /* A read cut short would miss a taken slug: stop rather than guess. */
    while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
      g_hash_table_add (taken, g_strdup (_sb_store_column_text (stmt, 0)));
    if (step == SB_STEP_ERROR)
      return NULL;
    slug = _sb_store_unique_slug (self, "my-q-", text, taken);
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

  if (!_sb_store_check_text (text, _("question"), error))
    return FALSE;
  if (!find_question_position (self, question, &position))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The question is not in this bank"));
      return FALSE;
    }
  /* A shipped question shows in the person's language; saving it with the
   * words left as shown keeps the bank's own text, not the translation. */
  if (!sb_question_get_edited (question))
    {
      if (g_strcmp0 (text, sb_question_get_text (question)) == 0)
        text = sb_question_get_bank_text (question);
      if (g_strcmp0 (listen_for, sb_question_get_listen_for (question)) == 0)
        listen_for = sb_question_get_bank_listen_for (question);
    }

  if (!_sb_store_write_begin (self, &started, error))
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
      !_sb_store_write_end (self, started, TRUE, &local_error))
    {
      _sb_store_write_end (self, started, FALSE, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  updated = load_question (self, sb_question_get_id (question), error);
  if (updated == NULL)
    return FALSE;
  g_hash_table_replace (self->question_by_slug, (gpointer) sb_question_get_slug (updated), updated);
  g_list_store_splice (self->questions, position, 1, (gpointer *) &updated, 1);
  _sb_store_catalog_changed (self);
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
    _sb_story_links_set_question (value, slug, FALSE);
  _sb_store_links_changed (self);

  _sb_store_catalog_changed (self);
  return TRUE;
}

GStrv
sb_store_get_deleted_questions (SbStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  SbStep step = SB_STEP_ERROR;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  stmt = sb_database_prepare (self->db,
                              "SELECT slug FROM questions WHERE hidden AND builtin ORDER BY position, id",
                              &error);
  if (stmt != NULL)
    while ((step = sb_database_step (self->db, stmt, &error)) == SB_STEP_ROW)
      g_strv_builder_add (builder, _sb_store_column_text (stmt, 0));
  /* This API has no error to give back: say so in the log rather than
   * pass off part of the list as all of it silently. */
  if (step == SB_STEP_ERROR)
    g_warning ("The deleted questions could not all be read: %s", error->message);
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

  if (!_sb_store_story_is_stored (self, story, error))
    return FALSE;
  question = sb_store_find_question (self, question_slug);
  if (question == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no question “%s”"), question_slug);
      return FALSE;
    }

  links = _sb_store_get_links (self, story);
  if (_sb_story_links_has_question (links, question_slug) == !!linked)
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

  _sb_story_links_set_question (links, question_slug, linked);
  _sb_store_question_link_changed (self, story, links, question_slug, linked);
  _sb_store_history_question (self, story, question_slug, linked);

  g_signal_emit (self, _sb_store_signals[STORY_LINKS_CHANGED], 0, story);
  return TRUE;
}

GPtrArray *
sb_store_get_question_stories (SbStore    *self,
                               const char *question_slug)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SB_IS_STORE (self), result);

  _sb_store_ensure_reverse (self);
  {
    GPtrArray *linked = g_hash_table_lookup (self->stories_by_question, question_slug);

    for (guint i = 0; linked != NULL && i < linked->len; i++)
      g_ptr_array_add (result, g_object_ref (linked->pdata[i]));
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
    for (guint i = 0; i < links->n_questions; i++)
      g_ptr_array_add (slugs, g_strdup (links->questions[i]));
  g_ptr_array_sort_with_data (slugs, compare_question_order, self);
  g_ptr_array_add (slugs, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&slugs), FALSE);
}
