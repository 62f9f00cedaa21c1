/* sb-cheat-sheet.c — what goes on the cheat sheet, paper sizes, PDF export
 *
 * This part reads the store and picks each theme's story;
 * sb-cheat-sheet-text.c boils each story down to what fits on a line or
 * two (the hook, key actions, the headline number, the learning) and
 * sb-cheat-sheet-layout.c fits that to the page and draws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-cheat-sheet"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "sb-cheat-sheet-private.h"

/* A title is cut here already (sb-cheat-sheet-text.c cuts the pieces). */
#define MAX_PIECE_CHARS    240

/* ---- paper ------------------------------------------------------------ */

void
sb_cheat_sheet_options_init (SbCheatSheetOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = sb_paper_size_from_locale ();
}

static gboolean
locale_name_is_north_american (const char *name)
{
  return name != NULL && (strstr (name, "_US") != NULL || strstr (name, "_CA") != NULL);
}

/* The paper of LC_PAPER, as GTK picks it: US and Canada print on Letter,
 * the rest of the world on A4. */
SbPaperSize
sb_paper_size_from_locale (void)
{
  const char *current = setlocale (LC_PAPER, NULL);
  const char *env;

#if defined(__GLIBC__) && defined(_NL_PAPER_WIDTH)
  /* Only meaningful once the program has called setlocale (LC_ALL, ""). */
  if (current != NULL && g_strcmp0 (current, "C") != 0 && g_strcmp0 (current, "POSIX") != 0)
    {
      int width_mm = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);

      if (width_mm == 216)
        return SB_PAPER_LETTER;
      if (width_mm > 0)
        return SB_PAPER_A4;
    }
#endif

  if (locale_name_is_north_american (current))
    return SB_PAPER_LETTER;

  env = g_getenv ("LC_ALL");
  if (env == NULL || *env == '\0')
    env = g_getenv ("LC_PAPER");
  if (env == NULL || *env == '\0')
    env = g_getenv ("LANG");
  return locale_name_is_north_american (env) ? SB_PAPER_LETTER : SB_PAPER_A4;
}

gboolean
sb_paper_size_from_string (const char  *name,
                           SbPaperSize *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (name == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "a4") == 0 || g_ascii_strcasecmp (name, "iso_a4") == 0)
    {
      *paper = SB_PAPER_A4;
      return TRUE;
    }
  if (g_ascii_strcasecmp (name, "letter") == 0 || g_ascii_strcasecmp (name, "us-letter") == 0 ||
      g_ascii_strcasecmp (name, "na_letter") == 0)
    {
      *paper = SB_PAPER_LETTER;
      return TRUE;
    }
  return FALSE;
}

void
sb_paper_size_get_points (SbPaperSize  paper,
                          double      *width,
                          double      *height)
{
  double w = 595.0, h = 842.0;   /* A4: 210 × 297 mm */

  if (paper == SB_PAPER_LETTER)
    {
      w = 612.0;                 /* 8.5 × 11 in */
      h = 792.0;
    }
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* ---- the model -------------------------------------------------------- */

SbSheetStory *
sb_sheet_story_new (void)
{
  SbSheetStory *story = g_new0 (SbSheetStory, 1);

  story->title = g_strdup ("");
  story->hook = sb_sheet_text_new (NULL, FALSE);
  story->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_text_free);
  story->result = sb_sheet_text_new (NULL, TRUE);
  story->learning = sb_sheet_text_new (NULL, FALSE);
  return story;
}

void
sb_sheet_story_free (SbSheetStory *story)
{
  if (story == NULL)
    return;
  g_free (story->title);
  sb_sheet_text_free (story->hook);
  g_ptr_array_unref (story->actions);
  sb_sheet_text_free (story->result);
  sb_sheet_text_free (story->learning);
  g_clear_pointer (&story->cue_lines, g_ptr_array_unref);
  g_free (story);
}

SbSheetTheme *
sb_sheet_theme_new (const char   *name,
                    SbSheetStory *story)
{
  SbSheetTheme *theme = g_new0 (SbSheetTheme, 1);

  theme->name = g_strdup (name);
  theme->story = story;
  return theme;
}

void
sb_sheet_theme_free (SbSheetTheme *theme)
{
  if (theme == NULL)
    return;
  g_free (theme->name);
  g_free (theme);
}

SbCheatSheet *
sb_cheat_sheet_new_empty (void)
{
  SbCheatSheet *sheet = g_new0 (SbCheatSheet, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* TRANSLATORS: the date on the cheat sheet, in g_date_time_format() syntax. */
  sheet->date = g_date_time_format (now, _("%-d %B %Y"));
  sheet->themes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_theme_free);
  sheet->stories = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_story_free);
  sheet->font_size = SB_CHEAT_SHEET_MAX_FONT_SIZE;
  sheet->n_columns = 2;
  return sheet;
}

void
sb_cheat_sheet_free (SbCheatSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->person_name);
  g_free (sheet->framework_name);
  g_free (sheet->date);
  g_ptr_array_unref (sheet->themes);
  g_ptr_array_unref (sheet->stories);
  g_clear_pointer (&sheet->application, _sb_sheet_application_free);
  g_free (sheet);
}

static SbSheetStory *
sheet_story_from_story (SbStory *story)
{
  SbSheetStory *s = sb_sheet_story_new ();
  g_autofree char *title = sb_sheet_squeeze (sb_story_get_display_title (story));
  g_autofree char *hook = sb_sheet_first_sentence (sb_story_get_situation (story));
  g_autoptr(GPtrArray) actions = sb_sheet_split_actions (sb_story_get_action (story));

  g_free (s->title);
  s->title = sb_sheet_shorten (title, MAX_PIECE_CHARS);
  sb_sheet_text_free (s->hook);
  s->hook = sb_sheet_text_new (hook, FALSE);
  for (guint i = 0; i < actions->len; i++)
    g_ptr_array_add (s->actions, sb_sheet_text_new (g_ptr_array_index (actions, i), FALSE));
  sb_sheet_text_free (s->result);
  s->result = sb_sheet_text_new (sb_story_get_result (story), TRUE);
  sb_sheet_text_free (s->learning);
  s->learning = sb_sheet_text_new (sb_story_get_learning (story), FALSE);
  /* The person's own five lines win over what is taken from the text. */
  if (sb_story_has_cue_card (story))
    {
      s->cue_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_sheet_text_free);
      for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
        g_ptr_array_add (s->cue_lines,
                         sb_sheet_text_new_whole (sb_story_get_field (story, SB_STORY_FIELD_CUE_SITUATION + i),
                                                  SB_STORY_FIELD_CUE_SITUATION + i == SB_STORY_FIELD_CUE_RESULT));
    }
  return s;
}

/* Negative when @a is the better story for a theme: a primary link wins,
 * then a ready story, then the most recently updated one. */
static int
compare_candidates (SbStrength a_strength,
                    SbStory   *a,
                    SbStrength b_strength,
                    SbStory   *b)
{
  gboolean a_ready = sb_story_get_status (a) == SB_STORY_STATUS_READY;
  gboolean b_ready = sb_story_get_status (b) == SB_STORY_STATUS_READY;

  if ((a_strength == SB_STRENGTH_PRIMARY) != (b_strength == SB_STRENGTH_PRIMARY))
    return a_strength == SB_STRENGTH_PRIMARY ? -1 : 1;
  if (a_ready != b_ready)
    return a_ready ? -1 : 1;
  if (sb_story_get_updated (a) != sb_story_get_updated (b))
    return sb_story_get_updated (a) > sb_story_get_updated (b) ? -1 : 1;
  return 0;   /* keep the store's order */
}

static SbStory *
best_story_for_theme (SbStore    *store,
                      const char *theme_slug,
                      GHashTable *allowed)
{
  g_autoptr(GPtrArray) candidates = sb_store_get_theme_stories (store, theme_slug);
  SbStory *best = NULL;
  SbStrength best_strength = SB_STRENGTH_NONE;

  for (guint i = 0; i < candidates->len; i++)
    {
      SbStory *story = g_ptr_array_index (candidates, i);
      SbStrength strength;

      if (allowed != NULL && !g_hash_table_contains (allowed, sb_story_get_uuid (story)))
        continue;
      strength = sb_store_get_story_theme (store, story, theme_slug);
      if (best == NULL || compare_candidates (strength, story, best_strength, best) < 0)
        {
          best = story;
          best_strength = strength;
        }
    }
  return best;   /* the store keeps it alive */
}

SbCheatSheet *
sb_cheat_sheet_new (SbStore                   *store,
                    const SbCheatSheetOptions *options,
                    GError                   **error)
{
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autoptr(GHashTable) allowed = NULL;
  g_autoptr(GHashTable) sheet_stories = NULL;
  g_autoptr(SbFramework) first = NULL;
  SbCheatSheetOptions defaults;
  SbFramework *framework = NULL;
  GListModel *themes;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  if (options == NULL)
    {
      sb_cheat_sheet_options_init (&defaults);
      options = &defaults;
    }

  if (options->application_slug != NULL)
    {
      sheet = sb_cheat_sheet_new_empty ();
      name = sb_store_get_person_name (store);
      if (name != NULL && *g_strstrip (name) != '\0')
        sheet->person_name = sb_sheet_squeeze (name);
      sheet->application = _sb_sheet_application_new (store, options->application_slug, error);
      return sheet->application != NULL ? g_steal_pointer (&sheet) : NULL;
    }

  if (options->framework_slug != NULL)
    {
      framework = sb_store_find_framework (store, options->framework_slug);
      if (framework == NULL)
        {
          g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                       _("There is no framework “%s” for the cheat sheet"),
                       options->framework_slug);
          return NULL;
        }
    }
  else if (g_list_model_get_n_items (sb_store_get_frameworks (store)) > 0)
    {
      first = g_list_model_get_item (sb_store_get_frameworks (store), 0);
      framework = first;
    }

  sheet = sb_cheat_sheet_new_empty ();
  name = sb_store_get_person_name (store);
  if (name != NULL)
    g_strstrip (name);
  if (name != NULL && name[0] != '\0')
    sheet->person_name = sb_sheet_squeeze (name);
  if (framework == NULL)
    return g_steal_pointer (&sheet);
  sheet->framework_name = g_strdup (sb_framework_get_name (framework));

  if (options->story_uuids != NULL)
    {
      allowed = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; options->story_uuids[i] != NULL; i++)
        g_hash_table_add (allowed, (gpointer) options->story_uuids[i]);
    }
  sheet_stories = g_hash_table_new (NULL, NULL);   /* SbStory* → SbSheetStory* */

  themes = sb_store_get_themes (store, sb_framework_get_slug (framework));
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (themes, i);
      const char *slug = sb_theme_get_slug (theme);
      SbSheetStory *sheet_story = NULL;
      SbStory *story;

      if (options->theme_slugs != NULL && !g_strv_contains (options->theme_slugs, slug))
        continue;

      story = best_story_for_theme (store, slug, allowed);
      if (story != NULL)
        {
          sheet_story = g_hash_table_lookup (sheet_stories, story);
          if (sheet_story == NULL)
            {
              sheet_story = sheet_story_from_story (story);
              g_ptr_array_add (sheet->stories, sheet_story);
              g_hash_table_insert (sheet_stories, story, sheet_story);
            }
        }
      g_ptr_array_add (sheet->themes, sb_sheet_theme_new (sb_theme_get_name (theme), sheet_story));
    }

  return g_steal_pointer (&sheet);
}

guint
sb_cheat_sheet_get_n_themes (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->themes->len;
}

double
sb_cheat_sheet_get_font_size (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->font_size;
}

guint
sb_cheat_sheet_get_n_columns (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->n_columns;
}

guint
sb_cheat_sheet_get_themes_left_out (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->themes_left_out;
}

guint
sb_cheat_sheet_get_stories_left_out (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->stories_left_out;
}

gboolean
sb_cheat_sheet_get_details_left_out (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->detail >= SB_SHEET_DETAIL_NO_LEARNING;
}

guint
sb_cheat_sheet_get_pieces_shortened (SbCheatSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->pieces_shortened;
}

/* ---- PDF export ------------------------------------------------------- */

static gboolean
set_cairo_error (GError        **error,
                 const char     *path,
                 cairo_status_t  status)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the cheat sheet to “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
sb_cheat_sheet_export_pdf (SbStore                   *store,
                           const SbCheatSheetOptions *options,
                           const char                *path,
                           GError                   **error)
{
  g_autoptr(SbCheatSheet) sheet = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *tmp_name = NULL;
  SbCheatSheetOptions defaults;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  int fd;

  g_return_val_if_fail (SB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    {
      sb_cheat_sheet_options_init (&defaults);
      options = &defaults;
    }

  sheet = sb_cheat_sheet_new (store, options, error);
  if (sheet == NULL)
    return FALSE;

  /* A temporary file beside the target, so the rename cannot cross file
   * systems and a failure never leaves half a PDF under the real name. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf (".%s.XXXXXX", base);
  tmp_name = g_build_filename (dir, template, NULL);
  fd = g_mkstemp (tmp_name);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the cheat sheet to “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  sb_paper_size_get_points (options->paper, &width, &height);
  surface = cairo_pdf_surface_create (tmp_name, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Interview cheat sheet"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Storybank " PACKAGE_VERSION);

  cr = cairo_create (surface);
  sb_cheat_sheet_render (sheet, cr, width, height);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_name);
      return set_cairo_error (error, path, status);
    }

  if (g_rename (tmp_name, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_name);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the cheat sheet to “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
