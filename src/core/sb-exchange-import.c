/* sb-exchange-import.c — reading, checking and merging a Storybank JSON file
 *
 * Import runs in three steps, so that a bad file changes nothing:
 *
 *  1. a strict RFC 8259 check of the text (sb-json-check.c), because
 *     json-glib 1.6 is lenient (trailing content, duplicate keys, 1e400,
 *     comments, single quotes…) and forgets where things were; it also
 *     records the line:column of every value by its JSON path, for the
 *     messages of step 2;
 *  2. json-glib builds the tree, which is read into plain structs, checking
 *     every type, slug and reference against the bank;
 *  3. the structs are applied inside one sb_store_run_in_transaction().
 *
 * This file holds the frame: the entry points, the Import and its parts'
 * lifetimes, the checks of single values with messages that name their
 * place, the file's top (header, person, deleted questions, drills) and
 * what it lends the readers of the other parts. The catalog and the
 * stories are read in sb-exchange-import-catalog.c and
 * sb-exchange-import-stories.c, and step 3 is sb-exchange-import-apply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-exchange-import-private.h"
#include "sb-json-check.h"

static const char *
display_filename (const char *filename)
{
  return filename != NULL ? filename : _("input");
}

/* ---- step 2: read the tree into plain structs ----------------------- */

void
_sb_exchange_import_theme_free (ImportTheme *theme)
{
  g_free (theme->slug);
  g_free (theme->name);
  g_free (theme->description);
  g_free (theme->framework_slug);
  g_free (theme);
}

static void
import_framework_free (ImportFramework *framework)
{
  g_free (framework->slug);
  g_free (framework->name);
  g_free (framework->description);
  g_ptr_array_unref (framework->themes);
  g_free (framework);
}

static void
import_question_free (ImportQuestion *question)
{
  g_free (question->slug);
  g_free (question->text);
  g_free (question->listen_for);
  g_strfreev (question->themes);
  g_free (question);
}

void
_sb_exchange_import_link_clear (ImportLink *link)
{
  g_free (link->slug);
}

void
_sb_exchange_rehearsal_clear (SbRehearsal *rehearsal)
{
  g_free (rehearsal->question_slug);
}

static void
import_story_free (ImportStory *story)
{
  g_free (story->uuid);
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    g_free (story->fields[f]);
  g_clear_pointer (&story->themes, g_array_unref);
  g_strfreev (story->questions);
  g_clear_pointer (&story->practice, g_array_unref);
  g_free (story);
}

static void
import_init (Import     *import,
             const char *filename)
{
  memset (import, 0, sizeof *import);
  import->filename = filename;
  import->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->frameworks = g_ptr_array_new_with_free_func ((GDestroyNotify) import_framework_free);
  import->file_themes = g_hash_table_new (g_str_hash, g_str_equal);
  import->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) import_question_free);
  import->file_questions = g_hash_table_new (g_str_hash, g_str_equal);
  import->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) import_story_free);
  import->skipped_questions = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->positions, g_hash_table_unref);
  g_clear_pointer (&import->person_name, g_free);
  g_clear_pointer (&import->file_themes, g_hash_table_unref);
  g_clear_pointer (&import->file_questions, g_hash_table_unref);
  g_clear_pointer (&import->deleted_questions, g_strfreev);
  g_clear_pointer (&import->skipped_questions, g_hash_table_unref);
  g_clear_pointer (&import->frameworks, g_ptr_array_unref);
  g_clear_pointer (&import->questions, g_ptr_array_unref);
  g_clear_pointer (&import->stories, g_ptr_array_unref);
  g_clear_pointer (&import->applications, _sb_import_applications_free);
  g_clear_pointer (&import->drills, g_array_unref);
}

char *
_sb_exchange_child_path (const char *parent,
                         const char *name)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (name);
  return g_strconcat (parent, ".", name, NULL);
}

char *
_sb_exchange_element_path (const char *parent,
                           guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* "file:3:14: stories[2].title: reason", or without the position when the
 * path has none (a value that is missing). */
G_GNUC_PRINTF (5, 6)
gboolean
_sb_exchange_import_failf (Import      *import,
                           GError     **error,
                           int          code,
                           const char  *path,
                           const char  *format,
                           ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *where = NULL;
  guint64 *position = g_hash_table_lookup (import->positions, path != NULL ? path : "");
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (position != NULL)
    where = g_strdup_printf ("%s:%u:%u", import->filename,
                             (guint) (*position >> 32), (guint) (*position & 0xffffffff));
  else
    where = g_strdup (import->filename);

  if (path != NULL && *path != '\0')
    g_set_error (error, SB_EXCHANGE_ERROR, code, "%s: %s: %s", where, path, reason);
  else
    g_set_error (error, SB_EXCHANGE_ERROR, code, "%s: %s", where, reason);
  return FALSE;
}

const char *
_sb_exchange_describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        default:
          return _("a number");
        }
    }
}

gboolean
_sb_exchange_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Members that are absent or null count as not given. */
JsonNode *
_sb_exchange_get_member (JsonObject *object,
                         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
_sb_exchange_read_string (Import      *import,
                          JsonObject  *object,
                          const char  *object_path,
                          const char  *name,
                          gboolean     required,
                          char       **out,
                          GError     **error)
{
  g_autofree char *path = _sb_exchange_child_path (object_path, name);
  JsonNode *node = _sb_exchange_get_member (object, name);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, object_path,
                                          _("“%s” is missing"), name);
      return TRUE;
    }
  if (!_sb_exchange_node_is_string (node))
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                      _("expected a string, found %s"), _sb_exchange_describe_node (node));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
_sb_exchange_read_required_text (Import      *import,
                                 JsonObject  *object,
                                 const char  *object_path,
                                 const char  *name,
                                 char       **out,
                                 GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!_sb_exchange_read_string (import, object, object_path, name, TRUE, out, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (*out));
  if (*trimmed == '\0')
    {
      g_autofree char *path = _sb_exchange_child_path (object_path, name);
      g_clear_pointer (out, g_free);
      return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path, _("is empty"));
    }
  return TRUE;
}

gboolean
_sb_exchange_read_boolean (Import      *import,
                           JsonObject  *object,
                           const char  *object_path,
                           const char  *name,
                           int         *out,
                           GError     **error)
{
  g_autofree char *path = _sb_exchange_child_path (object_path, name);
  JsonNode *node = _sb_exchange_get_member (object, name);

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                      _("expected true or false, found %s"), _sb_exchange_describe_node (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_sb_exchange_read_array (Import      *import,
                         JsonObject  *object,
                         const char  *object_path,
                         const char  *name,
                         JsonArray  **out,
                         GError     **error)
{
  g_autofree char *path = _sb_exchange_child_path (object_path, name);
  JsonNode *node = _sb_exchange_get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                      _("expected an array, found %s"), _sb_exchange_describe_node (node));
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_sb_exchange_expect_object (Import      *import,
                            JsonNode    *node,
                            const char  *path,
                            JsonObject **out,
                            GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                      _("expected an object, found %s"), _sb_exchange_describe_node (node));
  *out = json_node_get_object (node);
  return TRUE;
}

/* A Storybank file of a version this program reads has no field it does not
 * know: a misspelt "situaton" would otherwise be dropped without a word, and
 * the person's text with it. */
gboolean
_sb_exchange_check_members (Import              *import,
                            JsonObject          *object,
                            const char          *object_path,
                            const char * const  *known,
                            GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = _sb_exchange_child_path (object_path, l->data);
        g_autofree char *list = g_strjoinv (", ", (char **) known);
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                          _("not a field Storybank knows here (expected one of: %s)"), list);
      }
  return TRUE;
}

gboolean
_sb_exchange_import_has_theme (SbStore    *store,
                               Import     *import,
                               const char *slug)
{
  return sb_store_find_theme (store, slug) != NULL ||
         g_hash_table_contains (import->file_themes, slug);
}

/* An array of theme slugs (a question's themes). */
gboolean
_sb_exchange_read_string_list (Import      *import,
                               JsonObject  *object,
                               const char  *object_path,
                               const char  *name,
                               GStrv       *out,
                               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = _sb_exchange_child_path (object_path, name);
  JsonArray *array;

  *out = NULL;
  if (!_sb_exchange_read_array (import, object, object_path, name, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = _sb_exchange_element_path (path, i);

      if (!_sb_exchange_node_is_string (node))
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                                          _("expected a string, found %s"), _sb_exchange_describe_node (node));
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_header (Import      *import,
             JsonNode    *root_node,
             JsonObject **root,
             GError     **error)
{
  JsonNode *format;
  JsonNode *version;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_FORMAT, "",
                                      _("not a Storybank file: expected an object at the top, found %s"),
                                      _sb_exchange_describe_node (root_node));
  *root = json_node_get_object (root_node);

  format = _sb_exchange_get_member (*root, "format");
  if (format == NULL)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_FORMAT, "",
                                      _("not a Storybank file: it has no “format”: “%s”"), SB_EXCHANGE_FORMAT);
  if (!_sb_exchange_node_is_string (format) || strcmp (json_node_get_string (format), SB_EXCHANGE_FORMAT) != 0)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_FORMAT, "format",
                                      _("not a Storybank file: expected “%s”"), SB_EXCHANGE_FORMAT);

  version = _sb_exchange_get_member (*root, "version");
  if (version == NULL)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_FORMAT, "",
                                      _("the Storybank file has no “version”"));
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_FORMAT, "version",
                                      _("expected a whole number, found %s"), _sb_exchange_describe_node (version));
  number = json_node_get_int (version);
  if (number > SB_EXCHANGE_VERSION)
    {
      g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_VERSION,
                   _("%s was written by a newer Storybank (format version %lld); "
                     "this version reads up to %d"),
                   import->filename, (long long) number, SB_EXCHANGE_VERSION);
      return FALSE;
    }
  if (number < 1)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_FORMAT, "version",
                                      _("%lld is not a Storybank format version"), (long long) number);
  return TRUE;
}

static gboolean
read_person (Import      *import,
             JsonObject  *root,
             GError     **error)
{
  static const char * const root_known[] = {
    "format", "version", "exported", "person", "frameworks", "questions", "deleted_questions",
    "stories", "drills", "introduction", "applications", NULL
  };
  static const char * const person_known[] = { "name", NULL };
  g_autofree char *exported = NULL;
  JsonNode *node;
  JsonObject *person;

  if (!_sb_exchange_check_members (import, root, "", root_known, error) ||
      !_sb_exchange_read_string (import, root, "", "exported", FALSE, &exported, error))
    return FALSE;

  node = _sb_exchange_get_member (root, "person");
  if (node == NULL)
    return TRUE;
  if (!_sb_exchange_expect_object (import, node, "person", &person, error) ||
      !_sb_exchange_check_members (import, person, "person", person_known, error))
    return FALSE;
  return _sb_exchange_read_string (import, person, "person", "name", FALSE, &import->person_name, error);
}

/* Shipped questions the person deleted. A slug this bank does not know (a
 * file from a newer catalog) is no error: there is nothing to delete. */
static gboolean
read_deleted_questions (Import      *import,
                        JsonObject  *root,
                        GError     **error)
{
  return _sb_exchange_read_string_list (import, root, "", "deleted_questions", &import->deleted_questions, error);
}

/* After the stories: a drill may pick a story the file brings. */
static gboolean
read_drills (SbStore     *store,
             Import      *import,
             JsonObject  *root,
             GError     **error)
{
  g_autoptr(GHashTable) file_stories = g_hash_table_new (g_str_hash, g_str_equal);
  SbExchangeDrillContext context = {
    .filename = import->filename,
    .positions = import->positions,
    .file_questions = import->file_questions,
    .file_stories = file_stories,
    .file_deleted = (const char * const *) import->deleted_questions,
  };

  for (guint i = 0; i < import->stories->len; i++)
    {
      ImportStory *story = import->stories->pdata[i];

      if (story->uuid != NULL)
        g_hash_table_add (file_stories, story->uuid);
    }
  return _sb_exchange_read_drills (store, root, &context, &import->drills, error);
}

static gboolean
read_import (SbStore     *store,
             Import      *import,
             const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  JsonObject *root = NULL;

  if (!sb_json_check_syntax (data, length, import->filename, import->positions, error))
    return FALSE;

  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      /* Our check should have caught it first; keep json-glib's place. */
      const char *message = json_error->message;
      if (g_str_has_prefix (message, "<data>"))
        message += strlen ("<data>");
      g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_SYNTAX, "%s%s%s",
                   import->filename, *message == ':' ? "" : ": ", message);
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_SYNTAX, NULL, _("the file is empty"));

  return read_header (import, json_parser_get_root (parser), &root, error) &&
         read_person (import, root, error) &&
         read_deleted_questions (import, root, error) &&
         _sb_exchange_import_read_frameworks (store, import, root, error) &&
         _sb_exchange_import_read_questions (store, import, root, error) &&
         _sb_exchange_import_read_stories (store, import, root, error) &&
         read_drills (store, import, root, error) &&
         (import->applications = _sb_import_applications_read (store, import, root, error)) != NULL;
}

gboolean
sb_exchange_import_json (SbStore          *store,
                         const char       *data,
                         gssize            length,
                         const char       *filename,
                         SbImportSummary  *summary,
                         GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  Import import;
  gboolean ok;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (data == NULL)
    data = "";
  if (length < 0)
    length = strlen (data);
  /* A UTF-8 byte order mark is not JSON, but editors write it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  import_init (&import, display_filename (filename));
  ok = read_import (store, &import, data, length, error);
  if (ok)
    {
      ok = sb_store_run_in_transaction (store, _sb_exchange_import_apply_cb, &import, &local_error);
      if (!ok)
        g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID,
                     _("%s: nothing was imported: %s"), import.filename, local_error->message);
    }
  if (ok && summary != NULL)
    *summary = import.summary;
  import_clear (&import);
  return ok;
}

gboolean
sb_exchange_import_json_file (SbStore          *store,
                              const char       *path,
                              SbImportSummary  *summary,
                              GError          **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      /* GLib's message names the file again; say it once. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_READ,
                     _("%s: there is no such file"), display);
      else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
        g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_READ,
                     _("%s: is a folder, not a Storybank file"), display);
      else
        g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_READ,
                     _("%s: could not be read: %s"), display, local_error->message);
      return FALSE;
    }
  return sb_exchange_import_json (store, contents, length, display, summary, error);
}

/* ---- for the readers of the file's other parts ----------------------- */

gboolean
_sb_exchange_import_fail (SbExchangeImport  *import,
                          GError           **error,
                          int                code,
                          const char        *path,
                          const char        *reason)
{
  return _sb_exchange_import_failf (import, error, code, path, "%s", reason);
}

gboolean
_sb_exchange_import_has_framework (SbStore          *store,
                                   SbExchangeImport *import,
                                   const char       *slug)
{
  if (sb_store_find_framework (store, slug) != NULL)
    return TRUE;
  for (guint i = 0; i < import->frameworks->len; i++)
    if (g_strcmp0 (((ImportFramework *) import->frameworks->pdata[i])->slug, slug) == 0)
      return TRUE;
  return FALSE;
}

gboolean
_sb_exchange_import_has_story (SbStore          *store,
                               SbExchangeImport *import,
                               const char       *uuid)
{
  if (sb_store_find_story (store, uuid) != NULL)
    return TRUE;
  for (guint i = 0; i < import->stories->len; i++)
    if (g_strcmp0 (((ImportStory *) import->stories->pdata[i])->uuid, uuid) == 0)
      return TRUE;
  return FALSE;
}
