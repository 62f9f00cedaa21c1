/* sb-introduction-editor.h — the person's introduction ("Tell me about
 * yourself"), kept once for the bank, with its spoken length
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sb-store.h"

G_BEGIN_DECLS

#define SB_TYPE_INTRODUCTION_EDITOR (sb_introduction_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbIntroductionEditor, sb_introduction_editor, SB, INTRODUCTION_EDITOR, GtkWidget)

/* The introduction aims at 60 to 90 seconds. */
#define SB_INTRODUCTION_MIN_SECONDS 60
#define SB_INTRODUCTION_MAX_SECONDS 90

GtkWidget  *sb_introduction_editor_new        (SbStore              *store);
/* Reads the bank's text again (when first shown, or after a reload). */
void        sb_introduction_editor_load       (SbIntroductionEditor *self);
/* Writes what was typed and not yet saved; TRUE when nothing is left. */
gboolean    sb_introduction_editor_flush      (SbIntroductionEditor *self);
/* "0:45 spoken" for @text, and a hint when it is outside 60-90 s (or NULL). */
char       *sb_introduction_describe_length   (const char           *text,
                                               char                **hint);
/* For tests. */
GtkTextBuffer *sb_introduction_editor_get_buffer (SbIntroductionEditor *self);
const char *sb_introduction_editor_get_hint   (SbIntroductionEditor *self);

/* The stopwatch: what a try of @seconds is told ("Said in 1:12: within 60
 * to 90 seconds."), translated. */
char       *sb_introduction_describe_try      (guint                 seconds);
gboolean    sb_introduction_editor_is_timing  (SbIntroductionEditor *self);
/* Stops the clock as if @seconds had passed (tests; the button calls it
 * with the real time). */
void        sb_introduction_editor_finish_try (SbIntroductionEditor *self,
                                               guint                 seconds);

G_END_DECLS
