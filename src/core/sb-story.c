/* sb-story.c — one STAR-L story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-story-private.h"

struct _SbStory
{
  GObject        parent_instance;

  gint64         id;
  char          *uuid;
  /* Counted texts (text_acquire()), so that a field and its saved copy
   * share one buffer until the person changes the field. */
  char          *fields[SB_STORY_N_FIELDS];
  char          *saved[SB_STORY_N_FIELDS];
  /* Counted when first asked for (NOT_COUNTED until then): a bank of
   * thousands opens without reading every word. */
  guint          field_words[SB_STORY_N_FIELDS];
  SbStoryStatus  status;
  SbStoryStatus  saved_status;
  /* What others derive from the text (findings, lowered text), dropped at
   * every change of a field. */
  GData         *derived;
  /* The store's watch (sb-story-private.h): a pointer, not a closure. */
  SbStoryDirtyFunc dirty_func;
  gpointer       dirty_data;
  gint64         created;
  gint64         updated;
  guint          is_example : 1;
  guint          dirty : 1;
};

G_DEFINE_FINAL_TYPE (SbStory, sb_story, G_TYPE_OBJECT)

/* g_set_str() arrives in GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_str (char       **dest,
         const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

/* A story's texts carry a reference count in front, so that a field, its
 * saved copy and the snapshots of a transaction share one buffer until
 * the field changes. Like a GRefString without its 32-byte header: a bank
 * of 10,000 stories holds 60,000 texts. */
typedef struct
{
  gatomicrefcount ref_count;
  char            str[];
} Text;

#define TEXT_BOX(text) ((Text *) ((text) - G_STRUCT_OFFSET (Text, str)))

static char *
text_acquire (char *text)
{
  g_atomic_ref_count_inc (&TEXT_BOX (text)->ref_count);
  return text;
}

static void
text_release (char *text)
{
  if (g_atomic_ref_count_dec (&TEXT_BOX (text)->ref_count))
    g_free (TEXT_BOX (text));
}

static char *
text_new_len (const char *text,
              gsize       length)
{
  Text *box = g_malloc (sizeof (Text) + length + 1);

  g_atomic_ref_count_init (&box->ref_count);
  memcpy (box->str, text, length);
  box->str[length] = '\0';
  return box->str;
}

/* The one empty text every story's empty fields share (never freed). */
static char *
empty_text (void)
{
  static char *empty;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, text_new_len ("", 0));
  return text_acquire (empty);
}

char *
_sb_story_text_new (const char *text,
                    gssize      length)
{
  if (text == NULL || length == 0 || *text == '\0')
    return empty_text ();
  return text_new_len (text, length < 0 ? strlen (text) : (gsize) length);
}

static gboolean
set_ref_str (char       **dest,
             const char  *value)
{
  if (*dest == value || g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_clear_pointer (dest, text_release);
  *dest = _sb_story_text_new (value, -1);
  return TRUE;
}

static gboolean
field_is_dirty (SbStory      *self,
                SbStoryField  field)
{
  return self->fields[field] != self->saved[field] &&
         strcmp (self->fields[field], self->saved[field]) != 0;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_SITUATION,
  PROP_TASK,
  PROP_ACTION,
  PROP_RESULT,
  PROP_LEARNING,
  PROP_NOTES,
  PROP_CUE_SITUATION,
  PROP_CUE_TASK,
  PROP_CUE_ACTION,
  PROP_CUE_RESULT,
  PROP_CUE_LEARNING,
  PROP_STATUS,
  PROP_IS_EXAMPLE,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_WORD_COUNT,
  PROP_SPEAKING_SECONDS,
  PROP_DISPLAY_TITLE,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define NOT_COUNTED G_MAXUINT


static void
update_dirty (SbStory *self)
{
  gboolean dirty = self->status != self->saved_status;

  for (guint f = 0; !dirty && f < SB_STORY_N_FIELDS; f++)
    dirty = field_is_dirty (self, f);
  if ((gboolean) self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static const char *field_names[SB_STORY_N_FIELDS] = {
  "title", "situation", "task", "action", "result", "learning", "notes",
  "cue_situation", "cue_task", "cue_action", "cue_result", "cue_learning",
};

/* Property names cannot hold "_". */
static const char *field_property_names[SB_STORY_N_FIELDS] = {
  "title", "situation", "task", "action", "result", "learning", "notes",
  "cue-situation", "cue-task", "cue-action", "cue-result", "cue-learning",
};

#define FIELD_PROP(field) (PROP_TITLE + (field))

static void
sb_story_finalize (GObject *object)
{
  SbStory *self = (SbStory *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_datalist_clear (&self->derived);
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i], text_release);
      g_clear_pointer (&self->saved[i], text_release);
    }

  G_OBJECT_CLASS (sb_story_parent_class)->finalize (object);
}

static void
sb_story_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SbStory *self = SB_STORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_TITLE:
    case PROP_SITUATION:
    case PROP_TASK:
    case PROP_ACTION:
    case PROP_RESULT:
    case PROP_LEARNING:
    case PROP_NOTES:
    case PROP_CUE_SITUATION:
    case PROP_CUE_TASK:
    case PROP_CUE_ACTION:
    case PROP_CUE_RESULT:
    case PROP_CUE_LEARNING:
      g_value_set_string (value, self->fields[prop_id - PROP_TITLE]);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_IS_EXAMPLE:
      g_value_set_boolean (value, self->is_example);
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_WORD_COUNT:
      g_value_set_uint (value, sb_story_get_word_count (self));
      break;
    case PROP_SPEAKING_SECONDS:
      g_value_set_uint (value, sb_story_get_speaking_seconds (self));
      break;
    case PROP_DISPLAY_TITLE:
      g_value_set_string (value, sb_story_get_display_title (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SbStory *self = SB_STORY (object);

  switch (prop_id)
    {
    case PROP_UUID:
      sb_story_set_uuid (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
    case PROP_SITUATION:
    case PROP_TASK:
    case PROP_ACTION:
    case PROP_RESULT:
    case PROP_LEARNING:
    case PROP_NOTES:
    case PROP_CUE_SITUATION:
    case PROP_CUE_TASK:
    case PROP_CUE_ACTION:
    case PROP_CUE_RESULT:
    case PROP_CUE_LEARNING:
      sb_story_set_field (self, prop_id - PROP_TITLE, g_value_get_string (value));
      break;
    case PROP_STATUS:
      sb_story_set_status (self, g_value_get_int (value));
      break;
    case PROP_IS_EXAMPLE:
      sb_story_set_is_example (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The class handler of "notify": runs before any connected handler, and
 * once per thaw when notifications were frozen, as a handler of
 * "notify::dirty" would. */
static void
sb_story_notify (GObject    *object,
                 GParamSpec *pspec)
{
  SbStory *self = SB_STORY (object);

  if (pspec == properties[PROP_DIRTY] && self->dirty_func != NULL)
    self->dirty_func (self, self->dirty_data);
}

static void
sb_story_class_init (SbStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_story_finalize;
  object_class->notify = sb_story_notify;
  object_class->get_property = sb_story_get_property;
  object_class->set_property = sb_story_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    properties[FIELD_PROP (i)] =
      g_param_spec_string (field_property_names[i], NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, SB_STORY_STATUS_DRAFT, SB_STORY_STATUS_READY,
                      SB_STORY_STATUS_DRAFT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_EXAMPLE] =
    g_param_spec_boolean ("is-example", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORD_COUNT] =
    g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEAKING_SECONDS] =
    g_param_spec_uint ("speaking-seconds", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_TITLE] =
    g_param_spec_string ("display-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sb_story_init (SbStory *self)
{
  g_datalist_init (&self->derived);
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    {
      self->fields[i] = empty_text ();
      self->saved[i] = text_acquire (self->fields[i]);
    }
}

SbStory *
sb_story_new (void)
{
  return g_object_new (SB_TYPE_STORY, NULL);
}

void
_sb_story_load (SbStory       *self,
                gint64         id,
                const char    *uuid,
                char          *fields[SB_STORY_N_FIELDS],
                SbStoryStatus  status,
                gboolean       is_example,
                gint64         created,
                gint64         updated)
{
  g_return_if_fail (SB_IS_STORY (self));

  self->id = id;
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      text_release (self->fields[f]);
      text_release (self->saved[f]);
      self->fields[f] = fields[f];
      self->saved[f] = text_acquire (fields[f]);
      self->field_words[f] = *fields[f] == '\0' ? 0 : NOT_COUNTED;
    }
  g_datalist_clear (&self->derived);
  self->status = self->saved_status =
    status == SB_STORY_STATUS_READY ? SB_STORY_STATUS_READY : SB_STORY_STATUS_DRAFT;
  self->is_example = !!is_example;
  self->created = created;
  self->updated = updated;
  self->dirty = FALSE;
}

void
_sb_story_set_dirty_func (SbStory          *self,
                          SbStoryDirtyFunc  func,
                          gpointer          user_data)
{
  g_return_if_fail (SB_IS_STORY (self));
  self->dirty_func = func;
  self->dirty_data = func != NULL ? user_data : NULL;
}

gpointer
_sb_story_get_dirty_data (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->dirty_data;
}

gint64
sb_story_get_id (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  return self->id;
}

void
sb_story_set_id (SbStory *self,
                 gint64   id)
{
  g_return_if_fail (SB_IS_STORY (self));
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
sb_story_get_uuid (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return self->uuid;
}

void
sb_story_set_uuid (SbStory    *self,
                   const char *uuid)
{
  g_return_if_fail (SB_IS_STORY (self));
  if (set_str (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
sb_story_field_to_string (SbStoryField field)
{
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, NULL);
  return field_names[field];
}

const char *
sb_story_field_to_property (SbStoryField field)
{
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, NULL);
  return field_property_names[field];
}

gboolean
sb_story_field_from_string (const char   *name,
                            SbStoryField *field)
{
  for (guint i = 0; i < SB_STORY_N_FIELDS; i++)
    if (g_strcmp0 (name, field_names[i]) == 0 || g_strcmp0 (name, field_property_names[i]) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

const char *
sb_story_get_field (SbStory      *self,
                    SbStoryField  field)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, NULL);
  return self->fields[field];
}

void
sb_story_set_field (SbStory      *self,
                    SbStoryField  field,
                    const char   *value)
{
  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (field < SB_STORY_N_FIELDS);

  if (value == NULL)
    value = "";
  if (strcmp (self->fields[field], value) == 0)
    return;
  text_release (self->fields[field]);
  /* Back to the saved text: share its buffer again. */
  self->fields[field] = strcmp (self->saved[field], value) == 0
                        ? text_acquire (self->saved[field])
                        : _sb_story_text_new (value, -1);

  self->field_words[field] = NOT_COUNTED;
  /* What was derived from the old text is stale now. */
  g_datalist_clear (&self->derived);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[FIELD_PROP (field)]);
  if (field == SB_STORY_FIELD_TITLE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_TITLE]);
  else if (SB_STORY_FIELD_IS_SECTION (field))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORD_COUNT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEAKING_SECONDS]);
    }
  update_dirty (self);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *sb_story_get_title     (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_TITLE); }
const char *sb_story_get_situation (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_SITUATION); }
const char *sb_story_get_task      (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_TASK); }
const char *sb_story_get_action    (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_ACTION); }
const char *sb_story_get_result    (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_RESULT); }
const char *sb_story_get_learning  (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_LEARNING); }
const char *sb_story_get_notes     (SbStory *self) { return sb_story_get_field (self, SB_STORY_FIELD_NOTES); }

gboolean
sb_story_has_cue_card (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);

  for (guint f = SB_STORY_FIELD_CUE_SITUATION; f <= SB_STORY_FIELD_CUE_LEARNING; f++)
    for (const char *p = self->fields[f]; *p != '\0'; p = g_utf8_next_char (p))
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return TRUE;
  return FALSE;
}

char *
sb_story_cue_line_normalize (const char *text)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (text == NULL)
    return g_strdup ("");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      g_string_append_c (line, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

void
sb_story_set_title (SbStory    *self,
                    const char *title)
{
  sb_story_set_field (self, SB_STORY_FIELD_TITLE, title);
}

SbStoryStatus
sb_story_get_status (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), SB_STORY_STATUS_DRAFT);
  return self->status;
}

void
sb_story_set_status (SbStory       *self,
                     SbStoryStatus  status)
{
  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (status == SB_STORY_STATUS_DRAFT || status == SB_STORY_STATUS_READY);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  update_dirty (self);
}

gboolean
sb_story_get_is_example (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);
  return self->is_example;
}

void
sb_story_set_is_example (SbStory  *self,
                         gboolean  is_example)
{
  g_return_if_fail (SB_IS_STORY (self));
  is_example = !!is_example;
  if (self->is_example == (guint) is_example)
    return;
  self->is_example = is_example;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EXAMPLE]);
}

gint64
sb_story_get_created (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  return self->created;
}

void
sb_story_set_created (SbStory *self,
                      gint64   created)
{
  g_return_if_fail (SB_IS_STORY (self));
  self->created = created;
}

gint64
sb_story_get_updated (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  return self->updated;
}

void
sb_story_set_updated (SbStory *self,
                      gint64   updated)
{
  g_return_if_fail (SB_IS_STORY (self));
  if (self->updated == updated)
    return;
  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/* A word is a run of letters, digits or joining punctuation ("don't",
 * "p95", "10x", "3.5%"). CJK text has no spaces, so each ideograph counts
 * as a word, which is close to how long it takes to say. */
static gboolean
is_ideograph (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA;
}

/* Starts a word: what sb_count_words() counts one at. */
static gboolean
starts_word (gunichar c)
{
  return is_ideograph (c) || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

guint
sb_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint count = 0;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ideograph (c))
        {
          count++;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c) ||
               (in_word && (c == '\'' || c == 0x2019 || c == '-' || c == '.' || c == ',' || c == '%')))
        {
          if (!in_word)
            count++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }

  return count;
}

guint
sb_story_get_field_word_count (SbStory      *self,
                               SbStoryField  field)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, 0);
  if (self->field_words[field] == NOT_COUNTED)
    self->field_words[field] = sb_count_words (self->fields[field]);
  return self->field_words[field];
}

gpointer
sb_story_get_derived (SbStory *self,
                      GQuark   key)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  return g_datalist_id_get_data (&self->derived, key);
}

void
sb_story_set_derived (SbStory        *self,
                      GQuark          key,
                      gpointer        data,
                      GDestroyNotify  destroy)
{
  g_return_if_fail (SB_IS_STORY (self));
  g_datalist_id_set_data_full (&self->derived, key, data, destroy);
}

guint
sb_story_get_word_count (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), 0);

  return sb_story_get_field_word_count (self, SB_STORY_FIELD_SITUATION) +
         sb_story_get_field_word_count (self, SB_STORY_FIELD_TASK) +
         sb_story_get_field_word_count (self, SB_STORY_FIELD_ACTION) +
         sb_story_get_field_word_count (self, SB_STORY_FIELD_RESULT) +
         sb_story_get_field_word_count (self, SB_STORY_FIELD_LEARNING);
}

gboolean
sb_story_has_words (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);

  for (SbStoryField field = SB_STORY_FIELD_SITUATION; field <= SB_STORY_FIELD_LEARNING; field++)
    {
      if (self->field_words[field] != NOT_COUNTED)
        {
          if (self->field_words[field] > 0)
            return TRUE;
          continue;
        }
      /* Up to the first word, not through the whole text. */
      for (const char *p = self->fields[field]; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        if (starts_word (g_utf8_get_char (p)))
          return TRUE;
    }
  return FALSE;
}

guint
sb_story_get_speaking_seconds (SbStory *self)
{
  guint words = sb_story_get_word_count (self);

  return (words * 60 + SB_STORY_WORDS_PER_MINUTE / 2) / SB_STORY_WORDS_PER_MINUTE;
}

gboolean
sb_story_get_dirty (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), FALSE);
  return self->dirty;
}

guint
sb_story_get_dirty_mask (SbStory *self)
{
  guint mask = 0;

  g_return_val_if_fail (SB_IS_STORY (self), 0);

  if (!self->dirty)
    return 0;
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    if (field_is_dirty (self, f))
      mask |= 1u << f;
  if (self->status != self->saved_status)
    mask |= SB_STORY_DIRTY_STATUS;
  return mask;
}

const char *
sb_story_get_saved_field (SbStory      *self,
                          SbStoryField  field)
{
  g_return_val_if_fail (SB_IS_STORY (self), NULL);
  g_return_val_if_fail (field < SB_STORY_N_FIELDS, NULL);
  return self->saved[field];
}

SbStoryStatus
sb_story_get_saved_status (SbStory *self)
{
  g_return_val_if_fail (SB_IS_STORY (self), SB_STORY_STATUS_DRAFT);
  return self->saved_status;
}

void
sb_story_set_saved_field (SbStory      *self,
                          SbStoryField  field,
                          const char   *value)
{
  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (field < SB_STORY_N_FIELDS);

  if (value == NULL)
    value = "";
  if (strcmp (self->fields[field], value) == 0)
    {
      text_release (self->saved[field]);
      self->saved[field] = text_acquire (self->fields[field]);
    }
  else
    set_ref_str (&self->saved[field], value);
  update_dirty (self);
}

void
sb_story_set_saved_status (SbStory       *self,
                           SbStoryStatus  status)
{
  g_return_if_fail (SB_IS_STORY (self));
  self->saved_status = status;
  update_dirty (self);
}

void
sb_story_mark_saved (SbStory *self)
{
  g_return_if_fail (SB_IS_STORY (self));

  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    if (self->saved[f] != self->fields[f])
      {
        text_release (self->saved[f]);
        self->saved[f] = text_acquire (self->fields[f]);
      }
  self->saved_status = self->status;
  update_dirty (self);
}

struct _SbStoryState
{
  gint64         id;
  char          *fields[SB_STORY_N_FIELDS];
  char          *saved[SB_STORY_N_FIELDS];
  SbStoryStatus  status;
  SbStoryStatus  saved_status;
  gboolean       is_example;
  gint64         updated;
};

SbStoryState *
sb_story_save_state (SbStory *self)
{
  SbStoryState *state;

  g_return_val_if_fail (SB_IS_STORY (self), NULL);

  state = g_new0 (SbStoryState, 1);
  state->id = self->id;
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      state->fields[f] = text_acquire (self->fields[f]);
      state->saved[f] = text_acquire (self->saved[f]);
    }
  state->status = self->status;
  state->saved_status = self->saved_status;
  state->is_example = self->is_example;
  state->updated = self->updated;
  return state;
}

void
sb_story_restore_state (SbStory            *self,
                        const SbStoryState *state)
{
  g_return_if_fail (SB_IS_STORY (self));
  g_return_if_fail (state != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  sb_story_set_id (self, state->id);
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      text_release (self->saved[f]);
      self->saved[f] = text_acquire (state->saved[f]);
      sb_story_set_field (self, f, state->fields[f]);
    }
  self->saved_status = state->saved_status;
  sb_story_set_status (self, state->status);
  sb_story_set_is_example (self, state->is_example);
  sb_story_set_updated (self, state->updated);
  update_dirty (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
sb_story_state_free (SbStoryState *state)
{
  if (state == NULL)
    return;
  for (guint f = 0; f < SB_STORY_N_FIELDS; f++)
    {
      text_release (state->fields[f]);
      text_release (state->saved[f]);
    }
  g_free (state);
}

const char *
sb_story_get_display_title (SbStory *self)
{
  const char *title = sb_story_get_title (self);

  for (const char *p = title; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return title;
  return _("Untitled story");
}
