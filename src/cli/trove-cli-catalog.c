/* trove-cli-catalog.c: `trove-cli catalog add|rename|move|delete|set-simple-name`
 *
 * The window's catalog edits through the same TroveCatalogService, each
 * saved at once (merged with the file on disk, written safely). Each prints
 * the catalogs it leaves behind: `PATH<TAB>UUID`, one per line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-catalog-path.h"
#include "trove-catalog-service.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  const char *name;
  int n_arguments; /* after LIBRARY */
  const char *arguments;
} Edit;

static const Edit edits[] = {
  { "add", 1, N_ ("PATH") },
  { "rename", 2, N_ ("PATH NEW_NAME") },
  { "move", 2, N_ ("PATH NEW_PARENT_PATH") },
  { "delete", 1, N_ ("PATH") },
  { "set-simple-name", 2, N_ ("UUID SIMPLE_NAME") },
};

static void
print_catalog (TroveCatalog *catalog)
{
  g_print ("%s\t%s\n", trove_catalog_get_path (catalog), trove_catalog_get_uuid (catalog));
}

/* The node at @path: its catalog, or the path alone for an implicit one. */
static void
print_node (TroveCatalogService *service, const char *path)
{
  TroveCatalog *catalog = trove_catalog_service_find (service, path);

  if (catalog != NULL)
    print_catalog (catalog);
  else
    g_print ("%s\t\n", path);
}

/* The catalogs at or below @path, as they are before a delete. */
static GPtrArray *
catalogs_below (TroveCatalogService *service, const char *path)
{
  GListModel *catalogs = trove_catalog_file_get_catalogs (trove_catalog_service_get_file (service));
  g_autofree char *clean = trove_catalog_path_cleanup (path);
  GPtrArray *below = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (catalogs); i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      if (trove_catalog_path_is_contained_in (trove_catalog_get_path (catalog), clean))
        g_ptr_array_add (below, g_steal_pointer (&catalog));
    }
  return below;
}

/* Makes the edit; prints what it made. */
static gboolean
apply (TroveCatalogService *service, const Edit *edit, char **args, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) deleted = NULL;
  TroveCatalog *catalog = NULL;

  if (g_str_equal (edit->name, "add"))
    catalog = trove_catalog_service_add_path (service, args[0], error);
  else if (g_str_equal (edit->name, "set-simple-name"))
    catalog = trove_catalog_service_set_simple_name (service, args[0], args[1], error);
  else if (g_str_equal (edit->name, "rename"))
    path = trove_catalog_service_rename (service, args[0], args[1], error);
  else if (g_str_equal (edit->name, "move"))
    path = trove_catalog_service_move (service, args[0], args[1], error);
  else
    {
      deleted = catalogs_below (service, args[0]);
      if (trove_catalog_service_delete (service, args[0], error) == 0)
        return FALSE;
    }
  if (catalog == NULL && path == NULL && deleted == NULL)
    return FALSE;

  if (!trove_catalog_service_save (service, NULL, error))
    return FALSE;
  if (catalog != NULL)
    print_catalog (catalog);
  else if (path != NULL)
    print_node (service, path);
  else
    for (guint i = 0; i < deleted->len; i++)
      print_catalog (deleted->pdata[i]);
  return TRUE;
}

static const Edit *
find_edit (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
    if (g_str_equal (edits[i].name, name))
      return &edits[i];
  return NULL;
}

static int
print_catalog_usage (FILE *out)
{
  fprintf (out, "%s\n", _ ("Usage:"));
  for (gsize i = 0; i < G_N_ELEMENTS (edits); i++)
    /* Translators: LIBRARY as in the main usage text of trove-cli */
    fprintf (out, "  trove-cli catalog %s %s %s\n", edits[i].name, _ ("LIBRARY"),
             _ (edits[i].arguments));
  fprintf (out, "\n%s\n%s\n",
           /* Translators: one paragraph; the terminal wraps it */
           _ ("Each edit is saved at once into the library’s blender_assets.cats.txt, merged "
              "with any change made meanwhile."),
           /* Translators: PATH<TAB>UUID is the output format: keep <TAB> */
           _ ("Each prints PATH<TAB>UUID, one line per catalog: the catalog made, renamed, "
              "moved or changed, or for delete every catalog deleted."));
  return out == stdout ? TROVE_CLI_EXIT_OK : TROVE_CLI_EXIT_FAILURE;
}

int
trove_cli_catalog (int argc, char **argv)
{
  g_autoptr (GFile) root = NULL;
  g_autoptr (TroveCatalogService) service = NULL;
  g_autoptr (GError) error = NULL;
  const Edit *edit;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    return print_catalog_usage (stdout);
  edit = argc >= 2 ? find_edit (argv[1]) : NULL;
  if (edit == NULL || argc != 3 + edit->n_arguments)
    return print_catalog_usage (stderr);

  root = g_file_new_for_commandline_arg (argv[2]);
  if (g_file_query_file_type (root, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (root);
      /* Translators: %s is a path given on the command line. */
      g_printerr (_ ("“%s” is not a library folder\n"), name);
      return TROVE_CLI_EXIT_FAILURE;
    }

  service = trove_catalog_service_new_for_library (root);
  if (!apply (service, edit, argv + 3, &error))
    {
      g_printerr ("%s\n", error->message);
      return TROVE_CLI_EXIT_FAILURE;
    }
  return TROVE_CLI_EXIT_OK;
}
