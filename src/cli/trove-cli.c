/* trove-cli.c: Trove's command-line front end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-asset.h"
#include "trove-unreadable-file.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  GMainLoop *loop;
  GError *error;
} ScanWait;

/* On a terminal, long scans show how far they are (on stderr, so that
 * redirected output stays clean). */
static void
progress_cb (TroveScanner *scanner, GParamSpec *pspec, gpointer user_data)
{
  guint total = trove_scanner_get_n_files (scanner);

  /* The carriage return rewrites the line in place; it is no translator's business. */
  g_printerr ("\r");
  g_printerr (ngettext ("Reading %u of %u file…", "Reading %u of %u files…", total),
              trove_scanner_get_n_files_done (scanner), total);
}

static void
scan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ScanWait *wait = user_data;

  trove_scanner_scan_finish (TROVE_SCANNER (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static GPtrArray *
sorted_items (GListModel *model, GCompareFunc compare)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  g_ptr_array_sort (items, compare);
  return items;
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_assets (gconstpointer a, gconstpointer b)
{
  return trove_asset_compare (*(TroveAsset **)a, *(TroveAsset **)b);
}

static int
compare_unreadable (gconstpointer a, gconstpointer b)
{
  return strcmp (trove_unreadable_file_get_file (*(TroveUnreadableFile **)a),
                 trove_unreadable_file_get_file (*(TroveUnreadableFile **)b));
}

static void
warn_about_catalog_file (TroveCatalogFile *file)
{
  const GError *error = trove_catalog_file_get_error (file);
  const char *const *warnings = trove_catalog_file_get_warnings (file);

  if (error != NULL)
    g_printerr (_ ("Warning: %s\n"), error->message);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr (_ ("Warning: %s\n"), warnings[i]);
}

/**
 * trove_cli_library_load:
 * @path: a library folder or one .blend file
 *
 * Scans the library and reads its catalog file, blocking until done.
 */
TroveCliLibrary *
trove_cli_library_load (const char *path, GError **error)
{
  g_autoptr (TroveCliLibrary) library = g_new0 (TroveCliLibrary, 1);
  g_autoptr (GFile) location = g_file_new_for_commandline_arg (path);
  g_autoptr (GFile) catalog_location = NULL;
  g_autofree char *root = NULL;
  ScanWait wait = { g_main_loop_new (NULL, FALSE), NULL };

  gboolean show_progress = isatty (STDERR_FILENO);

  library->scanner = trove_scanner_new (location);
  if (show_progress)
    g_signal_connect (library->scanner, "notify::n-files-done", G_CALLBACK (progress_cb), NULL);
  trove_scanner_scan_async (library->scanner, NULL, scan_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (show_progress)
    {
      g_signal_handlers_disconnect_by_func (library->scanner, progress_cb, NULL);
      g_printerr ("\r\033[K"); /* clear the progress line */
    }
  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return NULL;
    }

  root = g_file_get_path (trove_scanner_get_root (library->scanner));
  library->root_path = g_filename_display_name (root);
  catalog_location
      = g_file_get_child (trove_scanner_get_root (library->scanner), TROVE_CATALOG_FILE_NAME);
  library->catalog_file = trove_catalog_file_load (catalog_location);
  warn_about_catalog_file (library->catalog_file);
  library->tree = trove_catalog_tree_new (library->catalog_file);
  trove_catalog_tree_count_assets (library->tree, trove_scanner_get_assets (library->scanner));

  library->assets = sorted_items (trove_scanner_get_assets (library->scanner), compare_assets);
  library->unreadable
      = sorted_items (trove_scanner_get_unreadable_files (library->scanner), compare_unreadable);
  return g_steal_pointer (&library);
}

void
trove_cli_library_free (TroveCliLibrary *library)
{
  if (library == NULL)
    return;
  g_clear_pointer (&library->assets, g_ptr_array_unref);
  g_clear_pointer (&library->unreadable, g_ptr_array_unref);
  g_clear_object (&library->tree);
  g_clear_object (&library->catalog_file);
  g_clear_object (&library->scanner);
  g_free (library->root_path);
  g_free (library);
}

void
trove_cli_print_json (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GString) out = g_string_new (NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
}

int
trove_cli_usage_error (GOptionContext *context, const char *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s\n\n%s", message, help);
  return TROVE_CLI_EXIT_FAILURE;
}

/**
 * trove_cli_run_library_command:
 * @parameter_summary: e.g. "PATH — list the assets"
 *
 * The shape shared by `list` and `catalogs`: an optional --json, one library
 * path, a scan, then one of two printers.
 */
int
trove_cli_run_library_command (int argc,
                               char **argv,
                               const char *parameter_summary,
                               TroveCliPrinter print_json,
                               TroveCliPrinter print_text)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (parameter_summary);
  g_autoptr (TroveCliLibrary) library = NULL;
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return trove_cli_usage_error (context, error->message);
  if (argc != 2)
    return trove_cli_usage_error (context, _ ("Expected one library folder or .blend file."));

  library = trove_cli_library_load (argv[1], &error);
  if (library == NULL)
    {
      g_printerr (_ ("Cannot scan: %s\n"), error->message);
      return TROVE_CLI_EXIT_FAILURE;
    }

  (json ? print_json : print_text) (library);
  return TROVE_CLI_EXIT_OK;
}

static int
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _ ("Usage:\n"
              "  trove-cli list [--json] PATH\n"
              "  trove-cli catalogs [--json] LIBRARY\n"
              "  trove-cli catalog add|rename|move|delete|set-simple-name LIBRARY …\n"
              "  trove-cli preview -o OUT.png [--] FILE.blend ID_TYPE NAME\n"
              "  trove-cli thumbnail FILE.blend -o OUT.png\n"
              "  trove-cli set FILE.blend ID_TYPE NAME [--asset ID_TYPE NAME]… [OPTION…]\n"
              "\n"
              "PATH is a Blender asset library folder or one .blend file.\n"
              "Run “trove-cli COMMAND --help” for the options of a command.\n"));
  return out == stdout ? TROVE_CLI_EXIT_OK : TROVE_CLI_EXIT_FAILURE;
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } commands[] = {
    { "list", trove_cli_list },           { "catalogs", trove_cli_catalogs },
    { "catalog", trove_cli_catalog },     { "preview", trove_cli_preview },
    { "thumbnail", trove_cli_thumbnail }, { "set", trove_cli_set },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("trove-cli");

  if (argc < 2)
    return print_usage (stderr);
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    return print_usage (stdout);
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("trove-cli %s\n", PACKAGE_VERSION);
      return TROVE_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_ ("Unknown command “%s”.\n\n"), argv[1]);
  return print_usage (stderr);
}
