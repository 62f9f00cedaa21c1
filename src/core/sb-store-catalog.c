/* sb-store-catalog.c — the store's frameworks and themes, and loading the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-store-private.h"

/* ---- loading -------------------------------------------------------- */

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

/* A theme added after the catalog was read: its place in all_themes is
 * after every theme of its framework and of the frameworks before it
 * (themes are ordered by framework, then position, and a new one has the
 * highest position). Nothing else is read again: the other theme objects,
 * and so every story's links, stay as they are. */
static void
insert_new_theme (SbStore *self,
                  SbTheme *theme)
{
  const char *framework_slug = sb_theme_get_framework_slug (theme);
  GListStore *list;
  guint index = 0;
  guint n_all;
  gint64 *id;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->frameworks)); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (G_LIST_MODEL (self->frameworks), i);
      GListModel *themes = g_hash_table_lookup (self->themes_by_framework, sb_framework_get_slug (framework));

      if (themes != NULL)
        index += g_list_model_get_n_items (themes);
      if (g_strcmp0 (sb_framework_get_slug (framework), framework_slug) == 0)
        break;
    }

  list = g_hash_table_lookup (self->themes_by_framework, framework_slug);
  if (list == NULL)
    {
      list = g_list_store_new (SB_TYPE_THEME);
      g_hash_table_insert (self->themes_by_framework, g_strdup (framework_slug), list);
    }
  g_list_store_append (list, theme);

  n_all = g_list_model_get_n_items (G_LIST_MODEL (self->all_themes));
  index = MIN (index, n_all);
  g_list_store_insert (self->all_themes, index, theme);
  for (guint i = index + 1; i <= n_all; i++)
    {
      g_autoptr(SbTheme) later = g_list_model_get_item (G_LIST_MODEL (self->all_themes), i);
      g_hash_table_insert (self->theme_order, later, GUINT_TO_POINTER (i));
    }
  g_hash_table_insert (self->theme_order, theme, GUINT_TO_POINTER (index));
  g_hash_table_insert (self->theme_by_slug, (gpointer) sb_theme_get_slug (theme), theme);
  id = g_new (gint64, 1);
  *id = sb_theme_get_id (theme);
  g_hash_table_insert (self->theme_by_id, id, theme);
}

static void
terminate_slug_array (gpointer key,
                      gpointer value,
                      gpointer user_data)
{
  g_ptr_array_add (value, NULL);
}

gboolean
_sb_store_load_catalog (SbStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) frameworks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) question_themes =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  SbStep step;

  stmt = sb_database_prepare (self->db,
                              "SELECT id, slug, name, description, builtin FROM frameworks "
                              "ORDER BY builtin DESC, position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      SbFramework *framework =
        sb_framework_new (sqlite3_column_int64 (stmt, 0), _sb_store_column_text (stmt, 1),
                          _sb_store_column_text (stmt, 2), _sb_store_column_text (stmt, 3),
                          sqlite3_column_int (stmt, 4));

      /* Shipped text the person never edited is shown in their language;
       * the bank keeps the source text. */
      sb_framework_translate (framework);
      g_ptr_array_add (frameworks, framework);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

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
  _sb_store_links_changed (self);
  g_list_store_remove_all (self->all_themes);

  stmt = sb_database_prepare (self->db,
                              "SELECT t.id, t.slug, t.name, t.description, f.slug, t.builtin, t.edited "
                              "FROM themes t JOIN frameworks f ON f.id = t.framework_id "
                              "ORDER BY f.builtin DESC, f.position, f.id, t.builtin DESC, t.position, t.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      g_autoptr(SbTheme) theme =
        sb_theme_new (sqlite3_column_int64 (stmt, 0), _sb_store_column_text (stmt, 1),
                      _sb_store_column_text (stmt, 2), _sb_store_column_text (stmt, 3), _sb_store_column_text (stmt, 4),
                      sqlite3_column_int (stmt, 5));
      sb_theme_set_edited (theme, sqlite3_column_int (stmt, 6));
      sb_theme_translate (theme);
      add_theme_to_indexes (self, theme);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

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
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *slugs = g_hash_table_lookup (question_themes, &id);

      if (slugs == NULL)
        {
          slugs = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (question_themes, g_memdup2 (&id, sizeof id), slugs);
        }
      g_ptr_array_add (slugs, g_strdup (_sb_store_column_text (stmt, 1)));
    }
  if (step == SB_STEP_ERROR)
    return FALSE;
  g_hash_table_foreach (question_themes, terminate_slug_array, NULL);

  stmt = sb_database_prepare (self->db,
                              "SELECT id, slug, text, listen_for, builtin, edited FROM questions "
                              "WHERE NOT hidden ORDER BY builtin DESC, position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *slugs = g_hash_table_lookup (question_themes, &id);
      SbQuestion *question =
        sb_question_new (id, _sb_store_column_text (stmt, 1), _sb_store_column_text (stmt, 2), _sb_store_column_text (stmt, 3),
                         slugs != NULL ? (const char * const *) slugs->pdata : NULL,
                         sqlite3_column_int (stmt, 4));

      sb_question_set_edited (question, sqlite3_column_int (stmt, 5));
      sb_question_translate (question);
      g_ptr_array_add (questions, question);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

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

char *
_sb_store_unique_slug (SbStore    *self,
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

gboolean
_sb_store_check_text (const char  *text,
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
  if (!_sb_store_load_catalog (self, error) || !_sb_store_load_stories (self, error))
    return FALSE;
  _sb_store_catalog_changed (self);
  /* A round focused on a deleted theme lost it; an application whose
   * values framework went has none now. */
  _sb_store_emit_applications (self);
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

  if (!_sb_store_check_text (slug, _("framework id"), error) || !_sb_store_check_text (name, _("framework name"), error))
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

  /* The person's frameworks come after the shipped ones, newest last. */
  {
    g_autoptr(SbFramework) framework =
      sb_framework_new (sqlite3_last_insert_rowid (sb_database_get_handle (self->db)),
                        slug, name, description != NULL ? description : "", FALSE);

    g_list_store_append (self->frameworks, framework);
    g_hash_table_insert (self->themes_by_framework, g_strdup (slug), g_list_store_new (SB_TYPE_THEME));
  }
  _sb_store_catalog_changed (self);
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

  if (!_sb_store_check_text (slug, _("theme id"), error) || !_sb_store_check_text (name, _("theme name"), error))
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

  /* Added in place: reading the whole catalog and every story again made
   * importing a few thousand themes take half a minute. */
  {
    g_autoptr(SbTheme) theme =
      sb_theme_new (sqlite3_last_insert_rowid (sb_database_get_handle (self->db)), slug, name,
                    description != NULL ? description : "", framework_slug, FALSE);

    insert_new_theme (self, theme);
  }
  _sb_store_catalog_changed (self);
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

  if (!_sb_store_check_text (name, _("theme name"), error))
    return NULL;
  slug = _sb_store_unique_slug (self, "my-", name, self->theme_by_slug);
  return sb_store_add_theme_with_slug (self, framework_slug, slug, name, description, error);
}

gboolean
sb_store_update_theme (SbStore     *self,
                       SbTheme     *theme,
                       const char  *name,
                       const char  *description,
                       GError     **error)
{
  g_autofree char *kept_name = NULL;
  g_autofree char *kept_description = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_THEME (theme), FALSE);

  if (!_sb_store_check_text (name, _("theme name"), error))
    return FALSE;
  if (sb_store_find_theme (self, sb_theme_get_slug (theme)) != theme)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("The theme “%s” is not in this bank"), sb_theme_get_name (theme));
      return FALSE;
    }

  /* A shipped theme shows in the person's language; what they left as
   * shown is written as the bank's own text, not as the translation. */
  if (!sb_theme_get_edited (theme))
    {
      gboolean same_name = g_strcmp0 (name, sb_theme_get_name (theme)) == 0;
      gboolean same_description = g_strcmp0 (description != NULL ? description : "",
                                             sb_theme_get_description (theme)) == 0;

      /* Nothing changed: nothing to write, and it stays a shipped theme. */
      if (same_name && same_description)
        return TRUE;
      if (same_name)
        name = kept_name = g_strdup (sb_theme_get_bank_name (theme));
      if (same_description)
        description = kept_description = g_strdup (sb_theme_get_bank_description (theme));
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

  /* The same object, new words: links and widgets keep pointing at it. */
  sb_theme_set_text (theme, name, description != NULL ? description : "");
  sb_theme_set_edited (theme, sb_theme_get_builtin (theme));
  _sb_store_catalog_changed (self);
  return TRUE;
}

SbTheme *
sb_store_add_own_theme (SbStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!_sb_store_check_text (name, _("theme name"), error))
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
    g_signal_emit (self, _sb_store_signals[STORY_LINKS_CHANGED], 0, linked->pdata[i]);
  return TRUE;
}
