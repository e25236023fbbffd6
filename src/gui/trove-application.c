/* trove-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-application.h"
#include "trove-window.h"

#include <glib/gi18n.h>

struct _TroveApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  TroveLibraryList *libraries;
};

G_DEFINE_FINAL_TYPE (TroveApplication, trove_application, ADW_TYPE_APPLICATION)

/**
 * trove_settings_new:
 *
 * The app's settings. Installed, the schema is in the system's schema
 * directories; run from the build folder, it is the one compiled there.
 */
GSettings *
trove_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaSource) build_source = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.trove.Trove", TRUE);
  if (schema == NULL)
    {
      build_source = g_settings_schema_source_new_from_directory (TROVE_BUILD_SCHEMAS_DIR, source,
                                                                  FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, "io.github.trove.Trove", TRUE);
    }
  if (schema == NULL)
    g_error ("The settings schema io.github.trove.Trove is not installed");
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * trove_demo_library_folder:
 *
 * The bundled demo library: $TROVE_DEMO_LIBRARY, else the installed copy,
 * else the source tree's (running from the build folder).
 */
GFile *
trove_demo_library_folder (void)
{
  const char *override = g_getenv ("TROVE_DEMO_LIBRARY");

  if (override != NULL && *override != '\0')
    return g_file_new_for_path (override);
  if (g_file_test (TROVE_DEMO_LIBRARY_DIR, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (TROVE_DEMO_LIBRARY_DIR);
  return g_file_new_for_path (TROVE_SOURCE_DEMO_LIBRARY_DIR);
}

static TroveWindow *
ensure_window (TroveApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window
        = GTK_WINDOW (trove_window_new (GTK_APPLICATION (self), self->settings, self->libraries));
  return TROVE_WINDOW (window);
}

static void
trove_application_activate (GApplication *app)
{
  TroveWindow *window = ensure_window (TROVE_APPLICATION (app));

  if (trove_window_get_library (window) == NULL)
    trove_window_show_initial_library (window);
  gtk_window_present (GTK_WINDOW (window));
}

/* `trove FOLDER` or `trove FILE.blend` shows that library. */
static void
trove_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  TroveWindow *window = ensure_window (TROVE_APPLICATION (app));

  if (n_files > 0)
    trove_window_show_location (window, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "Trove Project", NULL };

  adw_show_about_window (
      gtk_application_get_active_window (app), "application-name", _ ("Trove"), "application-icon",
      APP_ID, "developer-name", "Trove Project", "version", PACKAGE_VERSION, "comments",
      _ ("Browse and organise Blender asset libraries"), "website",
      "https://github.com/trove/trove", "issue-url", "https://github.com/trove/trove/issues",
      "license-type", GTK_LICENSE_GPL_3_0, "developers", developers,
      /* Translators: your name(s), shown in the About window */
      "translator-credits", _ ("translator-credits"), NULL);
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_activated },
  { "quit", quit_activated },
};

static void
trove_application_startup (GApplication *app)
{
  TroveApplication *self = TROVE_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (trove_application_parent_class)->startup (app);

  self->settings = trove_settings_new ();
  self->libraries = trove_library_list_new (self->settings);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
trove_application_dispose (GObject *object)
{
  TroveApplication *self = TROVE_APPLICATION (object);

  g_clear_object (&self->libraries);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trove_application_parent_class)->dispose (object);
}

static void
trove_application_class_init (TroveApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = trove_application_dispose;
  app_class->startup = trove_application_startup;
  app_class->activate = trove_application_activate;
  app_class->open = trove_application_open;
}

static void
trove_application_init (TroveApplication *self)
{
}

TroveApplication *
trove_application_new (void)
{
  return g_object_new (TROVE_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/io/github/trove/Trove",
                       NULL);
}

GSettings *
trove_application_get_settings (TroveApplication *self)
{
  g_return_val_if_fail (TROVE_IS_APPLICATION (self), NULL);
  return self->settings;
}

TroveLibraryList *
trove_application_get_libraries (TroveApplication *self)
{
  g_return_val_if_fail (TROVE_IS_APPLICATION (self), NULL);
  return self->libraries;
}
