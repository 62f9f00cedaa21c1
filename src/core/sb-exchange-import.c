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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-exchange-private.h"
#include "sb-json-check.h"
#include "sb-practice.h"

static const char *
display_filename (const char *filename)
{
  return filename != NULL ? filename : _("input");
}

/* ---- step 2: read the tree into plain structs ----------------------- */

typedef struct
{
  char     *slug;
  char     *name;
  char     *description;
  char     *framework_slug;
  gboolean  add;           /* not in the bank yet */
  gboolean  edit;          /* the file carries the person's edit of a shipped theme */
} ImportTheme;

typedef struct
{
  char      *slug;
  char      *name;
  char      *description;
  gboolean   add;
  GPtrArray *themes;       /* ImportTheme */
} ImportFramework;

typedef struct
{
  char     *slug;          /* NULL: the file gives none, one is made */
  char     *text;
  char     *listen_for;
  GStrv     themes;
  gboolean  add;
  gboolean  edit;          /* the file carries the person's edit of a shipped question */
} ImportQuestion;

typedef struct
{
  char       *slug;
  SbStrength  strength;
} ImportLink;

typedef struct
{
  char          *uuid;                      /* NULL: a new story with a fresh uuid */
  char          *fields[SB_STORY_N_FIELDS]; /* NULL: not in the file */
  int            status;                    /* -1: not in the file */
  int            example;                   /* -1: not in the file */
  gint64         created;                   /* 0: not in the file */
  gint64         updated;
  GArray        *themes;                    /* ImportLink; NULL: not in the file */
  GStrv          questions;                 /* NULL: not in the file */
  GArray        *practice;                  /* SbRehearsal; NULL: not in the file */
} ImportStory;

typedef struct _SbExchangeImport
{
  const char *filename;
  GHashTable *positions;
  char       *person_name;
  GPtrArray  *frameworks;   /* ImportFramework */
  GHashTable *file_themes;  /* slug → ImportTheme (borrowed from frameworks) */
  GPtrArray  *questions;    /* ImportQuestion */
  GHashTable *file_questions; /* slug → ImportQuestion (borrowed) */
  GStrv       deleted_questions; /* shipped questions the person deleted */
  GPtrArray  *stories;      /* ImportStory */
  GArray     *drills;       /* SbDrill (sb-exchange-drills.c); NULL: none in the file */
  GHashTable *skipped_questions; /* slugs the bank refused (hidden there), during apply */
  SbImportApplications *applications; /* and the introduction */
  SbImportSummary summary;
} Import;

static void
import_theme_free (ImportTheme *theme)
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

static void
import_link_clear (ImportLink *link)
{
  g_free (link->slug);
}

static void
rehearsal_clear (SbRehearsal *rehearsal)
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

static char *
child_path (const char *parent,
            const char *name)
{
  if (parent == NULL || *parent == '\0')
    return g_strdup (name);
  return g_strconcat (parent, ".", name, NULL);
}

static char *
element_path (const char *parent,
              guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* "file:3:14: stories[2].title: reason", or without the position when the
 * path has none (a value that is missing). */
G_GNUC_PRINTF (5, 6)
static gboolean
import_fail (Import      *import,
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

static const char *
describe_node (JsonNode *node)
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

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Members that are absent or null count as not given. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
read_string (Import      *import,
             JsonObject  *object,
             const char  *object_path,
             const char  *name,
             gboolean     required,
             char       **out,
             GError     **error)
{
  g_autofree char *path = child_path (object_path, name);
  JsonNode *node = get_member (object, name);

  *out = NULL;
  if (node == NULL)
    {
      if (required)
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, object_path,
                            _("“%s” is missing"), name);
      return TRUE;
    }
  if (!node_is_string (node))
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                        _("expected a string, found %s"), describe_node (node));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_required_text (Import      *import,
                    JsonObject  *object,
                    const char  *object_path,
                    const char  *name,
                    char       **out,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!read_string (import, object, object_path, name, TRUE, out, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (*out));
  if (*trimmed == '\0')
    {
      g_autofree char *path = child_path (object_path, name);
      g_clear_pointer (out, g_free);
      return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path, _("is empty"));
    }
  return TRUE;
}

static gboolean
read_boolean (Import      *import,
              JsonObject  *object,
              const char  *object_path,
              const char  *name,
              int         *out,
              GError     **error)
{
  g_autofree char *path = child_path (object_path, name);
  JsonNode *node = get_member (object, name);

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                        _("expected true or false, found %s"), describe_node (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_array (Import      *import,
            JsonObject  *object,
            const char  *object_path,
            const char  *name,
            JsonArray  **out,
            GError     **error)
{
  g_autofree char *path = child_path (object_path, name);
  JsonNode *node = get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                        _("expected an array, found %s"), describe_node (node));
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
expect_object (Import      *import,
               JsonNode    *node,
               const char  *path,
               JsonObject **out,
               GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                        _("expected an object, found %s"), describe_node (node));
  *out = json_node_get_object (node);
  return TRUE;
}

/* A Storybank file of a version this program reads has no field it does not
 * know: a misspelt "situaton" would otherwise be dropped without a word, and
 * the person's text with it. */
static gboolean
check_members (Import              *import,
               JsonObject          *object,
               const char          *object_path,
               const char * const  *known,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *path = child_path (object_path, l->data);
        g_autofree char *list = g_strjoinv (", ", (char **) known);
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                            _("not a field Storybank knows here (expected one of: %s)"), list);
      }
  return TRUE;
}

static gboolean
read_timestamp (Import      *import,
                JsonObject  *object,
                const char  *object_path,
                const char  *name,
                gint64      *out,
                GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  *out = 0;
  if (!read_string (import, object, object_path, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    {
      g_autofree char *path = child_path (object_path, name);
      return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                          _("“%s” is not a date and time (expected ISO 8601, like 2024-03-01T09:30:00Z)"),
                          text);
    }
  *out = g_date_time_to_unix (time);
  return TRUE;
}

static gboolean
theme_is_known (SbStore    *store,
                Import     *import,
                const char *slug)
{
  return sb_store_find_theme (store, slug) != NULL ||
         g_hash_table_contains (import->file_themes, slug);
}

static gboolean
read_theme (SbStore      *store,
            Import       *import,
            JsonNode     *node,
            const char   *path,
            const char   *framework_slug,
            ImportTheme **out,
            GError      **error)
{
  static const char * const known[] = { "slug", "name", "description", "builtin", "edited", NULL };
  ImportTheme *theme;
  JsonObject *object;
  int builtin, edited;

  *out = NULL;
  if (!expect_object (import, node, path, &object, error))
    return FALSE;

  theme = g_new0 (ImportTheme, 1);
  *out = theme;
  theme->framework_slug = g_strdup (framework_slug);
  if (!check_members (import, object, path, known, error) ||
      !read_boolean (import, object, path, "builtin", &builtin, error) ||
      !read_boolean (import, object, path, "edited", &edited, error) ||
      !read_required_text (import, object, path, "slug", &theme->slug, error))
    return FALSE;
  if (g_hash_table_contains (import->file_themes, theme->slug))
    {
      g_autofree char *slug_path = child_path (path, "slug");
      return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, slug_path,
                          _("the theme “%s” is defined twice"), theme->slug);
    }
  theme->add = sb_store_find_theme (store, theme->slug) == NULL;
  /* A theme the bank has keeps the bank's name, unless it is a shipped theme
   * the person never changed here and the file carries their edit of it (an
   * export brought to a fresh bank). */
  if (!theme->add && edited > 0)
    {
      SbTheme *existing = sb_store_find_theme (store, theme->slug);
      theme->edit = sb_theme_get_builtin (existing) && !sb_theme_get_edited (existing);
    }
  if (!read_string (import, object, path, "name", FALSE, &theme->name, error) ||
      !read_string (import, object, path, "description", FALSE, &theme->description, error))
    return FALSE;
  if ((theme->add || theme->edit) && (theme->name == NULL || *g_strstrip (theme->name) == '\0'))
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                        theme->add ? _("the new theme “%s” has no “name”")
                                   : _("the edited theme “%s” has no “name”"),
                        theme->slug);
  return TRUE;
}

static gboolean
read_frameworks (SbStore     *store,
                 Import      *import,
                 JsonObject  *root,
                 GError     **error)
{
  JsonArray *array;

  if (!read_array (import, root, "", "frameworks", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      static const char * const framework_known[] = { "slug", "name", "description", "builtin", "themes", NULL };
      g_autofree char *path = element_path ("frameworks", i);
      ImportFramework *framework;
      JsonObject *object;
      JsonArray *themes;
      int builtin;

      if (!expect_object (import, json_array_get_element (array, i), path, &object, error))
        return FALSE;
      framework = g_new0 (ImportFramework, 1);
      framework->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) import_theme_free);
      g_ptr_array_add (import->frameworks, framework);

      if (!check_members (import, object, path, framework_known, error) ||
          !read_boolean (import, object, path, "builtin", &builtin, error) ||
          !read_required_text (import, object, path, "slug", &framework->slug, error) ||
          !read_string (import, object, path, "name", FALSE, &framework->name, error) ||
          !read_string (import, object, path, "description", FALSE, &framework->description, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((ImportFramework *) import->frameworks->pdata[j])->slug, framework->slug) == 0)
          {
            g_autofree char *slug_path = child_path (path, "slug");
            return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, slug_path,
                                _("the framework “%s” is defined twice"), framework->slug);
          }
      framework->add = sb_store_find_framework (store, framework->slug) == NULL;
      if (framework->add && (framework->name == NULL || *g_strstrip (framework->name) == '\0'))
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                            _("the new framework “%s” has no “name”"), framework->slug);

      if (!read_array (import, object, path, "themes", &themes, error))
        return FALSE;
      for (guint j = 0; themes != NULL && j < json_array_get_length (themes); j++)
        {
          g_autofree char *themes_path = child_path (path, "themes");
          g_autofree char *theme_path = element_path (themes_path, j);
          ImportTheme *theme = NULL;
          gboolean ok = read_theme (store, import, json_array_get_element (themes, j),
                                    theme_path, framework->slug, &theme, error);

          if (theme != NULL)
            g_ptr_array_add (framework->themes, theme);
          if (!ok)
            return FALSE;
          g_hash_table_insert (import->file_themes, theme->slug, theme);
        }
    }
  return TRUE;
}

/* An array of theme slugs (a question's themes). */
static gboolean
read_slug_list (Import      *import,
                JsonObject  *object,
                const char  *object_path,
                const char  *name,
                GStrv       *out,
                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = child_path (object_path, name);
  JsonArray *array;

  *out = NULL;
  if (!read_array (import, object, object_path, name, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = element_path (path, i);

      if (!node_is_string (node))
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                            _("expected a string, found %s"), describe_node (node));
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_questions (SbStore     *store,
                Import      *import,
                JsonObject  *root,
                GError     **error)
{
  JsonArray *array;

  if (!read_array (import, root, "", "questions", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      static const char * const question_known[] = { "slug", "text", "listen_for", "themes", "builtin", "edited", NULL };
      g_autofree char *path = element_path ("questions", i);
      ImportQuestion *question;
      SbQuestion *existing;
      JsonObject *object;
      int builtin, edited;

      if (!expect_object (import, json_array_get_element (array, i), path, &object, error))
        return FALSE;
      question = g_new0 (ImportQuestion, 1);
      g_ptr_array_add (import->questions, question);

      if (!check_members (import, object, path, question_known, error) ||
          !read_boolean (import, object, path, "builtin", &builtin, error) ||
          !read_boolean (import, object, path, "edited", &edited, error) ||
          !read_string (import, object, path, "slug", FALSE, &question->slug, error) ||
          !read_string (import, object, path, "text", FALSE, &question->text, error) ||
          !read_string (import, object, path, "listen_for", FALSE, &question->listen_for, error) ||
          !read_slug_list (import, object, path, "themes", &question->themes, error))
        return FALSE;

      if (question->slug != NULL && *g_strstrip (question->slug) == '\0')
        g_clear_pointer (&question->slug, g_free);
      if (question->slug != NULL && g_hash_table_contains (import->file_questions, question->slug))
        {
          g_autofree char *slug_path = child_path (path, "slug");
          return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, slug_path,
                              _("the question “%s” is listed twice"), question->slug);
        }
      /* A question the bank has is left as the bank has it (the person may
       * have edited it), unless it is a shipped question still as shipped
       * here and the file carries the person's edit of it. Only new and
       * edited ones are read in full. */
      existing = question->slug != NULL ? sb_store_find_question (store, question->slug) : NULL;
      question->add = existing == NULL;
      question->edit = existing != NULL && edited > 0 &&
                       sb_question_get_builtin (existing) && !sb_question_get_edited (existing);
      if (question->slug != NULL)
        g_hash_table_insert (import->file_questions, question->slug, question);
      if (!question->add && !question->edit)
        continue;

      if (question->text == NULL || *g_strstrip (question->text) == '\0')
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                            _("the question has no “text”"));
      for (guint j = 0; question->themes != NULL && question->themes[j] != NULL; j++)
        if (!theme_is_known (store, import, question->themes[j]))
          {
            g_autofree char *themes_path = child_path (path, "themes");
            g_autofree char *theme_path = element_path (themes_path, j);
            return import_fail (import, error, SB_EXCHANGE_ERROR_UNKNOWN_THEME, theme_path,
                                _("there is no theme “%s” (question “%s”)"),
                                question->themes[j], question->text);
          }
    }
  return TRUE;
}

static gboolean
read_story_themes (SbStore     *store,
                   Import      *import,
                   JsonObject  *object,
                   const char  *story_path,
                   ImportStory *story,
                   const char  *title,
                   GError     **error)
{
  g_autofree char *path = child_path (story_path, "themes");
  JsonArray *array;

  if (!read_array (import, object, story_path, "themes", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  story->themes = g_array_new (FALSE, TRUE, sizeof (ImportLink));
  g_array_set_clear_func (story->themes, (GDestroyNotify) import_link_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = element_path (path, i);
      ImportLink link = { NULL, SB_STRENGTH_PRIMARY };

      if (node_is_string (node))
        link.slug = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          static const char * const link_known[] = { "slug", "strength", NULL };
          JsonObject *item = json_node_get_object (node);
          g_autofree char *strength = NULL;

          if (!check_members (import, item, item_path, link_known, error) ||
              !read_required_text (import, item, item_path, "slug", &link.slug, error))
            return FALSE;
          if (!read_string (import, item, item_path, "strength", FALSE, &strength, error))
            {
              g_free (link.slug);
              return FALSE;
            }
          if (strength == NULL || strcmp (strength, "primary") == 0)
            link.strength = SB_STRENGTH_PRIMARY;
          else if (strcmp (strength, "secondary") == 0)
            link.strength = SB_STRENGTH_SECONDARY;
          else
            {
              g_autofree char *strength_path = child_path (item_path, "strength");
              g_free (link.slug);
              return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, strength_path,
                                  _("“%s” is not a strength (use “primary” or “secondary”)"),
                                  strength);
            }
        }
      else
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                            _("expected a theme slug or an object with “slug” and “strength”, found %s"),
                            describe_node (node));

      g_array_append_val (story->themes, link);

      if (!theme_is_known (store, import, link.slug))
        return import_fail (import, error, SB_EXCHANGE_ERROR_UNKNOWN_THEME, item_path,
                            _("there is no theme “%s” (story “%s”)"), link.slug, title);
      for (guint j = 0; j + 1 < story->themes->len; j++)
        if (strcmp (g_array_index (story->themes, ImportLink, j).slug, link.slug) == 0)
          return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                              _("the theme “%s” is listed twice (story “%s”)"), link.slug, title);
    }
  return TRUE;
}

static gboolean
read_rehearsal_seconds (Import      *import,
                        JsonObject  *object,
                        const char  *path,
                        guint       *out,
                        GError     **error)
{
  g_autofree char *seconds_path = child_path (path, "seconds");
  JsonNode *node = get_member (object, "seconds");
  gint64 seconds;

  if (node == NULL)
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                        _("the rehearsal has no “seconds” (how long it took)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, seconds_path,
                        _("%g is not a whole number of seconds"), json_node_get_double (node));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, seconds_path,
                        _("expected a whole number of seconds, found %s"), describe_node (node));
  seconds = json_node_get_int (node);
  if (seconds < 0 || seconds > SB_PRACTICE_MAX_SECONDS)
    return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, seconds_path,
                        _("%lld seconds is not a rehearsal length (expected 0 to %d)"),
                        (long long) seconds, SB_PRACTICE_MAX_SECONDS);
  *out = (guint) seconds;
  return TRUE;
}

/* The story's rehearsal log. A question must be in the bank (a shipped one
 * the person deleted there included) or in the file; one the file lists as
 * deleted that this bank never had (a newer catalog's) is dropped from the
 * rehearsal, which is still logged. */
static gboolean
read_story_practice (SbStore             *store,
                     Import              *import,
                     JsonObject          *object,
                     const char          *story_path,
                     ImportStory         *story,
                     const char          *title,
                     const char * const  *bank_deleted,
                     GError             **error)
{
  static const char * const rehearsal_known[] = { "at", "seconds", "rating", "question", NULL };
  g_autofree char *path = child_path (story_path, "practice");
  JsonArray *array;

  if (!read_array (import, object, story_path, "practice", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  story->practice = g_array_new (FALSE, TRUE, sizeof (SbRehearsal));
  g_array_set_clear_func (story->practice, (GDestroyNotify) rehearsal_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = element_path (path, i);
      g_autofree char *rating = NULL;
      SbRehearsal rehearsal = { 0, };
      JsonObject *item;

      if (!expect_object (import, json_array_get_element (array, i), item_path, &item, error) ||
          !check_members (import, item, item_path, rehearsal_known, error))
        return FALSE;

      if (get_member (item, "at") == NULL)
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                            _("the rehearsal has no “at” (when it took place)"));
      if (!read_timestamp (import, item, item_path, "at", &rehearsal.practiced_at, error))
        return FALSE;
      if (rehearsal.practiced_at < 0)
        {
          g_autofree char *at_path = child_path (item_path, "at");
          return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, at_path,
                              _("a rehearsal cannot be dated before 1970"));
        }

      if (!read_rehearsal_seconds (import, item, item_path, &rehearsal.seconds, error) ||
          !read_string (import, item, item_path, "rating", FALSE, &rating, error))
        return FALSE;
      if (rating == NULL)
        rehearsal.rating = 0;
      else if (strcmp (rating, "stumbled") == 0)
        rehearsal.rating = SB_RATING_STUMBLED;
      else if (strcmp (rating, "okay") == 0)
        rehearsal.rating = SB_RATING_OKAY;
      else if (strcmp (rating, "nailed") == 0)
        rehearsal.rating = SB_RATING_NAILED;
      else
        {
          g_autofree char *rating_path = child_path (item_path, "rating");
          return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, rating_path,
                              _("“%s” is not a rating (use “stumbled”, “okay” or “nailed”)"), rating);
        }

      if (!read_string (import, item, item_path, "question", FALSE, &rehearsal.question_slug, error))
        return FALSE;
      if (rehearsal.question_slug != NULL &&
          sb_store_find_question (store, rehearsal.question_slug) == NULL &&
          !g_hash_table_contains (import->file_questions, rehearsal.question_slug) &&
          !g_strv_contains (bank_deleted, rehearsal.question_slug))
        {
          if (import->deleted_questions == NULL ||
              !g_strv_contains ((const char * const *) import->deleted_questions, rehearsal.question_slug))
            {
              g_autofree char *question_path = child_path (item_path, "question");
              import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, question_path,
                           _("there is no question “%s” (story “%s”)"), rehearsal.question_slug, title);
              g_free (rehearsal.question_slug);
              return FALSE;
            }
          g_clear_pointer (&rehearsal.question_slug, g_free);
        }

      g_array_append_val (story->practice, rehearsal);
    }
  return TRUE;
}

static char *
shown_title (const char *title)
{
  if (title == NULL || *title == '\0')
    return g_strdup (_("Untitled story"));
  return g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 60));
}

/* "cue_card": {"situation": …, "task": …, "action": …, "result": …,
 * "learning": …}, each line optional. A file without it (an older export)
 * leaves the story's cue card as it is. A line break in a line becomes a
 * space, as when it is pasted into the editor. */
static gboolean
read_cue_card (Import       *import,
               JsonObject   *object,
               const char   *path,
               ImportStory  *story,
               GError      **error)
{
  static const char * const known[] = { "situation", "task", "action", "result", "learning", NULL };
  g_autofree char *card_path = child_path (path, "cue_card");
  const char *title = story->fields[SB_STORY_FIELD_TITLE];
  JsonNode *node = get_member (object, "cue_card");
  JsonObject *card;

  if (node == NULL)
    return TRUE;
  if (!expect_object (import, node, card_path, &card, error) ||
      !check_members (import, card, card_path, known, error))
    return FALSE;

  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    {
      SbStoryField field = SB_STORY_FIELD_CUE_SITUATION + i;
      g_autofree char *text = NULL;
      glong length;

      if (!read_string (import, card, card_path, known[i], FALSE, &text, error))
        return FALSE;
      if (text == NULL)
        continue;
      story->fields[field] = sb_story_cue_line_normalize (text);
      length = g_utf8_strlen (story->fields[field], -1);
      if (length > SB_STORY_MAX_CUE_CHARS)
        {
          g_autofree char *line_path = child_path (card_path, known[i]);
          g_autofree char *shown = shown_title (title);

          /* Translators: %s: the line (“situation”, “task” …), the story's
           * title; %ld: its length; %d: the limit */
          return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, line_path,
                              _("the %s line of the cue card of “%s” has %ld characters; "
                                "a cue line keeps at most %d"),
                              known[i], shown, length, SB_STORY_MAX_CUE_CHARS);
        }
    }
  return TRUE;
}

static gboolean
read_stories (SbStore     *store,
              Import      *import,
              JsonObject  *root,
              GError     **error)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) known = g_strv_builder_new ();
  g_auto(GStrv) story_known = NULL;
  g_auto(GStrv) bank_deleted = sb_store_get_deleted_questions (store);
  JsonArray *array;

  g_strv_builder_add (known, "uuid");
  for (guint f = 0; f < SB_STORY_N_TEXT_FIELDS; f++)
    g_strv_builder_add (known, sb_story_field_to_string (f));
  g_strv_builder_add_many (known, "status", "example", "created", "updated", "themes", "questions",
                          "practice", "cue_card", NULL);
  story_known = g_strv_builder_end (known);

  if (!read_array (import, root, "", "stories", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = element_path ("stories", i);
      g_autofree char *status = NULL;
      g_autofree char *questions_path = NULL;
      ImportStory *story;
      JsonObject *object;
      const char *title;

      if (!expect_object (import, json_array_get_element (array, i), path, &object, error))
        return FALSE;
      story = g_new0 (ImportStory, 1);
      story->status = -1;
      story->example = -1;
      g_ptr_array_add (import->stories, story);

      if (!check_members (import, object, path, (const char * const *) story_known, error))
        return FALSE;
      /* The title is required (it may be empty: the app itself makes untitled
       * drafts, and their export must read back). */
      if (get_member (object, "title") == NULL)
        return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, path, _("the story has no “title”"));
      for (guint f = 0; f < SB_STORY_N_TEXT_FIELDS; f++)
        if (!read_string (import, object, path, sb_story_field_to_string (f), FALSE,
                          &story->fields[f], error))
          return FALSE;
      title = story->fields[SB_STORY_FIELD_TITLE];
      if (!read_cue_card (import, object, path, story, error))
        return FALSE;
      /* A field past the limit would only freeze the window that shows it;
       * refuse the file rather than cut the person's text. */
      for (guint f = 0; f < SB_STORY_N_TEXT_FIELDS; f++)
        {
          glong length = story->fields[f] != NULL ? g_utf8_strlen (story->fields[f], -1) : 0;

          if (length > SB_STORY_MAX_FIELD_CHARS (f))
            {
              g_autofree char *field_path = child_path (path, sb_story_field_to_string (f));
              g_autofree char *shown = title != NULL && *title != '\0'
                                       ? g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 60))
                                       : g_strdup (_("Untitled story"));

              return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, field_path,
                                  _("the %s of “%s” has %ld characters; a story keeps at most %d"),
                                  sb_story_field_to_string (f), shown, length,
                                  SB_STORY_MAX_FIELD_CHARS (f));
            }
        }

      if (!read_string (import, object, path, "uuid", FALSE, &story->uuid, error))
        return FALSE;
      if (story->uuid != NULL)
        {
          g_autofree char *uuid_path = child_path (path, "uuid");
          char *lower;

          if (!g_uuid_string_is_valid (story->uuid))
            return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, uuid_path,
                                _("“%s” is not a valid story id (a UUID)"), story->uuid);
          lower = g_ascii_strdown (story->uuid, -1);
          g_free (story->uuid);
          story->uuid = lower;
          if (g_hash_table_contains (uuids, story->uuid))
            return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, uuid_path,
                                _("two stories have the id %s"), story->uuid);
          g_hash_table_add (uuids, story->uuid);
        }

      if (!read_string (import, object, path, "status", FALSE, &status, error))
        return FALSE;
      if (status != NULL)
        {
          if (strcmp (status, "draft") == 0)
            story->status = SB_STORY_STATUS_DRAFT;
          else if (strcmp (status, "ready") == 0)
            story->status = SB_STORY_STATUS_READY;
          else
            {
              g_autofree char *status_path = child_path (path, "status");
              return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, status_path,
                                  _("“%s” is not a status (use “draft” or “ready”)"), status);
            }
        }

      if (!read_boolean (import, object, path, "example", &story->example, error) ||
          !read_timestamp (import, object, path, "created", &story->created, error) ||
          !read_timestamp (import, object, path, "updated", &story->updated, error) ||
          !read_story_themes (store, import, object, path, story, title, error) ||
          !read_slug_list (import, object, path, "questions", &story->questions, error))
        return FALSE;

      questions_path = child_path (path, "questions");
      for (guint j = 0; story->questions != NULL && story->questions[j] != NULL; j++)
        if (sb_store_find_question (store, story->questions[j]) == NULL &&
            !g_hash_table_contains (import->file_questions, story->questions[j]))
          {
            g_autofree char *item_path = element_path (questions_path, j);
            return import_fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                                _("there is no question “%s” (story “%s”)"), story->questions[j], title);
          }

      if (!read_story_practice (store, import, object, path, story, title,
                                (const char * const *) bank_deleted, error))
        return FALSE;
    }
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
    return import_fail (import, error, SB_EXCHANGE_ERROR_FORMAT, "",
                        _("not a Storybank file: expected an object at the top, found %s"),
                        describe_node (root_node));
  *root = json_node_get_object (root_node);

  format = get_member (*root, "format");
  if (format == NULL)
    return import_fail (import, error, SB_EXCHANGE_ERROR_FORMAT, "",
                        _("not a Storybank file: it has no “format”: “%s”"), SB_EXCHANGE_FORMAT);
  if (!node_is_string (format) || strcmp (json_node_get_string (format), SB_EXCHANGE_FORMAT) != 0)
    return import_fail (import, error, SB_EXCHANGE_ERROR_FORMAT, "format",
                        _("not a Storybank file: expected “%s”"), SB_EXCHANGE_FORMAT);

  version = get_member (*root, "version");
  if (version == NULL)
    return import_fail (import, error, SB_EXCHANGE_ERROR_FORMAT, "",
                        _("the Storybank file has no “version”"));
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return import_fail (import, error, SB_EXCHANGE_ERROR_FORMAT, "version",
                        _("expected a whole number, found %s"), describe_node (version));
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
    return import_fail (import, error, SB_EXCHANGE_ERROR_FORMAT, "version",
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

  if (!check_members (import, root, "", root_known, error) ||
      !read_string (import, root, "", "exported", FALSE, &exported, error))
    return FALSE;

  node = get_member (root, "person");
  if (node == NULL)
    return TRUE;
  if (!expect_object (import, node, "person", &person, error) ||
      !check_members (import, person, "person", person_known, error))
    return FALSE;
  return read_string (import, person, "person", "name", FALSE, &import->person_name, error);
}

/* Shipped questions the person deleted. A slug this bank does not know (a
 * file from a newer catalog) is no error: there is nothing to delete. */
static gboolean
read_deleted_questions (Import      *import,
                        JsonObject  *root,
                        GError     **error)
{
  return read_slug_list (import, root, "", "deleted_questions", &import->deleted_questions, error);
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
    return import_fail (import, error, SB_EXCHANGE_ERROR_SYNTAX, NULL, _("the file is empty"));

  return read_header (import, json_parser_get_root (parser), &root, error) &&
         read_person (import, root, error) &&
         read_deleted_questions (import, root, error) &&
         read_frameworks (store, import, root, error) &&
         read_questions (store, import, root, error) &&
         read_stories (store, import, root, error) &&
         read_drills (store, import, root, error) &&
         (import->applications = _sb_import_applications_read (store, import, root, error)) != NULL;
}

/* ---- step 3: apply, inside one transaction --------------------------- */

static gboolean
apply_catalog (SbStore  *store,
               Import   *import,
               GError  **error)
{
  for (guint i = 0; i < import->frameworks->len; i++)
    {
      ImportFramework *framework = import->frameworks->pdata[i];

      if (framework->add &&
          sb_store_add_framework (store, framework->slug, framework->name,
                                  framework->description, error) == NULL)
        return FALSE;
      for (guint j = 0; j < framework->themes->len; j++)
        {
          ImportTheme *theme = framework->themes->pdata[j];

          if (theme->edit)
            {
              SbTheme *existing = sb_store_find_theme (store, theme->slug);

              if (g_strcmp0 (sb_theme_get_name (existing), theme->name) != 0 ||
                  (theme->description != NULL &&
                   g_strcmp0 (sb_theme_get_description (existing), theme->description) != 0))
                {
                  if (!sb_store_update_theme (store, existing, theme->name,
                                              theme->description != NULL ? theme->description
                                                                         : sb_theme_get_description (existing),
                                              error))
                    return FALSE;
                }
              continue;
            }
          if (!theme->add)
            continue;
          if (sb_store_add_theme_with_slug (store, theme->framework_slug, theme->slug, theme->name,
                                            theme->description, error) == NULL)
            return FALSE;
          import->summary.themes_added++;
        }
    }

  for (guint i = 0; i < import->questions->len; i++)
    {
      ImportQuestion *question = import->questions->pdata[i];
      g_autoptr(GError) local_error = NULL;
      SbQuestion *added;

      if (question->edit)
        {
          SbQuestion *existing = sb_store_find_question (store, question->slug);

          if (!sb_store_update_question (store, existing, question->text,
                                         question->listen_for != NULL ? question->listen_for
                                                                      : sb_question_get_listen_for (existing),
                                         question->themes != NULL ? (const char * const *) question->themes
                                                                  : sb_question_get_theme_slugs (existing),
                                         error))
            return FALSE;
          continue;
        }
      if (!question->add)
        continue;
      if (question->slug != NULL)
        added = sb_store_add_question_with_slug (store, question->slug, question->text,
                                                 question->listen_for,
                                                 (const char * const *) question->themes,
                                                 &local_error);
      else
        added = sb_store_add_question (store, question->text, question->listen_for,
                                       (const char * const *) question->themes, &local_error);
      if (added == NULL)
        {
          /* The slug is taken by a question the person deleted (hidden, so
           * not in the store's list): leave it deleted, and its links out. */
          if (question->slug != NULL &&
              g_error_matches (local_error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_CONSTRAINT))
            {
              g_hash_table_add (import->skipped_questions, question->slug);
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      import->summary.questions_added++;
    }
  return TRUE;
}

static gboolean
apply_story_links (SbStore      *store,
                   Import       *import,
                   SbStory      *story,
                   ImportStory  *in,
                   GError      **error)
{
  if (in->themes != NULL)
    {
      g_autoptr(GArray) current = sb_store_get_story_themes (store, story);

      for (guint i = 0; i < current->len; i++)
        {
          const char *slug = g_array_index (current, SbThemeLink, i).theme_slug;
          gboolean keep = FALSE;

          for (guint j = 0; j < in->themes->len && !keep; j++)
            keep = strcmp (g_array_index (in->themes, ImportLink, j).slug, slug) == 0;
          if (!keep && !sb_store_set_story_theme (store, story, slug, SB_STRENGTH_NONE, error))
            return FALSE;
        }
      for (guint j = 0; j < in->themes->len; j++)
        {
          ImportLink *link = &g_array_index (in->themes, ImportLink, j);
          if (!sb_store_set_story_theme (store, story, link->slug, link->strength, error))
            return FALSE;
        }
    }

  if (in->questions != NULL)
    {
      g_auto(GStrv) current = sb_store_get_story_questions (store, story);

      for (guint i = 0; current[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) in->questions, current[i]) &&
            !sb_store_set_story_question (store, story, current[i], FALSE, error))
          return FALSE;
      for (guint j = 0; in->questions[j] != NULL; j++)
        if (!g_hash_table_contains (import->skipped_questions, in->questions[j]) &&
            !sb_store_set_story_question (store, story, in->questions[j], TRUE, error))
          return FALSE;
    }
  return TRUE;
}

/* Only the rehearsals the story does not have yet (by time and length), so
 * that importing the same file twice does not double the history. */
static gboolean
apply_story_practice (SbStore      *store,
                      Import       *import,
                      SbStory      *story,
                      ImportStory  *in,
                      GError      **error)
{
  for (guint i = 0; in->practice != NULL && i < in->practice->len; i++)
    {
      SbRehearsal *rehearsal = &g_array_index (in->practice, SbRehearsal, i);
      g_autoptr(GError) local_error = NULL;

      if (sb_practice_has_rehearsal (store, story, rehearsal->practiced_at, rehearsal->seconds, &local_error))
        continue;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!sb_practice_add_rehearsal (store, story, rehearsal, error))
        return FALSE;
      import->summary.rehearsals_added++;
    }
  return TRUE;
}

/* The story's theme links (with strength) and chosen questions, as one
 * string to compare before and after an import. */
static char *
links_signature (SbStore *store,
                 SbStory *story)
{
  g_autoptr(GArray) themes = sb_store_get_story_themes (store, story);
  g_auto(GStrv) questions = sb_store_get_story_questions (store, story);
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < themes->len; i++)
    {
      SbThemeLink *link = &g_array_index (themes, SbThemeLink, i);
      g_string_append_printf (signature, "%s:%d,", link->theme_slug, link->strength);
    }
  g_string_append_c (signature, '|');
  for (guint i = 0; questions[i] != NULL; i++)
    g_string_append_printf (signature, "%s,", questions[i]);
  return g_string_free (signature, FALSE);
}

static gboolean
apply_story (SbStore      *store,
             Import       *import,
             ImportStory  *in,
             GError      **error)
{
  SbStory *existing = in->uuid != NULL ? sb_store_find_story (store, in->uuid) : NULL;

  if (existing != NULL)
    {
      g_autofree char *links_before = links_signature (store, existing);
      g_autofree char *links_after = NULL;
      guint rehearsals_before = import->summary.rehearsals_added;
      gboolean changed;

      /* Written to the bank and merged into memory like another program's
       * change: an edit the person has not saved yet in this story stays
       * theirs, and a rolled-back import leaves memory as it was. */
      if (!sb_store_update_story_from (store, existing, (const char * const *) in->fields,
                                       in->status, in->example, &changed, error))
        return FALSE;
      if (!apply_story_links (store, import, existing, in, error) ||
          !apply_story_practice (store, import, existing, in, error))
        return FALSE;
      /* "Updated" means something changed: importing one's own export
       * again reports nothing updated. */
      links_after = links_signature (store, existing);
      if (changed || strcmp (links_before, links_after) != 0 ||
          import->summary.rehearsals_added != rehearsals_before)
        import->summary.stories_updated++;
      return TRUE;
    }
  else
    {
      g_autoptr(SbStory) story = sb_story_new ();

      if (in->uuid != NULL)
        sb_story_set_uuid (story, in->uuid);
      for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
        if (in->fields[f] != NULL)
          sb_story_set_field (story, f, in->fields[f]);
      if (in->status >= 0)
        sb_story_set_status (story, in->status);
      if (in->example >= 0)
        sb_story_set_is_example (story, in->example);
      sb_story_set_created (story, in->created);
      sb_story_set_updated (story, in->updated);
      if (!sb_store_insert_story (store, story, error))
        return FALSE;
      import->summary.stories_added++;
      return apply_story_links (store, import, story, in, error) &&
             apply_story_practice (store, import, story, in, error);
    }
}

static gboolean
apply_import_cb (SbStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  Import *import = user_data;

  if (!apply_catalog (store, import, error))
    return FALSE;

  if (import->person_name != NULL)
    {
      g_autofree char *current = sb_store_get_person_name (store);
      /* The bank's own name wins; a file only fills it in. */
      if ((current == NULL || *current == '\0') &&
          !sb_store_set_person_name (store, import->person_name, error))
        return FALSE;
    }

  for (guint i = 0; i < import->stories->len; i++)
    if (!apply_story (store, import, import->stories->pdata[i], error))
      return FALSE;
  if (!_sb_exchange_apply_drills (store, import->drills, &import->summary.drills_added, error))
    return FALSE;

  /* After the stories, which their plans and requirements name. */
  if (!_sb_import_applications_apply (store, import->applications, &import->summary, error))
    return FALSE;

  /* Last, so the stories' links above never point at a question deleted
   * here. A question some story in the bank answers is kept: deleting it
   * would hide the person's chosen answer. */
  for (guint i = 0; import->deleted_questions != NULL && import->deleted_questions[i] != NULL; i++)
    {
      SbQuestion *question = sb_store_find_question (store, import->deleted_questions[i]);
      g_autoptr(GPtrArray) answers = NULL;

      if (question == NULL || !sb_question_get_builtin (question))
        continue;
      answers = sb_store_get_question_stories (store, import->deleted_questions[i]);
      if (answers->len == 0 && !sb_store_delete_question (store, question, error))
        return FALSE;
    }

  /* Many stories written at once leave the full-text index in pieces
   * whose merging would otherwise run inside the next autosaves. */
  if (import->summary.stories_added + import->summary.stories_updated > 0 &&
      !sb_database_compact_search_index (sb_store_get_database (store), error))
    return FALSE;
  return TRUE;
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
      ok = sb_store_run_in_transaction (store, apply_import_cb, &import, &local_error);
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
  return import_fail (import, error, code, path, "%s", reason);
}

gboolean
_sb_exchange_read_string (SbExchangeImport  *import,
                          JsonObject        *object,
                          const char        *object_path,
                          const char        *name,
                          gboolean           required,
                          char             **out,
                          GError           **error)
{
  return read_string (import, object, object_path, name, required, out, error);
}

gboolean
_sb_exchange_read_array (SbExchangeImport  *import,
                         JsonObject        *object,
                         const char        *object_path,
                         const char        *name,
                         JsonArray        **out,
                         GError           **error)
{
  return read_array (import, object, object_path, name, out, error);
}

gboolean
_sb_exchange_read_boolean (SbExchangeImport  *import,
                           JsonObject        *object,
                           const char        *object_path,
                           const char        *name,
                           int               *out,
                           GError           **error)
{
  return read_boolean (import, object, object_path, name, out, error);
}

gboolean
_sb_exchange_read_string_list (SbExchangeImport  *import,
                               JsonObject        *object,
                               const char        *object_path,
                               const char        *name,
                               GStrv             *out,
                               GError           **error)
{
  return read_slug_list (import, object, object_path, name, out, error);
}

gboolean
_sb_exchange_expect_object (SbExchangeImport  *import,
                            JsonNode          *node,
                            const char        *path,
                            JsonObject       **out,
                            GError           **error)
{
  return expect_object (import, node, path, out, error);
}

gboolean
_sb_exchange_check_members (SbExchangeImport    *import,
                            JsonObject          *object,
                            const char          *object_path,
                            const char * const  *known,
                            GError             **error)
{
  return check_members (import, object, object_path, known, error);
}

const char *
_sb_exchange_describe_node (JsonNode *node)
{
  return describe_node (node);
}

char *
_sb_exchange_child_path (const char *parent,
                         const char *name)
{
  return child_path (parent, name);
}

char *
_sb_exchange_element_path (const char *parent,
                           guint       index)
{
  return element_path (parent, index);
}

gboolean
_sb_exchange_import_has_theme (SbStore          *store,
                               SbExchangeImport *import,
                               const char       *slug)
{
  return theme_is_known (store, import, slug);
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
