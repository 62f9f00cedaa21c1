/* test-applications.c — the store's applications: one company's loop, its
 * requirements, rounds and plan, written through to the bank
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sb-application.h"
#include "sb-store.h"
#include "sb-test-person.h"
#include "sb-test-util.h"

typedef struct
{
  SbTestDir *dir;
  char      *path;
  SbStore   *store;
  guint      n_changed;   /* "applications-changed" */
} Fixture;

static void
changed_cb (SbStore *store,
            guint   *count)
{
  (*count)++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sb_test_dir_new ();
  f->path = sb_test_dir_file (f->dir, "bank.sqlite3");
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "applications-changed", G_CALLBACK (changed_cb), &f->n_changed);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  g_free (f->path);
  sb_test_dir_free (f->dir);
}

static SbApplication *
make_application (SbStore    *store,
                  const char *slug,
                  const char *company)
{
  g_autoptr(GError) error = NULL;
  SbApplication *application = sb_store_create_application (store, slug, company, "Senior Backend Engineer", &error);

  g_assert_no_error (error);
  g_assert_nonnull (application);
  return application;
}

static SbStory *
make_story (SbStore    *store,
            const char *title)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  return story;
}

/* A count straight from the bank file. */
static gint64
count_rows (SbStore    *store,
            const char *sql)
{
  sqlite3 *db = sb_database_get_handle (sb_store_get_database (store));
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
assert_strv (const char * const *got,
             const char * const *expected)
{
  guint n = g_strv_length ((GStrv) expected);

  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (got[i]);
      g_assert_cmpstr (got[i], ==, expected[i]);
    }
  g_assert_null (got[n]);
}

static char *
today_slug (const char *company)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("%s-%s", company, date);
}

/* ---- create and edit ---------------------------------------------------- */

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *seen)
{
  g_string_append_printf (seen, "%s;", pspec->name);
}

static void
test_create_and_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *slug = today_slug ("acme");
  g_autofree char *slug2 = g_strconcat (slug, "-2", NULL);
  g_autofree char *name = NULL;
  SbApplication *acme, *again, *untitled;
  g_autoptr(GDate) today = g_date_new_dmy (7, G_DATE_DECEMBER, 2026);

  acme = make_application (f->store, NULL, "  Acme  ");
  g_assert_cmpstr (sb_application_get_slug (acme), ==, slug);
  g_assert_cmpstr (sb_application_get_company (acme), ==, "Acme");
  g_assert_cmpuint (f->n_changed, ==, 1);
  again = make_application (f->store, NULL, "ACME");
  g_assert_cmpstr (sb_application_get_slug (again), ==, slug2);
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (f->store)), ==, 2);
  g_assert_true (sb_store_find_application (f->store, slug2) == again);

  name = sb_application_dup_display_name (acme);
  g_assert_cmpstr (name, ==, "Acme · Senior Backend Engineer");
  untitled = sb_store_create_application (f->store, "blank", "", "", &error);
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = sb_application_dup_display_name (untitled);
  g_assert_cmpstr (name, ==, "Untitled application");

  g_signal_connect (acme, "notify", G_CALLBACK (notify_cb), seen);
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "2026-12-10", &error));
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_ROLE, "Staff Engineer", &error));
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_WHY_COMPANY,
                                                 "Their payments work is what I do best.", &error));
  g_assert_true (sb_store_set_application_status (f->store, acme, SB_APPLICATION_STATUS_DONE, &error));
  g_assert_true (sb_store_set_application_framework (f->store, acme, "amazon-lp", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "date;role;display-name;why-company;status;framework;");
  g_assert_cmpint (sb_application_days_until (acme, today), ==, 3);
  g_assert_cmpstr (sb_application_get_framework (acme), ==, "amazon-lp");
  g_assert_cmpint (sb_application_get_status (acme), ==, SB_APPLICATION_STATUS_DONE);
  g_assert_cmpuint (f->n_changed, ==, 8);

  /* The same value again changes nothing and says nothing. */
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_ROLE, "Staff Engineer", &error));
  g_assert_cmpuint (f->n_changed, ==, 8);

  /* Bad values are refused with the field named, and nothing changes. */
  g_assert_false (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "10/12/2026", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10/12/2026"));
  g_clear_error (&error);
  g_assert_false (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "2026-02-30", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *long_name = g_strnfill (SB_APPLICATION_MAX_NAME_CHARS + 1, 'x');
    g_autofree char *long_text = g_strnfill (SB_APPLICATION_MAX_TEXT_CHARS + 1, 'x');
    g_autofree char *just_fits = g_strnfill (SB_APPLICATION_MAX_TEXT_CHARS, 'x');

    g_assert_false (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_COMPANY, long_name, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "company"));
    g_clear_error (&error);
    g_assert_false (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_JOB_DESCRIPTION, long_text, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "job description"));
    g_clear_error (&error);
    g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_JOB_DESCRIPTION, just_fits, &error));
    g_assert_no_error (error);
    g_assert_null (sb_store_create_application (f->store, NULL, long_name, NULL, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_false (sb_store_set_application_framework (f->store, acme, "no-such-values", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-values"));
  g_clear_error (&error);
  g_assert_null (sb_store_create_application (f->store, slug, "Acme", NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, slug));
  g_clear_error (&error);
  g_assert_null (sb_store_create_application (f->store, "has space", "Acme", NULL, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (sb_application_get_company (acme), ==, "Acme");
  g_assert_cmpstr (sb_application_get_date (acme), ==, "2026-12-10");
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (f->store)), ==, 3);

  /* All of it is in the bank: a new store reads it back. */
  g_signal_handlers_disconnect_by_func (acme, notify_cb, seen);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  acme = sb_store_find_application (f->store, slug);
  g_assert_nonnull (acme);
  g_assert_cmpstr (sb_application_get_role (acme), ==, "Staff Engineer");
  g_assert_cmpstr (sb_application_get_date (acme), ==, "2026-12-10");
  g_assert_cmpstr (sb_application_get_field (acme, SB_APPLICATION_FIELD_WHY_COMPANY), ==,
                   "Their payments work is what I do best.");
  g_assert_cmpint (g_utf8_strlen (sb_application_get_field (acme, SB_APPLICATION_FIELD_JOB_DESCRIPTION), -1),
                   ==, SB_APPLICATION_MAX_TEXT_CHARS);
  g_assert_cmpint (sb_application_get_status (acme), ==, SB_APPLICATION_STATUS_DONE);
  g_assert_cmpstr (sb_application_get_framework (acme), ==, "amazon-lp");
  {
    g_autoptr(SbApplication) first = g_list_model_get_item (sb_store_get_applications (f->store), 0);
    g_assert_true (first == acme);
  }
}

static void
test_days_until (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (30, G_DATE_DECEMBER, 2026);
  SbApplication *acme = make_application (f->store, "acme", "Acme");

  g_assert_cmpint (sb_application_days_until (acme, today), ==, G_MININT);
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "2027-01-02", &error));
  g_assert_cmpint (sb_application_days_until (acme, today), ==, 3);
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "2026-12-30", &error));
  g_assert_cmpint (sb_application_days_until (acme, today), ==, 0);
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "2026-12-01", &error));
  g_assert_cmpint (sb_application_days_until (acme, today), ==, -29);
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_DATE, "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sb_application_days_until (acme, today), ==, G_MININT);
}

/* ---- requirements and rounds -------------------------------------------- */

static void
test_requirements (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  GListModel *requirements = sb_application_get_requirements (acme);
  SbStory *outage = make_story (f->store, "Checkout outage");
  SbStory *migration = make_story (f->store, "Database migration");
  g_autofree char *migration_uuid = g_strdup (sb_story_get_uuid (migration));
  SbRequirement *go, *lead, *sql, *first;

  go = sb_store_add_requirement (f->store, acme, "5+ years of Go", -1, &error);
  lead = sb_store_add_requirement (f->store, acme, "  Lead incident response  ", -1, &error);
  sql = sb_store_add_requirement (f->store, acme, "Strong SQL", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, 3);
  first = g_list_model_get_item (requirements, 0);
  g_assert_true (first == sql);
  g_object_unref (first);
  g_assert_cmpstr (sb_requirement_get_text (lead), ==, "Lead incident response");

  g_assert_null (sb_store_add_requirement (f->store, acme, "   ", -1, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "requirement"));
  g_clear_error (&error);
  {
    g_autofree char *long_line = g_strnfill (SB_REQUIREMENT_MAX_CHARS + 1, 'x');

    g_assert_false (sb_store_set_requirement_text (f->store, go, long_line, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Links keep the bank's order of stories, whichever was linked first. */
  g_assert_true (sb_store_set_requirement_story (f->store, lead, migration, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, lead, outage, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, go, migration, TRUE, &error));
  g_assert_no_error (error);
  {
    const char *expected[] = { sb_story_get_uuid (outage), sb_story_get_uuid (migration), NULL };
    assert_strv (sb_requirement_get_story_uuids (lead), expected);
  }
  g_assert_cmpuint (sb_requirement_get_n_stories (lead), ==, 2);

  /* Merging joins the texts and the stories, and the second goes. */
  g_assert_true (sb_store_merge_requirements (f->store, go, lead, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_requirement_get_text (go), ==, "5+ years of Go; Lead incident response");
  g_assert_cmpuint (sb_requirement_get_n_stories (go), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, 2);
  g_assert_false (sb_store_merge_requirements (f->store, go, go, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM requirement_stories"), ==, 2);

  g_assert_true (sb_store_set_requirement_story (f->store, go, outage, FALSE, &error));
  g_assert_true (sb_store_delete_requirement (f->store, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  acme = sb_store_find_application (f->store, "acme");
  requirements = sb_application_get_requirements (acme);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, 1);
  first = g_list_model_get_item (requirements, 0);
  g_assert_cmpstr (sb_requirement_get_text (first), ==, "5+ years of Go; Lead incident response");
  {
    const char *expected[] = { migration_uuid, NULL };
    assert_strv (sb_requirement_get_story_uuids (first), expected);
  }
  g_object_unref (first);
}

/* Splitting keeps a line the person already has, with its stories. */
static void
test_split_keeps_links (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  GListModel *requirements = sb_application_get_requirements (acme);
  SbStory *outage = make_story (f->store, "Checkout outage");
  SbRequirement *kept, *gone;

  kept = sb_store_add_requirement (f->store, acme, "Run incident reviews with the on-call team", -1, &error);
  gone = sb_store_add_requirement (f->store, acme, "Something the person typed", -1, &error);
  g_object_ref (gone);
  g_assert_true (sb_store_set_requirement_story (f->store, kept, outage, TRUE, &error));
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_JOB_DESCRIPTION,
                                                 "Requirements:\n"
                                                 "- 5+ years building payment systems\n"
                                                 "- Run incident reviews with the on-call team.\n",
                                                 &error));
  g_assert_true (sb_store_split_requirements (f->store, acme, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (requirements), ==, 2);
  {
    g_autoptr(SbRequirement) first = g_list_model_get_item (requirements, 0);
    g_autoptr(SbRequirement) second = g_list_model_get_item (requirements, 1);

    g_assert_cmpstr (sb_requirement_get_text (first), ==, "5+ years building payment systems");
    g_assert_true (second == kept);
    g_assert_cmpuint (sb_requirement_get_n_stories (kept), ==, 1);
  }
  /* Gone from the bank, so a change to it is refused. */
  g_assert_false (sb_store_set_requirement_text (f->store, gone, "Again", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_object_unref (gone);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM requirements"), ==, 2);
}

static void
test_rounds (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  GListModel *rounds = sb_application_get_rounds (acme);
  SbStory *outage = make_story (f->store, "Checkout outage");
  SbStory *migration = make_story (f->store, "Database migration");
  SbStory *hire = make_story (f->store, "First hire");
  g_autofree char *outage_uuid = g_strdup (sb_story_get_uuid (outage));
  g_autofree char *migration_uuid = g_strdup (sb_story_get_uuid (migration));
  g_autofree char *hire_uuid = g_strdup (sb_story_get_uuid (hire));
  SbRound *manager, *raiser;
  const char *focus[] = { "lp-earn-trust", "lp-customer-obsession", "lp-earn-trust", NULL };

  raiser = sb_store_add_round (f->store, acme, "Bar raiser", -1, &error);
  manager = sb_store_add_round (f->store, acme, "Hiring manager", 0, &error);
  g_assert_no_error (error);
  g_assert_null (sb_store_add_round (f->store, acme, "", -1, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "round"));
  g_clear_error (&error);

  /* Focus in catalog order, once each. */
  g_assert_true (sb_store_set_round_focus (f->store, raiser, focus, &error));
  g_assert_no_error (error);
  {
    const char *expected[] = { "lp-customer-obsession", "lp-earn-trust", NULL };
    assert_strv (sb_round_get_focus (raiser), expected);
  }
  {
    const char *bad[] = { "lp-earn-trust", "no-such-theme", NULL };
    g_assert_false (sb_store_set_round_focus (f->store, raiser, bad, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "no-such-theme"));
    g_clear_error (&error);
    g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_focus (raiser)), ==, 2);
  }

  /* Stories keep the order they were planned in. */
  g_assert_true (sb_store_set_round_story (f->store, raiser, migration, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, raiser, outage, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, raiser, hire, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, raiser, outage, FALSE, &error));
  g_assert_true (sb_store_set_round_story (f->store, raiser, outage, TRUE, &error));
  g_assert_true (sb_store_set_round_name (f->store, manager, "Hiring manager (Sam)", &error));
  g_assert_no_error (error);
  {
    const char *expected[] = { sb_story_get_uuid (migration), sb_story_get_uuid (hire),
                               sb_story_get_uuid (outage), NULL };
    assert_strv (sb_round_get_story_uuids (raiser), expected);
  }

  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  acme = sb_store_find_application (f->store, "acme");
  rounds = sb_application_get_rounds (acme);
  g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 2);
  {
    g_autoptr(SbRound) first = g_list_model_get_item (rounds, 0);
    g_autoptr(SbRound) second = g_list_model_get_item (rounds, 1);
    const char *expected[] = { migration_uuid, hire_uuid, outage_uuid, NULL };
    const char *expected_focus[] = { "lp-customer-obsession", "lp-earn-trust", NULL };

    g_assert_cmpstr (sb_round_get_name (first), ==, "Hiring manager (Sam)");
    g_assert_cmpstr (sb_round_get_name (second), ==, "Bar raiser");
    assert_strv (sb_round_get_story_uuids (second), expected);
    assert_strv (sb_round_get_focus (second), expected_focus);
    g_assert_true (sb_store_delete_round (f->store, first, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (rounds), ==, 1);
}

/* ---- deleting ----------------------------------------------------------- */

static void
test_delete_cascades (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  SbApplication *other = make_application (f->store, "globex", "Globex");
  SbStory *outage = make_story (f->store, "Checkout outage");
  SbRequirement *requirement = sb_store_add_requirement (f->store, acme, "Lead incident response", -1, &error);
  SbRound *round = sb_store_add_round (f->store, acme, "Bar raiser", -1, &error);
  const char *focus[] = { "lp-earn-trust", NULL };

  g_assert_true (sb_store_set_requirement_story (f->store, requirement, outage, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, round, outage, TRUE, &error));
  g_assert_true (sb_store_set_round_focus (f->store, round, focus, &error));
  g_assert_true (sb_store_set_current_application (f->store, acme, &error));
  g_assert_nonnull (sb_store_add_round (f->store, other, "Phone screen", -1, &error));
  g_assert_no_error (error);

  g_object_ref (acme);
  g_assert_true (sb_store_delete_application (f->store, acme, &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_find_application (f->store, "acme"));
  g_assert_null (sb_store_get_current_application (f->store));
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (f->store)), ==, 1);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM requirements"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM requirement_stories"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM rounds"), ==, 1);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM round_stories"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM round_focus"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM meta WHERE key = 'current-application'"), ==, 0);
  /* The story itself stays. */
  g_assert_cmpuint (sb_store_get_n_stories (f->store), ==, 1);

  /* A deleted application takes no more changes. */
  g_assert_false (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_NOTES, "x", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sb_store_add_round (f->store, acme, "Again", -1, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_object_unref (acme);
}

/* Deleting a story drops it from requirements and rounds at once; its undo
 * brings it back where it was, in memory and in the bank. */
static void
test_story_delete_and_undo (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  SbStory *outage = make_story (f->store, "Checkout outage");
  SbStory *migration = make_story (f->store, "Database migration");
  SbStory *hire = make_story (f->store, "First hire");
  SbRequirement *requirement = sb_store_add_requirement (f->store, acme, "Lead incident response", -1, &error);
  SbRound *round = sb_store_add_round (f->store, acme, "Bar raiser", -1, &error);
  g_autofree char *outage_uuid = g_strdup (sb_story_get_uuid (outage));
  g_autofree char *migration_uuid = g_strdup (sb_story_get_uuid (migration));
  g_autofree char *hire_uuid = g_strdup (sb_story_get_uuid (hire));
  SbDeletedStory *deleted;
  guint before;

  g_assert_true (sb_store_set_requirement_story (f->store, requirement, outage, TRUE, &error));
  g_assert_true (sb_store_set_requirement_story (f->store, requirement, migration, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, round, migration, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, round, outage, TRUE, &error));
  g_assert_true (sb_store_set_round_story (f->store, round, hire, TRUE, &error));
  g_assert_no_error (error);

  before = f->n_changed;
  deleted = sb_store_delete_story (f->store, outage, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  sb_deleted_story_free (deleted);
  g_assert_cmpuint (f->n_changed, ==, before + 1);
  {
    const char *req[] = { sb_story_get_uuid (migration), NULL };
    const char *planned[] = { sb_story_get_uuid (migration), sb_story_get_uuid (hire), NULL };

    assert_strv (sb_requirement_get_story_uuids (requirement), req);
    assert_strv (sb_round_get_story_uuids (round), planned);
  }
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM round_stories"), ==, 2);

  g_assert_true (sb_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, ==, before + 2);
  {
    const char *planned[] = { sb_story_get_uuid (migration), sb_story_get_uuid (outage),
                              sb_story_get_uuid (hire), NULL };

    /* In the bank's order of stories, where the restored one may sit
     * elsewhere; in the round, at its old place. */
    g_assert_cmpuint (sb_requirement_get_n_stories (requirement), ==, 2);
    g_assert_true (g_strv_contains (sb_requirement_get_story_uuids (requirement), outage_uuid));
    g_assert_true (g_strv_contains (sb_requirement_get_story_uuids (requirement), migration_uuid));
    assert_strv (sb_round_get_story_uuids (round), planned);
  }

  /* And the bank says so too. */
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  acme = sb_store_find_application (f->store, "acme");
  {
    g_autoptr(SbRound) again = g_list_model_get_item (sb_application_get_rounds (acme), 0);
    g_autoptr(SbRequirement) req_again = g_list_model_get_item (sb_application_get_requirements (acme), 0);
    const char *planned[] = { migration_uuid, outage_uuid, hire_uuid, NULL };

    assert_strv (sb_round_get_story_uuids (again), planned);
    g_assert_cmpuint (sb_requirement_get_n_stories (req_again), ==, 2);
  }
}

/* A theme of the person's own that a round focuses on goes; so does the
 * round's focus on it, in memory as in the bank. */
static void
test_theme_delete (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  SbRound *round = sb_store_add_round (f->store, acme, "Bar raiser", -1, &error);
  SbTheme *theme = sb_store_add_own_theme (f->store, "Working with hardware", &error);
  g_autofree char *slug = g_strdup (sb_theme_get_slug (theme));
  const char *focus[] = { "lp-earn-trust", slug, NULL };
  guint before;

  g_assert_no_error (error);
  g_assert_true (sb_store_set_round_focus (f->store, round, focus, &error));
  g_assert_true (sb_store_set_application_framework (f->store, acme, SB_STORE_OWN_FRAMEWORK, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_focus (round)), ==, 2);

  before = f->n_changed;
  g_assert_true (sb_store_delete_theme (f->store, theme, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changed, >, before);
  {
    const char *expected[] = { "lp-earn-trust", NULL };
    assert_strv (sb_round_get_focus (round), expected);
  }
  /* The framework of the person's own went with its last theme. */
  g_assert_null (sb_application_get_framework (acme));
}

/* ---- the current application and the introduction ----------------------- */

static void
test_current_and_introduction (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *introduction = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");

  make_application (f->store, "globex", "Globex");
  g_assert_null (sb_store_get_current_application (f->store));
  g_assert_true (sb_store_set_current_application (f->store, acme, &error));
  g_assert_true (sb_store_set_introduction (f->store, "I build payment systems that stay up.", &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_get_current_application (f->store) == acme);

  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = sb_store_open (f->path, &error);
  g_assert_no_error (error);
  acme = sb_store_get_current_application (f->store);
  g_assert_nonnull (acme);
  g_assert_cmpstr (sb_application_get_slug (acme), ==, "acme");
  introduction = sb_store_get_introduction (f->store);
  g_assert_cmpstr (introduction, ==, "I build payment systems that stay up.");

  g_assert_true (sb_store_set_current_application (f->store, NULL, &error));
  g_assert_true (sb_store_set_introduction (f->store, "", &error));
  g_assert_no_error (error);
  g_assert_null (sb_store_get_current_application (f->store));
  g_clear_pointer (&introduction, g_free);
  introduction = sb_store_get_introduction (f->store);
  g_assert_cmpstr (introduction, ==, "");
  {
    g_autofree char *too_long = g_strnfill (SB_APPLICATION_MAX_NOTE_CHARS + 1, 'x');

    g_assert_false (sb_store_set_introduction (f->store, too_long, &error));
    g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "introduction"));
    g_clear_error (&error);
  }
}

/* ---- other programs, reloads and rollbacks ------------------------------ */

static void
test_two_stores (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) other = sb_store_open (f->path, &error);
  guint other_changed = 0;
  SbApplication *mine, *theirs;
  SbRequirement *requirement;

  g_assert_no_error (error);
  g_signal_connect (other, "applications-changed", G_CALLBACK (changed_cb), &other_changed);

  mine = make_application (f->store, "acme", "Acme");
  g_assert_null (sb_store_find_application (other, "acme"));
  g_assert_true (sb_store_sync (other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (other_changed, ==, 1);
  theirs = sb_store_find_application (other, "acme");
  g_assert_nonnull (theirs);
  g_assert_cmpstr (sb_application_get_company (theirs), ==, "Acme");

  /* The other one adds a requirement; this one sees it, and keeps the
   * object it holds. */
  requirement = sb_store_add_requirement (other, theirs, "Lead incident response", -1, &error);
  g_assert_nonnull (requirement);
  g_assert_true (sb_store_set_current_application (other, theirs, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_sync (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_find_application (f->store, "acme") == mine);
  g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_requirements (mine)), ==, 1);
  g_assert_true (sb_store_get_current_application (f->store) == mine);

  /* A write takes in the other's change first: deleted there, refused here. */
  g_assert_true (sb_store_delete_application (other, theirs, &error));
  g_assert_no_error (error);
  g_object_ref (mine);
  g_assert_false (sb_store_set_application_field (f->store, mine, SB_APPLICATION_FIELD_NOTES, "Bring water", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sb_store_find_application (f->store, "acme"));
  g_assert_null (sb_store_get_current_application (f->store));
  g_object_unref (mine);

  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  sqlite3 *db = sb_database_get_handle (sb_store_get_database (f->store));
  guint before = f->n_changed;

  g_assert_cmpint (sqlite3_exec (db, "UPDATE applications SET company = 'Acme Corp', status = 1", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO rounds (application_id, position, name) "
                                     "SELECT id, 0, 'Phone screen' FROM applications", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (sb_store_reload (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (sb_store_find_application (f->store, "acme") == acme);
  g_assert_cmpstr (sb_application_get_company (acme), ==, "Acme Corp");
  g_assert_cmpint (sb_application_get_status (acme), ==, SB_APPLICATION_STATUS_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_rounds (acme)), ==, 1);
  g_assert_cmpuint (f->n_changed, ==, before + 1);
}

typedef struct
{
  SbApplication *made;
} RollbackData;

static gboolean
create_then_fail (SbStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  RollbackData *data = user_data;

  data->made = sb_store_create_application (store, "doomed", "Doomed Inc", NULL, error);
  if (data->made == NULL)
    return FALSE;
  if (sb_store_add_requirement (store, data->made, "Something to do", -1, error) == NULL)
    return FALSE;
  g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID, "the import failed later");
  return FALSE;
}

/* A change inside a transaction that rolls back leaves no trace, in memory
 * or in the bank, and says nothing until the end. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RollbackData rollback = { NULL };

  g_assert_false (sb_store_run_in_transaction (f->store, create_then_fail, &rollback, &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID);
  g_assert_nonnull (rollback.made);
  g_assert_null (sb_store_find_application (f->store, "doomed"));
  g_assert_cmpuint (g_list_model_get_n_items (sb_store_get_applications (f->store)), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM applications"), ==, 0);
}

/* Another program holding the bank: the change is refused as busy,
 * nothing changes in memory, and the same change goes through once the
 * bank is free. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SbApplication *acme = make_application (f->store, "acme", "Acme");
  sqlite3 *other = NULL;
  guint before;

  sb_store_set_interactive (f->store, TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  before = f->n_changed;
  g_assert_false (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_ROLE, "Staff Engineer", &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_null (sb_store_add_round (f->store, acme, "Bar raiser", -1, &error));
  g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpstr (sb_application_get_role (acme), ==, "Senior Backend Engineer");
  g_assert_cmpuint (g_list_model_get_n_items (sb_application_get_rounds (acme)), ==, 0);
  g_assert_cmpuint (f->n_changed, ==, before);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (sb_store_set_application_field (f->store, acme, SB_APPLICATION_FIELD_ROLE, "Staff Engineer", &error));
  g_assert_nonnull (sb_store_add_round (f->store, acme, "Bar raiser", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sb_application_get_role (acme), ==, "Staff Engineer");
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM rounds"), ==, 1);
}

/* ---- a bank the person cannot write -------------------------------------- */

static void
test_read_only (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;

  if (!sb_test_act_as_person (dir))
    return;
  {
    g_autoptr(SbStore) store = sb_store_open (path, &error);
    SbApplication *acme = make_application (store, "acme", "Acme");

    g_assert_nonnull (make_story (store, "Checkout outage"));
    g_assert_nonnull (sb_store_add_round (store, acme, "Bar raiser", -1, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  {
    g_autoptr(SbStore) store = sb_store_open (path, &error);
    SbApplication *acme;
    g_autoptr(SbRound) round = NULL;
    SbStory *story;

    g_assert_no_error (error);
    g_assert_true (sb_store_is_read_only (store));
    acme = sb_store_find_application (store, "acme");
    g_assert_nonnull (acme);
    round = g_list_model_get_item (sb_application_get_rounds (acme), 0);
    story = g_list_model_get_item (sb_store_get_stories (store), 0);
    g_object_unref (story);

    g_assert_null (sb_store_create_application (store, NULL, "Globex", NULL, &error));
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (sb_store_set_application_field (store, acme, SB_APPLICATION_FIELD_NOTES, "x", &error));
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (sb_store_set_round_story (store, round, story, TRUE, &error));
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (sb_store_set_current_application (store, acme, &error));
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (sb_store_delete_application (store, acme, &error));
    g_assert_error (error, SB_DATABASE_ERROR, SB_DATABASE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_cmpstr (sb_application_get_field (acme, SB_APPLICATION_FIELD_NOTES), ==, "");
    g_assert_cmpuint (g_strv_length ((GStrv) sb_round_get_story_uuids (round)), ==, 0);
  }
  sb_test_act_as_self ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/applications/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-and-edit", test_create_and_edit);
  ADD ("days-until", test_days_until);
  ADD ("requirements", test_requirements);
  ADD ("split-keeps-links", test_split_keeps_links);
  ADD ("rounds", test_rounds);
  ADD ("delete-cascades", test_delete_cascades);
  ADD ("story-delete-and-undo", test_story_delete_and_undo);
  ADD ("theme-delete", test_theme_delete);
  ADD ("current-and-introduction", test_current_and_introduction);
  ADD ("two-stores", test_two_stores);
  ADD ("reload", test_reload);
  ADD ("rollback", test_rollback);
  ADD ("busy", test_busy);
#undef ADD
  g_test_add_func ("/applications/read-only", test_read_only);

  return g_test_run ();
}
