/* sb-exchange-import-stories.c — a Storybank file's stories read
 *
 * Step 2 of an import (see sb-exchange-import.c) for the stories: their
 * text, cue card, status and dates, theme links, chosen questions and
 * rehearsal log, read into plain structs and checked against the bank and
 * the rest of the file.
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
  if (!_sb_exchange_read_string (import, object, object_path, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    {
      g_autofree char *path = _sb_exchange_child_path (object_path, name);
      return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                        _("“%s” is not a date and time (expected ISO 8601, like 2024-03-01T09:30:00Z)"),
                                        text);
    }
  *out = g_date_time_to_unix (time);
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
  g_autofree char *path = _sb_exchange_child_path (story_path, "themes");
  JsonArray *array;

  if (!_sb_exchange_read_array (import, object, story_path, "themes", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  story->themes = g_array_new (FALSE, TRUE, sizeof (ImportLink));
  g_array_set_clear_func (story->themes, (GDestroyNotify) _sb_exchange_import_link_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = _sb_exchange_element_path (path, i);
      ImportLink link = { NULL, SB_STRENGTH_PRIMARY };

      if (_sb_exchange_node_is_string (node))
        link.slug = g_strdup (json_node_get_string (node));
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          static const char * const link_known[] = { "slug", "strength", NULL };
          JsonObject *item = json_node_get_object (node);
          g_autofree char *strength = NULL;

          if (!_sb_exchange_check_members (import, item, item_path, link_known, error) ||
              !_sb_exchange_read_required_text (import, item, item_path, "slug", &link.slug, error))
            return FALSE;
          if (!_sb_exchange_read_string (import, item, item_path, "strength", FALSE, &strength, error))
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
              g_autofree char *strength_path = _sb_exchange_child_path (item_path, "strength");
              g_free (link.slug);
              return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, strength_path,
                                                _("“%s” is not a strength (use “primary” or “secondary”)"),
                                                strength);
            }
        }
      else
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                                          _("expected a theme slug or an object with “slug” and “strength”, found %s"),
                                          _sb_exchange_describe_node (node));

      g_array_append_val (story->themes, link);

      if (!_sb_exchange_import_has_theme (store, import, link.slug))
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_UNKNOWN_THEME, item_path,
                                          _("there is no theme “%s” (story “%s”)"), link.slug, title);
      for (guint j = 0; j + 1 < story->themes->len; j++)
        if (strcmp (g_array_index (story->themes, ImportLink, j).slug, link.slug) == 0)
          return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
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
  g_autofree char *seconds_path = _sb_exchange_child_path (path, "seconds");
  JsonNode *node = _sb_exchange_get_member (object, "seconds");
  gint64 seconds;

  if (node == NULL)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path,
                                      _("the rehearsal has no “seconds” (how long it took)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, seconds_path,
                                      _("%g is not a whole number of seconds"), json_node_get_double (node));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, seconds_path,
                                      _("expected a whole number of seconds, found %s"), _sb_exchange_describe_node (node));
  seconds = json_node_get_int (node);
  if (seconds < 0 || seconds > SB_PRACTICE_MAX_SECONDS)
    return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, seconds_path,
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
  g_autofree char *path = _sb_exchange_child_path (story_path, "practice");
  JsonArray *array;

  if (!_sb_exchange_read_array (import, object, story_path, "practice", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  story->practice = g_array_new (FALSE, TRUE, sizeof (SbRehearsal));
  g_array_set_clear_func (story->practice, (GDestroyNotify) _sb_exchange_rehearsal_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = _sb_exchange_element_path (path, i);
      g_autofree char *rating = NULL;
      SbRehearsal rehearsal = { 0, };
      JsonObject *item;

      if (!_sb_exchange_expect_object (import, json_array_get_element (array, i), item_path, &item, error) ||
          !_sb_exchange_check_members (import, item, item_path, rehearsal_known, error))
        return FALSE;

      if (_sb_exchange_get_member (item, "at") == NULL)
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                                          _("the rehearsal has no “at” (when it took place)"));
      if (!read_timestamp (import, item, item_path, "at", &rehearsal.practiced_at, error))
        return FALSE;
      if (rehearsal.practiced_at < 0)
        {
          g_autofree char *at_path = _sb_exchange_child_path (item_path, "at");
          return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, at_path,
                                            _("a rehearsal cannot be dated before 1970"));
        }

      if (!read_rehearsal_seconds (import, item, item_path, &rehearsal.seconds, error) ||
          !_sb_exchange_read_string (import, item, item_path, "rating", FALSE, &rating, error))
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
          g_autofree char *rating_path = _sb_exchange_child_path (item_path, "rating");
          return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, rating_path,
                                            _("“%s” is not a rating (use “stumbled”, “okay” or “nailed”)"), rating);
        }

      if (!_sb_exchange_read_string (import, item, item_path, "question", FALSE, &rehearsal.question_slug, error))
        return FALSE;
      if (rehearsal.question_slug != NULL &&
          sb_store_find_question (store, rehearsal.question_slug) == NULL &&
          !g_hash_table_contains (import->file_questions, rehearsal.question_slug) &&
          !g_strv_contains (bank_deleted, rehearsal.question_slug))
        {
          if (import->deleted_questions == NULL ||
              !g_strv_contains ((const char * const *) import->deleted_questions, rehearsal.question_slug))
            {
              g_autofree char *question_path = _sb_exchange_child_path (item_path, "question");
              _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, question_path,
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
  g_autofree char *card_path = _sb_exchange_child_path (path, "cue_card");
  const char *title = story->fields[SB_STORY_FIELD_TITLE];
  JsonNode *node = _sb_exchange_get_member (object, "cue_card");
  JsonObject *card;

  if (node == NULL)
    return TRUE;
  if (!_sb_exchange_expect_object (import, node, card_path, &card, error) ||
      !_sb_exchange_check_members (import, card, card_path, known, error))
    return FALSE;

  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    {
      SbStoryField field = SB_STORY_FIELD_CUE_SITUATION + i;
      g_autofree char *text = NULL;
      glong length;

      if (!_sb_exchange_read_string (import, card, card_path, known[i], FALSE, &text, error))
        return FALSE;
      if (text == NULL)
        continue;
      story->fields[field] = sb_story_cue_line_normalize (text);
      length = g_utf8_strlen (story->fields[field], -1);
      if (length > SB_STORY_MAX_CUE_CHARS)
        {
          g_autofree char *line_path = _sb_exchange_child_path (card_path, known[i]);
          g_autofree char *shown = shown_title (title);

          /* Translators: %s: the line (“situation”, “task” …), the story's
           * title; %ld: its length; %d: the limit */
          return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, line_path,
                                            _("the %s line of the cue card of “%s” has %ld characters; "
                                "a cue line keeps at most %d"),
                                            known[i], shown, length, SB_STORY_MAX_CUE_CHARS);
        }
    }
  return TRUE;
}

gboolean
_sb_exchange_import_read_stories (SbStore     *store,
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

  if (!_sb_exchange_read_array (import, root, "", "stories", &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = _sb_exchange_element_path ("stories", i);
      g_autofree char *status = NULL;
      g_autofree char *questions_path = NULL;
      ImportStory *story;
      JsonObject *object;
      const char *title;

      if (!_sb_exchange_expect_object (import, json_array_get_element (array, i), path, &object, error))
        return FALSE;
      story = g_new0 (ImportStory, 1);
      story->status = -1;
      story->example = -1;
      g_ptr_array_add (import->stories, story);

      if (!_sb_exchange_check_members (import, object, path, (const char * const *) story_known, error))
        return FALSE;
      /* The title is required (it may be empty: the app itself makes untitled
       * drafts, and their export must read back). */
      if (_sb_exchange_get_member (object, "title") == NULL)
        return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, path, _("the story has no “title”"));
      for (guint f = 0; f < SB_STORY_N_TEXT_FIELDS; f++)
        if (!_sb_exchange_read_string (import, object, path, sb_story_field_to_string (f), FALSE,
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
              g_autofree char *field_path = _sb_exchange_child_path (path, sb_story_field_to_string (f));
              g_autofree char *shown = title != NULL && *title != '\0'
                                       ? g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 60))
                                       : g_strdup (_("Untitled story"));

              return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, field_path,
                                                _("the %s of “%s” has %ld characters; a story keeps at most %d"),
                                                sb_story_field_to_string (f), shown, length,
                                                SB_STORY_MAX_FIELD_CHARS (f));
            }
        }

      if (!_sb_exchange_read_string (import, object, path, "uuid", FALSE, &story->uuid, error))
        return FALSE;
      if (story->uuid != NULL)
        {
          g_autofree char *uuid_path = _sb_exchange_child_path (path, "uuid");
          char *lower;

          if (!g_uuid_string_is_valid (story->uuid))
            return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, uuid_path,
                                              _("“%s” is not a valid story id (a UUID)"), story->uuid);
          lower = g_ascii_strdown (story->uuid, -1);
          g_free (story->uuid);
          story->uuid = lower;
          if (g_hash_table_contains (uuids, story->uuid))
            return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, uuid_path,
                                              _("two stories have the id %s"), story->uuid);
          g_hash_table_add (uuids, story->uuid);
        }

      if (!_sb_exchange_read_string (import, object, path, "status", FALSE, &status, error))
        return FALSE;
      if (status != NULL)
        {
          if (strcmp (status, "draft") == 0)
            story->status = SB_STORY_STATUS_DRAFT;
          else if (strcmp (status, "ready") == 0)
            story->status = SB_STORY_STATUS_READY;
          else
            {
              g_autofree char *status_path = _sb_exchange_child_path (path, "status");
              return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, status_path,
                                                _("“%s” is not a status (use “draft” or “ready”)"), status);
            }
        }

      if (!_sb_exchange_read_boolean (import, object, path, "example", &story->example, error) ||
          !read_timestamp (import, object, path, "created", &story->created, error) ||
          !read_timestamp (import, object, path, "updated", &story->updated, error) ||
          !read_story_themes (store, import, object, path, story, title, error) ||
          !_sb_exchange_read_string_list (import, object, path, "questions", &story->questions, error))
        return FALSE;

      questions_path = _sb_exchange_child_path (path, "questions");
      for (guint j = 0; story->questions != NULL && story->questions[j] != NULL; j++)
        if (sb_store_find_question (store, story->questions[j]) == NULL &&
            !g_hash_table_contains (import->file_questions, story->questions[j]))
          {
            g_autofree char *item_path = _sb_exchange_element_path (questions_path, j);
            return _sb_exchange_import_failf (import, error, SB_EXCHANGE_ERROR_INVALID, item_path,
                                              _("there is no question “%s” (story “%s”)"), story->questions[j], title);
          }

      if (!read_story_practice (store, import, object, path, story, title,
                                (const char * const *) bank_deleted, error))
        return FALSE;
    }
  return TRUE;
}
