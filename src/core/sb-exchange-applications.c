/* sb-exchange-applications.c — applications and the introduction in a
 * Storybank JSON file: writing them, reading and checking them, merging
 * them into the bank
 *
 * An application is merged by its id (its slug): the file's texts, status,
 * framework, requirements and rounds replace the bank's, and what the file
 * leaves out stays as the bank has it. Requirements and rounds are
 * replaced as a whole, and only when they differ, so that importing one's
 * own export again writes nothing and reports nothing updated. The
 * introduction and the current application belong to the bank, like the
 * person's name: a file only fills them in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb-application.h"
#include "sb-exchange-private.h"
#include "sb-json-build.h"

/* The exchange format's names of the application's texts. */
static const struct
{
  SbApplicationField field;
  const char        *name;
  int                max_chars;
} texts[] = {
  { SB_APPLICATION_FIELD_COMPANY,         "company",         SB_APPLICATION_MAX_NAME_CHARS },
  { SB_APPLICATION_FIELD_ROLE,            "role",            SB_APPLICATION_MAX_NAME_CHARS },
  { SB_APPLICATION_FIELD_DATE,            "date",            10 },
  { SB_APPLICATION_FIELD_JOB_DESCRIPTION, "job_description", SB_APPLICATION_MAX_TEXT_CHARS },
  { SB_APPLICATION_FIELD_WHY_COMPANY,     "why_company",     SB_APPLICATION_MAX_NOTE_CHARS },
  { SB_APPLICATION_FIELD_NOTES,           "notes",           SB_APPLICATION_MAX_NOTE_CHARS },
};

/* The longest introduction the store keeps. */
#define MAX_INTRODUCTION_CHARS SB_APPLICATION_MAX_NOTE_CHARS

/* ---- export ----------------------------------------------------------- */

static void
build_application (JsonBuilder   *builder,
                   SbApplication *application,
                   gboolean       current)
{
  GListModel *requirements = sb_application_get_requirements (application);
  GListModel *rounds = sb_application_get_rounds (application);
  const char *framework = sb_application_get_framework (application);

  json_builder_begin_object (builder);
  sb_json_build_string (builder, "id", sb_application_get_slug (application));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      sb_json_build_string (builder, texts[i].name, sb_application_get_field (application, texts[i].field));
      if (texts[i].field == SB_APPLICATION_FIELD_DATE)
        sb_json_build_string (builder, "status",
                              sb_application_get_status (application) == SB_APPLICATION_STATUS_DONE
                              ? "done" : "preparing");
    }
  json_builder_set_member_name (builder, "framework");
  if (framework != NULL)
    json_builder_add_string_value (builder, framework);
  else
    json_builder_add_null_value (builder);
  if (current)
    {
      json_builder_set_member_name (builder, "current");
      json_builder_add_boolean_value (builder, TRUE);
    }

  json_builder_set_member_name (builder, "requirements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "text", sb_requirement_get_text (requirement));
      sb_json_build_strv (builder, "stories", sb_requirement_get_story_uuids (requirement));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rounds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "name", sb_round_get_name (round));
      sb_json_build_strv (builder, "focus", sb_round_get_focus (round));
      sb_json_build_strv (builder, "stories", sb_round_get_story_uuids (round));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
_sb_exchange_build_applications (JsonBuilder *builder,
                                 SbStore     *store)
{
  GListModel *applications = sb_store_get_applications (store);
  SbApplication *current = sb_store_get_current_application (store);
  g_autofree char *introduction = sb_store_get_introduction (store);

  sb_json_build_string (builder, "introduction", introduction);
  json_builder_set_member_name (builder, "applications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (applications); i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);
      build_application (builder, application, application == current);
    }
  json_builder_end_array (builder);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct
{
  char  *text;
  GStrv  stories;           /* lower-case uuids */
} ImportRequirement;

typedef struct
{
  char  *name;
  GStrv  focus;             /* theme slugs */
  GStrv  stories;           /* lower-case uuids */
} ImportRound;

typedef struct
{
  char      *slug;
  char      *fields[SB_APPLICATION_N_FIELDS];  /* NULL: not in the file */
  int        status;                           /* -1: not in the file */
  gboolean   has_framework;
  char      *framework;                        /* NULL with has_framework: none */
  gboolean   current;
  GPtrArray *requirements;                     /* ImportRequirement; NULL: not in the file */
  GPtrArray *rounds;                           /* ImportRound; NULL: not in the file */
} ImportApplication;

struct _SbImportApplications
{
  char      *introduction;                     /* NULL: not in the file */
  GPtrArray *applications;                     /* ImportApplication */
};

static void
import_requirement_free (ImportRequirement *requirement)
{
  g_free (requirement->text);
  g_strfreev (requirement->stories);
  g_free (requirement);
}

static void
import_round_free (ImportRound *round)
{
  g_free (round->name);
  g_strfreev (round->focus);
  g_strfreev (round->stories);
  g_free (round);
}

static void
import_application_free (ImportApplication *application)
{
  g_free (application->slug);
  for (guint f = 0; f < SB_APPLICATION_N_FIELDS; f++)
    g_free (application->fields[f]);
  g_free (application->framework);
  g_clear_pointer (&application->requirements, g_ptr_array_unref);
  g_clear_pointer (&application->rounds, g_ptr_array_unref);
  g_free (application);
}

void
_sb_import_applications_free (SbImportApplications *applications)
{
  if (applications == NULL)
    return;
  g_free (applications->introduction);
  g_ptr_array_unref (applications->applications);
  g_free (applications);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbImportApplications, _sb_import_applications_free)

G_GNUC_PRINTF (5, 6)
static gboolean
fail (SbExchangeImport  *import,
      GError           **error,
      int                code,
      const char        *path,
      const char        *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  return _sb_exchange_import_fail (import, error, code, path, reason);
}

/* A text of at most @max_chars characters. */
static gboolean
check_length (SbExchangeImport  *import,
              const char        *text,
              const char        *path,
              const char        *field,
              const char        *slug,
              int                max_chars,
              GError           **error)
{
  glong length = text != NULL ? g_utf8_strlen (text, -1) : 0;

  if (length <= max_chars)
    return TRUE;
  /* Translators: "the job_description of “acme-2026” has 41000 characters; …" */
  return fail (import, error, SB_EXCHANGE_ERROR_INVALID, path,
               _("the %s of the application “%s” has %ld characters; it keeps at most %d"),
               field, slug, length, max_chars);
}

/* "2026-12-10": a real day, or "" for none. */
static gboolean
date_is_valid (const char *text)
{
  guint year, month, day;
  char end;

  if (*text == '\0')
    return TRUE;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

/* An id the exchange format and the bank can use: no spaces, no control
 * characters, not too long. */
static gboolean
slug_is_valid (const char *slug)
{
  if (*slug == '\0' || g_utf8_strlen (slug, -1) > SB_APPLICATION_MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = slug; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return FALSE;
    }
  return TRUE;
}

/* The stories of a requirement or a round: uuids, each in the bank or in
 * the file, none twice. Made lower case, as the stories' own are. */
static gboolean
read_story_list (SbStore           *store,
                 SbExchangeImport  *import,
                 JsonObject        *object,
                 const char        *object_path,
                 const char        *slug,
                 GStrv             *out,
                 GError           **error)
{
  g_autofree char *path = _sb_exchange_child_path (object_path, "stories");
  g_auto(GStrv) uuids = NULL;

  *out = NULL;
  if (!_sb_exchange_read_string_list (import, object, object_path, "stories", &uuids, error))
    return FALSE;
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      g_autofree char *item_path = _sb_exchange_element_path (path, i);
      char *lower;

      if (!g_uuid_string_is_valid (uuids[i]))
        return fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                     _("“%s” is not a story id (a UUID) (application “%s”)"), uuids[i], slug);
      lower = g_ascii_strdown (uuids[i], -1);
      g_free (uuids[i]);
      uuids[i] = lower;
      if (!_sb_exchange_import_has_story (store, import, uuids[i]))
        return fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                     _("there is no story %s, neither in the bank nor in the file (application “%s”)"),
                     uuids[i], slug);
      for (guint j = 0; j < i; j++)
        if (strcmp (uuids[j], uuids[i]) == 0)
          return fail (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                       _("the story %s is listed twice (application “%s”)"), uuids[i], slug);
    }
  *out = g_steal_pointer (&uuids);
  return TRUE;
}

static gboolean
read_requirements (SbStore           *store,
                   SbExchangeImport  *import,
                   JsonObject        *object,
                   const char        *object_path,
                   ImportApplication *application,
                   GError           **error)
{
  static const char * const known[] = { "text", "stories", NULL };
  g_autofree char *path = _sb_exchange_child_path (object_path, "requirements");
  JsonArray *array;

  if (!_sb_exchange_read_array (import, object, object_path, "requirements", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  application->requirements = g_ptr_array_new_with_free_func ((GDestroyNotify) import_requirement_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = _sb_exchange_element_path (path, i);
      g_autofree char *text_path = NULL;
      ImportRequirement *requirement = g_new0 (ImportRequirement, 1);
      JsonObject *item;

      g_ptr_array_add (application->requirements, requirement);
      /* A plain line of text is a requirement with no story yet. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          requirement->text = g_strdup (json_node_get_string (node));
          text_path = g_strdup (item_path);
        }
      else
        {
          if (!_sb_exchange_expect_object (import, node, item_path, &item, error) ||
              !_sb_exchange_check_members (import, item, item_path, known, error) ||
              !_sb_exchange_read_string (import, item, item_path, "text", TRUE, &requirement->text, error) ||
              !read_story_list (store, import, item, item_path, application->slug,
                                &requirement->stories, error))
            return FALSE;
          text_path = _sb_exchange_child_path (item_path, "text");
        }

      g_strstrip (requirement->text);
      if (requirement->text[0] == '\0')
        return fail (import, error, SB_EXCHANGE_ERROR_INVALID, text_path,
                     _("a requirement of the application “%s” is empty"), application->slug);
      if (!check_length (import, requirement->text, text_path, "requirement", application->slug,
                         SB_REQUIREMENT_MAX_CHARS, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_rounds (SbStore           *store,
             SbExchangeImport  *import,
             JsonObject        *object,
             const char        *object_path,
             ImportApplication *application,
             GError           **error)
{
  static const char * const known[] = { "name", "focus", "stories", NULL };
  g_autofree char *path = _sb_exchange_child_path (object_path, "rounds");
  JsonArray *array;

  if (!_sb_exchange_read_array (import, object, object_path, "rounds", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  application->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) import_round_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = _sb_exchange_element_path (path, i);
      g_autofree char *name_path = _sb_exchange_child_path (item_path, "name");
      g_autofree char *focus_path = _sb_exchange_child_path (item_path, "focus");
      ImportRound *round = g_new0 (ImportRound, 1);
      JsonObject *item;

      g_ptr_array_add (application->rounds, round);
      if (!_sb_exchange_expect_object (import, json_array_get_element (array, i), item_path, &item, error) ||
          !_sb_exchange_check_members (import, item, item_path, known, error) ||
          !_sb_exchange_read_string (import, item, item_path, "name", TRUE, &round->name, error))
        return FALSE;
      g_strstrip (round->name);
      if (round->name[0] == '\0')
        return fail (import, error, SB_EXCHANGE_ERROR_INVALID, name_path,
                     _("a round of the application “%s” has no name"), application->slug);
      if (!check_length (import, round->name, name_path, "round name", application->slug,
                         SB_ROUND_MAX_NAME_CHARS, error) ||
          !_sb_exchange_read_string_list (import, item, item_path, "focus", &round->focus, error))
        return FALSE;

      for (guint j = 0; round->focus != NULL && round->focus[j] != NULL; j++)
        {
          g_autofree char *theme_path = _sb_exchange_element_path (focus_path, j);

          if (!_sb_exchange_import_has_theme (store, import, round->focus[j]))
            return fail (import, error, SB_EXCHANGE_ERROR_UNKNOWN_THEME, theme_path,
                         _("there is no theme “%s” (round “%s” of the application “%s”)"),
                         round->focus[j], round->name, application->slug);
          for (guint k = 0; k < j; k++)
            if (strcmp (round->focus[k], round->focus[j]) == 0)
              return fail (import, error, SB_EXCHANGE_ERROR_INVALID, theme_path,
                           _("the theme “%s” is listed twice (round “%s” of the application “%s”)"),
                           round->focus[j], round->name, application->slug);
        }

      if (!read_story_list (store, import, item, item_path, application->slug, &round->stories, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_application (SbStore           *store,
                  SbExchangeImport  *import,
                  JsonObject        *object,
                  const char        *path,
                  ImportApplication *application,
                  GError           **error)
{
  static const char * const known[] = {
    "id", "company", "role", "date", "status", "job_description", "why_company", "notes",
    "framework", "current", "requirements", "rounds", NULL
  };
  g_autofree char *id_path = _sb_exchange_child_path (path, "id");
  g_autofree char *status = NULL;
  JsonNode *framework;
  int current;

  /* The id first, so that every later message can name the application. */
  if (!_sb_exchange_read_string (import, object, path, "id", TRUE, &application->slug, error))
    return FALSE;
  g_strstrip (application->slug);
  if (!slug_is_valid (application->slug))
    {
      g_autofree char *slug = g_steal_pointer (&application->slug);
      return fail (import, error, SB_EXCHANGE_ERROR_INVALID, id_path,
                   _("“%s” is not an application id (one word of at most %d characters, like “acme-2026”)"),
                   slug, SB_APPLICATION_MAX_NAME_CHARS);
    }
  if (!_sb_exchange_check_members (import, object, path, known, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *field_path = _sb_exchange_child_path (path, texts[i].name);
      char **text = &application->fields[texts[i].field];

      if (!_sb_exchange_read_string (import, object, path, texts[i].name, FALSE, text, error))
        return FALSE;
      if (*text == NULL)
        continue;
      if (texts[i].field == SB_APPLICATION_FIELD_DATE)
        {
          g_strstrip (*text);
          if (!date_is_valid (*text))
            return fail (import, error, SB_EXCHANGE_ERROR_INVALID, field_path,
                         _("“%s” is not a date (application “%s”; expected YYYY-MM-DD, like 2026-12-10)"),
                         *text, application->slug);
        }
      else if (!check_length (import, *text, field_path, texts[i].name, application->slug,
                              texts[i].max_chars, error))
        return FALSE;
    }

  if (!_sb_exchange_read_string (import, object, path, "status", FALSE, &status, error))
    return FALSE;
  application->status = -1;
  if (status != NULL)
    {
      g_autofree char *status_path = _sb_exchange_child_path (path, "status");

      if (strcmp (status, "preparing") == 0)
        application->status = SB_APPLICATION_STATUS_PREPARING;
      else if (strcmp (status, "done") == 0)
        application->status = SB_APPLICATION_STATUS_DONE;
      else
        return fail (import, error, SB_EXCHANGE_ERROR_INVALID, status_path,
                     _("“%s” is not a status of the application “%s” (use “preparing” or “done”)"),
                     status, application->slug);
    }

  /* null says "no framework of values"; absent leaves the bank's. */
  framework = json_object_get_member (object, "framework");
  if (framework != NULL)
    {
      g_autofree char *framework_path = _sb_exchange_child_path (path, "framework");

      application->has_framework = TRUE;
      if (!JSON_NODE_HOLDS_NULL (framework))
        {
          if (!_sb_exchange_read_string (import, object, path, "framework", FALSE,
                                         &application->framework, error))
            return FALSE;
          if (!_sb_exchange_import_has_framework (store, import, application->framework))
            return fail (import, error, SB_EXCHANGE_ERROR_INVALID, framework_path,
                         _("there is no framework “%s” (application “%s”)"),
                         application->framework, application->slug);
        }
    }

  if (!_sb_exchange_read_boolean (import, object, path, "current", &current, error))
    return FALSE;
  application->current = current > 0;

  return read_requirements (store, import, object, path, application, error) &&
         read_rounds (store, import, object, path, application, error);
}

/* A message of the shared checks ("expected a string, found a number")
 * names the place; say which application it is too. */
static void
name_application (GError     **error,
                  const char  *slug)
{
  char *message;

  if (error == NULL || *error == NULL || slug == NULL || *slug == '\0')
    return;
  /* Named already, in whatever quotes the language uses. */
  if (strstr ((*error)->message, slug) != NULL)
    return;
  /* Translators: appended to a message about a field of an application */
  message = g_strdup_printf (_("%s (application “%s”)"), (*error)->message, slug);
  g_free ((*error)->message);
  (*error)->message = message;
}

SbImportApplications *
_sb_import_applications_read (SbStore           *store,
                              SbExchangeImport  *import,
                              JsonObject        *root,
                              GError           **error)
{
  g_autoptr(SbImportApplications) applications = g_new0 (SbImportApplications, 1);
  g_autoptr(GHashTable) slugs = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean has_current = FALSE;
  JsonArray *array;

  applications->applications = g_ptr_array_new_with_free_func ((GDestroyNotify) import_application_free);

  if (!_sb_exchange_read_string (import, root, "", "introduction", FALSE,
                                 &applications->introduction, error))
    return NULL;
  if (applications->introduction != NULL &&
      g_utf8_strlen (applications->introduction, -1) > MAX_INTRODUCTION_CHARS)
    {
      fail (import, error, SB_EXCHANGE_ERROR_INVALID, "introduction",
            _("the introduction has %ld characters; a bank keeps at most %d"),
            g_utf8_strlen (applications->introduction, -1), MAX_INTRODUCTION_CHARS);
      return NULL;
    }

  if (!_sb_exchange_read_array (import, root, "", "applications", &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = _sb_exchange_element_path ("applications", i);
      ImportApplication *application;
      JsonObject *object;

      if (!_sb_exchange_expect_object (import, json_array_get_element (array, i), path, &object, error))
        return NULL;
      application = g_new0 (ImportApplication, 1);
      g_ptr_array_add (applications->applications, application);
      if (!read_application (store, import, object, path, application, error))
        {
          name_application (error, application->slug);
          return NULL;
        }

      if (g_hash_table_contains (slugs, application->slug))
        {
          g_autofree char *id_path = _sb_exchange_child_path (path, "id");
          fail (import, error, SB_EXCHANGE_ERROR_INVALID, id_path,
                _("two applications have the id “%s”"), application->slug);
          return NULL;
        }
      g_hash_table_add (slugs, application->slug);

      if (application->current && has_current)
        {
          g_autofree char *current_path = _sb_exchange_child_path (path, "current");
          fail (import, error, SB_EXCHANGE_ERROR_INVALID, current_path,
                _("only one application can be the current one (application “%s”)"),
                application->slug);
          return NULL;
        }
      has_current = has_current || application->current;
    }
  return g_steal_pointer (&applications);
}

/* ---- applying --------------------------------------------------------- */

static void
append_strv (GString            *out,
             const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_string_append (out, values[i]);
      g_string_append_c (out, '\x1f');
    }
  g_string_append_c (out, '\x1e');
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* A round's focus or a requirement's stories, as a set: the store keeps
 * them in its own order (the catalog's, the stories'). */
static void
append_sorted_strv (GString            *out,
                    const char * const *values)
{
  g_auto(GStrv) sorted = g_strdupv ((char **) values);

  if (sorted != NULL)
    qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_strings);
  append_strv (out, (const char * const *) sorted);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* One requirement or one round in a signature: the stored and the
 * imported side must write them alike to compare equal. */
static void
append_requirement (GString            *out,
                    const char         *text,
                    const char * const *stories)
{
  g_string_append (out, text);
  g_string_append_c (out, '\x1d');
  append_sorted_strv (out, stories);
}

static void
append_round (GString            *out,
              const char         *name,
              const char * const *focus,
              const char * const *stories)
{
  g_string_append (out, name);
  g_string_append_c (out, '\x1d');
  append_sorted_strv (out, focus);
  append_strv (out, stories);
}

static char *
requirements_signature (SbApplication *application)
{
  GListModel *requirements = sb_application_get_requirements (application);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (requirements); i++)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, i);

      append_requirement (out, sb_requirement_get_text (requirement), sb_requirement_get_story_uuids (requirement));
    }
  return g_string_free (out, FALSE);
}

static char *
import_requirements_signature (GPtrArray *requirements)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < requirements->len; i++)
    {
      ImportRequirement *requirement = requirements->pdata[i];

      append_requirement (out, requirement->text, (const char * const *) requirement->stories);
    }
  return g_string_free (out, FALSE);
}

static char *
rounds_signature (SbApplication *application)
{
  GListModel *rounds = sb_application_get_rounds (application);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);

      append_round (out, sb_round_get_name (round), sb_round_get_focus (round), sb_round_get_story_uuids (round));
    }
  return g_string_free (out, FALSE);
}

static char *
import_rounds_signature (GPtrArray *rounds)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rounds->len; i++)
    {
      ImportRound *round = rounds->pdata[i];

      append_round (out, round->name, (const char * const *) round->focus, (const char * const *) round->stories);
    }
  return g_string_free (out, FALSE);
}

/* Everything an import may change in an application, as one string to
 * compare before and after. */
static char *
application_signature (SbApplication *application)
{
  g_autofree char *requirements = requirements_signature (application);
  g_autofree char *rounds = rounds_signature (application);
  GString *out = g_string_new (NULL);

  for (guint f = 0; f < SB_APPLICATION_N_FIELDS; f++)
    {
      g_string_append (out, sb_application_get_field (application, f));
      g_string_append_c (out, '\x1f');
    }
  g_string_append_printf (out, "%d\x1f%s\x1e%s\x1e%s", sb_application_get_status (application),
                          sb_application_get_framework (application) != NULL
                          ? sb_application_get_framework (application) : "",
                          requirements, rounds);
  return g_string_free (out, FALSE);
}

static gboolean
apply_requirements (SbStore           *store,
                    SbApplication     *application,
                    ImportApplication *in,
                    GError           **error)
{
  GListModel *requirements = sb_application_get_requirements (application);
  g_autofree char *bank = requirements_signature (application);
  g_autofree char *file = import_requirements_signature (in->requirements);

  if (strcmp (bank, file) == 0)
    return TRUE;

  while (g_list_model_get_n_items (requirements) > 0)
    {
      g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, 0);

      if (!sb_store_delete_requirement (store, requirement, error))
        return FALSE;
    }
  for (guint i = 0; i < in->requirements->len; i++)
    {
      ImportRequirement *line = in->requirements->pdata[i];
      SbRequirement *requirement = sb_store_add_requirement (store, application, line->text, -1, error);

      if (requirement == NULL)
        return FALSE;
      for (guint j = 0; line->stories != NULL && line->stories[j] != NULL; j++)
        if (!sb_store_set_requirement_story (store, requirement,
                                             sb_store_find_story (store, line->stories[j]), TRUE, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
apply_rounds (SbStore           *store,
              SbApplication     *application,
              ImportApplication *in,
              GError           **error)
{
  GListModel *rounds = sb_application_get_rounds (application);
  g_autofree char *bank = rounds_signature (application);
  g_autofree char *file = import_rounds_signature (in->rounds);

  if (strcmp (bank, file) == 0)
    return TRUE;

  while (g_list_model_get_n_items (rounds) > 0)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, 0);

      if (!sb_store_delete_round (store, round, error))
        return FALSE;
    }
  for (guint i = 0; i < in->rounds->len; i++)
    {
      ImportRound *plan = in->rounds->pdata[i];
      SbRound *round = sb_store_add_round (store, application, plan->name, -1, error);

      if (round == NULL)
        return FALSE;
      if (plan->focus != NULL &&
          !sb_store_set_round_focus (store, round, (const char * const *) plan->focus, error))
        return FALSE;
      for (guint j = 0; plan->stories != NULL && plan->stories[j] != NULL; j++)
        if (!sb_store_set_round_story (store, round, sb_store_find_story (store, plan->stories[j]),
                                       TRUE, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
apply_application (SbStore           *store,
                   ImportApplication *in,
                   SbImportSummary   *summary,
                   GError           **error)
{
  SbApplication *application = sb_store_find_application (store, in->slug);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (application == NULL)
    {
      application = sb_store_create_application (store, in->slug,
                                                 in->fields[SB_APPLICATION_FIELD_COMPANY],
                                                 in->fields[SB_APPLICATION_FIELD_ROLE], error);
      if (application == NULL)
        return FALSE;
      summary->applications_added++;
    }
  else
    before = application_signature (application);

  for (guint f = 0; f < SB_APPLICATION_N_FIELDS; f++)
    if (in->fields[f] != NULL &&
        g_strcmp0 (sb_application_get_field (application, f), in->fields[f]) != 0 &&
        !sb_store_set_application_field (store, application, f, in->fields[f], error))
      return FALSE;
  if (in->status >= 0 && (int) sb_application_get_status (application) != in->status &&
      !sb_store_set_application_status (store, application, in->status, error))
    return FALSE;
  if (in->has_framework &&
      g_strcmp0 (sb_application_get_framework (application), in->framework) != 0 &&
      !sb_store_set_application_framework (store, application, in->framework, error))
    return FALSE;
  if (in->requirements != NULL && !apply_requirements (store, application, in, error))
    return FALSE;
  if (in->rounds != NULL && !apply_rounds (store, application, in, error))
    return FALSE;

  /* A pasted job description and no requirements: split it as the window
   * does when the description is pasted. A file that lists requirements,
   * even none, keeps its own. */
  if (in->requirements == NULL &&
      g_list_model_get_n_items (sb_application_get_requirements (application)) == 0 &&
      !text_is_blank (sb_application_get_field (application, SB_APPLICATION_FIELD_JOB_DESCRIPTION)) &&
      !sb_store_split_requirements (store, application, error))
    return FALSE;

  if (before != NULL)
    {
      after = application_signature (application);
      if (strcmp (before, after) != 0)
        summary->applications_updated++;
    }
  return TRUE;
}

gboolean
_sb_import_applications_apply (SbStore              *store,
                               SbImportApplications *applications,
                               SbImportSummary      *summary,
                               GError              **error)
{
  ImportApplication *current = NULL;

  for (guint i = 0; i < applications->applications->len; i++)
    {
      ImportApplication *in = applications->applications->pdata[i];

      if (!apply_application (store, in, summary, error))
        return FALSE;
      if (in->current)
        current = in;
    }

  /* The bank's own choice and text win; a file only fills them in. */
  if (current != NULL && sb_store_get_current_application (store) == NULL &&
      !sb_store_set_current_application (store, sb_store_find_application (store, current->slug), error))
    return FALSE;
  if (applications->introduction != NULL && *applications->introduction != '\0')
    {
      g_autofree char *introduction = sb_store_get_introduction (store);

      if ((introduction == NULL || *introduction == '\0') &&
          !sb_store_set_introduction (store, applications->introduction, error))
        return FALSE;
    }
  return TRUE;
}
