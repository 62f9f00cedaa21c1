/* sb-store-rounds.c — the rounds of an application's loop, their focus
 * and their plan
 *
 * A sibling of sb-store-applications.c (see there for how applications
 * are read and written), over sb-store-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-application-private.h"
#include "sb-store-private.h"

/* ---- rounds ------------------------------------------------------------- */

static const SbAppPart round_part = {
  .table = "rounds",
  .column = "name",
  .max_chars = SB_ROUND_MAX_NAME_CHARS,
  .get_store = _sb_application_get_round_store,
  .find_application = (SbApplication *(*) (SbStore *, gpointer, guint *, GError **)) _sb_store_round_application,
  .get_id = (gint64 (*) (gpointer)) sb_round_get_id,
  .get_text = (const char *(*) (gpointer)) sb_round_get_name,
  .set_text = (void (*) (gpointer, const char *)) _sb_round_set_name,
  .new_item = (gpointer (*) (gint64, gint64, const char *)) _sb_round_new,
};

SbRound *
sb_store_add_round (SbStore        *self,
                    SbApplication  *application,
                    const char     *name,
                    int             position,
                    GError        **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_APPLICATION (application), NULL);

  return _sb_store_app_part_add (self, &round_part, application, name, position, _("name of the round"), error);
}

gboolean
sb_store_set_round_name (SbStore     *self,
                         SbRound     *round,
                         const char  *name,
                         GError     **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_ROUND (round), FALSE);

  return _sb_store_app_part_set_text (self, &round_part, round, name, _("name of the round"), error);
}

gboolean
sb_store_set_round_focus (SbStore             *self,
                          SbRound             *round,
                          const char * const  *theme_slugs,
                          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) slugs = g_ptr_array_new ();
  SbApplication *application;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_ROUND (round), FALSE);

  if (!_sb_store_app_check_writable (self, error) || _sb_store_round_application (self, round, NULL, error) == NULL)
    return FALSE;
  for (guint i = 0; theme_slugs != NULL && theme_slugs[i] != NULL; i++)
    {
      if (sb_store_find_theme (self, theme_slugs[i]) == NULL)
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("There is no theme “%s”"), theme_slugs[i]);
          return FALSE;
        }
      if (!g_ptr_array_find_with_equal_func (slugs, theme_slugs[i], g_str_equal, NULL))
        g_ptr_array_add (slugs, (gpointer) theme_slugs[i]);
    }
  g_ptr_array_sort_with_data (slugs, _sb_store_compare_theme_order, self);
  g_ptr_array_add (slugs, NULL);
  if (_sb_strv_same (sb_round_get_focus (round), (const char * const *) slugs->pdata))
    return TRUE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  application = _sb_store_round_application (self, round, NULL, &local_error);
  if (application == NULL ||
      !_sb_store_exec_id (self, "DELETE FROM round_focus WHERE round_id = ?1", sb_round_get_id (round), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  for (guint i = 0; slugs->pdata[i] != NULL; i++)
    {
      SbTheme *theme = sb_store_find_theme (self, slugs->pdata[i]);

      if (theme == NULL)
        {
          g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("There is no theme “%s”"), (const char *) slugs->pdata[i]);
          return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
        }
      if (!_sb_store_exec_id_id (self, "INSERT OR IGNORE INTO round_focus (round_id, theme_id) VALUES (?1, ?2)",
                                 sb_round_get_id (round), sb_theme_get_id (theme), &local_error))
        return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
    }
  if (!_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  _sb_round_set_focus (round, (const char * const *) slugs->pdata);
  _sb_store_applications_changed (self);
  return TRUE;
}

/* Writes @round's stories as @uuids says, in that order. */
static gboolean
write_round_stories (SbStore             *self,
                     SbRound             *round,
                     const char * const  *uuids,
                     GError             **error)
{
  sqlite3_stmt *stmt;

  if (!_sb_store_exec_id (self, "DELETE FROM round_stories WHERE round_id = ?1", sb_round_get_id (round), error))
    return FALSE;
  for (guint i = 0; uuids[i] != NULL; i++)
    {
      SbStory *story = sb_store_find_story (self, uuids[i]);

      if (story == NULL || sb_story_get_id (story) == 0)
        continue;
      stmt = sb_database_prepare (self->db,
                                  "INSERT OR IGNORE INTO round_stories (round_id, story_id, position) VALUES (?1, ?2, ?3)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sb_round_get_id (round));
      sqlite3_bind_int64 (stmt, 2, sb_story_get_id (story));
      sqlite3_bind_int (stmt, 3, i);
      if (!sb_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sb_store_set_round_story (SbStore     *self,
                          SbRound     *round,
                          SbStory     *story,
                          gboolean     planned,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
  SbApplication *application;
  const char *uuid;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_ROUND (round), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!_sb_store_app_check_writable (self, error) || _sb_store_round_application (self, round, NULL, error) == NULL ||
      !_sb_store_story_is_stored (self, story, error))
    return FALSE;
  uuid = sb_story_get_uuid (story);
  if (!!_sb_round_has_story (round, uuid) == !!planned)
    return TRUE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  application = _sb_store_round_application (self, round, NULL, &local_error);
  if (application == NULL || !_sb_store_story_is_stored (self, story, &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  for (const char * const *u = sb_round_get_story_uuids (round); *u != NULL; u++)
    if (strcmp (*u, uuid) != 0)
      g_ptr_array_add (uuids, (gpointer) *u);
  if (planned)
    g_ptr_array_add (uuids, (gpointer) uuid);
  g_ptr_array_add (uuids, NULL);
  if (!write_round_stories (self, round, (const char * const *) uuids->pdata, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  _sb_round_set_story_uuids (round, (const char * const *) uuids->pdata);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
sb_store_delete_round (SbStore  *self,
                       SbRound  *round,
                       GError  **error)
{
  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_ROUND (round), FALSE);

  return _sb_store_app_part_delete (self, &round_part, round, error);
}
