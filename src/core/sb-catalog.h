/* sb-catalog.h — frameworks, themes and questions
 *
 * The shipped catalog lives in data/catalog.json, compiled into a GResource at
 * /io/github/storybank/Storybank/catalog.json. It is merged into the bank by
 * slug on every start; rows the person edited or hid are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sb-database.h"

G_BEGIN_DECLS

#define SB_CATALOG_RESOURCE "/io/github/storybank/Storybank/catalog.json"

#define SB_CATALOG_ERROR (sb_catalog_error_quark ())
typedef enum
{
  SB_CATALOG_ERROR_INVALID,
} SbCatalogError;
GQuark sb_catalog_error_quark (void);

/* ---- SbFramework ---------------------------------------------------- */

#define SB_TYPE_FRAMEWORK (sb_framework_get_type ())
G_DECLARE_FINAL_TYPE (SbFramework, sb_framework, SB, FRAMEWORK, GObject)

gint64        sb_framework_get_id          (SbFramework *self);
const char   *sb_framework_get_slug        (SbFramework *self);
const char   *sb_framework_get_name        (SbFramework *self);
const char   *sb_framework_get_description (SbFramework *self);
gboolean      sb_framework_get_builtin     (SbFramework *self);

/* ---- SbTheme -------------------------------------------------------- */

#define SB_TYPE_THEME (sb_theme_get_type ())
G_DECLARE_FINAL_TYPE (SbTheme, sb_theme, SB, THEME, GObject)

gint64        sb_theme_get_id              (SbTheme *self);
const char   *sb_theme_get_slug            (SbTheme *self);
const char   *sb_theme_get_name            (SbTheme *self);
const char   *sb_theme_get_description     (SbTheme *self);
const char   *sb_theme_get_framework_slug  (SbTheme *self);
gboolean      sb_theme_get_builtin         (SbTheme *self);
/* A shipped theme whose name or description the person changed. */
gboolean      sb_theme_get_edited          (SbTheme *self);

/* ---- SbQuestion ----------------------------------------------------- */

#define SB_TYPE_QUESTION (sb_question_get_type ())
G_DECLARE_FINAL_TYPE (SbQuestion, sb_question, SB, QUESTION, GObject)

gint64        sb_question_get_id           (SbQuestion *self);
const char   *sb_question_get_slug         (SbQuestion *self);
const char   *sb_question_get_text         (SbQuestion *self);
const char   *sb_question_get_listen_for   (SbQuestion *self);
gboolean      sb_question_get_builtin      (SbQuestion *self);
/* A shipped question whose wording or themes the person changed. */
gboolean      sb_question_get_edited       (SbQuestion *self);
/* Slugs of the question's themes, NULL-terminated; owned by the question. */
const char * const *sb_question_get_theme_slugs (SbQuestion *self);
gboolean      sb_question_has_theme        (SbQuestion *self,
                                            const char *theme_slug);

/* Constructors for the store; other code gets these from SbStore. */
SbFramework  *sb_framework_new   (gint64 id, const char *slug, const char *name,
                                  const char *description, gboolean builtin);
SbTheme      *sb_theme_new       (gint64 id, const char *slug, const char *name,
                                  const char *description, const char *framework_slug,
                                  gboolean builtin);
SbQuestion   *sb_question_new    (gint64 id, const char *slug, const char *text,
                                  const char *listen_for, const char * const *theme_slugs,
                                  gboolean builtin);
void          sb_theme_set_edited    (SbTheme *self, gboolean edited);
/* The person renamed or reworded the theme (the store has written it). */
void          sb_theme_set_text      (SbTheme *self, const char *name, const char *description);
void          sb_question_set_edited (SbQuestion *self, gboolean edited);

/* Shows a shipped framework, theme or question in the person's language
 * (gettext, data/catalog-strings.c), unless the person edited it: their
 * words are never replaced. Only the object changes; the bank keeps the
 * source text, which the get_bank_* functions return (for exports). Call
 * after sb_*_set_edited(). */
void          sb_framework_translate (SbFramework *self);
void          sb_theme_translate     (SbTheme *self);
void          sb_question_translate  (SbQuestion *self);
const char   *sb_framework_get_bank_name        (SbFramework *self);
const char   *sb_framework_get_bank_description (SbFramework *self);
const char   *sb_theme_get_bank_name            (SbTheme *self);
const char   *sb_theme_get_bank_description     (SbTheme *self);
const char   *sb_question_get_bank_text         (SbQuestion *self);
const char   *sb_question_get_bank_listen_for   (SbQuestion *self);

/* Merges the catalog JSON in @data into the bank, in one transaction. Builtin
 * rows not marked edited are refreshed; new slugs are added; nothing the person
 * added, edited or hid is touched. Skips the work when the same catalog was
 * merged before (its checksum is kept in the bank's meta table). */
gboolean      sb_catalog_merge       (SbDatabase  *db,
                                      GBytes      *data,
                                      GError     **error);
/* The same, with the catalog compiled into the program. */
gboolean      sb_catalog_merge_builtin (SbDatabase *db,
                                        GError    **error);

G_END_DECLS
