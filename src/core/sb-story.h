/* sb-story.h — one STAR-L story
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SB_STORY_STATUS_DRAFT = 0,
  SB_STORY_STATUS_READY = 1,
} SbStoryStatus;

typedef enum
{
  SB_STORY_FIELD_TITLE,
  SB_STORY_FIELD_SITUATION,
  SB_STORY_FIELD_TASK,
  SB_STORY_FIELD_ACTION,
  SB_STORY_FIELD_RESULT,
  SB_STORY_FIELD_LEARNING,
  SB_STORY_FIELD_NOTES,
  /* The cue card: one short line per section, what the person glances at
   * before telling the story. Not part of the spoken length, the coach's
   * checks or the full-text index. */
  SB_STORY_FIELD_CUE_SITUATION,
  SB_STORY_FIELD_CUE_TASK,
  SB_STORY_FIELD_CUE_ACTION,
  SB_STORY_FIELD_CUE_RESULT,
  SB_STORY_FIELD_CUE_LEARNING,
  SB_STORY_N_FIELDS
} SbStoryField;

/* The title, the five sections and the notes: the fields before the cue
 * card. */
#define SB_STORY_N_TEXT_FIELDS (SB_STORY_FIELD_NOTES + 1)
#define SB_STORY_N_CUE_LINES   5
#define SB_STORY_FIELD_IS_CUE(field) \
  ((field) >= SB_STORY_FIELD_CUE_SITUATION && (field) <= SB_STORY_FIELD_CUE_LEARNING)
#define SB_STORY_FIELD_IS_SECTION(field) \
  ((field) >= SB_STORY_FIELD_SITUATION && (field) <= SB_STORY_FIELD_LEARNING)
/* The cue line of a section (SITUATION → CUE_SITUATION …) and back. */
#define SB_STORY_CUE_FOR_SECTION(section) \
  ((SbStoryField) ((section) - SB_STORY_FIELD_SITUATION + SB_STORY_FIELD_CUE_SITUATION))
#define SB_STORY_SECTION_FOR_CUE(cue) \
  ((SbStoryField) ((cue) - SB_STORY_FIELD_CUE_SITUATION + SB_STORY_FIELD_SITUATION))

/* The most a field may hold, in characters. A section of 20,000 characters
 * is an hour of talk; beyond that a field only slows the window down, so
 * the editor stops there (and says so) and import refuses more. */
#define SB_STORY_MAX_TITLE_CHARS   300
#define SB_STORY_MAX_SECTION_CHARS 20000
/* A cue line is one short line, read at a glance: a sentence or two. */
#define SB_STORY_MAX_CUE_CHARS     160
/* The limit for @field (the title's, a cue line's, or a section's; notes
 * count as one). */
#define SB_STORY_MAX_FIELD_CHARS(field) \
  ((field) == SB_STORY_FIELD_TITLE ? SB_STORY_MAX_TITLE_CHARS \
   : SB_STORY_FIELD_IS_CUE (field) ? SB_STORY_MAX_CUE_CHARS : SB_STORY_MAX_SECTION_CHARS)

/* Speaking pace used for the spoken-length estimate, words per minute. */
#define SB_STORY_WORDS_PER_MINUTE 140

#define SB_TYPE_STORY (sb_story_get_type ())
G_DECLARE_FINAL_TYPE (SbStory, sb_story, SB, STORY, GObject)

SbStory      *sb_story_new                (void);

/* The row id in the bank, 0 while the story is not stored. */
gint64        sb_story_get_id             (SbStory      *self);
void          sb_story_set_id             (SbStory      *self,
                                           gint64        id);
const char   *sb_story_get_uuid           (SbStory      *self);
void          sb_story_set_uuid           (SbStory      *self,
                                           const char   *uuid);

/* Text fields by enum; a NULL value is stored as "". */
const char   *sb_story_get_field          (SbStory      *self,
                                           SbStoryField  field);
void          sb_story_set_field          (SbStory      *self,
                                           SbStoryField  field,
                                           const char   *value);
const char   *sb_story_field_to_string    (SbStoryField  field); /* "title", "situation", …, "cue_situation", … */
/* Also takes the property name (sb_story_field_to_property()). */
gboolean      sb_story_field_from_string  (const char   *name,
                                           SbStoryField *field);
/* The field's GObject property, whose notify:: detail says it changed:
 * the name with "-" for "_" ("cue-situation"). */
const char   *sb_story_field_to_property  (SbStoryField  field);

const char   *sb_story_get_title          (SbStory      *self);
void          sb_story_set_title          (SbStory      *self,
                                           const char   *title);
const char   *sb_story_get_situation      (SbStory      *self);
const char   *sb_story_get_task           (SbStory      *self);
const char   *sb_story_get_action         (SbStory      *self);
const char   *sb_story_get_result         (SbStory      *self);
const char   *sb_story_get_learning       (SbStory      *self);
const char   *sb_story_get_notes          (SbStory      *self);

/* TRUE when any of the five cue lines holds more than white space. */
gboolean      sb_story_has_cue_card       (SbStory      *self);
/* A cue line is one line: @text with every line break and tab made a
 * space (a pasted paragraph stays readable). Newly allocated. */
char         *sb_story_cue_line_normalize (const char   *text);

SbStoryStatus sb_story_get_status         (SbStory      *self);
void          sb_story_set_status         (SbStory      *self,
                                           SbStoryStatus status);
gboolean      sb_story_get_is_example     (SbStory      *self);
void          sb_story_set_is_example     (SbStory      *self,
                                           gboolean      is_example);

/* Unix seconds, UTC. */
gint64        sb_story_get_created        (SbStory      *self);
void          sb_story_set_created        (SbStory      *self,
                                           gint64        created);
gint64        sb_story_get_updated        (SbStory      *self);
void          sb_story_set_updated        (SbStory      *self,
                                           gint64        updated);

/* Derived: words in the five STAR-L sections (not title or notes), and the
 * seconds it takes to say them at SB_STORY_WORDS_PER_MINUTE. */
guint         sb_story_get_word_count     (SbStory      *self);
guint         sb_story_get_field_word_count (SbStory    *self,
                                           SbStoryField  field);
guint         sb_story_get_speaking_seconds (SbStory    *self);
/* Whether the five sections hold a word at all (a word count above 0),
 * found without counting: a scan up to the first word. */
gboolean      sb_story_has_words          (SbStory      *self);
guint         sb_count_words              (const char   *text);

/* What the bank holds as far as this story knows: the text it was read
 * from or last written to. A field that differs from it is unsaved. */
const char   *sb_story_get_saved_field    (SbStory      *self,
                                           SbStoryField  field);
SbStoryStatus sb_story_get_saved_status   (SbStory      *self);
/* The bank now holds @value (written by us, or read after another program
 * changed it); the field stays unsaved only if it differs. */
void          sb_story_set_saved_field    (SbStory      *self,
                                           SbStoryField  field,
                                           const char   *value);
void          sb_story_set_saved_status   (SbStory      *self,
                                           SbStoryStatus status);

/* TRUE when a field or the status differs from the saved copy. */
gboolean      sb_story_get_dirty          (SbStory      *self);
/* (1 << field) for each unsaved field, and SB_STORY_DIRTY_STATUS. */
#define SB_STORY_DIRTY_STATUS (1u << SB_STORY_N_FIELDS)
guint         sb_story_get_dirty_mask     (SbStory      *self);
/* Everything in memory is now what the bank holds. */
void          sb_story_mark_saved         (SbStory      *self);

/* A copy of the story's whole state (fields, saved copies, status, id),
 * cheap to take: a rolled-back transaction puts it back. */
typedef struct _SbStoryState SbStoryState;
SbStoryState *sb_story_save_state         (SbStory            *self);
void          sb_story_restore_state      (SbStory            *self,
                                           const SbStoryState *state);
void          sb_story_state_free         (SbStoryState       *state);

/* What is derived from the text (the coach's findings, its lowered words),
 * kept by key: set by whoever derives it and dropped at every change of a
 * field, so it is computed once per change however many widgets ask. */
gpointer      sb_story_get_derived        (SbStory        *self,
                                           GQuark          key);
void          sb_story_set_derived        (SbStory        *self,
                                           GQuark          key,
                                           gpointer        data,
                                           GDestroyNotify  destroy);

/* The title, or "Untitled story" (translated) when empty. */
const char   *sb_story_get_display_title  (SbStory      *self);

G_END_DECLS
