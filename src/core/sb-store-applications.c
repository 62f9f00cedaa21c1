/* sb-store-applications.c — the store's applications: one company's loop,
 * its requirements, its rounds and the stories planned for them
 *
 * Applications are few (a person prepares for a handful of loops at a
 * time), so they are read whole with the stories (at open, reload, after
 * another program committed, after a rolled-back change) and every object
 * is kept where its row still is, so widgets keep what they hold. Every
 * change is one transaction of its own (BEGIN IMMEDIATE, after taking in
 * what others committed), and memory follows only once the bank took it.
 * Requirements are in sb-store-requirements.c, rounds in sb-store-rounds.c.
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

#define META_CURRENT      "current-application"
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

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- lifetime and signals ------------------------------------------------ */

void
_sb_store_applications_init (SbStore *self)
{
  self->applications = g_list_store_new (SB_TYPE_APPLICATION);
}

void
_sb_store_applications_dispose (SbStore *self)
{
  g_clear_object (&self->applications);
  g_clear_pointer (&self->current_application, g_free);
}

void
_sb_store_emit_applications (SbStore *self)
{
  /* Inside a transaction (an import) it waits for the end. */
  if (!self->emit_applications || sb_database_in_transaction (self->db))
    return;
  self->emit_applications = FALSE;
  g_signal_emit (self, _sb_store_signals[APPLICATIONS_CHANGED], 0);
}

/* After a change: now, or at the end of the transaction it is part of. */
void
_sb_store_applications_changed (SbStore *self)
{
  self->emit_applications = TRUE;
  _sb_store_emit_applications (self);
}

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

static SbApplication *
find_in (GListModel *model,
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
      SbApplication *application = find_in (G_LIST_MODEL (self->applications), id,
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
      SbApplication *application = find_in (G_LIST_MODEL (self->applications), application_id,
                                            (gint64 (*) (gpointer)) sb_application_get_id);
      SbRequirement *requirement = NULL;

      if (application != NULL)
        requirement = (SbRequirement *) find_in (sb_application_get_requirements (application), id,
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
      SbApplication *application = find_in (G_LIST_MODEL (self->applications), application_id,
                                            (gint64 (*) (gpointer)) sb_application_get_id);
      GPtrArray *focus = g_hash_table_lookup (round_focus, &id);
      SbRound *round = NULL;

      if (application != NULL)
        round = (SbRound *) find_in (sb_application_get_rounds (application), id,
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
  self->current_application = sb_database_get_meta (self->db, META_CURRENT);

  self->emit_applications = TRUE;
  return TRUE;
}

/* ---- writing ------------------------------------------------------------- */

/* Every change starts here: a transaction of its own (unless it is part
 * of one already), with what others committed taken in first. */
gboolean
_sb_store_app_write_begin (SbStore   *self,
                           gboolean  *started,
                           GError   **error)
{
  if (!_sb_store_write_begin (self, started, error))
    return FALSE;
  if (*started && !_sb_store_sync_in_write (self, error))
    {
      _sb_store_write_end (self, *started, FALSE, NULL);
      _sb_store_emit_pending (self);
      return FALSE;
    }
  return TRUE;
}

/* Ends the transaction _sb_store_app_write_begin() started; with @ok
 * FALSE, @local_error (taken) goes to @error. */
gboolean
_sb_store_app_write_end (SbStore   *self,
                         gboolean   started,
                         gboolean   ok,
                         GError    *local_error,
                         GError   **error)
{
  if (ok && !_sb_store_write_end (self, started, TRUE, error))
    ok = FALSE;
  else if (!ok)
    {
      _sb_store_write_end (self, started, FALSE, NULL);
      g_propagate_error (error, local_error);
    }
  _sb_store_emit_pending (self);
  return ok;
}

gboolean
_sb_store_app_begin_change (SbStore        *self,
                            SbApplication  *application,
                            gboolean       *started,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!_sb_store_app_write_begin (self, started, error))
    return FALSE;
  if (_sb_store_app_check (self, application, &local_error))
    return TRUE;
  return _sb_store_app_write_end (self, *started, FALSE, g_steal_pointer (&local_error), error);
}

gboolean
_sb_store_exec_id (SbStore     *self,
                   const char  *sql,
                   gint64       id,
                   GError     **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sb_database_step_done (self->db, stmt, error);
}

gboolean
_sb_store_exec_id_id (SbStore     *self,
                      const char  *sql,
                      gint64       a,
                      gint64       b,
                      GError     **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return sb_database_step_done (self->db, stmt, error);
}

gboolean
_sb_store_app_touch (SbStore  *self,
                     gint64    application_id,
                     GError  **error)
{
  return _sb_store_exec_id_id (self, "UPDATE applications SET updated_at = max (updated_at, ?2) WHERE id = ?1",
                               application_id, now_seconds (), error);
}

/* Writes position = index for every item of @items (SbRequirement or SbRound). */
gboolean
_sb_store_app_write_positions (SbStore     *self,
                               const char  *table,
                               GPtrArray   *items,
                               gint64     (*get_id) (gpointer),
                               GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET position = ?2 WHERE id = ?1", table);

  for (guint i = 0; i < items->len; i++)
    if (!_sb_store_exec_id_id (self, sql, get_id (items->pdata[i]), i, error))
      return FALSE;
  return TRUE;
}

GPtrArray *
_sb_store_app_list_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

char *
_sb_store_app_clean_line (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* ---- checks ------------------------------------------------------------- */

gboolean
_sb_store_app_check_writable (SbStore  *self,
                              GError  **error)
{
  if (!sb_database_is_read_only (self->db))
    return TRUE;
  g_set_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY, "%s",
               sb_database_get_read_only_reason (self->db));
  return FALSE;
}

/* Text for @what: valid UTF-8 of at most @max characters, and, when
 * @required, not only blanks. */
gboolean
_sb_store_app_check_text (const char  *text,
                          glong        max,
                          gboolean     required,
                          const char  *what,
                          GError     **error)
{
  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("The %s is not valid text (UTF-8)"), what);
      return FALSE;
    }
  if (required && !_sb_store_check_text (text, what, error))
    return FALSE;
  if (g_utf8_strlen (text, -1) > max)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   /* Translators: %s is what was too long ("job description"), %ld a number */
                   _("The %s would be longer than %ld characters, the most Storybank keeps"),
                   what, max);
      return FALSE;
    }
  return TRUE;
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

static SbApplication *
find_by_id (SbStore *self,
            gint64   id)
{
  return find_in (G_LIST_MODEL (self->applications), id, (gint64 (*) (gpointer)) sb_application_get_id);
}

gboolean
_sb_store_app_check (SbStore        *self,
                     SbApplication  *application,
                     GError        **error)
{
  g_autofree char *name = NULL;

  if (find_by_id (self, sb_application_get_id (application)) == application)
    return TRUE;
  name = sb_application_dup_display_name (application);
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The application “%s” is no longer in this bank"), name);
  return FALSE;
}

/* The application @requirement belongs to, or NULL with @error set. */
SbApplication *
_sb_store_requirement_application (SbStore        *self,
                                   SbRequirement  *requirement,
                                   guint          *position,
                                   GError        **error)
{
  SbApplication *application = find_by_id (self, _sb_requirement_get_application_id (requirement));
  guint found;

  if (application != NULL &&
      g_list_store_find (_sb_application_get_requirement_store (application), requirement, &found))
    {
      if (position != NULL)
        *position = found;
      return application;
    }
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The requirement “%s” is no longer in this bank"), sb_requirement_get_text (requirement));
  return NULL;
}

SbApplication *
_sb_store_round_application (SbStore  *self,
                             SbRound  *round,
                             guint    *position,
                             GError  **error)
{
  SbApplication *application = find_by_id (self, _sb_round_get_application_id (round));
  guint found;

  if (application != NULL && g_list_store_find (_sb_application_get_round_store (application), round, &found))
    {
      if (position != NULL)
        *position = found;
      return application;
    }
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
               _("The round “%s” is no longer in this bank"), sb_round_get_name (round));
  return NULL;
}

/* ---- requirements and rounds alike -------------------------------------- */

gint64
_sb_store_app_part_insert_row (SbStore          *self,
                               const SbAppPart  *part,
                               gint64            application_id,
                               const char       *text,
                               GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (application_id, position, %s) VALUES (?1, 0, ?2)",
                                          part->table, part->column);
  sqlite3_stmt *stmt = sb_database_prepare (self->db, sql, error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, application_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!sb_database_step_done (self->db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (sb_database_get_handle (self->db));
}

gpointer
_sb_store_app_part_add (SbStore          *self,
                        const SbAppPart  *part,
                        SbApplication    *application,
                        const char       *text,
                        int               position,
                        const char       *what,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *line = _sb_store_app_clean_line (text);
  GListStore *store = part->get_store (application);
  gboolean started;
  gint64 id;

  if (!_sb_store_app_check_writable (self, error) || !_sb_store_app_check (self, application, error) ||
      !_sb_store_app_check_text (line, part->max_chars, TRUE, what, error))
    return NULL;

  if (!_sb_store_app_begin_change (self, application, &started, error))
    return NULL;
  if ((id = _sb_store_app_part_insert_row (self, part, sb_application_get_id (application), line, &local_error)) == 0)
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;

  item = part->new_item (id, sb_application_get_id (application), line);
  items = _sb_store_app_list_items (G_LIST_MODEL (store));
  if (position < 0 || (guint) position > items->len)
    position = items->len;
  g_ptr_array_insert (items, position, g_object_ref (item));
  if (!_sb_store_app_write_positions (self, part->table, items, part->get_id, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error), NULL;
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return NULL;

  g_list_store_insert (store, position, item);
  _sb_store_applications_changed (self);
  return item;
}

gboolean
_sb_store_app_part_set_text (SbStore          *self,
                             const SbAppPart  *part,
                             gpointer          item,
                             const char       *text,
                             const char       *what,
                             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *line = _sb_store_app_clean_line (text);
  g_autofree char *sql = NULL;
  SbApplication *application;
  sqlite3_stmt *stmt;
  gboolean started;

  if (!_sb_store_app_check_writable (self, error) || part->find_application (self, item, NULL, error) == NULL ||
      !_sb_store_app_check_text (line, part->max_chars, TRUE, what, error))
    return FALSE;
  if (strcmp (line, part->get_text (item)) == 0)
    return TRUE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  application = part->find_application (self, item, NULL, &local_error);
  if (application == NULL)
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  sql = g_strdup_printf ("UPDATE %s SET %s = ?2 WHERE id = ?1", part->table, part->column);
  stmt = sb_database_prepare (self->db, sql, &local_error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, part->get_id (item));
      sqlite3_bind_text (stmt, 2, line, -1, SQLITE_STATIC);
    }
  if (stmt == NULL || !sb_database_step_done (self->db, stmt, &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  part->set_text (item, line);
  _sb_store_applications_changed (self);
  return TRUE;
}

gboolean
_sb_store_app_part_delete (SbStore          *self,
                           const SbAppPart  *part,
                           gpointer          item,
                           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) kept = NULL;
  g_autofree char *sql = NULL;
  SbApplication *application;
  gboolean started;
  guint position;

  if (!_sb_store_app_check_writable (self, error) || part->find_application (self, item, NULL, error) == NULL)
    return FALSE;

  if (!_sb_store_app_write_begin (self, &started, error))
    return FALSE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", part->table);
  application = part->find_application (self, item, &position, &local_error);
  if (application == NULL ||
      !_sb_store_exec_id (self, sql, part->get_id (item), &local_error) ||
      !_sb_store_app_touch (self, sb_application_get_id (application), &local_error))
    return _sb_store_app_write_end (self, started, FALSE, g_steal_pointer (&local_error), error);
  if (!_sb_store_app_write_end (self, started, TRUE, NULL, error))
    return FALSE;

  kept = g_object_ref (item);
  g_list_store_remove (part->get_store (application), position);
  _sb_store_applications_changed (self);
  return TRUE;
}

/* ---- applications ------------------------------------------------------- */

GListModel *
sb_store_get_applications (SbStore *self)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->applications);
}

SbApplication *
sb_store_find_application (SbStore    *self,
                           const char *slug)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);

  if (slug == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->applications)); i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (G_LIST_MODEL (self->applications), i);

      if (strcmp (sb_application_get_slug (application), slug) == 0)
        return application;
    }
  return NULL;
}

SbApplication *
sb_store_get_requirement_application (SbStore       *self,
                                      SbRequirement *requirement)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_REQUIREMENT (requirement), NULL);
  return _sb_store_requirement_application (self, requirement, NULL, NULL);
}

SbApplication *
sb_store_get_round_application (SbStore *self,
                                SbRound *round)
{
  g_return_val_if_fail (SB_IS_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_ROUND (round), NULL);
  return _sb_store_round_application (self, round, NULL, NULL);
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
  gint64 now = now_seconds ();

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
      sqlite3_bind_int64 (stmt, 2, now_seconds ());
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
      (current && !sb_database_set_meta (self->db, META_CURRENT, NULL, &local_error)))
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
      !sb_database_set_meta (self->db, META_CURRENT, slug, &local_error))
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

/* ---- a story deleted and brought back ----------------------------------- */

typedef struct
{
  gint64 round_id;
  guint  position;
} RoundSlot;

struct _SbAppLinks
{
  GArray *requirement_ids;  /* gint64 */
  GArray *round_slots;      /* RoundSlot */
};

void
_sb_app_links_free (SbAppLinks *links)
{
  if (links == NULL)
    return;
  g_array_unref (links->requirement_ids);
  g_array_unref (links->round_slots);
  g_free (links);
}

SbAppLinks *
_sb_app_links_copy (const SbAppLinks *links)
{
  SbAppLinks *copy;

  if (links == NULL)
    return NULL;
  copy = g_new0 (SbAppLinks, 1);
  copy->requirement_ids = g_array_copy (links->requirement_ids);
  copy->round_slots = g_array_copy (links->round_slots);
  return copy;
}

/* The bank dropped @story's rows (ON DELETE CASCADE): memory follows, and
 * what it was linked to is kept for an undo. */
SbAppLinks *
_sb_store_applications_forget_story (SbStore *self,
                                     SbStory *story)
{
  SbAppLinks *links = g_new0 (SbAppLinks, 1);
  const char *uuid = sb_story_get_uuid (story);
  GListModel *applications = G_LIST_MODEL (self->applications);
  gboolean changed = FALSE;

  links->requirement_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  links->round_slots = g_array_new (FALSE, FALSE, sizeof (RoundSlot));
  for (guint a = 0; a < g_list_model_get_n_items (applications); a++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, a);
      GListModel *requirements = sb_application_get_requirements (application);
      GListModel *rounds = sb_application_get_rounds (application);

      for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
        {
          g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);
          g_autoptr(GStrvBuilder) rest = NULL;
          g_auto(GStrv) uuids = NULL;
          gint64 id = sb_requirement_get_id (requirement);

          if (!_sb_requirement_has_story (requirement, uuid))
            continue;
          g_array_append_val (links->requirement_ids, id);
          rest = g_strv_builder_new ();
          for (const char * const *u = sb_requirement_get_story_uuids (requirement); *u != NULL; u++)
            if (strcmp (*u, uuid) != 0)
              g_strv_builder_add (rest, *u);
          uuids = g_strv_builder_end (rest);
          _sb_requirement_set_story_uuids (requirement, (const char * const *) uuids);
          changed = TRUE;
        }
      for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
        {
          g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);
          g_autoptr(GStrvBuilder) rest = NULL;
          g_auto(GStrv) uuids = NULL;
          const char * const *planned = sb_round_get_story_uuids (round);

          for (guint p = 0; planned[p] != NULL; p++)
            if (strcmp (planned[p], uuid) == 0)
              {
                RoundSlot slot = { sb_round_get_id (round), p };
                g_array_append_val (links->round_slots, slot);
              }
          if (!_sb_round_has_story (round, uuid))
            continue;
          rest = g_strv_builder_new ();
          for (guint p = 0; planned[p] != NULL; p++)
            if (strcmp (planned[p], uuid) != 0)
              g_strv_builder_add (rest, planned[p]);
          uuids = g_strv_builder_end (rest);
          _sb_round_set_story_uuids (round, (const char * const *) uuids);
          changed = TRUE;
        }
    }
  /* sb_store_delete_story() emits it once the story is gone. */
  if (changed)
    self->emit_applications = TRUE;
  return links;
}

/* Puts @story back where it was linked and planned, in the bank; memory
 * is read back from it. Requirements and rounds deleted meanwhile are
 * skipped. Runs inside sb_store_restore_story()'s transaction. */
gboolean
_sb_store_applications_restore_story (SbStore           *self,
                                      SbStory           *story,
                                      const SbAppLinks  *links,
                                      GError           **error)
{
  if (links == NULL || (links->requirement_ids->len == 0 && links->round_slots->len == 0))
    return TRUE;
  for (guint i = 0; i < links->requirement_ids->len; i++)
    if (!_sb_store_exec_id_id (self,
                               "INSERT OR IGNORE INTO requirement_stories (requirement_id, story_id) "
                               "SELECT id, ?2 FROM requirements WHERE id = ?1",
                               g_array_index (links->requirement_ids, gint64, i), sb_story_get_id (story), error))
      return FALSE;
  for (guint i = 0; i < links->round_slots->len; i++)
    {
      RoundSlot *slot = &g_array_index (links->round_slots, RoundSlot, i);
      sqlite3_stmt *stmt;

      /* Make room at its old place, then put it there. */
      if (!_sb_store_exec_id_id (self, "UPDATE round_stories SET position = position + 1 WHERE round_id = ?1 AND position >= ?2",
                                 slot->round_id, slot->position, error))
        return FALSE;
      stmt = sb_database_prepare (self->db,
                                  "INSERT OR IGNORE INTO round_stories (round_id, story_id, position) "
                                  "SELECT id, ?2, ?3 FROM rounds WHERE id = ?1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, slot->round_id);
      sqlite3_bind_int64 (stmt, 2, sb_story_get_id (story));
      sqlite3_bind_int (stmt, 3, slot->position);
      if (!sb_database_step_done (self->db, stmt, error))
        return FALSE;
    }
  /* sb_store_restore_story() emits "applications-changed" after its commit. */
  return _sb_store_load_applications (self, error);
}
