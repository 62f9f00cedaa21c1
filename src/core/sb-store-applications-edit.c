/* sb-store-applications-edit.c — an application created, changed and deleted
 *
 * The store's functions for an application itself: creating one, its
 * fields, status and framework, deleting it, and the bank's current
 * application and introduction. Each change is one transaction
 * (sb-store-applications.c has the machinery), and memory follows only
 * once the bank took it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sb-application-private.h"
#include "sb-store-private.h"
#define META_INTRODUCTION "introduction"

static const char * const columns[SB_APPLICATION_N_FIELDS] = {
  "company", "role", "loop_date", "job_description", "why_company", "notes",
};

/* What an error calls each field. */
static const char *
field_label (SbApplicationField field)
{
  switch (field)
    {
    case SB_APPLICATION_FIELD_COMPANY:
      return _("company");
    case SB_APPLICATION_FIELD_ROLE:
      return _("role");
    case SB_APPLICATION_FIELD_DATE:
      return _("date of the interviews");
    case SB_APPLICATION_FIELD_JOB_DESCRIPTION:
      return _("job description");
    case SB_APPLICATION_FIELD_WHY_COMPANY:
      return _("answer to “Why this company and this role?”");
    case SB_APPLICATION_FIELD_NOTES:
      return _("notes");
    case SB_APPLICATION_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static glong
field_max_chars (SbApplicationField field)
{
  switch (field)
    {
    case SB_APPLICATION_FIELD_COMPANY:
    case SB_APPLICATION_FIELD_ROLE:
      return SB_APPLICATION_MAX_NAME_CHARS;
    case SB_APPLICATION_FIELD_DATE:
      return 10;
    case SB_APPLICATION_FIELD_JOB_DESCRIPTION:
      return SB_APPLICATION_MAX_TEXT_CHARS;
    case SB_APPLICATION_FIELD_WHY_COMPANY:
    case SB_APPLICATION_FIELD_NOTES:
    case SB_APPLICATION_N_FIELDS:
    default:
      return SB_APPLICATION_MAX_NOTE_CHARS;
    }
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  int year, month, day;
  char end;

  if (*date == '\0')
    return TRUE;
  if (strlen (date) == 10 && date[4] == '-' && date[7] == '-' &&
      sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      g_date_valid_dmy (day, month, year))
    return TRUE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
               _("“%s” is not a date of the interviews: write it as YYYY-MM-DD, like 2026-12-10"), date);
  return FALSE;
}

static gboolean
check_slug (const char  *slug,
            GError     **error)
{
  if (!_sb_store_app_check_text (slug, SB_APPLICATION_MAX_NAME_CHARS, TRUE, _("application id"), error))
    return FALSE;
  for (const char *p = slug; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                     _("The application id “%s” has a space in it; use letters, digits and dashes"), slug);
        return FALSE;
      }
  return TRUE;
}

SbApplication *
sb_store_create_application (SbStore     *self,
                             const char  *slug,
                             const char  *company,
                             const char  *role,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbApplication) application = NULL;
  g_autofree char *made_slug = NULL;
  g_autofree char *company_text = g_strstrip (g_strdup (company != NULL ? company : ""));
  g_autofree char *role_text = g_strstrip (g_strdup (role != NULL ? role : ""));
  sqlite3_stmt *stmt;
  gboolean started;
  gint64 now = _sb_store_app_now_seconds ();

  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (!_sb_store_app_check_writable (self, error) ||
      !_sb_store_app_check_text (company_text, SB_APPLICATION_MAX_NAME_CHARS, FALSE, field_label (SB_APPLICATION_FIELD_COMPANY), error) ||
      !_sb_store_app_check_text (role_text, SB_APPLICATION_MAX_NAME_CHARS, FALSE, field_label (SB_APPLICATION_FIELD_ROLE), error))
    return NULL;
  if (slug != NULL && !check_slug (slug, error))
    return NULL;

  if (!_sb_store_app_write_begin (self, &started, error))
    return NULL;

  if (slug == NULL)
    {
      g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();
      SbStep step;

      stmt = sb_database_prepare (self->db, "SELECT slug FROM applications", &local_error);
      if (stmt == NULL)
        return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;
      while ((step = sb_database_step (self->db, stmt, &local_error)) == SB_STEP_ROW)
        g_hash_table_add (taken, g_strdup (_sb_store_column_text (stmt, 0)));
      if (step == SB_STEP_ERROR)
        return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;
      /* The date is not known yet at creation: the slug takes today's, so
       * two loops at one company stay apart ("acme-2026-12-03"). */
      {
        g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
        g_autofree char *base = g_strdup_printf ("%s %s",
                                                 *company_text != '\0' ? company_text
                                                 : *role_text != '\0' ? role_text : "application",
                                                 date);
        made_slug = _sb_store_unique_slug (self, "", base, taken);
      }
      slug = made_slug;
    }
  else if (sb_store_find_application (self, slug) != NULL)
    {
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("An application with the id “%s” is already in the bank"), slug);
      return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;
    }

  stmt = sb_database_prepare (self->db,
                              "INSERT INTO applications (slug, company, role, created_at, updated_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?4)",
                              &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, company_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, role_text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;

  application = _sb_application_new (sqlite3_last_insert_rowid (sb_database_get_handle (self->db)), slug);
  _sb_application_set_field (application, SB_APPLICATION_FIELD_COMPANY, company_text);
  _sb_application_set_field (application, SB_APPLICATION_FIELD_ROLE, role_text);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return NULL;

  g_list_store_append (self->applications, application);
  _sb_store_applications_changed (self);
  return application;
}

gboolean
sb_store_set_application_field (SbStore             *self,
                                SbApplication       *application,
                                SbApplicationField   field,
                                const char          *text,
                                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_APPLICATION (application), FALSE);
  g_return_val_if_fail (field < SB_APPLICATION_N_FIELDS, FALSE);

  value = g_strdup (text != NULL ? text : "");
  /* Names and the date are one line; the long texts stay as typed. */
  if (field == SB_APPLICATION_FIELD_COMPANY || field == SB_APPLICATION_FIELD_ROLE ||
      field == SB_APPLICATION_FIELD_DATE)
    g_strstrip (value);
  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error) ||
      !_sb_store_app_check_text (value, field_max_chars (field), FALSE, field_label (field), error) ||
      (field == SB_APPLICATION_FIELD_DATE && !check_date (value, error)))
    return FALSE;
  if (strcmp (sb_application_get_field (application, field), value) == 0)
    return TRUE;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE applications SET %s = ?1, updated_at = max (updated_at, ?2) WHERE id = ?3",
                         columns[field]);
  stmt = sb_database_prepare (self->db, sql, &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, _sb_store_app_now_seconds ());
      sqlite3_bind_int64 (stmt, 3, sb_application_get_id (application));
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  _sb_application_set_field (application, field, value);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
sb_store_set_application_status (SbStore              *self,
                                 SbApplication        *application,
                                 SbApplicationStatus   status,
                                 GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_APPLICATION (application), FALSE);

  if (status != SB_APPLICATION_STATUS_PREPARING && status != SB_APPLICATION_STATUS_DONE)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("%d is not a status of an application"), status);
      return FALSE;
    }
  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error))
    return FALSE;
  if (sb_application_get_status (application) == status)
    return TRUE;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return FALSE;
  if (!_sb_store_exec_id_id (self, "UPDATE applications SET status = ?2 WHERE id = ?1",
                             sb_application_get_id (application), status, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  _sb_application_set_status (application, status);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
sb_store_set_application_framework (SbStore        *self,
                                    SbApplication  *application,
                                    const char     *framework_slug,
                                    GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  SbFramework *framework = NULL;
  gboolean started;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_APPLICATION (application), FALSE);

  if (framework_slug != NULL && *framework_slug == '\0')
    framework_slug = NULL;
  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error))
    return FALSE;
  if (framework_slug != NULL && (framework = sb_store_find_framework (self, framework_slug)) == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no framework “%s”"), framework_slug);
      return FALSE;
    }
  if (g_strcmp0 (sb_application_get_framework (application), framework_slug) == 0)
    return TRUE;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return FALSE;
  /* Taking in others' changes may have replaced the catalog's objects. */
  framework = framework_slug != NULL ? sb_store_find_framework (self, framework_slug) : NULL;
  if (framework_slug != NULL && framework == NULL)
    {
      g_set_error (&local_error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no framework “%s”"), framework_slug);
      return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
    }
  stmt = sb_database_prepare (self->db, "UPDATE applications SET framework_id = ?2 WHERE id = ?1", &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, sb_application_get_id (application));
      if (framework != NULL)
        sqlite3_bind_int64 (stmt, 2, sb_framework_get_id (framework));
      else
        sqlite3_bind_null (stmt, 2);
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  _sb_application_set_framework (application, framework_slug);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
sb_store_delete_application (SbStore        *self,
                             SbApplication  *application,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbApplication) kept = NULL;
  gboolean current;
  gboolean started;
  guint position;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_APPLICATION (application), FALSE);

  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error))
    return FALSE;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return FALSE;
  current = g_strcmp0 (self->current_application, sb_application_get_slug (application)) == 0;
  /* Requirements, rounds and their links go with it (ON DELETE CASCADE). */
  if (!_sb_store_exec_id (self, "DELETE FROM applications WHERE id = ?1", sb_application_get_id (application), &local_error) ||
      (current && !sb_database_set_meta (self->db, SB_STORE_META_CURRENT_APPLICATION, NULL, &local_error)))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  kept = g_object_ref (application);
  if (g_list_store_find (self->applications, application, &position))
    g_list_store_remove (self->applications, position);
  if (current)
    g_clear_pointer (&self->current_application, g_free);
  _sb_store_applications_changed (self);
  return TRUE;
}

SbApplication *
sb_store_get_current_application (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return sb_store_find_application (self, self->current_application);
}

gboolean
sb_store_set_current_application (SbStore        *self,
                                  SbApplication  *application,
                                  GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *slug;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (application == NULL || SB_IS_APPLICATION (application), FALSE);

  if (!_sb_store_app_check_writable (self, error) ||
      (application != NULL && !_sb_store_app_check (self, application, error)))
    return FALSE;
  slug = application != NULL ? sb_application_get_slug (application) : NULL;
  if (g_strcmp0 (self->current_application, slug) == 0)
    return TRUE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  if ((application != NULL && !_sb_store_app_check (self, application, &local_error)) ||
      !sb_database_set_meta (self->db, SB_STORE_META_CURRENT_APPLICATION, slug, &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  g_free (self->current_application);
  self->current_application = g_strdup (slug);
  _sb_store_applications_changed (self);
  return TRUE;
}

/* ---- the introduction --------------------------------------------------- */

char *
sb_store_get_introduction (SbStore *self)
{
  char *text;

  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  text = sb_database_get_meta (self->db, META_INTRODUCTION);
  return text != NULL ? text : g_strdup ("");
}

gboolean
sb_store_set_introduction (SbStore     *self,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean started;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);

  if (text == NULL)
    text = "";
  if (!_sb_store_app_check_writable (self, error) ||
      !_sb_store_app_check_text (text, SB_APPLICATION_MAX_NOTE_CHARS, FALSE, _("introduction"), error))
    return FALSE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  if (!sb_database_set_meta (self->db, META_INTRODUCTION, *text != '\0' ? text : NULL, &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;
  _sb_store_applications_changed (self);
  return TRUE;
}
