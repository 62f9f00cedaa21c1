/* sb-store-links.c — which themes and questions each story is linked to
 *
 * Each story's links in two short arrays (StoryLinks), the theme → stories
 * and question → stories maps built from them when first asked after a
 * change, and the store's API for a story's theme links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-store-private.h"

void
_sb_story_links_free (StoryLinks *links)
{
  g_free (links->themes);
  g_free (links->questions);
  g_free (links);
}

SbStrength
_sb_story_links_get_theme (const StoryLinks *links,
                           SbTheme          *theme)
{
  for (guint i = 0; i < links->n_themes; i++)
    if (links->themes[i].theme == theme)
      return links->themes[i].strength;
  return SB_STRENGTH_NONE;
}

void
_sb_story_links_set_theme (StoryLinks *links,
                           SbTheme    *theme,
                           SbStrength  strength)
{
  for (guint i = 0; i < links->n_themes; i++)
    if (links->themes[i].theme == theme)
      {
        if (strength != SB_STRENGTH_NONE)
          links->themes[i].strength = strength;
        else
          links->themes[i] = links->themes[--links->n_themes];
        return;
      }
  if (strength == SB_STRENGTH_NONE)
    return;
  links->themes = g_renew (StoryTheme, links->themes, links->n_themes + 1);
  links->themes[links->n_themes++] = (StoryTheme) { theme, strength };
}

gboolean
_sb_story_links_has_question (const StoryLinks *links,
                              const char       *slug)
{
  for (guint i = 0; i < links->n_questions; i++)
    if (strcmp (links->questions[i], slug) == 0)
      return TRUE;
  return FALSE;
}

void
_sb_story_links_set_question (StoryLinks *links,
                              const char *slug,
                              gboolean    linked)
{
  for (guint i = 0; i < links->n_questions; i++)
    if (strcmp (links->questions[i], slug) == 0)
      {
        if (!linked)
          links->questions[i] = links->questions[--links->n_questions];
        return;
      }
  if (!linked)
    return;
  links->questions = g_renew (const char *, links->questions, links->n_questions + 1);
  links->questions[links->n_questions++] = g_intern_string (slug);
}

static void
add_to_reverse (GHashTable *map,
                gpointer    key,
                SbStory    *story)
{
  GPtrArray *linked = g_hash_table_lookup (map, key);

  if (linked == NULL)
    {
      linked = g_ptr_array_new ();
      g_hash_table_insert (map, key, linked);
    }
  g_ptr_array_add (linked, story);
}

/* One pass over the bank's stories, in order, after any change of links. */
void
_sb_store_ensure_reverse (SbStore *self)
{
  guint n;

  if (self->reverse_serial == self->links_serial)
    return;
  g_hash_table_remove_all (self->stories_by_theme);
  g_hash_table_remove_all (self->stories_by_question);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->stories));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), i);
      StoryLinks *links = g_hash_table_lookup (self->links, story);

      if (links == NULL)
        continue;
      links->position = i;
      for (guint t = 0; t < links->n_themes; t++)
        {
          GArray *linked = g_hash_table_lookup (self->stories_by_theme, links->themes[t].theme);
          SbStoryLink link = { story, links->themes[t].strength };

          if (linked == NULL)
            {
              linked = g_array_new (FALSE, FALSE, sizeof (SbStoryLink));
              g_hash_table_insert (self->stories_by_theme, links->themes[t].theme, linked);
            }
          g_array_append_val (linked, link);
        }
      for (guint q = 0; q < links->n_questions; q++)
        add_to_reverse (self->stories_by_question, (gpointer) links->questions[q], story);
    }
  self->reverse_serial = self->links_serial;
}

StoryLinks *
_sb_store_get_links (SbStore *self,
                     SbStory *story)
{
  StoryLinks *links = g_hash_table_lookup (self->links, story);

  if (links == NULL)
    {
      links = g_new0 (StoryLinks, 1);
      links->position = G_MAXUINT;
      g_hash_table_insert (self->links, story, links);
    }
  return links;
}

/* ---- keeping the maps in step with one link ---------------------------- */

/* The story's place in the bank's order: the full pass notes it on each
 * story's links, and an appended story gets its place as it comes (the
 * bank's order only changes by appending without a full pass, see
 * bank_changed_cb); one missed all the same is looked for once. */
static gboolean
story_position (SbStore    *self,
                SbStory    *story,
                StoryLinks *links,
                guint      *position)
{
  if (links->position == G_MAXUINT &&
      !g_list_store_find (G_LIST_STORE (self->stories), story, &links->position))
    {
      links->position = G_MAXUINT;
      return FALSE;
    }
  *position = links->position;
  return TRUE;
}

void
_sb_store_note_appended (SbStore *self,
                         guint    position,
                         guint    added)
{
  /* Out of date, the maps' next full pass places every story. */
  if (self->reverse_serial != self->links_serial)
    return;
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(SbStory) story = g_list_model_get_item (G_LIST_MODEL (self->stories), position + i);

      _sb_store_get_links (self, story)->position = position + i;
    }
}

static guint
linked_position (SbStore *self,
                 SbStory *story)
{
  StoryLinks *links = g_hash_table_lookup (self->links, story);
  guint position = G_MAXUINT;

  if (links != NULL)
    story_position (self, story, links, &position);
  return position;
}

/* Where a story at @position goes in @n stories of the bank's order that
 * @story_at gives: the first not before it. */
static guint
bisect (SbStore  *self,
        guint     n,
        SbStory *(*story_at) (gpointer array, guint i),
        gpointer  array,
        guint     position)
{
  guint low = 0, high = n;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (linked_position (self, story_at (array, mid)) < position)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static SbStory *
theme_link_at (gpointer array,
               guint    i)
{
  return g_array_index ((GArray *) array, SbStoryLink, i).story;
}

static SbStory *
question_link_at (gpointer array,
                  guint    i)
{
  return g_ptr_array_index ((GPtrArray *) array, i);
}

/* A link change read the whole bank again at the next question (~8 ms at
 * 10,000 stories, in the frame of a click in the coverage matrix): one
 * link now moves one entry. */
void
_sb_store_theme_link_changed (SbStore    *self,
                              SbStory    *story,
                              StoryLinks *links,
                              SbTheme    *theme,
                              SbStrength  strength)
{
  GArray *linked;
  guint position, at;

  if (self->reverse_serial != self->links_serial || !story_position (self, story, links, &position))
    {
      _sb_store_links_changed (self);
      return;
    }
  linked = g_hash_table_lookup (self->stories_by_theme, theme);
  if (linked == NULL)
    {
      if (strength == SB_STRENGTH_NONE)
        return;
      linked = g_array_new (FALSE, FALSE, sizeof (SbStoryLink));
      g_hash_table_insert (self->stories_by_theme, theme, linked);
    }
  at = bisect (self, linked->len, theme_link_at, linked, position);
  if (at < linked->len && g_array_index (linked, SbStoryLink, at).story == story)
    {
      if (strength == SB_STRENGTH_NONE)
        g_array_remove_index (linked, at);
      else
        g_array_index (linked, SbStoryLink, at).strength = strength;
    }
  else if (strength != SB_STRENGTH_NONE)
    {
      SbStoryLink link = { story, strength };

      g_array_insert_val (linked, at, link);
    }
}

void
_sb_store_question_link_changed (SbStore    *self,
                                 SbStory    *story,
                                 StoryLinks *links,
                                 const char *slug,
                                 gboolean    linked)
{
  GPtrArray *stories;
  guint position, at;

  if (self->reverse_serial != self->links_serial || !story_position (self, story, links, &position))
    {
      _sb_store_links_changed (self);
      return;
    }
  stories = g_hash_table_lookup (self->stories_by_question, slug);
  if (stories == NULL)
    {
      if (!linked)
        return;
      stories = g_ptr_array_new ();
      g_hash_table_insert (self->stories_by_question, (gpointer) g_intern_string (slug), stories);
    }
  at = bisect (self, stories->len, question_link_at, stories, position);
  if (at < stories->len && stories->pdata[at] == story)
    {
      if (!linked)
        g_ptr_array_remove_index (stories, at);
    }
  else if (linked)
    g_ptr_array_insert (stories, at, story);
}

gboolean
sb_store_set_story_theme (SbStore     *self,
                          SbStory     *story,
                          const char  *theme_slug,
                          SbStrength   strength,
                          GError     **error)
{
  SbStrength before;
  StoryLinks *links;
  SbTheme *theme;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SB_IS_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_STORY (story), FALSE);

  if (!_sb_store_story_is_stored (self, story, error))
    return FALSE;
  theme = sb_store_find_theme (self, theme_slug);
  if (theme == NULL)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND,
                   _("There is no theme “%s”"), theme_slug);
      return FALSE;
    }
  if (strength != SB_STRENGTH_NONE && strength != SB_STRENGTH_PRIMARY &&
      strength != SB_STRENGTH_SECONDARY)
    {
      g_set_error (error, SB_STORE_ERROR, SB_STORE_ERROR_INVALID,
                   _("%d is not a link strength"), strength);
      return FALSE;
    }

  links = _sb_store_get_links (self, story);
  before = _sb_story_links_get_theme (links, theme);
  if (before == strength)
    return TRUE;

  if (strength == SB_STRENGTH_NONE)
    stmt = sb_database_prepare (self->db,
                                "DELETE FROM story_themes WHERE story_id = ?1 AND theme_id = ?2",
                                error);
  else
    stmt = sb_database_prepare (self->db,
                                "INSERT INTO story_themes (story_id, theme_id, strength) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT (story_id, theme_id) DO UPDATE SET strength = excluded.strength",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sb_story_get_id (story));
  sqlite3_bind_int64 (stmt, 2, sb_theme_get_id (theme));
  if (strength != SB_STRENGTH_NONE)
    sqlite3_bind_int (stmt, 3, strength);
  if (!sb_database_step_done (self->db, stmt, error))
    return FALSE;

  _sb_story_links_set_theme (links, theme, strength);
  _sb_store_theme_link_changed (self, story, links, theme, strength);

  _sb_store_history_theme (self, story, theme_slug, before, strength);
  g_signal_emit (self, _sb_store_signals[STORY_LINKS_CHANGED], 0, story);
  return TRUE;
}

SbStrength
sb_store_get_story_theme (SbStore    *self,
                          SbStory    *story,
                          const char *theme_slug)
{
  StoryLinks *links;
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_STORE (self), SB_STRENGTH_NONE);

  links = g_hash_table_lookup (self->links, story);
  theme = g_hash_table_lookup (self->theme_by_slug, theme_slug);
  if (links == NULL || theme == NULL)
    return SB_STRENGTH_NONE;
  return _sb_story_links_get_theme (links, theme);
}

void
_sb_theme_link_clear (SbThemeLink *link)
{
  g_free (link->theme_slug);
}

typedef struct
{
  guint       order;
  SbTheme    *theme;
  SbStrength  strength;
} OrderedLink;

static int
compare_ordered_link (gconstpointer a,
                      gconstpointer b)
{
  const OrderedLink *la = a, *lb = b;
  return (la->order > lb->order) - (la->order < lb->order);
}

GArray *
sb_store_get_story_themes (SbStore *self,
                           SbStory *story)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SbThemeLink));
  g_autoptr(GArray) ordered = g_array_new (FALSE, FALSE, sizeof (OrderedLink));
  StoryLinks *links;

  g_return_val_if_fail (SB_IS_STORE (self), result);
  g_array_set_clear_func (result, (GDestroyNotify) _sb_theme_link_clear);

  links = g_hash_table_lookup (self->links, story);
  if (links == NULL)
    return result;

  for (guint i = 0; i < links->n_themes; i++)
    {
      OrderedLink link = {
        GPOINTER_TO_UINT (g_hash_table_lookup (self->theme_order, links->themes[i].theme)),
        links->themes[i].theme,
        links->themes[i].strength,
      };
      g_array_append_val (ordered, link);
    }
  g_array_sort (ordered, compare_ordered_link);

  for (guint i = 0; i < ordered->len; i++)
    {
      OrderedLink *o = &g_array_index (ordered, OrderedLink, i);
      SbThemeLink link = { g_strdup (sb_theme_get_slug (o->theme)), o->strength };
      g_array_append_val (result, link);
    }
  return result;
}

static int
compare_by_strength (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SbStore *self = user_data;
  SbTheme *theme = g_object_get_data (G_OBJECT (self), "sb-sorting-theme");
  SbStory *sa = *(SbStory **) a;
  SbStory *sb = *(SbStory **) b;
  int ka = _sb_story_links_get_theme (_sb_store_get_links (self, sa), theme);
  int kb = _sb_story_links_get_theme (_sb_store_get_links (self, sb), theme);

  if (ka != kb)
    return ka - kb;   /* primary (1) before secondary (2) */
  return (sb_story_get_created (sa) > sb_story_get_created (sb)) -
         (sb_story_get_created (sa) < sb_story_get_created (sb));
}

GPtrArray *
sb_store_get_theme_stories (SbStore    *self,
                            const char *theme_slug)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_STORE (self), result);

  theme = sb_store_find_theme (self, theme_slug);
  if (theme == NULL)
    return result;

  _sb_store_ensure_reverse (self);
  {
    GArray *linked = g_hash_table_lookup (self->stories_by_theme, theme);

    for (guint i = 0; linked != NULL && i < linked->len; i++)
      g_ptr_array_add (result, g_object_ref (g_array_index (linked, SbStoryLink, i).story));
  }

  g_object_set_data (G_OBJECT (self), "sb-sorting-theme", theme);
  g_ptr_array_sort_with_data (result, compare_by_strength, self);
  g_object_set_data (G_OBJECT (self), "sb-sorting-theme", NULL);
  return result;
}

GArray *
sb_store_get_theme_links (SbStore    *self,
                          const char *theme_slug)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SbStoryLink));
  GArray *linked;
  SbTheme *theme;

  g_return_val_if_fail (SB_IS_STORE (self), result);

  theme = sb_store_find_theme (self, theme_slug);
  if (theme == NULL)
    return result;

  _sb_store_ensure_reverse (self);
  linked = g_hash_table_lookup (self->stories_by_theme, theme);
  if (linked != NULL)
    g_array_append_vals (result, linked->data, linked->len);
  return result;
}
