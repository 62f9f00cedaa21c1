/* sb-app.c — the Storybank application: options, actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sb-app"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "sb-accessible.h"
#include "sb-app.h"
#include "sb-bank-recovery.h"
#include "sb-cli.h"
#include "sb-first-frame.h"
#include "sb-database.h"
#include "sb-ui-resources.h"
#include "sb-views-resources.h"
#include "sb-store.h"
#include "sb-store-opening.h"
#include "sb-views-css.h"
#include "sb-window.h"

struct _SbApp
{
  AdwApplication  parent_instance;

  char           *database_path;
  /* The first window's bank, opening in a thread while GTK starts (a
   * launch from the command line only: one that will show a window). */
  gboolean        open_early;
  SbStoreOpening *opening;
  /* The canonical path of each open bank → its window (not owned). */
  GHashTable     *windows_by_bank;
};

G_DEFINE_FINAL_TYPE (SbApp, sb_app, ADW_TYPE_APPLICATION)

static SbWindow *
get_active_sb_window (SbApp *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return SB_IS_WINDOW (window) ? SB_WINDOW (window) : NULL;
}

/* The application actions are the doors the menu, the shortcuts and the
 * outside world (gdbus, the screenshot tool) use; the work happens in the
 * active window, which owns the bank. */
static void
forward_to_window (SbApp      *self,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *window = get_active_sb_window (self);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = get_active_sb_window (self);
    }
  if (window != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (window), action_name, parameter);
}

static void
show_page_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  forward_to_window (user_data, "win.show-page", parameter);
}

static void
forward_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_autofree char *win_action = g_strconcat ("win.", g_action_get_name (G_ACTION (action)), NULL);

  forward_to_window (user_data, win_action, parameter);
}

static void
shortcuts_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  forward_to_window (user_data, "win.show-help-overlay", NULL);
}

/* The manual (help/C), in the person's language when it is translated. */
static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SbApp *self = user_data;

  gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)),
                "help:storybank", GDK_CURRENT_TIME);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SbApp *self = user_data;
  static const char *developers[] = { "The Storybank authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Storybank"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Storybank authors"),
                        "developers", developers,
                        "comments", _("Prepare for behavioral interviews: keep your career stories "
                                      "in Situation, Task, Action, Result and Learning form, map them "
                                      "to the themes interviewers ask about, see which themes no story "
                                      "covers yet, and print a one-page cheat sheet."),
                        "website", "https://github.com/storybank/storybank",
                        "issue-url", "https://github.com/storybank/storybank/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2024 The Storybank authors",
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SbApp *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close each window as its close button would: each saves what was typed
   * last, and one whose last edit the bank refused stays open and asks.
   * The application ends with its last window. Closing one may take its
   * dialogs with it, so each is held until all have been asked. */
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
}

static void
ignore_state_change_cb (GSimpleAction *action,
                        GVariant      *value,
                        gpointer       user_data)
{
  /* Read-only: only the application changes it. */
}

static const GActionEntry app_actions[] = {
  { "show-page", show_page_action_cb, "s" },
  { "show-application", forward_action_cb, "s" },
  { "new-story", forward_action_cb },
  { "import", forward_action_cb },
  { "export", forward_action_cb },
  { "export-markdown", forward_action_cb },
  { "backups", forward_action_cb },
  { "next-fixes", forward_action_cb },
  { "print", forward_action_cb },
  { "export-pdf", forward_action_cb },
  { "shortcuts", shortcuts_action_cb },
  { "help", help_action_cb },
  { "about", about_action_cb },
  { "quit", quit_action_cb },
  { "open-banks", NULL, NULL, "@as []", ignore_state_change_cb },
};

static void
present_open_error (SbApp        *self,
                    const char   *path,
                    const GError *error)
{
  GtkWidget *dialog;

  g_printerr ("%s: %s\n", path != NULL ? path : _("default bank"), error->message);
  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   _("The Story Bank Could Not Be Opened"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A damaged or foreign bank: offer its newest backup or a new bank; any
 * other failure is said as it is. */
static void
offer_recovery_or_error (SbApp        *self,
                         const char   *path,
                         const GError *error)
{
  if (!sb_bank_recovery_offer (GTK_APPLICATION (self), path, error))
    present_open_error (self, path, error);
}

/* The one name of a bank, whatever path led to it: absolute, with the
 * folder's symlinks and dot segments resolved (the file itself is not: a
 * bank that is a symlink is refused when opened). NULL means the default
 * bank. */
static char *
canonical_bank_path (const char *path)
{
  g_autofree char *file = path != NULL ? g_strdup (path) : sb_database_default_path ();
  g_autofree char *absolute = g_canonicalize_filename (file, NULL);
  g_autofree char *folder = g_path_get_dirname (absolute);
  g_autofree char *name = g_path_get_basename (absolute);
  char *real_folder = realpath (folder, NULL);
  char *canonical;

  if (real_folder == NULL)
    return g_steal_pointer (&absolute);
  canonical = g_build_filename (real_folder, name, NULL);
  free (real_folder);
  return canonical;
}

static gboolean
is_default_bank (const char *canonical)
{
  g_autofree char *default_bank = canonical_bank_path (NULL);

  return g_strcmp0 (canonical, default_bank) == 0;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "open-banks": the canonical paths of the open banks, sorted. Read-only;
 * tests and tools read it over D-Bus (org.gtk.Actions.Describe). */
static void
update_open_banks (SbApp *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "open-banks");
  g_autofree gpointer *paths = NULL;
  guint n_paths;

  if (action == NULL)
    return;
  /* A NULL-terminated array of the keys, which the table keeps owning. */
  paths = g_hash_table_get_keys_as_array (self->windows_by_bank, &n_paths);
  qsort (paths, n_paths, sizeof (gpointer), compare_paths);
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_strv ((const char * const *) paths, n_paths));
}

/* Brings up the window of the bank at @path (NULL: the default bank),
 * opening the bank in a new window when none shows it yet. Each window owns
 * its own store; a bank is never open in two windows of this instance. */
static gboolean
present_bank (SbApp       *self,
              const char  *path,
              GError     **error)
{
  g_autofree char *key = canonical_bank_path (path);
  g_autoptr(SbStore) store = NULL;
  GtkWindow *window;

  window = g_hash_table_lookup (self->windows_by_bank, key);
  if (window != NULL)
    {
      gtk_window_present (window);
      return TRUE;
    }

  /* The bank's pages are read through after the window shows. The first
   * window's bank has been opening since start-up. */
  if (self->opening != NULL && g_strcmp0 (sb_store_opening_get_path (self->opening), path) == 0)
    store = sb_store_opening_finish (g_steal_pointer (&self->opening), error);
  else
    store = sb_store_open_deferring_check (path, error);
  if (store == NULL)
    return FALSE;

  window = GTK_WINDOW (sb_window_new (GTK_APPLICATION (self), store));
  /* With banks in several windows, the window list names each one; the
   * default bank keeps the plain name. */
  if (path != NULL && !is_default_bank (key))
    {
      g_autofree char *name = g_filename_display_basename (key);
      /* Translators: a window's title: the bank's file name, then the app */
      g_autofree char *title = g_strdup_printf (_("%s — Storybank"), name);

      gtk_window_set_title (window, title);
    }
  g_object_set_data_full (G_OBJECT (window), "sb-bank-path", g_strdup (key), g_free);
  g_hash_table_insert (self->windows_by_bank, g_steal_pointer (&key), window);
  update_open_banks (self);
  gtk_window_present (window);
  sb_first_frame_watch (window);
  return TRUE;
}

static void
sb_app_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  SbApp *self = SB_APP (app);
  const char *key = g_object_get_data (G_OBJECT (window), "sb-bank-path");

  if (key != NULL && g_hash_table_lookup (self->windows_by_bank, key) == window)
    {
      g_hash_table_remove (self->windows_by_bank, key);
      update_open_banks (self);
    }

  GTK_APPLICATION_CLASS (sb_app_parent_class)->window_removed (app, window);
}

/* Started without a bank named (the launcher, D-Bus activation): bring the
 * current window forward, or open the bank of this launch. */
static void
sb_app_activate (GApplication *app)
{
  SbApp *self = SB_APP (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (!present_bank (self, self->database_path, &error))
    offer_recovery_or_error (self, self->database_path, error);
}

/* Every launch that opens a window arrives here, in the first instance:
 * its own (local) or a later one's, forwarded over D-Bus. The later process
 * waits for the answer and exits with it. */
static int
sb_app_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  SbApp *self = SB_APP (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *path = sb_cli_get_database_path (options);
  g_autoptr(GError) error = NULL;

  if (present_bank (self, path, &error))
    {
      /* --new-story (the launcher's "New Story"): the bank's window, with a
       * new story in the editor. */
      if (g_variant_dict_contains (options, "new-story"))
        {
          g_autofree char *key = canonical_bank_path (path);
          GtkWidget *window = g_hash_table_lookup (self->windows_by_bank, key);

          if (window != NULL)
            gtk_widget_activate_action (window, "win.new-story", NULL);
        }
      return 0;
    }

  /* The person who ran it reads the reason in their terminal too. */
  if (g_application_command_line_get_is_remote (command_line))
    g_application_command_line_printerr (command_line, "storybank: %s: %s\n",
                                         path != NULL ? path : _("default bank"), error->message);
  offer_recovery_or_error (self, path, error);
  return 1;
}

/* The icon theme is read on the first lookup, ~15 ms of the first
 * window's start-up. GtkIconTheme takes lookups from any thread once it is
 * set up on the main one: the first window's icons are looked up here,
 * while the main thread builds the window. The theme is then read and
 * those icons cached by the time the window asks. */
static gpointer
warm_icons_thread (gpointer data)
{
  static const char * const names[] = {
    "x-office-document-symbolic", "view-grid-symbolic", "help-faq-symbolic",
    "media-playback-start-symbolic", "system-users-symbolic", "open-menu-symbolic",
    "list-add-symbolic", "edit-find-symbolic", "system-search-symbolic", "edit-clear-symbolic",
    "user-trash-symbolic", "pan-down-symbolic", "go-previous-symbolic",
    "window-close-symbolic", "window-minimize-symbolic", "window-maximize-symbolic",
  };
  g_autoptr(GtkIconTheme) theme = data;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 16, 1,
                                                                     GTK_TEXT_DIR_NONE, 0);
    }
  return NULL;
}

static void
sb_app_startup (GApplication *app)
{
  static const char *new_story_accels[] = { "<Control>n", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "F1", NULL };
  SbApp *self = SB_APP (app);

  /* Only the first instance starts up: its bank opens while GTK starts
   * (present_bank() takes it). */
  if (self->open_early)
    self->opening = sb_store_opening_start (self->database_path);

  G_APPLICATION_CLASS (sb_app_parent_class)->startup (app);
  if (self->open_early)
    g_thread_unref (g_thread_new ("sb-warm-icons", warm_icons_thread,
                                  g_object_ref (gtk_icon_theme_get_for_display (gdk_display_get_default ()))));
  /* Before the first widget: controls with mnemonics get plain names. */
  sb_accessible_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "open-banks")), FALSE);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-story", new_story_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);

  /* AdwApplication loads style.css by itself; the views keep theirs apart. */
  sb_views_ensure_css_for_display (gdk_display_get_default ());
}

static void
sb_app_shutdown (GApplication *app)
{
  SbApp *self = SB_APP (app);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Started and never asked for (the command line named another bank). */
  if (self->opening != NULL)
    {
      g_autoptr(SbStore) unused = sb_store_opening_finish (g_steal_pointer (&self->opening), NULL);
    }

  for (GList *l = windows; l != NULL; l = l->next)
    if (SB_IS_WINDOW (l->data))
      sb_window_flush (SB_WINDOW (l->data));

  G_APPLICATION_CLASS (sb_app_parent_class)->shutdown (app);
}

static int
sb_app_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SbApp *self = SB_APP (app);
  const char *database = sb_cli_get_database_path (options);
  int status;

  /* Headless work is done here, in the process that was started, with or
   * without a display, and never handed to a running instance. */
  status = sb_cli_handle_local_options (options);
  if (status >= 0)
    return status;

  /* The window's bank goes to the first instance, which may run in another
   * folder: name it by its canonical path. */
  if (database != NULL)
    {
      g_autofree char *canonical = canonical_bank_path (database);

      g_variant_dict_insert (options, "database", "^ay", canonical);
      sb_app_set_database_path (self, canonical);
    }
  self->open_early = TRUE;

  return G_APPLICATION_CLASS (sb_app_parent_class)->handle_local_options (app, options);
}

static void
sb_app_finalize (GObject *object)
{
  SbApp *self = SB_APP (object);

  if (self->opening != NULL)
    {
      g_autoptr(SbStore) unused = sb_store_opening_finish (g_steal_pointer (&self->opening), NULL);
    }
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->windows_by_bank, g_hash_table_unref);

  G_OBJECT_CLASS (sb_app_parent_class)->finalize (object);
}

static void
sb_app_class_init (SbAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = sb_app_finalize;

  app_class->activate = sb_app_activate;
  app_class->startup = sb_app_startup;
  app_class->shutdown = sb_app_shutdown;
  app_class->handle_local_options = sb_app_handle_local_options;
  app_class->command_line = sb_app_command_line;

  gtk_app_class->window_removed = sb_app_window_removed;

  /* The UI resources live in static libraries: name them, or the linker drops
   * the object files that register them. */
  (void) sb_ui_get_resource ();
  (void) sb_views_get_resource ();
}

static void
sb_app_init (SbApp *self)
{
  self->windows_by_bank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sb_cli_add_options (G_APPLICATION (self));
  g_application_add_main_option (G_APPLICATION (self), "new-story", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, N_("Open the window with a new story"), NULL);
}

SbApp *
sb_app_new (void)
{
  return g_object_new (SB_TYPE_APP,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/storybank/Storybank",
                       NULL);
}

const char *
sb_app_get_database_path (SbApp *self)
{
  g_return_val_if_fail (SB_IS_APP (self), NULL);

  return self->database_path;
}

void
sb_app_set_database_path (SbApp      *self,
                          const char *path)
{
  g_return_if_fail (SB_IS_APP (self));

  if (g_strcmp0 (path, self->database_path) == 0)
    return;
  g_free (self->database_path);
  self->database_path = g_strdup (path);
}
