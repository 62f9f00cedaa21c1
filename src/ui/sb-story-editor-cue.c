/* sb-story-editor-cue.c — the story editor's cue card
 *
 * Under the five sections, five one-line entries (S, T, A, R, L): what the
 * person glances at before telling the story. They are story fields like
 * the sections: each change goes to the store, which saves it and merges
 * it with other windows; the entries follow changes made elsewhere.
 * "Offer a Draft" fills only the empty lines, from sb-cue-card.c, as typing
 * would, so Ctrl+Z in a line takes its draft back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-story-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <adwaita.h>

#include "sb-cue-card.h"
#include "sb-label.h"
#include "sb-story-editor-private.h"

typedef struct
{
  const char *letter;        /* translated with its context */
  const char *accessible;
  const char *placeholder;
} CueInfo;

static const CueInfo cue_lines[SB_STORY_N_CUE_LINES] = {
  { NC_("cue card letter of the Situation", "S"), N_("Cue line: Situation"),
    N_("Situation in a few words") },
  { NC_("cue card letter of the Task", "T"), N_("Cue line: Task"),
    N_("Your task in a few words") },
  { NC_("cue card letter of the Action", "A"), N_("Cue line: Action"),
    N_("What you did, the key step") },
  { NC_("cue card letter of the Result", "R"), N_("Cue line: Result"),
    N_("The result, with its number") },
  { NC_("cue card letter of the Learning", "L"), N_("Cue line: Learning"),
    N_("What you learned") },
};

static const char *cue_contexts[SB_STORY_N_CUE_LINES] = {
  "cue card letter of the Situation", "cue card letter of the Task",
  "cue card letter of the Action", "cue card letter of the Result",
  "cue card letter of the Learning",
};

static guint
line_of (GtkEditable *entry)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "cue-line"));
}

/* Past the draft's length the line says how much room is left; at the
 * limit it says why nothing more goes in. */
static void
update_counter (SbStoryEditor *self,
                guint          line)
{
  GtkLabel *counter = self->cue_counters[line];
  glong n = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->cue_entries[line])), -1);

  gtk_widget_set_visible (GTK_WIDGET (counter), n >= SB_CUE_CARD_DRAFT_CHARS);
  if (n < SB_CUE_CARD_DRAFT_CHARS)
    return;
  {
    g_autofree char *text = g_strdup_printf ("%ld/%d", n, SB_STORY_MAX_CUE_CHARS);
    g_autofree char *spoken = NULL;

    _sb_story_editor_set_label (counter, text);
    /* Translators: read out for the counter beside a cue line */
    spoken = g_strdup_printf (_("%ld of at most %d characters"), n, SB_STORY_MAX_CUE_CHARS);
    gtk_accessible_update_property (GTK_ACCESSIBLE (counter), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  if (n >= SB_STORY_MAX_CUE_CHARS)
    {
      gtk_widget_add_css_class (GTK_WIDGET (counter), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (counter),
                                   _("A cue line is one short line: shorten it to add more"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (counter), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (counter), NULL);
    }
}

static void
set_line_text (SbStoryEditor *self,
               guint          line,
               const char    *text)
{
  GtkEditable *entry = GTK_EDITABLE (self->cue_entries[line]);

  if (g_strcmp0 (gtk_editable_get_text (entry), text) == 0)
    return;
  {
    int position = gtk_editable_get_position (entry);
    gboolean was_loading = self->loading;

    self->loading = TRUE;
    gtk_editable_set_text (entry, text);
    gtk_editable_set_position (entry, MIN (position, (int) g_utf8_strlen (text, -1)));
    self->loading = was_loading;
  }
  update_counter (self, line);
}

static void
entry_changed_cb (SbStoryEditor *self,
                  GtkEditable   *entry)
{
  guint line = line_of (entry);
  SbStoryField field = SB_STORY_FIELD_CUE_SITUATION + line;
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *flat = NULL;

  update_counter (self, line);
  if (self->loading || self->story == NULL)
    return;
  /* A pasted line break would be kept by the entry: one line, as the store
   * keeps it. */
  if (strpbrk (text, "\r\n\t") != NULL)
    {
      flat = sb_story_cue_line_normalize (text);
      set_line_text (self, line, flat);
      text = flat;
    }
  self->pushing = TRUE;
  sb_store_edit_story (self->store, self->story, field, text, NULL);
  self->pushing = FALSE;
  _sb_story_editor_update_saved_label (self);
}

void
_sb_story_editor_follow_cue_line (SbStoryEditor *self,
                                  SbStoryField   field)
{
  g_return_if_fail (SB_STORY_FIELD_IS_CUE (field));

  set_line_text (self, field - SB_STORY_FIELD_CUE_SITUATION, sb_story_get_field (self->story, field));
}

void
_sb_story_editor_load_cue_card (SbStoryEditor *self)
{
  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    set_line_text (self, i, self->story != NULL
                            ? sb_story_get_field (self->story, SB_STORY_FIELD_CUE_SITUATION + i) : "");
  gtk_label_set_label (self->cue_status_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->cue_status_label), FALSE);
}

void
_sb_story_editor_set_cue_editable (SbStoryEditor *self,
                                   gboolean       editable)
{
  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    gtk_editable_set_editable (GTK_EDITABLE (self->cue_entries[i]), editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.draft-cue-card", editable);
}

/* Fills each empty line from the story's own sentences, as typing would
 * (so each entry's Ctrl+Z takes it back); what the person wrote stays. */
static void
draft_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbStoryEditor *self = SB_STORY_EDITOR (widget);
  g_auto(GStrv) draft = NULL;
  guint filled = 0, empty = 0;

  if (self->story == NULL)
    return;
  draft = sb_cue_card_draft (self->story);
  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    {
      GtkEditable *entry = GTK_EDITABLE (self->cue_entries[i]);
      g_autofree char *mine = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
      int position = 0;

      if (*mine != '\0')
        continue;
      empty++;
      if (*draft[i] == '\0')
        continue;
      /* Blank space only: the draft replaces it. */
      if (*gtk_editable_get_text (entry) != '\0')
        gtk_editable_delete_text (entry, 0, -1);
      gtk_editable_insert_text (entry, draft[i], -1, &position);
      filled++;
    }

  if (filled > 0)
    gtk_label_set_label (self->cue_status_label,
                         _("A first draft from your story. Put it in your own words: "
                           "a cue works when it brings the story back to you."));
  else if (empty == 0)
    gtk_label_set_label (self->cue_status_label,
                         _("Every line already holds your words. Clear a line to get a draft for it."));
  else
    gtk_label_set_label (self->cue_status_label,
                         _("Write the sections above first: the draft is taken from them."));
  gtk_widget_set_visible (GTK_WIDGET (self->cue_status_label), TRUE);
}

void
_sb_story_editor_build_cue_card (SbStoryEditor *self,
                                 GtkWidget     *after)
{
  GtkWidget *box, *header, *heading, *hint, *button, *list, *status;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (box, "cue-card");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  heading = gtk_label_new (_("Cue Card"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_set_valign (heading, GTK_ALIGN_END);
  gtk_widget_add_css_class (heading, "heading");
  button = gtk_button_new_with_mnemonic (_("_Offer a Draft"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.draft-cue-card");
  gtk_widget_set_tooltip_text (button, _("Fill the empty lines with a first draft taken from the story"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (header), heading);
  gtk_box_append (GTK_BOX (header), button);

  hint = gtk_label_new (_("Five short lines to glance at before you tell the story, one per part, "
                          "in your own words. The cheat sheet prints them, and Practice shows them "
                          "when you peek."));
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  sb_label_set_wrapping (GTK_LABEL (hint));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");

  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (list, "cue-lines");
  for (guint i = 0; i < SB_STORY_N_CUE_LINES; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *letter = gtk_label_new (g_dpgettext2 (GETTEXT_PACKAGE, cue_contexts[i],
                                                       cue_lines[i].letter));
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *counter = gtk_label_new (NULL);

      gtk_widget_add_css_class (letter, "cue-letter");
      gtk_label_set_width_chars (GTK_LABEL (letter), 2);
      gtk_widget_set_tooltip_text (letter, _(cue_lines[i].accessible));
      gtk_accessible_update_property (GTK_ACCESSIBLE (letter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(cue_lines[i].accessible), -1);

      gtk_widget_set_hexpand (entry, TRUE);
      gtk_entry_set_max_length (GTK_ENTRY (entry), SB_STORY_MAX_CUE_CHARS);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _(cue_lines[i].placeholder));
      gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(cue_lines[i].accessible),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(cue_lines[i].placeholder),
                                      -1);
      g_object_set_data (G_OBJECT (entry), "cue-line", GUINT_TO_POINTER (i));
      g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), self, G_CONNECT_SWAPPED);
      self->cue_entries[i] = GTK_ENTRY (entry);

      gtk_widget_add_css_class (counter, "caption");
      gtk_widget_add_css_class (counter, "dim-label");
      gtk_widget_set_visible (counter, FALSE);
      self->cue_counters[i] = GTK_LABEL (counter);

      gtk_box_append (GTK_BOX (row), letter);
      gtk_box_append (GTK_BOX (row), entry);
      gtk_box_append (GTK_BOX (row), counter);
      gtk_box_append (GTK_BOX (list), row);
    }

  status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  sb_label_set_wrapping (GTK_LABEL (status));
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_visible (status, FALSE);
  self->cue_status_label = GTK_LABEL (status);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_insert_child_after (self->sections_box, box, after);
}

void
_sb_story_editor_class_init_cue (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.draft-cue-card", NULL, draft_action);
}

GtkEditable *
sb_story_editor_get_cue_entry (SbStoryEditor *self,
                               SbStoryField   field)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);
  g_return_val_if_fail (SB_STORY_FIELD_IS_CUE (field), NULL);

  return GTK_EDITABLE (self->cue_entries[field - SB_STORY_FIELD_CUE_SITUATION]);
}

const char *
sb_story_editor_get_cue_status (SbStoryEditor *self)
{
  g_return_val_if_fail (SB_IS_STORY_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->cue_status_label))
         ? gtk_label_get_label (self->cue_status_label) : "";
}
