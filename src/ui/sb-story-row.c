/* sb-story-row.c — one story in the list: title, status, theme dots, readiness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-readiness.h"
#include "sb-story-check.h"
#include "sb-story-row.h"
#include "sb-theme-dots.h"

#define N_FRAMEWORK_COLOURS SB_THEME_DOTS_N_COLOURS

struct _SbStoryRow
{
  GtkWidget   parent_instance;

  SbStore    *store;
  SbStory    *story;
  gulong      notify_id;

  GtkLabel   *title_label;
  /* Made for the first example story the row shows (one in a bank). */
  GtkLabel   *example_tag;
  GtkLabel   *status_label;
  GtkLabel   *readiness_label;
  SbThemeDots *dots;
  /* The themes' names, said by the dots' tooltip when asked. */
  char       *theme_names;
  /* Why the story has its readiness, said by the tag's tooltip. */
  char       *readiness_reason;
  gboolean    readiness_queued;
  gboolean    readiness_stale;   /* until the row is drawn */
};

G_DEFINE_FINAL_TYPE (SbStoryRow, sb_story_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
sb_format_spoken_length (guint seconds)
{
  if (seconds < 60)
    /* Translators: a spoken length, e.g. "about 45 s" */
    return g_strdup_printf (_("about %u s"), seconds);
  /* Translators: a spoken length, e.g. "about 2 min 56 s" */
  return g_strdup_printf (_("about %u min %u s"), seconds / 60, seconds % 60);
}

static const SbStoryField star_fields[] = {
  SB_STORY_FIELD_SITUATION, SB_STORY_FIELD_TASK, SB_STORY_FIELD_ACTION,
  SB_STORY_FIELD_RESULT, SB_STORY_FIELD_LEARNING,
};

char *
sb_story_readiness_hint (SbStore *store,
                         SbStory *story)
{
  guint empty = 0;
  guint seconds;

  for (guint i = 0; i < G_N_ELEMENTS (star_fields); i++)
    if (sb_story_get_field_word_count (story, star_fields[i]) == 0)
      empty++;

  if (empty == G_N_ELEMENTS (star_fields))
    return g_strdup (_("Not started"));
  if (empty > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u section to write",
                                         "%u sections to write", empty), empty);

  {
    g_autoptr(GPtrArray) findings = store != NULL ? sb_story_check_in_store (store, story)
                                                  : sb_story_check (story);
    /* What an interviewer would mark down comes before the length, counted
     * as the editor shows it. */
    guint to_fix = sb_findings_count_to_fix (findings);

    /* Short enough for the narrow list; the editor says which. */
    if (to_fix > 0)
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u thing to fix", "%u things to fix",
                                           to_fix), to_fix);
  }
  seconds = sb_story_get_speaking_seconds (story);
  if (seconds < SB_CHECK_MIN_SECONDS)
    {
      g_autofree char *length = sb_format_spoken_length (seconds);
      /* Translators: the story is shorter than 90 seconds when spoken */
      return g_strdup_printf (_("Short, %s"), length);
    }
  if (seconds > SB_CHECK_MAX_SECONDS)
    {
      g_autofree char *length = sb_format_spoken_length (seconds);
      /* Translators: the story is longer than 120 seconds when spoken */
      return g_strdup_printf (_("Long, %s"), length);
    }
  return sb_format_spoken_length (seconds);
}

/* A framework's place in the palette: its place among the frameworks. */
static guint
framework_colour (SbStore    *store,
                  const char *framework_slug)
{
  GListModel *frameworks = sb_store_get_frameworks (store);
  guint n = g_list_model_get_n_items (frameworks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SbFramework) framework = g_list_model_get_item (frameworks, i);

      if (g_strcmp0 (sb_framework_get_slug (framework), framework_slug) == 0)
        return i % N_FRAMEWORK_COLOURS;
    }
  return 0;
}

const char *
sb_framework_css_class (SbStore    *store,
                        const char *framework_slug)
{
  static const char *classes[N_FRAMEWORK_COLOURS] = {
    "framework-0", "framework-1", "framework-2",
    "framework-3", "framework-4", "framework-5",
  };

  return classes[framework_colour (store, framework_slug)];
}

/* The dots are one widget (sb-theme-dots.c), set again at each bind:
 * rows are rebound at every search keystroke. */
static void
update_dots (SbStoryRow *self)
{
  g_autoptr(GArray) links = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint colours[SB_THEME_DOTS_MAX];
  gboolean secondary[SB_THEME_DOTS_MAX];
  guint shown = 0;

  g_clear_pointer (&self->theme_names, g_free);

  if (self->story != NULL && self->store != NULL && sb_story_get_id (self->story) != 0)
    links = sb_store_get_story_themes (self->store, self->story);
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      SbThemeLink *link = &g_array_index (links, SbThemeLink, i);
      SbTheme *theme = sb_store_find_theme (self->store, link->theme_slug);

      if (theme == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, sb_theme_get_name (theme));
      if (shown >= SB_THEME_DOTS_MAX)
        continue;
      colours[shown] = framework_colour (self->store, sb_theme_get_framework_slug (theme));
      secondary[shown] = link->strength == SB_STRENGTH_SECONDARY;
      shown++;
    }
  sb_theme_dots_set (self->dots, shown, colours, secondary);

  /* gtk_widget_set_tooltip_text() costs more than everything else in a
   * row put together, and rows are rebound at every search keystroke: the
   * tooltip is made only when someone hovers. */
  self->theme_names = names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->dots), self->theme_names != NULL);
}

static gboolean
status_query_tooltip_cb (SbStoryRow *self,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         GtkWidget  *label)
{
  if (self->readiness_reason == NULL || *self->readiness_reason == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->readiness_reason);
  return TRUE;
}

/* A title cut short in the narrow list is shown whole on hover. */
static gboolean
title_query_tooltip_cb (SbStoryRow *self,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        GtkLabel   *label)
{
  if (self->story == NULL || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, sb_story_get_display_title (self->story));
  return TRUE;
}

static gboolean
dots_query_tooltip_cb (SbStoryRow *self,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       GtkWidget  *dots)
{
  if (self->theme_names == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->theme_names);
  return TRUE;
}

/* ---- readiness, between frames ----------------------------------------- */

/* A row's readiness runs the coach's checks on its story (the first time
 * the story is shown, then cached on it). The list keeps some 200 rows
 * bound and rebinds them at each search keystroke, but draws a screenful:
 * a row shows its title at once, and works its readiness out once it is
 * drawn, in idle slices right after that frame. */
#define READINESS_SLICE_US 4000

static GPtrArray *queued_rows;   /* SbStoryRow*, not owned: dispose removes */
static guint      readiness_idle_id;

static void update_readiness (SbStoryRow *self);

static gboolean
readiness_idle_cb (gpointer user_data)
{
  gint64 until = g_get_monotonic_time () + READINESS_SLICE_US;

  /* Oldest first: the rows bound first are the top of the list. */
  while (queued_rows->len > 0 && g_get_monotonic_time () < until)
    {
      SbStoryRow *row = g_ptr_array_steal_index (queued_rows, 0);

      row->readiness_queued = FALSE;
      row->readiness_stale = FALSE;
      update_readiness (row);
    }
  if (queued_rows->len > 0)
    return G_SOURCE_CONTINUE;
  readiness_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_readiness (SbStoryRow *self)
{
  if (self->readiness_queued)
    return;
  if (queued_rows == NULL)
    queued_rows = g_ptr_array_new ();
  self->readiness_queued = TRUE;
  g_ptr_array_add (queued_rows, self);
  if (readiness_idle_id == 0)
    readiness_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, readiness_idle_cb, NULL, NULL);
}

static void
unqueue_readiness (SbStoryRow *self)
{
  if (self->readiness_queued)
    g_ptr_array_remove (queued_rows, self);
  self->readiness_queued = FALSE;
}

/* GTK 4.8 lays a label out again and queues a resize up to the list
 * whenever its text is set, even to the same text; a row's labels are set
 * at each save of its story, every two seconds of steady typing. */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
update_example_tag (SbStoryRow *self)
{
  gboolean example = sb_story_get_is_example (self->story);

  if (example && self->example_tag == NULL)
    {
      self->example_tag = GTK_LABEL (gtk_label_new (_("Example")));
      gtk_widget_set_valign (GTK_WIDGET (self->example_tag), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (self->example_tag), "example-tag");
      gtk_widget_insert_after (GTK_WIDGET (self->example_tag), GTK_WIDGET (self),
                               GTK_WIDGET (self->title_label));
    }
  if (self->example_tag != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->example_tag), example);
}

static void
update_labels (SbStoryRow *self)
{
  if (self->story == NULL)
    return;
  set_label (self->title_label, sb_story_get_display_title (self->story));
  update_example_tag (self);
  if (!self->readiness_stale)
    {
      /* Until then, the title names the row for a screen reader. */
      self->readiness_stale = TRUE;
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sb_story_get_display_title (self->story), -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
sb_story_row_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SbStoryRow *self = SB_STORY_ROW (widget);

  GTK_WIDGET_CLASS (sb_story_row_parent_class)->snapshot (widget, snapshot);
  if (self->readiness_stale)
    queue_readiness (self);
}

static void
update_readiness (SbStoryRow *self)
{
  g_autofree char *hint = NULL;
  g_autofree char *description = NULL;
  g_autofree char *level_label = NULL;
  gboolean ready, unsaved;

  if (self->story == NULL)
    return;

  ready = sb_story_get_status (self->story) == SB_STORY_STATUS_READY;
  unsaved = self->store != NULL && sb_store_get_save_error (self->store, self->story) != NULL;

  /* The tag is the story's readiness (the coach's, from its findings,
   * sections, themes and practice); a refused save outranks it. */
  {
    g_auto(SbReadiness) readiness = { 0, };
    const char *classes[] = { "draft", "needs-work", "ready", "unsaved" };
    const char *class;

    if (self->store != NULL)
      readiness = sb_story_get_readiness (self->store, self->story);
    else
      readiness.label = ready ? _("Ready") : _("Draft");
    class = unsaved ? "unsaved" : classes[readiness.level];
    set_label (self->status_label, unsaved ? _("Not saved") : readiness.label);
    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      if (g_strcmp0 (classes[i], class) == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
    /* Kept for the tooltip, made only on hover: setting a tooltip asks the
     * X server where the pointer is, and rows are rebound at every search
     * keystroke. */
    g_free (self->readiness_reason);
    self->readiness_reason = g_strdup (readiness.reason);
    level_label = g_strdup (readiness.label);
  }

  hint = sb_story_readiness_hint (self->store, self->story);
  set_label (self->readiness_label, hint);

  /* One sentence for a screen reader instead of four fragments. */
  description = g_strdup_printf ("%s%s, %s%s%s, %s",
                                 sb_story_get_display_title (self->story),
                                 sb_story_get_is_example (self->story) ? _(" (example)") : "",
                                 unsaved ? _("not saved, ") : "",
                                 level_label,
                                 ready ? _(", marked ready to tell") : "",
                                 hint);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
story_notify_cb (SbStoryRow *self,
                 GParamSpec *pspec,
                 SbStory    *story)
{
  update_labels (self);
}

/* The readiness hint runs the coach: once per pause (when the store has
 * written the story), not at every keystroke. A first edit only makes
 * the story unsaved, which the row does not show (a refused save it
 * does): the keystroke's frame then leaves the list alone. */
static void
save_state_changed_cb (SbStoryRow *self,
                       SbStory    *story,
                       SbStore    *store)
{
  if (story != self->story)
    return;
  if (sb_store_story_is_unsaved (store, story) && sb_store_get_save_error (store, story) == NULL)
    return;
  update_labels (self);
}

static void
story_links_changed_cb (SbStoryRow *self,
                        SbStory    *story,
                        SbStore    *store)
{
  if (story == self->story)
    update_dots (self);
}

static void
catalog_changed_cb (SbStoryRow *self,
                    SbStore    *store)
{
  update_dots (self);
}

void
sb_story_row_set_story (SbStoryRow *self,
                        SbStory    *story)
{
  g_return_if_fail (SB_IS_STORY_ROW (self));
  g_return_if_fail (story == NULL || SB_IS_STORY (story));

  if (self->story == story)
    return;

  if (self->story != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->story);
      g_signal_handlers_disconnect_by_func (self->story, story_notify_cb, self);
    }
  g_set_object (&self->story, story);
  /* A row without a story is not shown: it keeps its labels and dots for
   * the next story it is bound to (a search unbinds up to 200 rows, and
   * clearing and dropping their widgets was half of that). */
  if (story == NULL)
    {
      g_clear_pointer (&self->theme_names, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
      return;
    }
  /* Not another story's readiness meanwhile. */
  gtk_label_set_label (self->status_label, "");
  gtk_label_set_label (self->readiness_label, "");
  /* Only what shows at once; the text's effects wait for the save. */
  self->notify_id = g_signal_connect_object (story, "notify::display-title", G_CALLBACK (story_notify_cb),
                                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (story, "notify::status", G_CALLBACK (story_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (story, "notify::is-example", G_CALLBACK (story_notify_cb),
                           self, G_CONNECT_SWAPPED);
  update_labels (self);
  update_dots (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORY]);
}

SbStory *
sb_story_row_get_story (SbStoryRow *self)
{
  g_return_val_if_fail (SB_IS_STORY_ROW (self), NULL);

  return self->story;
}

static void
set_store (SbStoryRow *self,
           SbStore    *store)
{
  g_assert (self->store == NULL);

  if (store == NULL)
    return;
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "story-links-changed",
                           G_CALLBACK (story_links_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "catalog-changed",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "save-state-changed",
                           G_CALLBACK (save_state_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---- layout: two lines, without boxes ------------------------------- */

/* As a horizontal GtkBox of spacing 6 would, in two lines 4 apart: the
 * first the title (expanding) and the Example tag; the second the status,
 * the readiness (expanding) and the dots. Boxes were two more widgets in
 * each of the ~200 rows the list keeps, each measured in every frame. */
#define LINE_SPACING 4
#define CHILD_SPACING 6

static GtkWidget *
line_child (SbStoryRow *self,
            guint       line,
            guint       index)
{
  GtkWidget *first[] = { GTK_WIDGET (self->title_label),
                         self->example_tag != NULL ? GTK_WIDGET (self->example_tag) : NULL, NULL };
  GtkWidget *second[] = { GTK_WIDGET (self->status_label), GTK_WIDGET (self->readiness_label),
                          GTK_WIDGET (self->dots) };
  GtkWidget *child = line == 0 ? (index < 2 ? first[index] : NULL) : (index < 3 ? second[index] : NULL);

  return child != NULL && gtk_widget_should_layout (child) ? child : NULL;
}

#define N_LINE_CHILDREN 3

static void
sb_story_row_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SbStoryRow *self = SB_STORY_ROW (widget);

  *minimum = *natural = 0;
  for (guint line = 0; line < 2; line++)
    {
      int line_min = 0, line_nat = 0;
      guint n = 0;

      for (guint i = 0; i < N_LINE_CHILDREN; i++)
        {
          GtkWidget *child = line_child (self, line, i);
          int child_min, child_nat;

          if (child == NULL)
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          if (orientation == GTK_ORIENTATION_HORIZONTAL)
            {
              int spacing = n > 0 ? CHILD_SPACING : 0;

              line_min += child_min + spacing;
              line_nat += child_nat + spacing;
            }
          else
            {
              line_min = MAX (line_min, child_min);
              line_nat = MAX (line_nat, child_nat);
            }
          n++;
        }
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, line_min);
          *natural = MAX (*natural, line_nat);
        }
      else if (n > 0)
        {
          int spacing = *natural > 0 ? LINE_SPACING : 0;

          *minimum += line_min + spacing;
          *natural += line_nat + spacing;
        }
    }
}

static void
sb_story_row_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SbStoryRow *self = SB_STORY_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int heights[2] = { 0, 0 };
  int y = 0;

  for (guint line = 0; line < 2; line++)
    for (guint i = 0; i < N_LINE_CHILDREN; i++)
      {
        GtkWidget *child = line_child (self, line, i);
        int child_nat;

        if (child == NULL)
          continue;
        gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &child_nat, NULL, NULL);
        heights[line] = MAX (heights[line], child_nat);
      }

  for (guint line = 0; line < 2; line++)
    {
      int widths[N_LINE_CHILDREN] = { 0, };
      int mins[N_LINE_CHILDREN] = { 0, };
      int used = 0, n = 0, expanding = -1, x = 0;

      if (heights[line] == 0)
        continue;
      /* Every child at its natural width but the expanding one, which
       * gets what is left (and no less than its minimum). */
      for (guint i = 0; i < N_LINE_CHILDREN; i++)
        {
          GtkWidget *child = line_child (self, line, i);

          if (child == NULL)
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, heights[line],
                              &mins[i], &widths[i], NULL, NULL);
          if (expanding < 0 && gtk_widget_get_hexpand (child))
            expanding = i;
          else
            used += widths[i];
          used += n++ > 0 ? CHILD_SPACING : 0;
        }
      if (expanding >= 0)
        widths[expanding] = MAX (mins[expanding], width - used);

      for (guint i = 0; i < N_LINE_CHILDREN; i++)
        {
          GtkWidget *child = line_child (self, line, i);
          GtkAllocation allocation;

          if (child == NULL)
            continue;
          allocation.x = rtl ? width - x - widths[i] : x;
          allocation.y = y;
          allocation.width = widths[i];
          allocation.height = heights[line];
          gtk_widget_size_allocate (child, &allocation, -1);
          x += widths[i] + CHILD_SPACING;
        }
      y += heights[line] + LINE_SPACING;
    }
}

/* ---- GObject ------------------------------------------------------------ */

static void
sb_story_row_dispose (GObject *object)
{
  SbStoryRow *self = SB_STORY_ROW (object);
  GtkWidget *child;

  if (self->story != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->story);
      g_signal_handlers_disconnect_by_func (self->story, story_notify_cb, self);
    }
  unqueue_readiness (self);
  g_clear_object (&self->story);
  g_clear_object (&self->store);
  g_clear_pointer (&self->theme_names, g_free);
  g_clear_pointer (&self->readiness_reason, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_STORY_ROW);
  /* The Example tag, made by the row, is its own to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sb_story_row_parent_class)->dispose (object);
}

static void
sb_story_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SbStoryRow *self = SB_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORY:
      g_value_set_object (value, self->story);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SbStoryRow *self = SB_STORY_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_STORY:
      sb_story_row_set_story (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sb_story_row_class_init (SbStoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_story_row_dispose;
  widget_class->snapshot = sb_story_row_snapshot;
  widget_class->measure = sb_story_row_measure;
  widget_class->size_allocate = sb_story_row_size_allocate;
  object_class->get_property = sb_story_row_get_property;
  object_class->set_property = sb_story_row_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORY] =
    g_param_spec_object ("story", NULL, NULL, SB_TYPE_STORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SB_TYPE_THEME_DOTS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/storybank/Storybank/sb-story-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, readiness_label);
  gtk_widget_class_bind_template_child (widget_class, SbStoryRow, dots);
  gtk_widget_class_set_css_name (widget_class, "storyrow");
}

static void
sb_story_row_init (SbStoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->dots, "query-tooltip", G_CALLBACK (dots_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->status_label), TRUE);
  g_signal_connect_object (self->status_label, "query-tooltip", G_CALLBACK (status_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_label, "query-tooltip", G_CALLBACK (title_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
sb_story_row_new (SbStore *store)
{
  return g_object_new (SB_TYPE_STORY_ROW, "store", store, NULL);
}
