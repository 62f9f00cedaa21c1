/* sb-application.h — one company's interview loop: the job, its values,
 * its rounds, and which story goes where
 *
 * An application is what a person prepares for: Acme's loop on Thursday.
 * It holds the job description as pasted, the requirement lines taken from
 * it (each linked to the stories that prove it), the company's values (a
 * framework of the catalog), the rounds of the loop (each with the themes
 * it focuses on and the two or three stories planned for it), and the
 * person's answer to "Why this company and this role?".
 *
 * The objects below are owned by the store (sb-store-applications.c) and
 * change only through the functions of this header, which write through to
 * the bank at once, as story links do. Widgets watch the objects' notify
 * signals and the GListModels they hand out; the store emits
 * "applications-changed" after any change of any application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-store.h"

G_BEGIN_DECLS

typedef enum
{
  SB_APPLICATION_STATUS_PREPARING = 0,
  SB_APPLICATION_STATUS_DONE      = 1,
} SbApplicationStatus;

typedef enum
{
  SB_APPLICATION_FIELD_COMPANY,
  SB_APPLICATION_FIELD_ROLE,
  SB_APPLICATION_FIELD_DATE,             /* "YYYY-MM-DD" or "" */
  SB_APPLICATION_FIELD_JOB_DESCRIPTION,
  SB_APPLICATION_FIELD_WHY_COMPANY,      /* "Why this company and this role?" */
  SB_APPLICATION_FIELD_NOTES,
  SB_APPLICATION_N_FIELDS
} SbApplicationField;

/* The most each text may hold, in characters (a job description is long). */
#define SB_APPLICATION_MAX_NAME_CHARS   200      /* company, role */
#define SB_APPLICATION_MAX_TEXT_CHARS   40000    /* job description */
#define SB_APPLICATION_MAX_NOTE_CHARS   20000    /* why, notes */
#define SB_REQUIREMENT_MAX_CHARS        1000
#define SB_ROUND_MAX_NAME_CHARS         200

/* ---- a requirement line of the job description ------------------------ */

#define SB_TYPE_REQUIREMENT (sb_requirement_get_type ())
G_DECLARE_FINAL_TYPE (SbRequirement, sb_requirement, SB, REQUIREMENT, GObject)

gint64        sb_requirement_get_id             (SbRequirement *self);
const char   *sb_requirement_get_text           (SbRequirement *self);   /* property "text" */
/* The uuids of the stories linked to it, in the bank's order of stories
 * (the bank keeps no order for these links). */
const char * const *sb_requirement_get_story_uuids (SbRequirement *self); /* property "n-stories" */
guint         sb_requirement_get_n_stories      (SbRequirement *self);

/* ---- a round (one interview of the loop) ------------------------------ */

#define SB_TYPE_ROUND (sb_round_get_type ())
G_DECLARE_FINAL_TYPE (SbRound, sb_round, SB, ROUND, GObject)

gint64        sb_round_get_id                   (SbRound       *self);
const char   *sb_round_get_name                 (SbRound       *self);   /* property "name" */
/* Theme slugs the round focuses on (themes or values), in catalog order. */
const char * const *sb_round_get_focus          (SbRound       *self);   /* property "focus" */
/* The planned stories' uuids, in the order the person put them. */
const char * const *sb_round_get_story_uuids    (SbRound       *self);   /* property "stories" */

/* ---- the application --------------------------------------------------- */

/* Properties, each notified when it changes: "slug", "company", "role",
 * "date", "job-description", "why-company", "notes", "status" (int),
 * "framework" and "display-name" (with company and role). */
#define SB_TYPE_APPLICATION (sb_application_get_type ())
G_DECLARE_FINAL_TYPE (SbApplication, sb_application, SB, APPLICATION, GObject)

gint64        sb_application_get_id             (SbApplication *self);
/* The id the exchange format uses ("acme-2026"), unique in the bank. */
const char   *sb_application_get_slug           (SbApplication *self);
const char   *sb_application_get_field          (SbApplication *self,
                                                 SbApplicationField field);
const char   *sb_application_get_company        (SbApplication *self);
const char   *sb_application_get_role           (SbApplication *self);
const char   *sb_application_get_date           (SbApplication *self);
SbApplicationStatus sb_application_get_status   (SbApplication *self);
/* The framework of the company's values, or NULL. */
const char   *sb_application_get_framework      (SbApplication *self);
/* GListModel of SbRequirement / SbRound, in order. */
GListModel   *sb_application_get_requirements   (SbApplication *self);
GListModel   *sb_application_get_rounds         (SbApplication *self);
/* "Acme · Senior Backend Engineer", or "Acme", or "Untitled application". */
char         *sb_application_dup_display_name   (SbApplication *self);
/* Whole days from @today (local date) to the loop; G_MININT when no date. */
int           sb_application_days_until         (SbApplication *self,
                                                 GDate         *today);

/* The exchange format's names: "company", "role", "date",
 * "job_description", "why_company", "notes". */
const char   *sb_application_field_to_string    (SbApplicationField field);

/* ---- the store's applications (implemented in sb-store-applications.c) */

/* The objects these functions return belong to the store (as stories do):
 * take a ref to keep one beyond the next change. */

GListModel    *sb_store_get_applications        (SbStore       *store); /* SbApplication */
SbApplication *sb_store_find_application        (SbStore       *store,
                                                 const char    *slug);
/* The application a requirement or a round belongs to, or NULL when it is
 * no longer in the bank. */
SbApplication *sb_store_get_requirement_application (SbStore   *store,
                                                 SbRequirement *requirement);
SbApplication *sb_store_get_round_application   (SbStore       *store,
                                                 SbRound       *round);
/* A new application; its slug is made from company and date when @slug is
 * NULL ("acme-2026-12-10"), made unique. The loop's date is not known yet
 * then: the slug takes today's, and keeps it (slugs never change). */
SbApplication *sb_store_create_application      (SbStore       *store,
                                                 const char    *slug,
                                                 const char    *company,
                                                 const char    *role,
                                                 GError       **error);
gboolean       sb_store_set_application_field   (SbStore       *store,
                                                 SbApplication *application,
                                                 SbApplicationField field,
                                                 const char    *text,
                                                 GError       **error);
gboolean       sb_store_set_application_status  (SbStore       *store,
                                                 SbApplication *application,
                                                 SbApplicationStatus status,
                                                 GError       **error);
/* NULL: no framework of values. */
gboolean       sb_store_set_application_framework (SbStore     *store,
                                                 SbApplication *application,
                                                 const char    *framework_slug,
                                                 GError       **error);
gboolean       sb_store_delete_application      (SbStore       *store,
                                                 SbApplication *application,
                                                 GError       **error);

/* The current application (shown in the header, followed by Practice and
 * the cheat sheet), or NULL. Kept in the bank. */
SbApplication *sb_store_get_current_application (SbStore       *store);
gboolean       sb_store_set_current_application (SbStore       *store,
                                                 SbApplication *application, /* or NULL */
                                                 GError       **error);

/* Requirements. @position -1 appends. */
SbRequirement *sb_store_add_requirement         (SbStore       *store,
                                                 SbApplication *application,
                                                 const char    *text,
                                                 int            position,
                                                 GError       **error);
gboolean       sb_store_set_requirement_text    (SbStore       *store,
                                                 SbRequirement *requirement,
                                                 const char    *text,
                                                 GError       **error);
gboolean       sb_store_delete_requirement      (SbStore       *store,
                                                 SbRequirement *requirement,
                                                 GError       **error);
/* Joins @second into @first (text "first; second", the union of stories)
 * and deletes @second. */
gboolean       sb_store_merge_requirements      (SbStore       *store,
                                                 SbRequirement *first,
                                                 SbRequirement *second,
                                                 GError       **error);
/* Replaces every requirement by the lines sb_requirements_split() finds in
 * the job description (links of a line whose text is kept survive). */
gboolean       sb_store_split_requirements      (SbStore       *store,
                                                 SbApplication *application,
                                                 GError       **error);
gboolean       sb_store_set_requirement_story   (SbStore       *store,
                                                 SbRequirement *requirement,
                                                 SbStory       *story,
                                                 gboolean       linked,
                                                 GError       **error);

/* Rounds. @position -1 appends. */
SbRound       *sb_store_add_round               (SbStore       *store,
                                                 SbApplication *application,
                                                 const char    *name,
                                                 int            position,
                                                 GError       **error);
gboolean       sb_store_set_round_name          (SbStore       *store,
                                                 SbRound       *round,
                                                 const char    *name,
                                                 GError       **error);
gboolean       sb_store_set_round_focus         (SbStore       *store,
                                                 SbRound       *round,
                                                 const char * const *theme_slugs,
                                                 GError       **error);
/* Plans (or, with @planned FALSE, unplans) @story in @round; planned
 * stories keep the order they were planned in. */
gboolean       sb_store_set_round_story         (SbStore       *store,
                                                 SbRound       *round,
                                                 SbStory       *story,
                                                 gboolean       planned,
                                                 GError       **error);
gboolean       sb_store_delete_round            (SbStore       *store,
                                                 SbRound       *round,
                                                 GError       **error);

/* The person's introduction ("Tell me about yourself"), kept once for the
 * bank. */
char          *sb_store_get_introduction        (SbStore       *store);
gboolean       sb_store_set_introduction        (SbStore       *store,
                                                 const char    *text,
                                                 GError       **error);

G_END_DECLS
