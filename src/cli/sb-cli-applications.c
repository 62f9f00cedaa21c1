/* sb-cli-applications.c — the command line's applications: --applications
 * and --plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "sb-application.h"
#include "sb-cli-private.h"
#include "sb-json-build.h"
#include "sb-plan.h"

static const char *
status_to_string (SbApplicationStatus status)
{
  return status == SB_APPLICATION_STATUS_DONE ? "done" : "preparing";
}

char *
_sb_cli_check_application (SbStore    *store,
                           const char *option,
                           const char *slug)
{
  GListModel *applications = sb_store_get_applications (store);
  g_autoptr(GString) known = g_string_new (NULL);

  if (sb_store_find_application (store, slug) != NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (applications); i++)
    {
      g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", sb_application_get_slug (application));
    }
  if (known->len == 0)
    /* Translators: "--plan: there is no application “acme” (the bank has none yet)" */
    return g_strdup_printf (_("%s: there is no application “%s” (the bank has none yet)"), option, slug);
  /* Translators: "--plan: there is no application “acme” (known: acme-2026, globex)" */
  return g_strdup_printf (_("%s: there is no application “%s” (known: %s)"), option, slug, known->str);
}

int
_sb_cli_print_applications (SbStore  *store,
                            gboolean  json)
{
  GListModel *applications = sb_store_get_applications (store);
  SbApplication *current = sb_store_get_current_application (store);
  guint n = g_list_model_get_n_items (applications);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);

          json_builder_begin_object (builder);
          sb_json_build_string (builder, "id", sb_application_get_slug (application));
          sb_json_build_string (builder, "company", sb_application_get_company (application));
          sb_json_build_string (builder, "role", sb_application_get_role (application));
          sb_json_build_string (builder, "date", sb_application_get_date (application));
          sb_json_build_string (builder, "status", status_to_string (sb_application_get_status (application)));
          json_builder_set_member_name (builder, "current");
          json_builder_add_boolean_value (builder, application == current);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      _sb_cli_print_json (builder);
      return 0;
    }

  if (n == 0)
    {
      g_print ("%s\n", _("No applications yet."));
      return 0;
    }

  /* Columns: the ids padded to the longest, the date or a dash. */
  {
    g_autoptr(GPtrArray) slugs = g_ptr_array_new_with_free_func (g_free);
    glong id_width = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);
        char *slug = _sb_cli_escape_for_terminal (sb_application_get_slug (application), FALSE);

        id_width = MAX (id_width, g_utf8_strlen (slug, -1));
        g_ptr_array_add (slugs, slug);
      }
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(SbApplication) application = g_list_model_get_item (applications, i);
        const char *slug = slugs->pdata[i];
        g_autofree char *name = sb_application_dup_display_name (application);
        g_autofree char *shown = _sb_cli_escape_for_terminal (name, FALSE);
        const char *date = sb_application_get_date (application);
        g_autofree char *shown_date = _sb_cli_escape_for_terminal (date != NULL && *date != '\0' ? date : "—",
                                                                   FALSE);
        const char *status = sb_application_get_status (application) == SB_APPLICATION_STATUS_DONE
                             /* Translators: an application's status in --applications */
                             ? C_("application", "done") : C_("application", "preparing");

        /* "* acme-2026  2026-12-10  preparing  Acme · Senior Backend
         * Engineer"; the star marks the current application. */
        g_print ("%s %s%*s  %s%*s  %s%*s  %s\n", application == current ? "*" : " ",
                 slug, (int) (id_width - g_utf8_strlen (slug, -1)), "",
                 shown_date, (int) MAX (0, 10 - g_utf8_strlen (shown_date, -1)), "",
                 status, (int) MAX (0, 9 - g_utf8_strlen (status, -1)), "",
                 shown);
      }
  }
  return 0;
}

static SbRound *
find_round (SbApplication *application,
            gint64         id)
{
  GListModel *rounds = sb_application_get_rounds (application);

  for (guint i = 0; i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);

      if (sb_round_get_id (round) == id)
        return round;   /* the application keeps it alive */
    }
  return NULL;
}

static void
print_plan_json (SbApplication *application,
                 GPtrArray     *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *rounds = sb_application_get_rounds (application);

  json_builder_begin_object (builder);
  sb_json_build_string (builder, "application", sb_application_get_slug (application));
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

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    {
      SbPlanWarning *warning = warnings->pdata[i];
      SbRound *round = warning->round_id > 0 ? find_round (application, warning->round_id) : NULL;

      json_builder_begin_object (builder);
      sb_json_build_string (builder, "kind", sb_plan_warning_kind_to_string (warning->kind));
      sb_json_build_string (builder, "message", warning->message);
      if (round != NULL)
        sb_json_build_string (builder, "round", sb_round_get_name (round));
      if (warning->story_uuid != NULL)
        sb_json_build_string (builder, "story_id", warning->story_uuid);
      if (warning->theme_slug != NULL)
        sb_json_build_string (builder, "theme", warning->theme_slug);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  _sb_cli_print_json (builder);
}

static void
print_plan_text (SbStore       *store,
                 SbApplication *application,
                 GPtrArray     *warnings)
{
  GListModel *rounds = sb_application_get_rounds (application);
  g_autofree char *name = sb_application_dup_display_name (application);
  g_autofree char *shown = _sb_cli_escape_for_terminal (name, FALSE);
  const char *date = sb_application_get_date (application);
  guint n_rounds = g_list_model_get_n_items (rounds);

  if (date != NULL && *date != '\0')
    {
      g_autofree char *shown_date = _sb_cli_escape_for_terminal (date, FALSE);
      g_print ("%s — %s\n", shown, shown_date);
    }
  else
    g_print ("%s\n", shown);

  if (n_rounds == 0)
    g_print ("%s\n", _("No rounds yet."));
  for (guint i = 0; i < n_rounds; i++)
    {
      g_autoptr(SbRound) round = g_list_model_get_item (rounds, i);
      const char * const *focus = sb_round_get_focus (round);
      const char * const *uuids = sb_round_get_story_uuids (round);
      g_autofree char *round_name = _sb_cli_escape_for_terminal (sb_round_get_name (round), FALSE);
      g_autoptr(GString) themes = g_string_new (NULL);

      for (guint j = 0; focus != NULL && focus[j] != NULL; j++)
        {
          SbTheme *theme = sb_store_find_theme (store, focus[j]);
          g_autofree char *theme_name = _sb_cli_escape_for_terminal (theme != NULL ? sb_theme_get_name (theme)
                                                                                   : focus[j], FALSE);

          g_string_append_printf (themes, "%s%s", j > 0 ? ", " : "", theme_name);
        }
      if (themes->len > 0)
        /* Translators: a round of the plan: "2. Bar raiser (focus: Earn Trust, Ownership)" */
        g_print (_("%u. %s (focus: %s)\n"), i + 1, round_name, themes->str);
      else
        g_print ("%u. %s\n", i + 1, round_name);

      if (uuids == NULL || uuids[0] == NULL)
        g_print ("   %s\n", _("(no story planned)"));
      for (guint j = 0; uuids != NULL && uuids[j] != NULL; j++)
        {
          SbStory *story = sb_store_find_story (store, uuids[j]);
          g_autofree char *title = _sb_cli_escape_for_terminal (story != NULL ? sb_story_get_display_title (story)
                                                                              : uuids[j], FALSE);

          g_print ("   - %s\n", title);
        }
    }

  if (warnings->len == 0)
    {
      g_print ("%s\n", _("No warnings: no story is planned twice, every focus is covered and every "
                         "requirement has a story."));
      return;
    }
  g_print ("%s\n", _("Warnings:"));
  for (guint i = 0; i < warnings->len; i++)
    {
      SbPlanWarning *warning = warnings->pdata[i];
      g_autofree char *message = _sb_cli_escape_for_terminal (warning->message, FALSE);

      g_print ("  ! %s  [%s]\n", message, sb_plan_warning_kind_to_string (warning->kind));
    }
}

int
_sb_cli_print_plan (SbStore    *store,
                    const char *slug,
                    gboolean    propose,
                    gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *unknown = _sb_cli_check_application (store, "--plan", slug);
  SbApplication *application;

  if (unknown != NULL)
    return _sb_cli_fail_literal (unknown);
  application = sb_store_find_application (store, slug);

  if (propose)
    {
      guint n_filled = 0, n_left_empty = 0;

      if (!sb_plan_propose_full (store, application, 0, &n_filled, &n_left_empty, &error))
        return _sb_cli_fail (error);
      /* On stderr, so that --json stays one document. */
      if (n_filled == 0 && n_left_empty == 0)
        g_printerr ("%s\n", _("Every round has stories planned already: nothing was proposed."));
      else
        {
          g_printerr (g_dngettext (GETTEXT_PACKAGE, "Stories proposed for %u round.",
                                   "Stories proposed for %u rounds.", n_filled), n_filled);
          if (n_left_empty > 0)
            /* Translators: appended to "Stories proposed for 2 rounds." */
            g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                     " %u round stays empty: every story is planned already.",
                                     " %u rounds stay empty: every story is planned already.",
                                     n_left_empty), n_left_empty);
          g_printerr ("\n");
        }
    }

  warnings = sb_plan_get_warnings (store, application);
  if (json)
    print_plan_json (application, warnings);
  else
    print_plan_text (store, application, warnings);
  return 0;
}
