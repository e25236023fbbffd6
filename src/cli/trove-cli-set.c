/* trove-cli-set.c: `trove-cli set`, edits asset metadata in a .blend file
 *
 *   trove-cli set FILE.blend ID_TYPE NAME [--asset ID_TYPE NAME]…
 *                 [--description S] [--author S] [--copyright S] [--license S]
 *                 [--add-tag T]… [--remove-tag T]… [--catalog UUID|PATH|none]
 *                 [--no-backup]
 *
 * Every selected asset gets the same changes, all written in one rewrite of
 * the file, through the writer the window uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-blend-writer.h"
#include "trove-catalog-file.h"
#include "trove-catalog-path.h"
#include "trove-catalog.h"
#include "trove-uuid.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CATALOG_FILE_NAME "blender_assets.cats.txt"

typedef struct
{
  char *description;
  char *author;
  char *copyright;
  char *license;
  char **add_tags;
  char **remove_tags;
  char *catalog;
  gboolean no_backup;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->description);
  g_free (o->author);
  g_free (o->copyright);
  g_free (o->license);
  g_strfreev (o->add_tags);
  g_strfreev (o->remove_tags);
  g_free (o->catalog);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* Takes every `--asset ID_TYPE NAME` out of argv (GOption options take one
 * value), appending the pairs to @selection. */
static gboolean
take_asset_options (int *argc, char **argv, GPtrArray *selection)
{
  int out = 0;

  for (int i = 0; i < *argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (strcmp (argv[i], "--asset") != 0)
        {
          argv[out++] = argv[i];
          continue;
        }
      if (i + 2 >= *argc)
        return FALSE;
      g_ptr_array_add (selection, argv[i + 1]);
      g_ptr_array_add (selection, argv[i + 2]);
      i += 2;
    }
  *argc = out;
  argv[out] = NULL;
  return TRUE;
}

/* Blender finds a file's catalogs in the nearest folder above it that has a
 * catalog file. */
static TroveCatalogFile *
find_catalog_file (const char *blend_path)
{
  g_autofree char *absolute = g_canonicalize_filename (blend_path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);

  for (;;)
    {
      g_autofree char *candidate = g_build_filename (dir, CATALOG_FILE_NAME, NULL);
      g_autofree char *parent = NULL;

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr (GFile) file = g_file_new_for_path (candidate);
          return trove_catalog_file_load (file);
        }
      parent = g_path_get_dirname (dir);
      if (strcmp (parent, dir) == 0)
        return NULL;
      g_free (dir);
      dir = g_steal_pointer (&parent);
    }
}

static TroveCatalog *
find_catalog (TroveCatalogFile *file, const char *uuid_or_path)
{
  GListModel *catalogs = trove_catalog_file_get_catalogs (file);
  g_autofree char *clean = trove_catalog_path_cleanup (uuid_or_path);
  TroveUuid uuid;

  if (trove_uuid_parse (uuid_or_path, &uuid))
    return trove_catalog_file_lookup (file, uuid_or_path);
  for (guint i = 0; i < g_list_model_get_n_items (catalogs); i++)
    {
      g_autoptr (TroveCatalog) catalog = g_list_model_get_item (catalogs, i);
      if (strcmp (trove_catalog_get_path (catalog), clean) == 0)
        return catalog;
    }
  return NULL;
}

/* Resolves --catalog to a UUID and simple name. */
static gboolean
resolve_catalog (const char *blend_path,
                 const char *value,
                 char **uuid_out,
                 char **simple_name_out,
                 GError **error)
{
  g_autoptr (TroveCatalogFile) file = NULL;
  TroveCatalog *catalog = NULL;
  TroveUuid uuid;

  if (strcmp (value, "none") == 0)
    return TRUE;
  file = find_catalog_file (blend_path);
  if (file != NULL)
    catalog = find_catalog (file, value);
  if (catalog != NULL)
    {
      *uuid_out = g_strdup (trove_catalog_get_uuid (catalog));
      *simple_name_out = g_strdup (trove_catalog_get_simple_name (catalog));
      return TRUE;
    }
  if (trove_uuid_parse (value, &uuid))
    {
      /* Blender accepts a catalog it does not know; so does Trove, without
       * a simple name, but it says so. */
      g_printerr (_ ("Warning: no catalog file above “%s” defines the catalog %s.\n"), blend_path,
                  value);
      *uuid_out = g_strdup (value);
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _ ("No catalog “%s” in the library of “%s” (create it with “trove-cli catalog "
                  "add”)"),
               value, blend_path);
  return FALSE;
}

static void
fill_edit (TroveAssetEdit *edit, Options *o, const char *catalog_uuid, const char *simple_name)
{
  if (o->description != NULL)
    trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_DESCRIPTION, o->description);
  if (o->author != NULL)
    trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_AUTHOR, o->author);
  if (o->copyright != NULL)
    trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_COPYRIGHT, o->copyright);
  if (o->license != NULL)
    trove_asset_edit_set_string (edit, TROVE_ASSET_FIELD_LICENSE, o->license);
  for (guint i = 0; o->remove_tags != NULL && o->remove_tags[i] != NULL; i++)
    trove_asset_edit_remove_tag (edit, o->remove_tags[i]);
  for (guint i = 0; o->add_tags != NULL && o->add_tags[i] != NULL; i++)
    trove_asset_edit_add_tag (edit, o->add_tags[i]);
  if (o->catalog != NULL)
    trove_asset_edit_set_catalog (edit, catalog_uuid, simple_name);
}

static int
write_edits (const char *path, GPtrArray *selection, Options *o)
{
  g_autoptr (GPtrArray) edits
      = g_ptr_array_new_with_free_func ((GDestroyNotify)trove_asset_edit_unref);
  g_autofree char *catalog_uuid = NULL, *simple_name = NULL;
  g_autoptr (GError) error = NULL;
  gboolean written = FALSE;

  if (o->catalog != NULL
      && !resolve_catalog (path, o->catalog, &catalog_uuid, &simple_name, &error))
    {
      g_printerr ("%s\n", error->message);
      return TROVE_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i + 1 < selection->len; i += 2)
    {
      TroveAssetEdit *edit = trove_asset_edit_new (selection->pdata[i], selection->pdata[i + 1]);
      fill_edit (edit, o, catalog_uuid, simple_name);
      g_ptr_array_add (edits, edit);
    }

  if (!trove_blend_write_edits (
          path, edits, o->no_backup ? TROVE_BLEND_WRITE_NO_BACKUP : TROVE_BLEND_WRITE_DEFAULT,
          &written, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return TROVE_CLI_EXIT_FAILURE;
    }
  if (written)
    g_print (_ ("%s: saved\n"), path);
  else
    g_print (_ ("%s: unchanged, every value was already as asked\n"), path);
  return TROVE_CLI_EXIT_OK;
}

int
trove_cli_set (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  GOptionEntry entries[] = {
    { "description", 0, 0, G_OPTION_ARG_STRING, &o.description, N_ ("Set the description"),
      N_ ("TEXT") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &o.author, N_ ("Set the author"), N_ ("TEXT") },
    { "copyright", 0, 0, G_OPTION_ARG_STRING, &o.copyright,
      N_ ("Set the copyright (files from Blender 3.5 or newer)"), N_ ("TEXT") },
    { "license", 0, 0, G_OPTION_ARG_STRING, &o.license,
      N_ ("Set the license (files from Blender 3.5 or newer)"), N_ ("TEXT") },
    { "add-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.add_tags, N_ ("Add a tag (repeatable)"),
      N_ ("TAG") },
    { "remove-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.remove_tags,
      N_ ("Remove a tag (repeatable)"), N_ ("TAG") },
    { "catalog", 0, 0, G_OPTION_ARG_STRING, &o.catalog,
      N_ ("Assign a catalog by UUID or path, or “none”"), N_ ("UUID|PATH|none") },
    { "no-backup", 0, 0, G_OPTION_ARG_NONE, &o.no_backup,
      N_ ("Do not keep the previous version as FILE.blend1"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) selection = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;

  context = g_option_context_new (_ ("FILE.blend ID_TYPE NAME [--asset ID_TYPE NAME]…"));
  g_option_context_set_summary (context, _ ("Edits the metadata of assets in a .blend file. Every "
                                            "selected asset gets the same changes; an empty text "
                                            "removes a field. The previous version is kept as "
                                            "FILE.blend1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!take_asset_options (&argc, argv, selection))
    return trove_cli_usage_error (context, _ ("--asset needs an ID type and a name"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return trove_cli_usage_error (context, error->message);
  if (argc != 4)
    return trove_cli_usage_error (context, _ ("Give one file, an ID type and a name"));

  g_ptr_array_insert (selection, 0, argv[3]);
  g_ptr_array_insert (selection, 0, argv[2]);
  return write_edits (argv[1], selection, &o);
}
