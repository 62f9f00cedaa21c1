/* sb-coverage.c — themes × stories: counts, gaps and overloaded stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-coverage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-coverage.h"

struct _SbCoverage
{
  gatomicrefcount  ref_count;
  SbFramework     *framework;
  GPtrArray       *themes;        /* SbTheme; shared with updated copies */
  GPtrArray       *stories;       /* SbStory; shared with updated copies */
  guint8          *cells;         /* n_themes × n_stories, SbStrength, row-major */
  guint           *theme_counts;
  guint           *story_counts;
  guint            n_overloaded;  /* stories with more than SB_COVERAGE_MAX_THEMES_PER_STORY */
};

/* Fills the cells and counts of row @row from its links, finding each
 * story's column in @column_of (story → column + 1). */
static void
fill_row_by_lookup (SbCoverage *self,
                    guint       row,
                    GArray     *links,
                    GHashTable *column_of)
{
  guint n_stories = self->stories->len;

  for (guint i = 0; i < links->len; i++)
    {
      SbStoryLink *link = &g_array_index (links, SbStoryLink, i);
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (column_of, link->story));

      if (column == 0)
        continue;
      self->cells[(gsize) row * n_stories + column - 1] = link->strength;
      self->theme_counts[row]++;
      self->story_counts[column - 1]++;
    }
}

SbCoverage *
sb_coverage_new (SbStore     *store,
                 const char  *framework_slug,
                 GError     **error)
{
  g_autoptr(SbCoverage) self = NULL;
  g_autoptr(GPtrArray) row_links = NULL;
  g_autofree guint *cursor = NULL;
  GListModel *themes, *stories;
  guint n_themes, n_stories;
  gboolean in_order = TRUE;

  g_return_val_if_fail (SB_IS_STORE (store), NULL);

  self = g_new0 (SbCoverage, 1);
  g_atomic_ref_count_init (&self->ref_count);

  if (framework_slug == NULL)
    {
      GListModel *frameworks = sb_store_get_frameworks (store);
      if (g_list_model_get_n_items (frameworks) > 0)
        self->framework = g_list_model_get_item (frameworks, 0);
    }
  else if (sb_store_find_framework (store, framework_slug) != NULL)
    self->framework = g_object_ref (sb_store_find_framework (store, framework_slug));

  if (self->framework == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no framework “%s”"),
                   framework_slug != NULL ? framework_slug : "");
      return NULL;
    }

  themes = sb_store_get_themes (store, sb_framework_get_slug (self->framework));
  stories = sb_store_get_stories (store);
  n_themes = g_list_model_get_n_items (themes);
  n_stories = g_list_model_get_n_items (stories);

  self->themes = g_ptr_array_new_full (n_themes, g_object_unref);
  self->stories = g_ptr_array_new_full (n_stories, g_object_unref);
  self->cells = g_new0 (guint8, (gsize) MAX (n_themes, 1) * MAX (n_stories, 1));
  self->theme_counts = g_new0 (guint, MAX (n_themes, 1));
  self->story_counts = g_new0 (guint, MAX (n_stories, 1));

  /* Each row's links come from the store's theme → stories map, in the
   * order of the stories: one walk down the columns beside a cursor per
   * row places them, with no lookup and nothing read from the stories.
   * (At 10,000 stories, asking each story for its links took ~10 ms.) */
  row_links = g_ptr_array_new_full (n_themes, (GDestroyNotify) g_array_unref);
  cursor = g_new0 (guint, MAX (n_themes, 1));
  for (guint r = 0; r < n_themes; r++)
    {
      SbTheme *theme = g_list_model_get_item (themes, r);

      g_ptr_array_add (self->themes, theme);
      g_ptr_array_add (row_links, sb_store_get_theme_links (store, sb_theme_get_slug (theme)));
    }

  for (guint c = 0; c < n_stories; c++)
    {
      SbStory *story = g_list_model_get_item (stories, c);

      g_ptr_array_add (self->stories, story);
      for (guint r = 0; r < n_themes; r++)
        {
          GArray *links = row_links->pdata[r];
          SbStoryLink *link;

          if (cursor[r] >= links->len)
            continue;
          link = &g_array_index (links, SbStoryLink, cursor[r]);
          if (link->story != story)
            continue;
          self->cells[(gsize) r * n_stories + c] = link->strength;
          self->theme_counts[r]++;
          self->story_counts[c]++;
          cursor[r]++;
        }
    }

  for (guint r = 0; r < n_themes; r++)
    in_order = in_order && cursor[r] == ((GArray *) row_links->pdata[r])->len;

  /* The map promises the stories' order; should a link be left over all
   * the same, place every link by looking its story up instead. */
  if (!in_order)
    {
      g_autoptr(GHashTable) column_of = g_hash_table_new (NULL, NULL);

      g_debug ("Coverage: links not in the order of the stories; looking them up");
      for (guint c = 0; c < n_stories; c++)
        g_hash_table_insert (column_of, self->stories->pdata[c], GUINT_TO_POINTER (c + 1));
      memset (self->cells, 0, (gsize) MAX (n_themes, 1) * MAX (n_stories, 1));
      memset (self->theme_counts, 0, sizeof (guint) * MAX (n_themes, 1));
      memset (self->story_counts, 0, sizeof (guint) * MAX (n_stories, 1));
      for (guint r = 0; r < n_themes; r++)
        fill_row_by_lookup (self, r, row_links->pdata[r], column_of);
    }

  for (guint c = 0; c < n_stories; c++)
    if (self->story_counts[c] > SB_COVERAGE_MAX_THEMES_PER_STORY)
      self->n_overloaded++;

  return g_steal_pointer (&self);
}

SbCoverage *
sb_coverage_new_updated (SbCoverage *self,
                         SbStore    *store,
                         SbStory    *story)
{
  g_autoptr(SbCoverage) copy = NULL;
  guint n_themes, n_stories, column;
  gsize n_cells;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SB_IS_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_STORY (story), NULL);

  if (!g_ptr_array_find (self->stories, story, &column))
    return NULL;

  n_themes = self->themes->len;
  n_stories = self->stories->len;
  n_cells = (gsize) MAX (n_themes, 1) * MAX (n_stories, 1);

  copy = g_new0 (SbCoverage, 1);
  g_atomic_ref_count_init (&copy->ref_count);
  copy->framework = g_object_ref (self->framework);
  copy->themes = g_ptr_array_ref (self->themes);
  copy->stories = g_ptr_array_ref (self->stories);
  copy->cells = g_memdup2 (self->cells, n_cells);
  copy->theme_counts = g_memdup2 (self->theme_counts, sizeof (guint) * MAX (n_themes, 1));
  copy->story_counts = g_memdup2 (self->story_counts, sizeof (guint) * MAX (n_stories, 1));

  copy->n_overloaded = self->n_overloaded;
  if (copy->story_counts[column] > SB_COVERAGE_MAX_THEMES_PER_STORY)
    copy->n_overloaded--;
  copy->story_counts[column] = 0;
  for (guint r = 0; r < n_themes; r++)
    {
      guint8 *cell = &copy->cells[(gsize) r * n_stories + column];
      SbStrength strength = sb_store_get_story_theme (store, story,
                                                      sb_theme_get_slug (self->themes->pdata[r]));

      if (*cell != SB_STRENGTH_NONE)
        copy->theme_counts[r]--;
      if (strength != SB_STRENGTH_NONE)
        {
          copy->theme_counts[r]++;
          copy->story_counts[column]++;
        }
      *cell = strength;
    }
  if (copy->story_counts[column] > SB_COVERAGE_MAX_THEMES_PER_STORY)
    copy->n_overloaded++;

  return g_steal_pointer (&copy);
}

SbCoverage *
sb_coverage_ref (SbCoverage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sb_coverage_unref (SbCoverage *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->framework);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->stories, g_ptr_array_unref);
  g_free (self->cells);
  g_free (self->theme_counts);
  g_free (self->story_counts);
  g_free (self);
}

SbFramework *
sb_coverage_get_framework (SbCoverage *self)
{
  return self->framework;
}

guint
sb_coverage_get_n_themes (SbCoverage *self)
{
  return self->themes->len;
}

guint
sb_coverage_get_n_stories (SbCoverage *self)
{
  return self->stories->len;
}

SbTheme *
sb_coverage_get_theme (SbCoverage *self,
                       guint       row)
{
  g_return_val_if_fail (row < self->themes->len, NULL);
  return self->themes->pdata[row];
}

SbStory *
sb_coverage_get_story (SbCoverage *self,
                       guint       column)
{
  g_return_val_if_fail (column < self->stories->len, NULL);
  return self->stories->pdata[column];
}

SbStrength
sb_coverage_get_cell (SbCoverage *self,
                      guint       row,
                      guint       column)
{
  g_return_val_if_fail (row < self->themes->len, SB_STRENGTH_NONE);
  g_return_val_if_fail (column < self->stories->len, SB_STRENGTH_NONE);
  return self->cells[(gsize) row * self->stories->len + column];
}

guint
sb_coverage_get_theme_count (SbCoverage *self,
                             guint       row)
{
  g_return_val_if_fail (row < self->themes->len, 0);
  return self->theme_counts[row];
}

SbCoverageLevel
sb_coverage_get_theme_level (SbCoverage *self,
                             guint       row)
{
  guint count = sb_coverage_get_theme_count (self, row);

  if (count == 0)
    return SB_COVERAGE_LEVEL_NONE;
  if (count < SB_COVERAGE_MIN_STORIES)
    return SB_COVERAGE_LEVEL_ONE;
  return SB_COVERAGE_LEVEL_GOOD;
}

guint
sb_coverage_get_story_count (SbCoverage *self,
                             guint       column)
{
  g_return_val_if_fail (column < self->stories->len, 0);
  return self->story_counts[column];
}

gboolean
sb_coverage_story_is_overloaded (SbCoverage *self,
                                 guint       column)
{
  return sb_coverage_get_story_count (self, column) > SB_COVERAGE_MAX_THEMES_PER_STORY;
}

guint
sb_coverage_get_n_overloaded (SbCoverage *self)
{
  return self->n_overloaded;
}

guint
sb_coverage_get_n_gaps (SbCoverage *self)
{
  guint gaps = 0;

  for (guint r = 0; r < self->themes->len; r++)
    if (sb_coverage_get_theme_level (self, r) != SB_COVERAGE_LEVEL_GOOD)
      gaps++;
  return gaps;
}

/* Pads @text with spaces to @width terminal columns, or cuts it with an
 * ellipsis. Counts wide (CJK) characters as two columns. */
static guint
char_columns (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  guint total = 0;
  guint used = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    total += char_columns (g_utf8_get_char (p));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = char_columns (c);

      if (total > width && used + w > width - 1)
        {
          g_string_append (out, "…");
          used++;
          break;
        }
      g_string_append_unichar (out, c);
      used += w;
    }
  for (; used < width; used++)
    g_string_append_c (out, ' ');
}

/* The same words as the window: the summary says a theme "has no story"
 * or "needs a second story"; "stretched thin" is a story linked to more
 * than SB_COVERAGE_MAX_THEMES_PER_STORY themes, never a theme. */
static const char *
level_word (SbCoverageLevel level)
{
  switch (level)
    {
    case SB_COVERAGE_LEVEL_NONE:
      return _("no story");
    case SB_COVERAGE_LEVEL_ONE:
      return _("needs a second");
    case SB_COVERAGE_LEVEL_GOOD:
    default:
      return _("ok");
    }
}

char *
sb_coverage_format_text (SbCoverage *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_themes = self->themes->len;
  guint n_stories = self->stories->len;
  guint name_width = 12;
  guint count_width = g_utf8_strlen (_("Stories"), -1);
  guint n_stretched = 0;
  const guint cell_width = 4;

  for (guint r = 0; r < n_themes; r++)
    {
      g_autofree char *count = g_strdup_printf ("%u %s", self->theme_counts[r],
                                                level_word (sb_coverage_get_theme_level (self, r)));

      name_width = MAX (name_width, (guint) g_utf8_strlen (sb_theme_get_name (self->themes->pdata[r]), -1));
      count_width = MAX (count_width, (guint) g_utf8_strlen (count, -1));
    }
  name_width = MIN (name_width, 36);

  g_string_append_printf (out, "%s\n\n", sb_framework_get_name (self->framework));

  /* Stories are numbered across the top and named in a key below, so the
   * table stays narrow however long the titles are. */
  append_cell (out, _("Theme"), name_width);
  g_string_append (out, "  ");
  append_cell (out, _("Stories"), count_width + 1);
  for (guint c = 0; c < n_stories; c++)
    {
      g_autofree char *label = g_strdup_printf ("S%u", c + 1);
      append_cell (out, label, cell_width);
    }
  g_string_append_c (out, '\n');

  for (guint r = 0; r < n_themes; r++)
    {
      g_autofree char *count = g_strdup_printf ("%u %s", self->theme_counts[r],
                                                level_word (sb_coverage_get_theme_level (self, r)));

      append_cell (out, sb_theme_get_name (self->themes->pdata[r]), name_width);
      g_string_append (out, "  ");
      append_cell (out, count, count_width + 1);
      for (guint c = 0; c < n_stories; c++)
        {
          switch (sb_coverage_get_cell (self, r, c))
            {
            case SB_STRENGTH_PRIMARY: append_cell (out, "●", cell_width); break;
            case SB_STRENGTH_SECONDARY: append_cell (out, "○", cell_width); break;
            case SB_STRENGTH_NONE:
            default: append_cell (out, "·", cell_width); break;
            }
        }
      g_string_append_c (out, '\n');
    }

  g_string_append_c (out, '\n');
  if (n_stories == 0)
    g_string_append_printf (out, "%s\n", _("No stories yet."));
  for (guint c = 0; c < n_stories; c++)
    {
      SbStory *story = self->stories->pdata[c];

      g_string_append_printf (out, "S%-3u %s", c + 1, sb_story_get_display_title (story));
      if (sb_coverage_story_is_overloaded (self, c))
        {
          g_string_append (out, "  (");
          g_string_append_printf (out,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "stretched thin: linked to %u theme",
                                               "stretched thin: linked to %u themes",
                                               self->story_counts[c]),
                                  self->story_counts[c]);
          g_string_append_c (out, ')');
          n_stretched++;
        }
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, "\n%s\n%s\n",
                          _("● primary   ○ secondary   no story / needs a second: the theme wants two stories"),
                          _("stretched thin: a story linked to more than three themes; keep it to the three it tells best"));
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u themes need another story.\n",
                                       "%u of %u themes need another story.\n",
                                       n_themes),
                          sb_coverage_get_n_gaps (self), n_themes);
  if (n_stretched > 0)
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE, "%u story stretched thin.\n",
                                         "%u stories stretched thin.\n", n_stretched),
                            n_stretched);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
