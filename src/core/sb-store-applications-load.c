/* sb-store-applications-load.c — the store's applications read from the bank
 *
 * Applications are few, so they are read whole with the stories, with
 * their requirements and rounds and what those link to, keeping each object
 * whose row is still there so widgets keep what they hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application-private.h"
#include "sb-store-private.h"

/* ---- loading ------------------------------------------------------------- */

/* Replaces what @store holds by @items, unless it holds just that. */
void
_sb_store_app_sync_list (GListStore *store,
                         GPtrArray  *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  gboolean same = n == items->len;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      same = item == items->pdata[i];
    }
  if (!same)
    g_list_store_splice (store, 0, n, items->pdata, items->len);
}

static GPtrArray *
lookup_array (GHashTable *table,
              gint64      id,
              GDestroyNotify free_func)
{
  GPtrArray *array = g_hash_table_lookup (table, &id);

  if (array == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = id;
      array = g_ptr_array_new_with_free_func (free_func);
      g_hash_table_insert (table, key, array);
    }
  return array;
}

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

/* Rows of "owner id, text", in order, grouped by owner. */
static GHashTable *
read_strings_by_owner (SbStore     *self,
                       const char  *sql,
                       GError     **error)
{
  g_autoptr(GHashTable) table = new_id_table ();
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);
  SbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    g_ptr_array_add (lookup_array (table, sqlite3_column_int64 (stmt, 0), g_free),
                     g_strdup (_sb_store_column_text (stmt, 1)));
  if (step == SB_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&table);
}

static const char * const *
strv_of (GPtrArray *array)
{
  static const char * const empty[] = { NULL };

  if (array == NULL || array->len == 0)
    return empty;
  /* NULL-terminated for the setters; the terminator is not an item. */
  g_ptr_array_add (array, NULL);
  g_ptr_array_set_size (array, array->len - 1);
  return (const char * const *) array->pdata;
}

SbApplication *
_sb_store_app_find_in (GListModel *model,
                       gint64      id,
                       gint64    (*get_id) (gpointer))
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (get_id (item) == id)
        return (gpointer) item;
    }
  return NULL;
}

int
_sb_store_compare_theme_order (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  SbStore *self = user_data;
  SbTheme *ta = sb_store_find_theme (self, *(const char **) a);
  SbTheme *tb = sb_store_find_theme (self, *(const char **) b);
  guint pa = GPOINTER_TO_UINT (g_hash_table_lookup (self->theme_order, ta));
  guint pb = GPOINTER_TO_UINT (g_hash_table_lookup (self->theme_order, tb));

  return (pa > pb) - (pa < pb);
}

gboolean
_sb_store_load_applications (SbStore  *self,
                             GError  **error)
{
  g_autoptr(GPtrArray) applications = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) requirements = new_id_table ();   /* application id → SbRequirement refs */
  g_autoptr(GHashTable) rounds = new_id_table ();         /* application id → SbRound refs */
  g_autoptr(GHashTable) requirement_stories = NULL;
  g_autoptr(GHashTable) round_focus = NULL;
  g_autoptr(GHashTable) round_stories = NULL;
  sqlite3_stmt *stmt;
  SbStep step;

  stmt = sb_database_prepare (self->db,
                              "SELECT a.id, a.slug, a.company, a.role, a.loop_date, a.job_description,"
                              "       a.why_company, a.notes, a.status, f.slug "
                              "FROM applications a LEFT JOIN frameworks f ON f.id = a.framework_id "
                              "ORDER BY a.created_at, a.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      SbApplication *application = _sb_store_app_find_in (G_LIST_MODEL (self->applications), id,
                                                          (gint64 (*) (gpointer)) sb_application_get_id);

      application = application != NULL ? g_object_ref (application)
                                         : _sb_application_new (id, _sb_store_column_text (stmt, 1));
      g_object_freeze_notify (G_OBJECT (application));
      _sb_application_set_slug (application, _sb_store_column_text (stmt, 1));
      for (guint f = 0; f < SB_APPLICATION_N_FIELDS; f++)
        _sb_application_set_field (application, f, _sb_store_column_text (stmt, 2 + f));
      _sb_application_set_status (application, sqlite3_column_int (stmt, 8) ? SB_APPLICATION_STATUS_DONE
                                                                            : SB_APPLICATION_STATUS_PREPARING);
      _sb_application_set_framework (application, (const char *) sqlite3_column_text (stmt, 9));
      g_object_thaw_notify (G_OBJECT (application));
      g_ptr_array_add (applications, application);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

  requirement_stories =
    read_strings_by_owner (self,
                           "SELECT rs.requirement_id, s.uuid FROM requirement_stories rs "
                           "JOIN stories s ON s.id = rs.story_id ORDER BY rs.requirement_id, s.created_at, s.id",
                           error);
  round_focus =
    read_strings_by_owner (self,
                           "SELECT rf.round_id, t.slug FROM round_focus rf JOIN themes t ON t.id = rf.theme_id "
                           "ORDER BY rf.round_id",
                           error);
  round_stories =
    read_strings_by_owner (self,
                           "SELECT rs.round_id, s.uuid FROM round_stories rs "
                           "JOIN stories s ON s.id = rs.story_id ORDER BY rs.round_id, rs.position, s.id",
                           error);
  if (requirement_stories == NULL || round_focus == NULL || round_stories == NULL)
    return FALSE;

  stmt = sb_database_prepare (self->db,
                              "SELECT id, application_id, text FROM requirements "
                              "ORDER BY application_id, position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 application_id = sqlite3_column_int64 (stmt, 1);
      SbApplication *application = _sb_store_app_find_in (G_LIST_MODEL (self->applications), application_id,
                                                          (gint64 (*) (gpointer)) sb_application_get_id);
      SbRequirement *requirement = NULL;

      if (application != NULL)
        requirement = (SbRequirement *) _sb_store_app_find_in (sb_application_get_requirements (application), id,
                                                               (gint64 (*) (gpointer)) sb_requirement_get_id);
      requirement = requirement != NULL ? g_object_ref (requirement)
                                        : _sb_requirement_new (id, application_id, _sb_store_column_text (stmt, 2));
      g_object_freeze_notify (G_OBJECT (requirement));
      _sb_requirement_set_text (requirement, _sb_store_column_text (stmt, 2));
      _sb_requirement_set_story_uuids (requirement, strv_of (g_hash_table_lookup (requirement_stories, &id)));
      g_object_thaw_notify (G_OBJECT (requirement));
      g_ptr_array_add (lookup_array (requirements, application_id, g_object_unref), requirement);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

  stmt = sb_database_prepare (self->db,
                              "SELECT id, application_id, name FROM rounds ORDER BY application_id, position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((step = sb_database_step (self->db, stmt, error)) == SB_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 application_id = sqlite3_column_int64 (stmt, 1);
      SbApplication *application = _sb_store_app_find_in (G_LIST_MODEL (self->applications), application_id,
                                                          (gint64 (*) (gpointer)) sb_application_get_id);
      GPtrArray *focus = g_hash_table_lookup (round_focus, &id);
      SbRound *round = NULL;

      if (application != NULL)
        round = (SbRound *) _sb_store_app_find_in (sb_application_get_rounds (application), id,
                                                   (gint64 (*) (gpointer)) sb_round_get_id);
      round = round != NULL ? g_object_ref (round) : _sb_round_new (id, application_id, _sb_store_column_text (stmt, 2));
      if (focus != NULL)
        g_ptr_array_sort_with_data (focus, _sb_store_compare_theme_order, self);
      g_object_freeze_notify (G_OBJECT (round));
      _sb_round_set_name (round, _sb_store_column_text (stmt, 2));
      _sb_round_set_focus (round, strv_of (focus));
      _sb_round_set_story_uuids (round, strv_of (g_hash_table_lookup (round_stories, &id)));
      g_object_thaw_notify (G_OBJECT (round));
      g_ptr_array_add (lookup_array (rounds, application_id, g_object_unref), round);
    }
  if (step == SB_STEP_ERROR)
    return FALSE;

  for (guint i = 0; i < applications->len; i++)
    {
      SbApplication *application = applications->pdata[i];
      gint64 id = sb_application_get_id (application);
      GPtrArray *its_requirements = lookup_array (requirements, id, g_object_unref);
      GPtrArray *its_rounds = lookup_array (rounds, id, g_object_unref);

      _sb_store_app_sync_list (_sb_application_get_requirement_store (application), its_requirements);
      _sb_store_app_sync_list (_sb_application_get_round_store (application), its_rounds);
    }
  _sb_store_app_sync_list (self->applications, applications);

  g_free (self->current_application);
  self->current_application = sb_database_get_meta (self->db, SB_STORE_META_CURRENT_APPLICATION);

  self->emit_applications = TRUE;
  return TRUE;
}
