/* test-coverage.c — the themes × stories matrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sb-coverage.h"
#include "sb-test-util.h"

static SbStory *
add_story (SbStore    *store,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  SbStory *story = sb_store_create_story (store, title, &error);

  g_assert_no_error (error);
  return story;
}

static void
link_theme (SbStore    *store,
      SbStory    *story,
      const char *slug,
      SbStrength  strength)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_set_story_theme (store, story, slug, strength, &error));
  g_assert_no_error (error);
}

static guint
row_of (SbCoverage *coverage,
        const char *slug)
{
  for (guint r = 0; r < sb_coverage_get_n_themes (coverage); r++)
    if (g_str_equal (sb_theme_get_slug (sb_coverage_get_theme (coverage, r)), slug))
      return r;
  g_assert_not_reached ();
}

static void
test_matrix (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbCoverage) coverage = NULL;
  GListModel *core_themes;
  SbStory *a, *b, *c;
  const char *incident = "core-production-incident";
  const char *second = NULL;
  guint n_core;

  g_assert_no_error (error);
  core_themes = sb_store_get_themes (store, "core");
  n_core = g_list_model_get_n_items (core_themes);
  {
    g_autoptr(SbTheme) theme = g_list_model_get_item (core_themes, 1);
    second = g_intern_string (sb_theme_get_slug (theme));
  }
  g_assert_cmpstr (second, !=, incident);

  a = add_story (store, "Alpha");
  b = add_story (store, "Beta");
  c = add_story (store, "Gamma");
  link_theme (store, a, incident, SB_STRENGTH_PRIMARY);
  link_theme (store, b, incident, SB_STRENGTH_SECONDARY);
  link_theme (store, c, second, SB_STRENGTH_PRIMARY);
  link_theme (store, c, "lp-ownership", SB_STRENGTH_PRIMARY);   /* another framework */

  /* Gamma is stretched across four core themes. */
  for (guint i = 2; i < 5; i++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (core_themes, i);
      link_theme (store, c, sb_theme_get_slug (theme), SB_STRENGTH_SECONDARY);
    }

  coverage = sb_coverage_new (store, NULL, &error);    /* first framework: core */
  g_assert_no_error (error);
  g_assert_cmpstr (sb_framework_get_slug (sb_coverage_get_framework (coverage)), ==, "core");
  g_assert_cmpuint (sb_coverage_get_n_themes (coverage), ==, n_core);
  g_assert_cmpuint (sb_coverage_get_n_stories (coverage), ==, 3);

  g_assert_cmpint (sb_coverage_get_cell (coverage, row_of (coverage, incident), 0), ==, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_coverage_get_cell (coverage, row_of (coverage, incident), 1), ==, SB_STRENGTH_SECONDARY);
  g_assert_cmpint (sb_coverage_get_cell (coverage, row_of (coverage, incident), 2), ==, SB_STRENGTH_NONE);
  g_assert_cmpuint (sb_coverage_get_theme_count (coverage, row_of (coverage, incident)), ==, 2);
  g_assert_cmpint (sb_coverage_get_theme_level (coverage, row_of (coverage, incident)), ==, SB_COVERAGE_LEVEL_GOOD);
  g_assert_cmpint (sb_coverage_get_theme_level (coverage, row_of (coverage, second)), ==, SB_COVERAGE_LEVEL_ONE);

  /* Links to other frameworks do not count here. */
  g_assert_cmpuint (sb_coverage_get_story_count (coverage, 2), ==, 4);
  g_assert_true (sb_coverage_story_is_overloaded (coverage, 2));
  g_assert_false (sb_coverage_story_is_overloaded (coverage, 0));

  /* Only the incident row has two stories. */
  g_assert_cmpuint (sb_coverage_get_n_gaps (coverage), ==, n_core - 1);

  /* A snapshot does not move when the store changes. */
  link_theme (store, a, second, SB_STRENGTH_PRIMARY);
  g_assert_cmpint (sb_coverage_get_theme_level (coverage, row_of (coverage, second)), ==, SB_COVERAGE_LEVEL_ONE);
  {
    g_autoptr(SbCoverage) fresh = sb_coverage_new (store, "core", &error);
    g_assert_cmpint (sb_coverage_get_theme_level (fresh, row_of (fresh, second)), ==, SB_COVERAGE_LEVEL_GOOD);
  }

  g_assert_null (sb_coverage_new (store, "no-such-framework", &error));
  g_assert_error (error, SB_STORE_ERROR, SB_STORE_ERROR_NOT_FOUND);
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_text (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbCoverage) coverage = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  SbStory *story = add_story (store, "Checkout outage — 障害");

  link_theme (store, story, "core-production-incident", SB_STRENGTH_PRIMARY);
  coverage = sb_coverage_new (store, "core", &error);
  text = sb_coverage_format_text (coverage);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "Core themes"));
  g_assert_nonnull (strstr (text, "S1   Checkout outage — 障害"));
  g_assert_nonnull (strstr (text, "●"));

  /* The words agree with the window's: a theme with one story "needs a
   * second story"; "stretched thin" is only for a story on too many themes. */
  g_assert_nonnull (strstr (text, "1 needs a second"));
  g_assert_nonnull (strstr (text, "0 no story"));
  g_assert_null (strstr (text, "1 thin"));
  g_assert_null (strstr (text, "thin: one story"));
  g_assert_cmpuint (count_occurrences (text, " thin"), ==, count_occurrences (text, "stretched thin"));
  g_assert_null (strstr (text, "(stretched thin"));

  /* Every matrix row is as wide as the header. */
  lines = g_strsplit (text, "\n", -1);
  {
    glong header = g_utf8_strlen (lines[2], -1);
    for (guint i = 3; i < 3 + sb_coverage_get_n_themes (coverage); i++)
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, header);
  }

  /* A story on four themes is stretched thin, in the key and the totals. */
  link_theme (store, story, "core-data-migration", SB_STRENGTH_PRIMARY);
  link_theme (store, story, "core-ambiguity", SB_STRENGTH_SECONDARY);
  link_theme (store, story, "core-bad-news", SB_STRENGTH_PRIMARY);
  g_clear_pointer (&coverage, sb_coverage_unref);
  g_clear_pointer (&text, g_free);
  coverage = sb_coverage_new (store, "core", &error);
  text = sb_coverage_format_text (coverage);
  g_assert_nonnull (strstr (text, "S1   Checkout outage — 障害  (stretched thin: linked to 4 themes)"));
  g_assert_nonnull (strstr (text, "1 story stretched thin"));
}

static void
assert_same_matrix (SbCoverage *a,
                    SbCoverage *b)
{
  guint n_overloaded = 0;

  g_assert_cmpuint (sb_coverage_get_n_themes (a), ==, sb_coverage_get_n_themes (b));
  g_assert_cmpuint (sb_coverage_get_n_stories (a), ==, sb_coverage_get_n_stories (b));
  for (guint r = 0; r < sb_coverage_get_n_themes (a); r++)
    {
      g_assert_cmpuint (sb_coverage_get_theme_count (a, r), ==, sb_coverage_get_theme_count (b, r));
      for (guint c = 0; c < sb_coverage_get_n_stories (a); c++)
        g_assert_cmpint (sb_coverage_get_cell (a, r, c), ==, sb_coverage_get_cell (b, r, c));
    }
  for (guint c = 0; c < sb_coverage_get_n_stories (a); c++)
    {
      g_assert_true (sb_coverage_get_story (a, c) == sb_coverage_get_story (b, c));
      g_assert_cmpuint (sb_coverage_get_story_count (a, c), ==, sb_coverage_get_story_count (b, c));
      n_overloaded += sb_coverage_story_is_overloaded (a, c);
    }
  g_assert_cmpuint (sb_coverage_get_n_overloaded (a), ==, n_overloaded);
  g_assert_cmpuint (sb_coverage_get_n_overloaded (b), ==, n_overloaded);
}

/* The matrix is read from the store's theme → stories map; after links
 * change in any order (a deleted story, one restored by undo, links added
 * to old stories after new ones), it is the matrix each story's own links
 * give. A story's column read again gives the same as a new snapshot,
 * and leaves the old snapshot as it was. */
static void
test_from_theme_links (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(SbCoverage) before = NULL;
  g_autoptr(SbCoverage) updated = NULL;
  g_autoptr(SbCoverage) fresh = NULL;
  g_autoptr(GArray) links = NULL;
  GListModel *core_themes;
  SbStory *stories[6];

  g_assert_no_error (error);
  core_themes = sb_store_get_themes (store, "core");
  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      stories[i] = add_story (store, title);
    }
  /* Linked newest first. */
  for (guint i = G_N_ELEMENTS (stories); i-- > 0;)
    for (guint t = 0; t < 4; t++)
      if ((i + t) % 3 == 0)
        {
          g_autoptr(SbTheme) theme = g_list_model_get_item (core_themes, t);
          link_theme (store, stories[i], sb_theme_get_slug (theme),
                      t % 2 ? SB_STRENGTH_SECONDARY : SB_STRENGTH_PRIMARY);
        }

  /* The theme's links, in the order of the stories, with their strengths. */
  links = sb_store_get_theme_links (store, "core-production-incident");
  {
    g_autoptr(GPtrArray) linked = sb_store_get_theme_stories (store, "core-production-incident");
    GListModel *all = sb_store_get_stories (store);
    guint previous = 0;

    g_assert_cmpuint (links->len, ==, linked->len);
    for (guint i = 0; i < links->len; i++)
      {
        SbStoryLink *link = &g_array_index (links, SbStoryLink, i);
        guint position = G_MAXUINT;

        for (guint p = 0; p < g_list_model_get_n_items (all); p++)
          {
            g_autoptr(SbStory) story = g_list_model_get_item (all, p);
            if (story == link->story)
              position = p;
          }
        g_assert_cmpuint (position, !=, G_MAXUINT);
        g_assert_true (i == 0 || position > previous);
        previous = position;
        g_assert_cmpint (link->strength, ==, sb_store_get_story_theme (store, link->story,
                                                                       "core-production-incident"));
      }
  }
  g_clear_pointer (&links, g_array_unref);
  links = sb_store_get_theme_links (store, "no-such-theme");
  g_assert_cmpuint (links->len, ==, 0);

  /* Delete a story and bring it back: it comes back last. */
  {
    SbDeletedStory *deleted = sb_store_delete_story (store, stories[1], &error);

    g_assert_no_error (error);
    stories[1] = sb_store_restore_story (store, deleted, &error);
    g_assert_no_error (error);
    sb_deleted_story_free (deleted);
  }

  before = sb_coverage_new (store, "core", &error);
  g_assert_no_error (error);
  for (guint c = 0; c < sb_coverage_get_n_stories (before); c++)
    {
      SbStory *story = sb_coverage_get_story (before, c);

      for (guint r = 0; r < sb_coverage_get_n_themes (before); r++)
        g_assert_cmpint (sb_coverage_get_cell (before, r, c), ==,
                         sb_store_get_story_theme (store, story,
                                                   sb_theme_get_slug (sb_coverage_get_theme (before, r))));
    }

  /* One story's links change: its column read again is a new snapshot's. */
  link_theme (store, stories[2], "core-production-incident", SB_STRENGTH_NONE);
  link_theme (store, stories[2], "core-ambiguity", SB_STRENGTH_SECONDARY);
  updated = sb_coverage_new_updated (before, store, stories[2]);
  fresh = sb_coverage_new (store, "core", &error);
  g_assert_no_error (error);
  g_assert_nonnull (updated);
  assert_same_matrix (updated, fresh);
  g_assert_cmpint (sb_coverage_get_cell (before, row_of (before, "core-ambiguity"), 2), ==, SB_STRENGTH_NONE);

  /* Stretched thin by its links, then not: the count follows. */
  for (guint t = 0; t <= SB_COVERAGE_MAX_THEMES_PER_STORY; t++)
    {
      g_autoptr(SbTheme) theme = g_list_model_get_item (core_themes, t);

      link_theme (store, stories[4], sb_theme_get_slug (theme), SB_STRENGTH_SECONDARY);
    }
  g_clear_pointer (&fresh, sb_coverage_unref);
  fresh = sb_coverage_new (store, "core", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SbCoverage) stretched = sb_coverage_new_updated (updated, store, stories[4]);
    g_autoptr(SbCoverage) eased = NULL;

    assert_same_matrix (stretched, fresh);
    g_assert_cmpuint (sb_coverage_get_n_overloaded (stretched), ==, sb_coverage_get_n_overloaded (updated) + 1);
    link_theme (store, stories[4], "core-production-incident", SB_STRENGTH_NONE);
    link_theme (store, stories[4], "core-ambiguity", SB_STRENGTH_NONE);
    eased = sb_coverage_new_updated (stretched, store, stories[4]);
    g_assert_cmpuint (sb_coverage_get_n_overloaded (eased), ==, sb_coverage_get_n_overloaded (updated));
  }

  /* A story the snapshot does not have: nothing to update. */
  g_assert_null (sb_coverage_new_updated (before, store, add_story (store, "Newer")));
}

/* The store's theme → stories and question → stories maps, which the
 * matrix and the Questions page read, against the bank itself: every
 * linked story, in the bank's order, with its strength. */
static void
assert_maps_match (SbStore    *store,
                   const char *const *themes,
                   const char *question,
                   GHashTable *answers)
{
  GListModel *all = sb_store_get_stories (store);
  guint n = g_list_model_get_n_items (all);

  for (guint t = 0; themes[t] != NULL; t++)
    {
      g_autoptr(GArray) links = sb_store_get_theme_links (store, themes[t]);
      guint k = 0;

      for (guint p = 0; p < n; p++)
        {
          g_autoptr(SbStory) story = g_list_model_get_item (all, p);
          SbStrength strength = sb_store_get_story_theme (store, story, themes[t]);

          if (strength == SB_STRENGTH_NONE)
            continue;
          g_assert_cmpuint (k, <, links->len);
          g_assert_true (g_array_index (links, SbStoryLink, k).story == story);
          g_assert_cmpint (g_array_index (links, SbStoryLink, k).strength, ==, strength);
          k++;
        }
      g_assert_cmpuint (k, ==, links->len);
    }

  {
    g_autoptr(GPtrArray) linked = sb_store_get_question_stories (store, question);
    guint k = 0;

    for (guint p = 0; p < n; p++)
      {
        g_autoptr(SbStory) story = g_list_model_get_item (all, p);

        if (!g_hash_table_contains (answers, story))
          continue;
        g_assert_cmpuint (k, <, linked->len);
        g_assert_true (linked->pdata[k] == story);
        k++;
      }
    g_assert_cmpuint (k, ==, linked->len);
  }
}

static void
link_question (SbStore    *store,
               SbStory    *story,
               const char *question,
               gboolean    linked,
               GHashTable *answers)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_store_set_story_question (store, story, question, linked, &error));
  g_assert_no_error (error);
  if (linked)
    g_hash_table_add (answers, story);
  else
    g_hash_table_remove (answers, story);
}

/* A single link changed keeps the maps as a full read of the bank would
 * make them: linking the first, a middle and the last story of a theme,
 * changing a strength, unlinking, a story linked for the first time, one
 * added after the maps were made, one deleted and brought back (last). */
static void
test_maps_follow_each_link (void)
{
  g_autoptr(SbTestDir) dir = sb_test_dir_new ();
  g_autofree char *path = sb_test_dir_file (dir, "bank.sqlite3");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbStore) store = sb_store_open (path, &error);
  g_autoptr(GHashTable) answers = g_hash_table_new (NULL, NULL);
  const char *themes[] = { "core-production-incident", "core-ambiguity", NULL };
  g_autoptr(SbQuestion) question = NULL;
  const char *slug;
  SbStory *stories[12];
  SbStory *newer;

  g_assert_no_error (error);
  question = g_list_model_get_item (sb_store_get_questions (store), 0);
  slug = sb_question_get_slug (question);
  for (guint i = 0; i < G_N_ELEMENTS (stories); i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %u", i);
      stories[i] = add_story (store, title);
    }
  for (guint i = 3; i < 9; i += 2)
    {
      link_theme (store, stories[i], themes[0], SB_STRENGTH_PRIMARY);
      link_question (store, stories[i], slug, TRUE, answers);
    }
  /* The maps are made now; what follows changes them one link at a time. */
  assert_maps_match (store, themes, slug, answers);

  link_theme (store, stories[0], themes[0], SB_STRENGTH_SECONDARY);
  assert_maps_match (store, themes, slug, answers);
  link_theme (store, stories[11], themes[0], SB_STRENGTH_PRIMARY);
  link_theme (store, stories[4], themes[0], SB_STRENGTH_PRIMARY);
  link_theme (store, stories[4], themes[1], SB_STRENGTH_SECONDARY);
  assert_maps_match (store, themes, slug, answers);
  link_theme (store, stories[5], themes[0], SB_STRENGTH_SECONDARY);
  link_theme (store, stories[3], themes[0], SB_STRENGTH_NONE);
  link_theme (store, stories[11], themes[0], SB_STRENGTH_NONE);
  link_question (store, stories[0], slug, TRUE, answers);
  link_question (store, stories[10], slug, TRUE, answers);
  link_question (store, stories[5], slug, FALSE, answers);
  assert_maps_match (store, themes, slug, answers);

  newer = add_story (store, "Newer");
  link_theme (store, newer, themes[0], SB_STRENGTH_PRIMARY);
  link_theme (store, stories[6], themes[1], SB_STRENGTH_PRIMARY);
  link_question (store, newer, slug, TRUE, answers);
  assert_maps_match (store, themes, slug, answers);

  {
    SbDeletedStory *deleted = sb_store_delete_story (store, stories[7], &error);

    g_assert_no_error (error);
    g_hash_table_remove (answers, stories[7]);
    assert_maps_match (store, themes, slug, answers);
    stories[7] = sb_store_restore_story (store, deleted, &error);
    g_assert_no_error (error);
    g_hash_table_add (answers, stories[7]);
    sb_deleted_story_free (deleted);
  }
  assert_maps_match (store, themes, slug, answers);
  link_theme (store, stories[2], themes[0], SB_STRENGTH_PRIMARY);
  link_theme (store, stories[7], themes[1], SB_STRENGTH_PRIMARY);
  link_question (store, stories[1], slug, TRUE, answers);
  assert_maps_match (store, themes, slug, answers);

  /* Undone, one link at a time too. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (sb_store_undo (store, NULL, &error));
      g_assert_no_error (error);
    }
  g_hash_table_remove (answers, stories[1]);
  assert_maps_match (store, themes, slug, answers);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coverage/from-theme-links", test_from_theme_links);
  g_test_add_func ("/coverage/maps-follow-each-link", test_maps_follow_each_link);

  g_test_add_func ("/coverage/matrix", test_matrix);
  g_test_add_func ("/coverage/text", test_text);

  return g_test_run ();
}
