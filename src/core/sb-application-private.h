/* sb-application-private.h — how the store fills SbApplication, SbRequirement
 * and SbRound; never included outside src/core/sb-application.c and
 * src/core/sb-store*.c
 *
 * The setters notify only when the value changes, so a reload that finds
 * what memory already holds is silent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-application.h"

G_BEGIN_DECLS

SbRequirement *_sb_requirement_new             (gint64              id,
                                                gint64              application_id,
                                                const char         *text);
gint64         _sb_requirement_get_application_id (SbRequirement   *self);
void           _sb_requirement_set_text        (SbRequirement      *self,
                                                const char         *text);
void           _sb_requirement_set_story_uuids (SbRequirement      *self,
                                                const char * const *uuids);
gboolean       _sb_requirement_has_story       (SbRequirement      *self,
                                                const char         *uuid);

SbRound       *_sb_round_new                   (gint64              id,
                                                gint64              application_id,
                                                const char         *name);
gint64         _sb_round_get_application_id    (SbRound            *self);
void           _sb_round_set_name              (SbRound            *self,
                                                const char         *name);
void           _sb_round_set_focus             (SbRound            *self,
                                                const char * const *theme_slugs);
void           _sb_round_set_story_uuids       (SbRound            *self,
                                                const char * const *uuids);
gboolean       _sb_round_has_story             (SbRound            *self,
                                                const char         *uuid);

SbApplication *_sb_application_new             (gint64              id,
                                                const char         *slug);
void           _sb_application_set_slug        (SbApplication      *self,
                                                const char         *slug);
void           _sb_application_set_field       (SbApplication      *self,
                                                SbApplicationField  field,
                                                const char         *text);
void           _sb_application_set_status      (SbApplication      *self,
                                                SbApplicationStatus status);
void           _sb_application_set_framework   (SbApplication      *self,
                                                const char         *framework_slug);
/* The models behind sb_application_get_requirements() / _get_rounds(). */
GListStore    *_sb_application_get_requirement_store (SbApplication *self);
GListStore    *_sb_application_get_round_store (SbApplication      *self);

/* TRUE when the two NULL-terminated arrays (NULL is empty) hold the same
 * strings in the same order. */
gboolean       _sb_strv_same                   (const char * const *a,
                                                const char * const *b);

G_END_DECLS
