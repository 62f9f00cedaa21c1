/* sb-exchange-drills.c — the "Which story?" drill log in Storybank JSON
 *
 * The drills are a bank-level array after "stories", as each drill joins a
 * question and (perhaps) a story:
 *
 *   "drills": [{"question": SLUG, "story": UUID or null, "at": ISO 8601,
 *               "seconds": N, "hit": true|false}, …]
 *
 * Always written, empty or not. On import, a drill the bank already has
 * (the same question, time and length) is skipped, as rehearsals are, so a
 * file imported twice does not double the history; the hit is taken as the
 * file says, since it was decided against the links of that day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "sb-drill.h"
#include "sb-exchange-private.h"

/* ---- export ------------------------------------------------------------ */

void
_sb_exchange_build_drills (JsonBuilder *builder,
                           SbStore     *store)
{
  g_autoptr(GArray) log = sb_drill_get_log (store);

  json_builder_set_member_name (builder, "drills");
  json_builder_begin_array (builder);
  for (guint i = 0; i < log->len; i++)
    {
      SbDrill *drill = &g_array_index (log, SbDrill, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (drill->drilled_at);
      g_autofree char *at = NULL;

      if (time == NULL)
        time = g_date_time_new_from_unix_utc (0);
      at = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, drill->question_slug);
      json_builder_set_member_name (builder, "story");
      if (drill->story_uuid != NULL)
        json_builder_add_string_value (builder, drill->story_uuid);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, at);
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_int_value (builder, drill->seconds);
      json_builder_set_member_name (builder, "hit");
      json_builder_add_boolean_value (builder, drill->hit);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* ---- import: reading ---------------------------------------------------- */

/* "file:3:14: drills[2].seconds: reason", as the rest of the importer says
 * it (sb-exchange-import.c). */
G_GNUC_PRINTF (4, 5)
static gboolean
drill_fail (const SbExchangeDrillContext  *context,
            GError                       **error,
            const char                    *path,
            const char                    *format,
            ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *where = NULL;
  guint64 *position = g_hash_table_lookup (context->positions, path);
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  if (position != NULL)
    where = g_strdup_printf ("%s:%u:%u", context->filename,
                             (guint) (*position >> 32), (guint) (*position & 0xffffffff));
  else
    where = g_strdup (context->filename);
  g_set_error (error, SB_EXCHANGE_ERROR, SB_EXCHANGE_ERROR_INVALID, "%s: %s: %s", where, path, reason);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
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

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static void
drill_clear (SbDrill *drill)
{
  g_clear_pointer (&drill->question_slug, g_free);
  g_clear_pointer (&drill->question_text, g_free);
  g_clear_pointer (&drill->story_uuid, g_free);
}

/* Reads one drill into @drill; *@keep is FALSE when its question is one the
 * file lists as deleted and this bank never had (a newer catalog's): there
 * is nothing to attach it to. */
static gboolean
read_drill (SbStore                       *store,
            const SbExchangeDrillContext  *context,
            JsonNode                      *node,
            const char                    *path,
            const char * const            *bank_deleted,
            SbDrill                       *drill,
            gboolean                      *keep,
            GError                       **error)
{
  static const char * const known[] = { "question", "story", "at", "seconds", "hit", NULL };
  g_autoptr(GList) members = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  JsonObject *object;
  JsonNode *member;
  gint64 seconds;

  *keep = TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return drill_fail (context, error, path, _("expected an object, found %s"), describe_node (node));
  object = json_node_get_object (node);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *member_path = g_strconcat (path, ".", l->data, NULL);
        g_autofree char *list = g_strjoinv (", ", (char **) known);
        return drill_fail (context, error, member_path,
                           _("not a field Storybank knows here (expected one of: %s)"), list);
      }

  /* question */
  {
    g_autofree char *member_path = g_strconcat (path, ".question", NULL);
    const char *slug;

    member = json_object_get_member (object, "question");
    if (member == NULL || JSON_NODE_HOLDS_NULL (member))
      return drill_fail (context, error, path, _("the drill has no “question” (which question it answered)"));
    if (!node_is (member, G_TYPE_STRING))
      return drill_fail (context, error, member_path, _("expected a string, found %s"), describe_node (member));
    slug = json_node_get_string (member);
    if (sb_store_find_question (store, slug) == NULL &&
        !g_hash_table_contains (context->file_questions, slug) &&
        !g_strv_contains (bank_deleted, slug))
      {
        if (context->file_deleted == NULL || !g_strv_contains (context->file_deleted, slug))
          return drill_fail (context, error, member_path, _("there is no question “%s”"), slug);
        *keep = FALSE;
      }
    drill->question_slug = g_strdup (slug);
  }

  /* story: null or absent is no pick */
  member = json_object_get_member (object, "story");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      g_autofree char *member_path = g_strconcat (path, ".story", NULL);
      g_autofree char *uuid = NULL;

      if (!node_is (member, G_TYPE_STRING))
        return drill_fail (context, error, member_path, _("expected a story id or null, found %s"),
                           describe_node (member));
      uuid = g_ascii_strdown (json_node_get_string (member), -1);
      if (!g_uuid_string_is_valid (uuid))
        return drill_fail (context, error, member_path, _("“%s” is not a valid story id (a UUID)"),
                           json_node_get_string (member));
      if (sb_store_find_story (store, uuid) == NULL && !g_hash_table_contains (context->file_stories, uuid))
        return drill_fail (context, error, member_path, _("there is no story %s in the file or the bank"), uuid);
      drill->story_uuid = g_steal_pointer (&uuid);
    }

  /* at */
  {
    g_autofree char *member_path = g_strconcat (path, ".at", NULL);

    member = json_object_get_member (object, "at");
    if (member == NULL || JSON_NODE_HOLDS_NULL (member))
      return drill_fail (context, error, path, _("the drill has no “at” (when it took place)"));
    if (!node_is (member, G_TYPE_STRING))
      return drill_fail (context, error, member_path, _("expected a string, found %s"), describe_node (member));
    time = g_date_time_new_from_iso8601 (json_node_get_string (member), utc);
    if (time == NULL)
      return drill_fail (context, error, member_path,
                         _("“%s” is not a date and time (expected ISO 8601, like 2024-03-01T09:30:00Z)"),
                         json_node_get_string (member));
    drill->drilled_at = g_date_time_to_unix (time);
    if (drill->drilled_at < 0)
      return drill_fail (context, error, member_path, _("a drill cannot be dated before 1970"));
  }

  /* seconds */
  {
    g_autofree char *member_path = g_strconcat (path, ".seconds", NULL);

    member = json_object_get_member (object, "seconds");
    if (member == NULL || JSON_NODE_HOLDS_NULL (member))
      return drill_fail (context, error, path, _("the drill has no “seconds” (how long the pick took)"));
    if (!node_is (member, G_TYPE_INT64))
      return drill_fail (context, error, member_path, _("expected a whole number of seconds, found %s"),
                         describe_node (member));
    seconds = json_node_get_int (member);
    if (seconds < 0 || seconds > SB_DRILL_MAX_SECONDS)
      return drill_fail (context, error, member_path,
                         _("%lld seconds is not a drill answer's length (expected 0 to %d)"),
                         (long long) seconds, SB_DRILL_MAX_SECONDS);
    drill->seconds = (guint) seconds;
  }

  /* hit */
  {
    g_autofree char *member_path = g_strconcat (path, ".hit", NULL);

    member = json_object_get_member (object, "hit");
    if (member == NULL || JSON_NODE_HOLDS_NULL (member))
      return drill_fail (context, error, path, _("the drill has no “hit” (true or false)"));
    if (!node_is (member, G_TYPE_BOOLEAN))
      return drill_fail (context, error, member_path, _("expected true or false, found %s"),
                         describe_node (member));
    drill->hit = json_node_get_boolean (member);
  }
  return TRUE;
}

gboolean
_sb_exchange_read_drills (SbStore                       *store,
                          JsonObject                    *root,
                          const SbExchangeDrillContext  *context,
                          GArray                       **out_drills,
                          GError                       **error)
{
  g_auto(GStrv) bank_deleted = NULL;
  g_autoptr(GArray) drills = NULL;
  JsonNode *node = json_object_get_member (root, "drills");
  JsonArray *array;

  *out_drills = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return drill_fail (context, error, "drills", _("expected an array, found %s"), describe_node (node));
  array = json_node_get_array (node);

  bank_deleted = sb_store_get_deleted_questions (store);
  drills = g_array_new (FALSE, TRUE, sizeof (SbDrill));
  g_array_set_clear_func (drills, (GDestroyNotify) drill_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("drills[%u]", i);
      SbDrill drill = { 0, };
      gboolean keep;

      if (!read_drill (store, context, json_array_get_element (array, i), path,
                       (const char * const *) bank_deleted, &drill, &keep, error))
        {
          drill_clear (&drill);
          return FALSE;
        }
      if (keep)
        g_array_append_val (drills, drill);
      else
        drill_clear (&drill);
    }
  *out_drills = g_steal_pointer (&drills);
  return TRUE;
}

/* ---- import: applying --------------------------------------------------- */

gboolean
_sb_exchange_apply_drills (SbStore   *store,
                           GArray    *drills,
                           guint     *n_added,
                           GError   **error)
{
  for (guint i = 0; drills != NULL && i < drills->len; i++)
    {
      SbDrill *drill = &g_array_index (drills, SbDrill, i);
      g_autoptr(GError) local_error = NULL;

      if (sb_drill_has (store, drill->question_slug, drill->drilled_at, drill->seconds, &local_error))
        continue;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!sb_drill_add (store, drill, error))
        return FALSE;
      (*n_added)++;
    }
  return TRUE;
}
