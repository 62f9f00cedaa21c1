/* sb-countdown.c — how far the loop is: "today", "in 3 days"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-countdown"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-countdown.h"

char *
sb_countdown_format (int days)
{
  if (days == G_MININT)
    return NULL;
  if (days == 0)
    return g_strdup (C_("loop date", "today"));
  if (days == 1)
    return g_strdup (C_("loop date", "tomorrow"));
  if (days == -1)
    return g_strdup (C_("loop date", "yesterday"));
  if (days > 1)
    return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", -days), -days);
}

void
sb_countdown_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

char *
sb_countdown_describe (SbApplication *application,
                       GDate         *today)
{
  const char *company = sb_application_get_company (application);
  g_autofree char *name = NULL;
  g_autofree char *when = sb_countdown_format (sb_application_days_until (application, today));

  name = company != NULL && *company != '\0' ? g_strdup (company)
                                             : sb_application_dup_display_name (application);
  if (when == NULL)
    return g_steal_pointer (&name);
  /* Translators: the company, then how far its interviews are ("in 3 days") */
  return g_strdup_printf (_("%s · %s"), name, when);
}

guint
sb_countdown_ms_to_midnight (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_add_days (today, 1);
  GTimeSpan span = g_date_time_difference (midnight, now) / 1000;

  return (guint) CLAMP (span + 1000, 1000, G_MAXUINT);
}
