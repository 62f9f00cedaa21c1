/* sb-exchange-markdown.c — the bank as a Markdown document to read or print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "sb-application.h"
#include "sb-exchange-private.h"

/* Markdown's inline markers, escaped where a title or name could be misread. */
static void
append_inline (GString    *out,
               const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>#|", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

/* A section's text as paragraphs: blank lines kept, trailing space trimmed. */
static void
append_block (GString    *out,
              const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  g_string_append (out, copy);
  g_string_append (out, "\n\n");
}

static void
append_story_markdown (GString *out,
                       SbStore *store,
                       SbStory *story)
{
  static const struct { SbStoryField field; const char *label; } sections[] = {
    { SB_STORY_FIELD_SITUATION, N_("Situation") },
    { SB_STORY_FIELD_TASK,      N_("Task") },
    { SB_STORY_FIELD_ACTION,    N_("Action") },
    { SB_STORY_FIELD_RESULT,    N_("Result") },
    { SB_STORY_FIELD_LEARNING,  N_("Learning") },
    { SB_STORY_FIELD_NOTES,     N_("Notes") },
  };
  g_autoptr(GArray) links = sb_store_get_story_themes (store, story);
  guint seconds = sb_story_get_speaking_seconds (story);

  g_string_append (out, "## ");
  append_inline (out, sb_story_get_display_title (story));
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "*%s* · ",
                          sb_story_get_status (story) == SB_STORY_STATUS_READY ? _("Ready") : _("Draft"));
  /* Translators: spoken length of a story, minutes and seconds */
  g_string_append_printf (out, _("about %u:%02u spoken"), seconds / 60, seconds % 60);
  g_string_append (out, "  \n");

  g_string_append_printf (out, "%s ", _("Themes:"));
  if (links->len == 0)
    g_string_append (out, _("none yet"));
  for (guint i = 0; i < links->len; i++)
    {
      SbThemeLink *link = &g_array_index (links, SbThemeLink, i);
      SbTheme *theme = sb_store_find_theme (store, link->theme_slug);

      if (i > 0)
        g_string_append (out, ", ");
      append_inline (out, theme != NULL ? sb_theme_get_name (theme) : link->theme_slug);
      if (link->strength == SB_STRENGTH_SECONDARY)
        g_string_append_printf (out, " (%s)", _("secondary"));
    }
  g_string_append (out, "\n\n");

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const char *text = sb_story_get_field (story, sections[i].field);

      if (text == NULL || *text == '\0')
        continue;
      g_string_append_printf (out, "**%s**\n\n", _(sections[i].label));
      append_block (out, text);
    }
}

/* Titles of the stories @uuids name, "none yet" when none. */
static void
append_story_titles (GString            *out,
                     SbStore            *store,
                     const char * const *uuids)
{
  guint n = 0;

  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      SbStory *story = sb_store_find_story (store, uuids[i]);

      if (story == NULL)
        continue;
      if (n++ > 0)
        g_string_append (out, ", ");
      append_inline (out, sb_story_get_display_title (story));
    }
  if (n == 0)
    g_string_append_printf (out, "*%s*", _("no story yet"));
}

/* One short section per application: what it asks for and what the person
 * will tell in each round. */
static void
append_applications_markdown (GString *out,
                              SbStore *store)
{
  GListModel *applications = sb_store_get_applications (store);

  if (g_list_model_get_n_items (applications) == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Applications"));
  for (guint i = 0; i < g_list_model_get_n_items (applications); i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);
      g_autofree char *name = sb_application_dup_display_name (application);
      GListModel *requirements = sb_application_get_requirements (application);
      GListModel *rounds = sb_application_get_rounds (application);
      const char *date = sb_application_get_date (application);
      const char *why = sb_application_get_field (application, SB_APPLICATION_FIELD_WHY_COMPANY);

      g_string_append (out, "### ");
      append_inline (out, name);
      if (date != NULL && *date != '\0')
        g_string_append_printf (out, " — %s", date);
      g_string_append (out, "\n\n");

      if (why != NULL && *why != '\0')
        {
          g_string_append_printf (out, "**%s**\n\n", _("Why this company"));
          append_block (out, why);
        }

      if (g_list_model_get_n_items (requirements) > 0)
        {
          g_string_append_printf (out, "**%s**\n\n", _("Requirements"));
          for (guint j = 0; j < g_list_model_get_n_items (requirements); j++)
            {
              g_autoptr(SbRequirement) requirement = g_list_model_get_item (requirements, j);

              g_string_append (out, "- ");
              append_inline (out, sb_requirement_get_text (requirement));
              g_string_append (out, " — ");
              append_story_titles (out, store, sb_requirement_get_story_uuids (requirement));
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }

      if (g_list_model_get_n_items (rounds) > 0)
        {
          g_string_append_printf (out, "**%s**\n\n", _("Rounds"));
          for (guint j = 0; j < g_list_model_get_n_items (rounds); j++)
            {
              g_autoptr(SbRound) round = g_list_model_get_item (rounds, j);

              g_string_append_printf (out, "%u. ", j + 1);
              append_inline (out, sb_round_get_name (round));
              g_string_append (out, ": ");
              append_story_titles (out, store, sb_round_get_story_uuids (round));
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }
    }
}

static void
append_coverage_markdown (GString *out,
                          SbStore *store)
{
  GListModel *frameworks = sb_store_get_frameworks (store);

  g_string_append_printf (out, "## %s\n\n", _("Coverage"));
  for (guint i = 0; i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);
      GListModel *themes = sb_store_get_themes (store, sb_framework_get_slug (framework));
      guint n_themes = g_list_model_get_n_items (themes);
      g_autoptr(GString) gaps = g_string_new (NULL);
      guint n_gaps = 0;

      for (guint j = 0; j < n_themes; j++)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (themes, j);
          g_autoptr(GPtrArray) stories = sb_store_get_theme_stories (store, sb_theme_get_slug (theme));

          if (stories->len > 0)
            continue;
          g_string_append (gaps, "- ");
          append_inline (gaps, sb_theme_get_name (theme));
          g_string_append_c (gaps, '\n');
          n_gaps++;
        }

      g_string_append (out, "### ");
      append_inline (out, sb_framework_get_name (framework));
      g_string_append (out, "\n\n");
      if (n_gaps == 0)
        g_string_append_printf (out, "%s\n\n", _("Every theme has at least one story."));
      else
        {
          /* Translators: "4 of 15 themes have no story yet:" */
          g_string_append_printf (out, ngettext ("%u of %u themes has no story yet:",
                                                 "%u of %u themes have no story yet:", n_gaps),
                                  n_gaps, n_themes);
          g_string_append (out, "\n\n");
          g_string_append (out, gaps->str);
          g_string_append_c (out, '\n');
        }
    }
}

char *
sb_exchange_export_markdown (SbStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *person = NULL;
  GListModel *stories;
  guint n_stories;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  g_string_append_printf (out, "# %s — %s\n\n", _("Storybank"), date);
  person = sb_store_get_person_name (store);
  if (person != NULL && *person != '\0')
    {
      g_string_append (out, "*");
      append_inline (out, person);
      g_string_append (out, "*\n\n");
    }

  stories = sb_store_get_stories (store);
  n_stories = g_list_model_get_n_items (stories);
  if (n_stories == 0)
    g_string_append_printf (out, "%s\n\n", _("No stories yet."));
  for (guint i = 0; i < n_stories; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (stories, i);
      append_story_markdown (out, store, story);
    }

  append_applications_markdown (out, store);
  append_coverage_markdown (out, store);

  /* One newline at the end, not two. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
sb_exchange_export_markdown_file (SbStore     *store,
                                  const char  *path,
                                  GError     **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contents = sb_exchange_export_markdown (store);
  return _sb_exchange_write_private_file (path, contents, strlen (contents), error);
}
