/* sb-application.c — the objects of one company's loop: SbApplication,
 * SbRequirement and SbRound
 *
 * Plain holders of what the bank says: the store (sb-store-applications.c)
 * fills them through sb-application-private.h and they notify each change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sb-application-private.h"

gboolean
_sb_strv_same (const char * const *a,
               const char * const *b)
{
  static const char * const empty[] = { NULL };

  if (a == NULL)
    a = empty;
  if (b == NULL)
    b = empty;
  for (guint i = 0;; i++)
    {
      if (a[i] == NULL || b[i] == NULL)
        return a[i] == b[i];
      if (strcmp (a[i], b[i]) != 0)
        return FALSE;
    }
}

static gboolean
strv_contains (const char * const *strv,
               const char         *text)
{
  return strv != NULL && text != NULL && g_strv_contains (strv, text);
}

/* Puts a copy of @text ("" for NULL) in *@field; FALSE when it held
 * that text already. The setters below notify only on TRUE. */
static gboolean
set_string (char       **field,
            const char  *text)
{
  if (text == NULL)
    text = "";
  if (*field != NULL && strcmp (*field, text) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (text);
  return TRUE;
}

/* Puts a copy of @strv (empty for NULL) in *@field; FALSE when it held
 * those strings already. */
static gboolean
set_strv (GStrv              *field,
          const char * const *strv)
{
  GStrv old = *field;

  if (_sb_strv_same ((const char * const *) old, strv))
    return FALSE;
  /* @strv may point into the old array: copy before freeing it. */
  *field = strv != NULL ? g_strdupv ((char **) strv) : g_new0 (char *, 1);
  g_strfreev (old);
  return TRUE;
}

/* ---- SbRequirement ------------------------------------------------------ */

struct _SbRequirement
{
  GObject  parent_instance;

  gint64   id;
  gint64   application_id;
  char    *text;
  GStrv    story_uuids;
};

G_DEFINE_FINAL_TYPE (SbRequirement, sb_requirement, G_TYPE_OBJECT)

enum {
  REQ_PROP_0,
  REQ_PROP_TEXT,
  REQ_PROP_N_STORIES,
  REQ_N_PROPS
};

static GParamSpec *requirement_props[REQ_N_PROPS];

static void
sb_requirement_finalize (GObject *object)
{
  SbRequirement *self = (SbRequirement *)object;

  g_free (self->text);
  g_strfreev (self->story_uuids);
  G_OBJECT_CLASS (sb_requirement_parent_class)->finalize (object);
}

static void
sb_requirement_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbRequirement *self = SB_REQUIREMENT (object);

  switch (prop_id)
    {
    case REQ_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case REQ_PROP_N_STORIES:
      g_value_set_uint (value, sb_requirement_get_n_stories (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_requirement_class_init (SbRequirementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_requirement_finalize;
  object_class->get_property = sb_requirement_get_property;

  requirement_props[REQ_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  requirement_props[REQ_PROP_N_STORIES] =
    g_param_spec_uint ("n-stories", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, REQ_N_PROPS, requirement_props);
}

static void
sb_requirement_init (SbRequirement *self)
{
  self->text = g_strdup ("");
  self->story_uuids = g_new0 (char *, 1);
}

SbRequirement *
_sb_requirement_new (gint64      id,
                     gint64      application_id,
                     const char *text)
{
  SbRequirement *self = g_object_new (SB_TYPE_REQUIREMENT, NULL);

  self->id = id;
  self->application_id = application_id;
  set_string (&self->text, text);
  return self;
}

gint64
sb_requirement_get_id (SbRequirement *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT (self), 0);
  return self->id;
}

gint64
_sb_requirement_get_application_id (SbRequirement *self)
{
  return self->application_id;
}

const char *
sb_requirement_get_text (SbRequirement *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT (self), NULL);
  return self->text;
}

const char * const *
sb_requirement_get_story_uuids (SbRequirement *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT (self), NULL);
  return (const char * const *) self->story_uuids;
}

guint
sb_requirement_get_n_stories (SbRequirement *self)
{
  g_return_val_if_fail (SB_IS_REQUIREMENT (self), 0);
  return g_strv_length (self->story_uuids);
}

void
_sb_requirement_set_text (SbRequirement *self,
                          const char    *text)
{
  if (set_string (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), requirement_props[REQ_PROP_TEXT]);
}

void
_sb_requirement_set_story_uuids (SbRequirement      *self,
                                 const char * const *uuids)
{
  if (set_strv (&self->story_uuids, uuids))
    g_object_notify_by_pspec (G_OBJECT (self), requirement_props[REQ_PROP_N_STORIES]);
}

gboolean
_sb_requirement_has_story (SbRequirement *self,
                           const char    *uuid)
{
  return strv_contains ((const char * const *) self->story_uuids, uuid);
}

/* ---- SbRound ------------------------------------------------------------ */

struct _SbRound
{
  GObject  parent_instance;

  gint64   id;
  gint64   application_id;
  char    *name;
  GStrv    focus;
  GStrv    story_uuids;
};

G_DEFINE_FINAL_TYPE (SbRound, sb_round, G_TYPE_OBJECT)

enum {
  ROUND_PROP_0,
  ROUND_PROP_NAME,
  ROUND_PROP_FOCUS,
  ROUND_PROP_STORIES,
  ROUND_N_PROPS
};

static GParamSpec *round_props[ROUND_N_PROPS];

static void
sb_round_finalize (GObject *object)
{
  SbRound *self = (SbRound *)object;

  g_free (self->name);
  g_strfreev (self->focus);
  g_strfreev (self->story_uuids);
  G_OBJECT_CLASS (sb_round_parent_class)->finalize (object);
}

static void
sb_round_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbRound *self = SB_ROUND (object);

  switch (prop_id)
    {
    case ROUND_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ROUND_PROP_FOCUS:
      g_value_set_boxed (value, self->focus);
      break;
    case ROUND_PROP_STORIES:
      g_value_set_boxed (value, self->story_uuids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_round_class_init (SbRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_round_finalize;
  object_class->get_property = sb_round_get_property;

  round_props[ROUND_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  round_props[ROUND_PROP_FOCUS] =
    g_param_spec_boxed ("focus", NULL, NULL, G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  round_props[ROUND_PROP_STORIES] =
    g_param_spec_boxed ("stories", NULL, NULL, G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROUND_N_PROPS, round_props);
}

static void
sb_round_init (SbRound *self)
{
  self->name = g_strdup ("");
  self->focus = g_new0 (char *, 1);
  self->story_uuids = g_new0 (char *, 1);
}

SbRound *
_sb_round_new (gint64      id,
               gint64      application_id,
               const char *name)
{
  SbRound *self = g_object_new (SB_TYPE_ROUND, NULL);

  self->id = id;
  self->application_id = application_id;
  set_string (&self->name, name);
  return self;
}

gint64
sb_round_get_id (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), 0);
  return self->id;
}

gint64
_sb_round_get_application_id (SbRound *self)
{
  return self->application_id;
}

const char *
sb_round_get_name (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  return self->name;
}

const char * const *
sb_round_get_focus (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  return (const char * const *) self->focus;
}

const char * const *
sb_round_get_story_uuids (SbRound *self)
{
  g_return_val_if_fail (SB_IS_ROUND (self), NULL);
  return (const char * const *) self->story_uuids;
}

void
_sb_round_set_name (SbRound    *self,
                    const char *name)
{
  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), round_props[ROUND_PROP_NAME]);
}

void
_sb_round_set_focus (SbRound            *self,
                     const char * const *theme_slugs)
{
  if (set_strv (&self->focus, theme_slugs))
    g_object_notify_by_pspec (G_OBJECT (self), round_props[ROUND_PROP_FOCUS]);
}

void
_sb_round_set_story_uuids (SbRound            *self,
                           const char * const *uuids)
{
  if (set_strv (&self->story_uuids, uuids))
    g_object_notify_by_pspec (G_OBJECT (self), round_props[ROUND_PROP_STORIES]);
}

gboolean
_sb_round_has_story (SbRound    *self,
                     const char *uuid)
{
  return strv_contains ((const char * const *) self->story_uuids, uuid);
}

/* ---- SbApplication ------------------------------------------------------ */

struct _SbApplication
{
  GObject              parent_instance;

  gint64               id;
  char                *slug;
  char                *fields[SB_APPLICATION_N_FIELDS];
  SbApplicationStatus  status;
  char                *framework;      /* NULL: none */
  GListStore          *requirements;   /* SbRequirement */
  GListStore          *rounds;         /* SbRound */
};

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLUG,
  PROP_COMPANY,
  PROP_ROLE,
  PROP_DATE,
  PROP_JOB_DESCRIPTION,
  PROP_WHY_COMPANY,
  PROP_NOTES,
  PROP_STATUS,
  PROP_FRAMEWORK,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

/* The property of each field, in SbApplicationField order. */
static const guint field_props[SB_APPLICATION_N_FIELDS] = {
  PROP_COMPANY, PROP_ROLE, PROP_DATE, PROP_JOB_DESCRIPTION, PROP_WHY_COMPANY, PROP_NOTES,
};

/* The names the exchange format uses, in SbApplicationField order. */
static const char * const field_names[SB_APPLICATION_N_FIELDS] = {
  "company", "role", "date", "job_description", "why_company", "notes",
};

const char *
sb_application_field_to_string (SbApplicationField field)
{
  g_return_val_if_fail (field < SB_APPLICATION_N_FIELDS, NULL);
  return field_names[field];
}

static void
sb_application_dispose (GObject *object)
{
  SbApplication *self = (SbApplication *)object;

  g_clear_object (&self->requirements);
  g_clear_object (&self->rounds);
  G_OBJECT_CLASS (sb_application_parent_class)->dispose (object);
}

static void
sb_application_finalize (GObject *object)
{
  SbApplication *self = (SbApplication *)object;

  g_free (self->slug);
  for (guint f = 0; f < SB_APPLICATION_N_FIELDS; f++)
    g_free (self->fields[f]);
  g_free (self->framework);
  G_OBJECT_CLASS (sb_application_parent_class)->finalize (object);
}

static void
sb_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SbApplication *self = SB_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    case PROP_COMPANY:
    case PROP_ROLE:
    case PROP_DATE:
    case PROP_JOB_DESCRIPTION:
    case PROP_WHY_COMPANY:
    case PROP_NOTES:
      g_value_set_string (value, self->fields[prop_id - PROP_COMPANY]);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_FRAMEWORK:
      g_value_set_string (value, self->framework);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, sb_application_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sb_application_dispose;
  object_class->finalize = sb_application_finalize;
  object_class->get_property = sb_application_get_property;

  props[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, "", flags);
  props[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, "", flags);
  props[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", flags);
  props[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, "", flags);
  props[PROP_JOB_DESCRIPTION] = g_param_spec_string ("job-description", NULL, NULL, "", flags);
  props[PROP_WHY_COMPANY] = g_param_spec_string ("why-company", NULL, NULL, "", flags);
  props[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", flags);
  props[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, SB_APPLICATION_STATUS_PREPARING,
                                         SB_APPLICATION_STATUS_DONE, SB_APPLICATION_STATUS_PREPARING,
                                         flags);
  props[PROP_FRAMEWORK] = g_param_spec_string ("framework", NULL, NULL, NULL, flags);
  props[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
sb_application_init (SbApplication *self)
{
  self->slug = g_strdup ("");
  for (guint f = 0; f < SB_APPLICATION_N_FIELDS; f++)
    self->fields[f] = g_strdup ("");
  self->requirements = g_list_store_new (SB_TYPE_REQUIREMENT);
  self->rounds = g_list_store_new (SB_TYPE_ROUND);
}

SbApplication *
_sb_application_new (gint64      id,
                     const char *slug)
{
  SbApplication *self = g_object_new (SB_TYPE_APPLICATION, NULL);

  self->id = id;
  set_string (&self->slug, slug);
  return self;
}

void
_sb_application_set_slug (SbApplication *self,
                          const char    *slug)
{
  if (set_string (&self->slug, slug))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SLUG]);
}

void
_sb_application_set_field (SbApplication      *self,
                           SbApplicationField  field,
                           const char         *text)
{
  g_return_if_fail (field < SB_APPLICATION_N_FIELDS);

  if (!set_string (&self->fields[field], text))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), props[field_props[field]]);
  if (field == SB_APPLICATION_FIELD_COMPANY || field == SB_APPLICATION_FIELD_ROLE)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DISPLAY_NAME]);
}

void
_sb_application_set_status (SbApplication       *self,
                            SbApplicationStatus  status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATUS]);
}

void
_sb_application_set_framework (SbApplication *self,
                               const char    *framework_slug)
{
  if (framework_slug != NULL && *framework_slug == '\0')
    framework_slug = NULL;
  if (g_strcmp0 (self->framework, framework_slug) == 0)
    return;
  g_free (self->framework);
  self->framework = g_strdup (framework_slug);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_FRAMEWORK]);
}

GListStore *
_sb_application_get_requirement_store (SbApplication *self)
{
  return self->requirements;
}

GListStore *
_sb_application_get_round_store (SbApplication *self)
{
  return self->rounds;
}

gint64
sb_application_get_id (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), 0);
  return self->id;
}

const char *
sb_application_get_slug (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  return self->slug;
}

const char *
sb_application_get_field (SbApplication      *self,
                          SbApplicationField  field)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (field < SB_APPLICATION_N_FIELDS, NULL);
  return self->fields[field];
}

const char *
sb_application_get_company (SbApplication *self)
{
  return sb_application_get_field (self, SB_APPLICATION_FIELD_COMPANY);
}

const char *
sb_application_get_role (SbApplication *self)
{
  return sb_application_get_field (self, SB_APPLICATION_FIELD_ROLE);
}

const char *
sb_application_get_date (SbApplication *self)
{
  return sb_application_get_field (self, SB_APPLICATION_FIELD_DATE);
}

SbApplicationStatus
sb_application_get_status (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), SB_APPLICATION_STATUS_PREPARING);
  return self->status;
}

const char *
sb_application_get_framework (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  return self->framework;
}

GListModel *
sb_application_get_requirements (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  return G_LIST_MODEL (self->requirements);
}

GListModel *
sb_application_get_rounds (SbApplication *self)
{
  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  return G_LIST_MODEL (self->rounds);
}

char *
sb_application_dup_display_name (SbApplication *self)
{
  g_autofree char *company = NULL;
  g_autofree char *role = NULL;

  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);

  company = g_strstrip (g_strdup (self->fields[SB_APPLICATION_FIELD_COMPANY]));
  role = g_strstrip (g_strdup (self->fields[SB_APPLICATION_FIELD_ROLE]));
  if (*company != '\0' && *role != '\0')
    /* Translators: an application's name: the company, then the role
     * ("Acme · Senior Backend Engineer") */
    return g_strdup_printf (_("%s · %s"), company, role);
  if (*company != '\0')
    return g_steal_pointer (&company);
  if (*role != '\0')
    return g_steal_pointer (&role);
  return g_strdup (_("Untitled application"));
}

int
sb_application_days_until (SbApplication *self,
                           GDate         *today)
{
  const char *date;
  int year, month, day;
  char end;
  GDate loop;

  g_return_val_if_fail (SB_IS_APPLICATION (self), G_MININT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), G_MININT);

  date = self->fields[SB_APPLICATION_FIELD_DATE];
  if (sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return G_MININT;
  g_date_clear (&loop, 1);
  g_date_set_dmy (&loop, day, month, year);
  return g_date_days_between (today, &loop);
}
