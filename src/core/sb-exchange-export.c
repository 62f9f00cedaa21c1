/* sb-exchange-export.c — everything in the bank as Storybank JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "sb-exchange-private.h"
#include "sb-json-build.h"
#include "sb-practice.h"

static char *
format_timestamp (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  if (time == NULL)
    time = g_date_time_new_from_unix_utc (0);
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

static void
build_frameworks (JsonBuilder *builder,
                  SbStore     *store)
{
  GListModel *frameworks = sb_store_get_frameworks (store);

  json_builder_set_member_name (builder, "frameworks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);
      GListModel *themes = sb_store_get_themes (store, sb_framework_get_slug (framework));

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "slug", sb_framework_get_slug (framework));
      sb_json_build_string (builder, "name", sb_framework_get_bank_name (framework));
      sb_json_build_string (builder, "description", sb_framework_get_bank_description (framework));
      json_builder_set_member_name (builder, "builtin");
      json_builder_add_boolean_value (builder, sb_framework_get_builtin (framework));
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_array (builder);
      for (guint j = 0; j < g_list_model_get_n_items (themes); j++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (themes, j);

          json_builder_begin_object (builder);
          sb_json_build_string (builder, "slug", sb_theme_get_slug (theme));
          sb_json_build_string (builder, "name", sb_theme_get_bank_name (theme));
          sb_json_build_string (builder, "description", sb_theme_get_bank_description (theme));
          json_builder_set_member_name (builder, "builtin");
          json_builder_add_boolean_value (builder, sb_theme_get_builtin (theme));
          json_builder_set_member_name (builder, "edited");
          json_builder_add_boolean_value (builder, sb_theme_get_edited (theme));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_questions (JsonBuilder *builder,
                 SbStore     *store)
{
  GListModel *questions = sb_store_get_questions (store);
  g_auto(GStrv) deleted = sb_store_get_deleted_questions (store);

  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(SbQuestion) question = g_list_model_get_item (questions, i);
      const char * const *themes = sb_question_get_theme_slugs (question);

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "slug", sb_question_get_slug (question));
      sb_json_build_string (builder, "text", sb_question_get_bank_text (question));
      sb_json_build_string (builder, "listen_for", sb_question_get_bank_listen_for (question));
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_array (builder);
      for (guint j = 0; themes != NULL && themes[j] != NULL; j++)
        json_builder_add_string_value (builder, themes[j]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "builtin");
      json_builder_add_boolean_value (builder, sb_question_get_builtin (question));
      json_builder_set_member_name (builder, "edited");
      json_builder_add_boolean_value (builder, sb_question_get_edited (question));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "deleted_questions");
  json_builder_begin_array (builder);
  for (guint i = 0; deleted[i] != NULL; i++)
    json_builder_add_string_value (builder, deleted[i]);
  json_builder_end_array (builder);
}

/* A rating the app never writes (2 or 4, from a hand-made bank) goes with the
 * nearest rating below it, as the schedule counts it. */
static const char *
rating_to_string (SbRating rating)
{
  if (rating >= SB_RATING_NAILED)
    return "nailed";
  if (rating >= SB_RATING_OKAY)
    return "okay";
  if (rating >= SB_RATING_STUMBLED)
    return "stumbled";
  return NULL;
}

/* Always written, empty or not, so every story of a file looks the same. */
static void
build_practice (JsonBuilder *builder,
                SbStore     *store,
                SbStory     *story)
{
  g_autoptr(GArray) log = sb_practice_get_log (store, story);

  json_builder_set_member_name (builder, "practice");
  json_builder_begin_array (builder);
  for (guint i = 0; i < log->len; i++)
    {
      SbRehearsal *rehearsal = &g_array_index (log, SbRehearsal, i);
      g_autofree char *at = format_timestamp (rehearsal->practiced_at);
      const char *rating = rating_to_string (rehearsal->rating);

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "at", at);
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_int_value (builder, rehearsal->seconds);
      if (rating != NULL)
        sb_json_build_string (builder, "rating", rating);
      if (rehearsal->question_slug != NULL)
        sb_json_build_string (builder, "question", rehearsal->question_slug);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_story (JsonBuilder *builder,
             SbStore     *store,
             SbStory     *story)
{
  g_autoptr(GArray) links = sb_store_get_story_themes (store, story);
  g_auto(GStrv) questions = sb_store_get_story_questions (store, story);
  g_autofree char *created = format_timestamp (sb_story_get_created (story));
  g_autofree char *updated = format_timestamp (sb_story_get_updated (story));

  json_builder_begin_object (builder);
  sb_json_build_string (builder, "uuid", sb_story_get_uuid (story));
  for (guint f = 0; f < SB_STORY_N_TEXT_FIELDS; f++)
    sb_json_build_string (builder, sb_story_field_to_string (f), sb_story_get_field (story, f));
  /* Always written, empty lines too, so that the file says the whole story. */
  json_builder_set_member_name (builder, "cue_card");
  json_builder_begin_object (builder);
  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    sb_json_build_string (builder, sb_story_field_to_string (SB_STORY_FIELD_SITUATION + i),
                          sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION + i));
  json_builder_end_object (builder);
  sb_json_build_string (builder, "status", sb_story_get_status (story) == SB_STORY_STATUS_READY ? "ready" : "draft");
  json_builder_set_member_name (builder, "example");
  json_builder_add_boolean_value (builder, sb_story_get_is_example (story));
  sb_json_build_string (builder, "created", created);
  sb_json_build_string (builder, "updated", updated);

  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < links->len; i++)
    {
      SbThemeLink *link = &g_array_index (links, SbThemeLink, i);

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "slug", link->theme_slug);
      sb_json_build_string (builder, "strength", link->strength == SB_STRENGTH_SECONDARY ? "secondary" : "primary");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; questions != NULL && questions[i] != NULL; i++)
    json_builder_add_string_value (builder, questions[i]);
  json_builder_end_array (builder);

  build_practice (builder, store, story);
  json_builder_end_object (builder);
}

char *
sb_exchange_export_json (SbStore *store,
                         gsize   *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *exported = format_timestamp (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *person = NULL;
  GListModel *stories;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  json_builder_begin_object (builder);
  sb_json_build_string (builder, "format", SB_EXCHANGE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, SB_EXCHANGE_VERSION);
  sb_json_build_string (builder, "exported", exported);

  person = sb_store_get_person_name (store);
  if (person != NULL && *person != '\0')
    {
      json_builder_set_member_name (builder, "person");
      json_builder_begin_object (builder);
      sb_json_build_string (builder, "name", person);
      json_builder_end_object (builder);
    }

  build_frameworks (builder, store);
  build_questions (builder, store);

  stories = sb_store_get_stories (store);
  json_builder_set_member_name (builder, "stories");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (stories); i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      build_story (builder, store, story);
    }
  json_builder_end_array (builder);
  _sb_exchange_build_applications (builder, store);
  _sb_exchange_build_drills (builder, store);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, length);
}

gboolean
sb_exchange_export_json_file (SbStore     *store,
                              const char  *path,
                              GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contents = sb_exchange_export_json (store, &length);
  return _sb_exchange_write_private_file (path, contents, length, error);
}
