/* sb-exchange-import-catalog.c — a Storybank file's frameworks, themes and questions read
 *
 * Step 2 of an import (see sb-exchange-import.c) for the catalog: each
 * framework, theme and question read into plain structs and checked
 * against the bank (which ones are new, which carry the person's edit of
 * a shipped one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-exchange-import-private.h"

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
  if (!_sb_exchange_expect_object (import, node, path, &object, error))
    return FALSE;

  theme = g_new0 (ImportTheme, 1);
  *out = theme;
  theme->framework_slug = g_strdup (framework_slug);
  if (!_sb_exchange_check_members (import, object, path, known, error) ||
      !_sb_exchange_read_boolean (import, object, path, "builtin", &builtin, error) ||
      !_sb_exchange_read_boolean (import, object, path, "edited", &edited, error) ||
      !_sb_exchange_read_required_text (import, object, path, "slug", &theme->slug, error))
    return FALSE;
  if (g_hash_table_contains (import->file_themes, theme->slug))
    {
      g_autofree char *slug_path = _sb_exchange_child_path (path, "slug");
      return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, slug_path,
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
  if (!_sb_exchange_read_string (import, object, path, "name", FALSE, &theme->name, error) ||
      !_sb_exchange_read_string (import, object, path, "description", FALSE, &theme->description, error))
    return FALSE;
  if ((theme->add || theme->edit) && (theme->name == NULL || *g_strstrip (theme->name) == '\0'))
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                      theme->add ? _("the new theme “%s” has no “name”")
                                   : _("the edited theme “%s” has no “name”"),
                                      theme->slug);
  return TRUE;
}

gboolean
_sb_exchange_import_read_frameworks (SbStore     *store,
                                     Import      *import,
                                     JsonObject  *root,
                                     GError     **error)
{
  JsonArray *array;

  if (!_sb_exchange_read_array (import, root, "", "frameworks", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      static const char * const framework_known[] = { "slug", "name", "description", "builtin", "themes", NULL };
      g_autofree char *path = _sb_exchange_element_path ("frameworks", i);
      ImportFramework *framework;
      JsonObject *object;
      JsonArray *themes;
      int builtin;

      if (!_sb_exchange_expect_object (import, json_array_get_element (array, i), path, &object, error))
        return FALSE;
      framework = g_new0 (ImportFramework, 1);
      framework->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) _sb_exchange_import_theme_free);
      g_ptr_array_add (import->frameworks, framework);

      if (!_sb_exchange_check_members (import, object, path, framework_known, error) ||
          !_sb_exchange_read_boolean (import, object, path, "builtin", &builtin, error) ||
          !_sb_exchange_read_required_text (import, object, path, "slug", &framework->slug, error) ||
          !_sb_exchange_read_string (import, object, path, "name", FALSE, &framework->name, error) ||
          !_sb_exchange_read_string (import, object, path, "description", FALSE, &framework->description, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((ImportFramework *) import->frameworks->pdata[j])->slug, framework->slug) == 0)
          {
            g_autofree char *slug_path = _sb_exchange_child_path (path, "slug");
            return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, slug_path,
                                              _("the framework “%s” is defined twice"), framework->slug);
          }
      framework->add = sb_store_find_framework (store, framework->slug) == NULL;
      if (framework->add && (framework->name == NULL || *g_strstrip (framework->name) == '\0'))
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                          _("the new framework “%s” has no “name”"), framework->slug);

      if (!_sb_exchange_read_array (import, object, path, "themes", &themes, error))
        return FALSE;
      for (guint j = 0; themes != NULL && j < json_array_get_length (themes); j++)
        {
          g_autofree char *themes_path = _sb_exchange_child_path (path, "themes");
          g_autofree char *theme_path = _sb_exchange_element_path (themes_path, j);
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

gboolean
_sb_exchange_import_read_questions (SbStore     *store,
                                    Import      *import,
                                    JsonObject  *root,
                                    GError     **error)
{
  JsonArray *array;

  if (!_sb_exchange_read_array (import, root, "", "questions", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      static const char * const question_known[] = { "slug", "text", "listen_for", "themes", "builtin", "edited", NULL };
      g_autofree char *path = _sb_exchange_element_path ("questions", i);
      ImportQuestion *question;
      SbQuestion *existing;
      JsonObject *object;
      int builtin, edited;

      if (!_sb_exchange_expect_object (import, json_array_get_element (array, i), path, &object, error))
        return FALSE;
      question = g_new0 (ImportQuestion, 1);
      g_ptr_array_add (import->questions, question);

      if (!_sb_exchange_check_members (import, object, path, question_known, error) ||
          !_sb_exchange_read_boolean (import, object, path, "builtin", &builtin, error) ||
          !_sb_exchange_read_boolean (import, object, path, "edited", &edited, error) ||
          !_sb_exchange_read_string (import, object, path, "slug", FALSE, &question->slug, error) ||
          !_sb_exchange_read_string (import, object, path, "text", FALSE, &question->text, error) ||
          !_sb_exchange_read_string (import, object, path, "listen_for", FALSE, &question->listen_for, error) ||
          !_sb_exchange_read_string_list (import, object, path, "themes", &question->themes, error))
        return FALSE;

      if (question->slug != NULL && *g_strstrip (question->slug) == '\0')
        g_clear_pointer (&question->slug, g_free);
      if (question->slug != NULL && g_hash_table_contains (import->file_questions, question->slug))
        {
          g_autofree char *slug_path = _sb_exchange_child_path (path, "slug");
          return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, slug_path,
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
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                          _("the question has no “text”"));
      for (guint j = 0; question->themes != NULL && question->themes[j] != NULL; j++)
        if (!_sb_exchange_import_has_theme (store, import, question->themes[j]))
          {
            g_autofree char *themes_path = _sb_exchange_child_path (path, "themes");
            g_autofree char *theme_path = _sb_exchange_element_path (themes_path, j);
            return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_UNKNOWN_THEME, theme_path,
                                              _("there is no theme “%s” (question “%s”)"),
                                              question->themes[j], question->text);
          }
    }
  return TRUE;
}
