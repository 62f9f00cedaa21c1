/* sb-catalog.c — frameworks, themes and questions, and the merge of the shipped catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sb-catalog.h"
#include "sb-core-resources.h"

G_DEFINE_QUARK (sb-catalog-error-quark, sb_catalog_error)

/* The three catalog types are small read-only records; each exposes its text
 * as properties so list widgets can bind to them with GtkPropertyExpression. */

enum {
  PROP_0,
  PROP_SLUG,
  PROP_NAME,          /* framework, theme: name; question: text */
  PROP_DESCRIPTION,   /* framework, theme: description; question: listen-for */
  N_PROPS
};

typedef struct
{
  gint64   id;
  char    *slug;
  char    *name;
  char    *description;
  gboolean builtin;
  gboolean edited;    /* a builtin row the person changed: merges leave it be */
  /* The bank's (source-language) text of a shipped row shown translated;
   * NULL when name and description are the bank's own. */
  char    *bank_name;
  char    *bank_description;
} SbCatalogRecord;

static void
record_clear (SbCatalogRecord *record)
{
  g_clear_pointer (&record->slug, g_free);
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->description, g_free);
  g_clear_pointer (&record->bank_name, g_free);
  g_clear_pointer (&record->bank_description, g_free);
}

static void
record_get_property (SbCatalogRecord *record,
                     guint            prop_id,
                     GValue          *value)
{
  switch (prop_id)
    {
    case PROP_SLUG:
      g_value_set_string (value, record->slug);
      break;
    case PROP_NAME:
      g_value_set_string (value, record->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, record->description);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
install_record_properties (GObjectClass *klass,
                           const char   *name_prop,
                           const char   *description_prop)
{
  GParamSpec *pspecs[N_PROPS] = { NULL, };

  pspecs[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_NAME] = g_param_spec_string (name_prop, NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_DESCRIPTION] = g_param_spec_string (description_prop, NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (klass, N_PROPS, pspecs);
}

static void
record_fill (SbCatalogRecord *record,
             gint64           id,
             const char      *slug,
             const char      *name,
             const char      *description,
             gboolean         builtin)
{
  record->id = id;
  record->slug = g_strdup (slug);
  record->name = g_strdup (name != NULL ? name : "");
  record->description = g_strdup (description != NULL ? description : "");
  record->builtin = !!builtin;
}

/* A shipped row's text in the person's language. The contexts are those
 * build-aux/catalog-strings.py writes into data/catalog-strings.c for
 * xgettext: change both together. An empty text is never looked up (the
 * empty msgid is the catalog's header). */
static void
record_translate (SbCatalogRecord *record,
                  const char      *name_context,
                  const char      *description_context)
{
  const char *name;
  const char *description;

  if (record->bank_name != NULL)
    return;
  name = *record->name != '\0' ? g_dpgettext2 (GETTEXT_PACKAGE, name_context, record->name) : "";
  description = *record->description != '\0'
    ? g_dpgettext2 (GETTEXT_PACKAGE, description_context, record->description) : "";
  if (g_strcmp0 (name, record->name) == 0 && g_strcmp0 (description, record->description) == 0)
    return;

  /* The bank keeps the source text; only the object shows the translation. */
  record->bank_name = g_steal_pointer (&record->name);
  record->bank_description = g_steal_pointer (&record->description);
  record->name = g_strdup (name);
  record->description = g_strdup (description);
}

static const char *
record_get_bank_name (SbCatalogRecord *record)
{
  return record->bank_name != NULL ? record->bank_name : record->name;
}

static const char *
record_get_bank_description (SbCatalogRecord *record)
{
  return record->bank_description != NULL ? record->bank_description : record->description;
}

/* ---- SbFramework ---------------------------------------------------- */

struct _SbFramework
{
  GObject         parent_instance;
  SbCatalogRecord record;
};

G_DEFINE_FINAL_TYPE (SbFramework, sb_framework, G_TYPE_OBJECT)

static void
sb_framework_finalize (GObject *object)
{
  record_clear (&SB_FRAMEWORK (object)->record);
  G_OBJECT_CLASS (sb_framework_parent_class)->finalize (object);
}

static void
sb_framework_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  record_get_property (&SB_FRAMEWORK (object)->record, prop_id, value);
}

static void
sb_framework_class_init (SbFrameworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_framework_finalize;
  object_class->get_property = sb_framework_get_property;
  install_record_properties (object_class, "name", "description");
}

static void
sb_framework_init (SbFramework *self)
{
}

SbFramework *
sb_framework_new (gint64 id, const char *slug, const char *name,
                  const char *description, gboolean builtin)
{
  SbFramework *self = g_object_new (SB_TYPE_FRAMEWORK, NULL);
  record_fill (&self->record, id, slug, name, description, builtin);
  return self;
}

gint64       sb_framework_get_id          (SbFramework *self) { return self->record.id; }
const char  *sb_framework_get_slug        (SbFramework *self) { return self->record.slug; }
const char  *sb_framework_get_name        (SbFramework *self) { return self->record.name; }
const char  *sb_framework_get_description (SbFramework *self) { return self->record.description; }
gboolean     sb_framework_get_builtin     (SbFramework *self) { return self->record.builtin; }
const char  *sb_framework_get_bank_name        (SbFramework *self) { return record_get_bank_name (&self->record); }
const char  *sb_framework_get_bank_description (SbFramework *self) { return record_get_bank_description (&self->record); }

void
sb_framework_translate (SbFramework *self)
{
  g_return_if_fail (SB_IS_FRAMEWORK (self));

  if (self->record.builtin)
    record_translate (&self->record, "framework name", "framework description");
}

/* ---- SbTheme -------------------------------------------------------- */

struct _SbTheme
{
  GObject         parent_instance;
  SbCatalogRecord record;
  char           *framework_slug;
};

G_DEFINE_FINAL_TYPE (SbTheme, sb_theme, G_TYPE_OBJECT)

static void
sb_theme_finalize (GObject *object)
{
  SbTheme *self = SB_THEME (object);

  record_clear (&self->record);
  g_clear_pointer (&self->framework_slug, g_free);
  G_OBJECT_CLASS (sb_theme_parent_class)->finalize (object);
}

static void
sb_theme_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  record_get_property (&SB_THEME (object)->record, prop_id, value);
}

static void
sb_theme_class_init (SbThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_theme_finalize;
  object_class->get_property = sb_theme_get_property;
  install_record_properties (object_class, "name", "description");
}

static void
sb_theme_init (SbTheme *self)
{
}

SbTheme *
sb_theme_new (gint64 id, const char *slug, const char *name, const char *description,
              const char *framework_slug, gboolean builtin)
{
  SbTheme *self = g_object_new (SB_TYPE_THEME, NULL);
  record_fill (&self->record, id, slug, name, description, builtin);
  self->framework_slug = g_strdup (framework_slug);
  return self;
}

gint64       sb_theme_get_id             (SbTheme *self) { return self->record.id; }
const char  *sb_theme_get_slug           (SbTheme *self) { return self->record.slug; }
const char  *sb_theme_get_name           (SbTheme *self) { return self->record.name; }
const char  *sb_theme_get_description    (SbTheme *self) { return self->record.description; }
const char  *sb_theme_get_framework_slug (SbTheme *self) { return self->framework_slug; }
gboolean     sb_theme_get_builtin        (SbTheme *self) { return self->record.builtin; }
gboolean     sb_theme_get_edited         (SbTheme *self) { return self->record.edited; }
void         sb_theme_set_edited         (SbTheme *self, gboolean edited) { self->record.edited = !!edited; }
const char  *sb_theme_get_bank_name        (SbTheme *self) { return record_get_bank_name (&self->record); }
const char  *sb_theme_get_bank_description (SbTheme *self) { return record_get_bank_description (&self->record); }

void
sb_theme_translate (SbTheme *self)
{
  g_autofree char *name_context = NULL;
  g_autofree char *description_context = NULL;

  g_return_if_fail (SB_IS_THEME (self));

  if (!self->record.builtin || self->record.edited)
    return;
  /* Per framework: "Ownership" is one of Amazon's principles and also a
   * dimension of "What interviewers evaluate", and may read differently. */
  name_context = g_strconcat (self->framework_slug, " theme name", NULL);
  description_context = g_strconcat (self->framework_slug, " theme description", NULL);
  record_translate (&self->record, name_context, description_context);
}

void
sb_theme_set_text (SbTheme    *self,
                   const char *name,
                   const char *description)
{
  g_return_if_fail (SB_IS_THEME (self));

  g_object_freeze_notify (G_OBJECT (self));
  /* The person's words are the bank's words now. */
  g_clear_pointer (&self->record.bank_name, g_free);
  g_clear_pointer (&self->record.bank_description, g_free);
  if (g_strcmp0 (self->record.name, name) != 0)
    {
      g_free (self->record.name);
      self->record.name = g_strdup (name != NULL ? name : "");
      g_object_notify (G_OBJECT (self), "name");
    }
  if (g_strcmp0 (self->record.description, description) != 0)
    {
      g_free (self->record.description);
      self->record.description = g_strdup (description != NULL ? description : "");
      g_object_notify (G_OBJECT (self), "description");
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- SbQuestion ----------------------------------------------------- */

struct _SbQuestion
{
  GObject         parent_instance;
  SbCatalogRecord record;
  GStrv           theme_slugs;
};

G_DEFINE_FINAL_TYPE (SbQuestion, sb_question, G_TYPE_OBJECT)

static void
sb_question_finalize (GObject *object)
{
  SbQuestion *self = SB_QUESTION (object);

  record_clear (&self->record);
  g_clear_pointer (&self->theme_slugs, g_strfreev);
  G_OBJECT_CLASS (sb_question_parent_class)->finalize (object);
}

static void
sb_question_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  record_get_property (&SB_QUESTION (object)->record, prop_id, value);
}

static void
sb_question_class_init (SbQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_question_finalize;
  object_class->get_property = sb_question_get_property;
  install_record_properties (object_class, "text", "listen-for");
}

static void
sb_question_init (SbQuestion *self)
{
}

SbQuestion *
sb_question_new (gint64 id, const char *slug, const char *text, const char *listen_for,
                 const char * const *theme_slugs, gboolean builtin)
{
  SbQuestion *self = g_object_new (SB_TYPE_QUESTION, NULL);
  record_fill (&self->record, id, slug, text, listen_for, builtin);
  self->theme_slugs = theme_slugs != NULL ? g_strdupv ((char **) theme_slugs) : g_new0 (char *, 1);
  return self;
}

gint64       sb_question_get_id         (SbQuestion *self) { return self->record.id; }
const char  *sb_question_get_slug       (SbQuestion *self) { return self->record.slug; }
const char  *sb_question_get_text       (SbQuestion *self) { return self->record.name; }
const char  *sb_question_get_listen_for (SbQuestion *self) { return self->record.description; }
gboolean     sb_question_get_builtin    (SbQuestion *self) { return self->record.builtin; }
gboolean     sb_question_get_edited     (SbQuestion *self) { return self->record.edited; }
void         sb_question_set_edited     (SbQuestion *self, gboolean edited) { self->record.edited = !!edited; }
const char  *sb_question_get_bank_text       (SbQuestion *self) { return record_get_bank_name (&self->record); }
const char  *sb_question_get_bank_listen_for (SbQuestion *self) { return record_get_bank_description (&self->record); }

void
sb_question_translate (SbQuestion *self)
{
  g_return_if_fail (SB_IS_QUESTION (self));

  if (self->record.builtin && !self->record.edited)
    record_translate (&self->record, "question", "listens for");
}

const char * const *
sb_question_get_theme_slugs (SbQuestion *self)
{
  return (const char * const *) self->theme_slugs;
}

gboolean
sb_question_has_theme (SbQuestion *self,
                       const char *theme_slug)
{
  return g_strv_contains ((const char * const *) self->theme_slugs, theme_slug);
}

/* ---- merge ---------------------------------------------------------- */

static const char *
member_string (JsonObject  *object,
               const char  *member,
               const char  *where,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                   "catalog: %s.%s must be a string", where, member);
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject  *object,
              const char  *member,
              const char  *where,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                   "catalog: %s.%s must be an array", where, member);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (JsonArray   *array,
                guint        i,
                const char  *where,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                   "catalog: %s[%u] must be an object", where, i);
      return NULL;
    }
  return json_node_get_object (node);
}

static gint64
lookup_id (SbDatabase  *db,
           const char  *sql,
           const char  *slug,
           GError     **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (db, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      sb_database_set_error (db, error, _("The bank could not be read"));
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* Inserts a builtin row by slug, or refreshes it when the person has not
 * edited it. ?1 slug, ?2 name/text, ?3 description/listen_for, ?4 position,
 * ?5 parent id (themes only). */
static gboolean
upsert (SbDatabase  *db,
        const char  *sql,
        const char  *slug,
        const char  *name,
        const char  *description,
        int          position,
        gint64       parent_id,
        GError     **error)
{
  sqlite3_stmt *stmt = sb_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, description, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, position);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 5, parent_id);
  return sb_database_step_done (db, stmt, error);
}

static gboolean
merge_frameworks (SbDatabase  *db,
                  JsonArray   *frameworks,
                  GHashTable  *theme_slugs,
                  GError     **error)
{
  for (guint f = 0; f < json_array_get_length (frameworks); f++)
    {
      g_autofree char *where = g_strdup_printf ("frameworks[%u]", f);
      JsonObject *fw = element_object (frameworks, f, "frameworks", error);
      const char *slug, *name, *description;
      JsonArray *themes;
      gint64 fw_id;

      if (fw == NULL ||
          !(slug = member_string (fw, "slug", where, error)) ||
          !(name = member_string (fw, "name", where, error)) ||
          !(description = member_string (fw, "description", where, error)) ||
          !(themes = member_array (fw, "themes", where, error)))
        return FALSE;

      if (!upsert (db,
                   "INSERT INTO frameworks (slug, name, description, position, builtin) "
                   "VALUES (?1, ?2, ?3, ?4, 1) "
                   "ON CONFLICT (slug) DO UPDATE SET "
                   "  name = CASE WHEN edited THEN name ELSE excluded.name END,"
                   "  description = CASE WHEN edited THEN description ELSE excluded.description END,"
                   "  position = excluded.position, builtin = 1",
                   slug, name, description, f, 0, error))
        return FALSE;

      fw_id = lookup_id (db, "SELECT id FROM frameworks WHERE slug = ?1", slug, error);
      if (fw_id <= 0)
        return FALSE;

      for (guint t = 0; t < json_array_get_length (themes); t++)
        {
          g_autofree char *twhere = g_strdup_printf ("%s.themes[%u]", where, t);
          JsonObject *theme = element_object (themes, t, where, error);
          const char *tslug, *tname, *tdescription;

          if (theme == NULL ||
              !(tslug = member_string (theme, "slug", twhere, error)) ||
              !(tname = member_string (theme, "name", twhere, error)) ||
              !(tdescription = member_string (theme, "description", twhere, error)))
            return FALSE;

          if (!upsert (db,
                       "INSERT INTO themes (slug, name, description, position, framework_id, builtin) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, 1) "
                       "ON CONFLICT (slug) DO UPDATE SET "
                       "  name = CASE WHEN edited THEN name ELSE excluded.name END,"
                       "  description = CASE WHEN edited THEN description ELSE excluded.description END,"
                       "  position = excluded.position, builtin = 1",
                       tslug, tname, tdescription, t, fw_id, error))
            return FALSE;
          g_hash_table_add (theme_slugs, (gpointer) tslug);
        }
    }
  return TRUE;
}

static gboolean
merge_questions (SbDatabase  *db,
                 JsonArray   *questions,
                 GHashTable  *theme_slugs,
                 GError     **error)
{
  for (guint q = 0; q < json_array_get_length (questions); q++)
    {
      g_autofree char *where = g_strdup_printf ("questions[%u]", q);
      JsonObject *question = element_object (questions, q, "questions", error);
      const char *slug, *text, *listen_for;
      JsonArray *themes;
      sqlite3_stmt *stmt;
      gint64 q_id;
      gboolean edited;

      if (question == NULL ||
          !(slug = member_string (question, "slug", where, error)) ||
          !(text = member_string (question, "text", where, error)) ||
          !(listen_for = member_string (question, "listen_for", where, error)) ||
          !(themes = member_array (question, "themes", where, error)))
        return FALSE;

      if (!upsert (db,
                   "INSERT INTO questions (slug, text, listen_for, position, builtin) "
                   "VALUES (?1, ?2, ?3, ?4, 1) "
                   "ON CONFLICT (slug) DO UPDATE SET "
                   "  text = CASE WHEN edited THEN text ELSE excluded.text END,"
                   "  listen_for = CASE WHEN edited THEN listen_for ELSE excluded.listen_for END,"
                   "  position = excluded.position, builtin = 1",
                   slug, text, listen_for, q, 0, error))
        return FALSE;

      stmt = sb_database_prepare (db, "SELECT id, edited FROM questions WHERE slug = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, slug, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sb_database_set_error (db, error, _("The bank could not be read"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      q_id = sqlite3_column_int64 (stmt, 0);
      edited = sqlite3_column_int (stmt, 1);
      sqlite3_reset (stmt);

      /* The person's own choice of themes for an edited question stands. */
      if (edited)
        continue;

      stmt = sb_database_prepare (db, "DELETE FROM question_themes WHERE question_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, q_id);
      if (!sb_database_step_done (db, stmt, error))
        return FALSE;

      for (guint t = 0; t < json_array_get_length (themes); t++)
        {
          JsonNode *node = json_array_get_element (themes, t);
          const char *tslug;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           "catalog: %s.themes[%u] must be a string", where, t);
              return FALSE;
            }
          tslug = json_node_get_string (node);
          if (!g_hash_table_contains (theme_slugs, tslug))
            {
              g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           "catalog: %s names the unknown theme “%s”", where, tslug);
              return FALSE;
            }

          stmt = sb_database_prepare (db,
                                      "INSERT OR IGNORE INTO question_themes (question_id, theme_id) "
                                      "SELECT ?1, id FROM themes WHERE slug = ?2",
                                      error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, q_id);
          sqlite3_bind_text (stmt, 2, tslug, -1, SQLITE_STATIC);
          if (!sb_database_step_done (db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
sb_catalog_merge (SbDatabase  *db,
                  GBytes      *data,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) theme_slugs = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *catalog;
  JsonArray *frameworks, *questions;
  gconstpointer bytes;
  gsize length;

  g_return_val_if_fail (SB_IS_DATABASE (db), FALSE);

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  merged = sb_database_get_meta (db, "catalog-checksum");
  if (g_strcmp0 (checksum, merged) == 0)
    return TRUE;

  bytes = g_bytes_get_data (data, &length);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, bytes, length, &local_error))
    {
      g_set_error (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                   "catalog: %s", local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SB_CATALOG_ERROR, SB_CATALOG_ERROR_INVALID,
                           "catalog: the root must be an object");
      return FALSE;
    }
  catalog = json_node_get_object (root);
  if (!(frameworks = member_array (catalog, "frameworks", "catalog", error)) ||
      !(questions = member_array (catalog, "questions", "catalog", error)))
    return FALSE;

  /* Slugs of the person's own themes count as known too. */
  theme_slugs = g_hash_table_new (g_str_hash, g_str_equal);

  if (!sb_database_begin (db, error))
    return FALSE;
  if (!merge_frameworks (db, frameworks, theme_slugs, &local_error) ||
      !merge_questions (db, questions, theme_slugs, &local_error) ||
      !sb_database_set_meta (db, "catalog-checksum", checksum, &local_error))
    {
      sb_database_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return sb_database_commit (db, error);
}

gboolean
sb_catalog_merge_builtin (SbDatabase  *db,
                          GError     **error)
{
  g_autoptr(GBytes) data = NULL;

  /* Look the file up in our own bundle, not the global registry: the bundle
   * lives in a static library, and its self-registering constructor is only
   * linked in when something refers to it, which this call does. */
  data = g_resource_lookup_data (sb_core_get_resource (), SB_CATALOG_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (data == NULL)
    return FALSE;
  return sb_catalog_merge (db, data, error);
}
