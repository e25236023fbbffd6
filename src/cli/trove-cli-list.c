/* trove-cli-list.c: `trove-cli list [--json] PATH`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-asset.h"
#include "trove-unreadable-file.h"

#include <glib/gi18n-lib.h>

static void
add_string_or_null (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_asset (JsonBuilder *builder, TroveCliLibrary *library, TroveAsset *asset)
{
  const char *const *tags = trove_asset_get_tags (asset);
  const char *catalog_id = trove_asset_get_catalog_id (asset);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "file", trove_asset_get_file (asset));
  add_string_or_null (builder, "id_type", trove_asset_get_id_type (asset));
  add_string_or_null (builder, "name", trove_asset_get_name (asset));
  add_string_or_null (builder, "description", trove_asset_get_description (asset));
  add_string_or_null (builder, "author", trove_asset_get_author (asset));
  add_string_or_null (builder, "copyright", trove_asset_get_copyright (asset));
  add_string_or_null (builder, "license", trove_asset_get_license (asset));

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  add_string_or_null (builder, "catalog_id", catalog_id);
  add_string_or_null (builder, "catalog_simple_name", trove_asset_get_catalog_simple_name (asset));
  /* Nil and unknown UUIDs have no path: the asset is unassigned. */
  add_string_or_null (builder, "catalog_path",
                      trove_catalog_tree_get_path_for_uuid (library->tree, catalog_id));

  json_builder_set_member_name (builder, "preview");
  if (trove_asset_has_preview (asset))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, trove_asset_get_preview_width (asset));
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, trove_asset_get_preview_height (asset));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
print_json (TroveCliLibrary *library)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "library", library->root_path);

  json_builder_set_member_name (builder, "assets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < library->assets->len; i++)
    add_asset (builder, library, library->assets->pdata[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < library->unreadable->len; i++)
    {
      TroveUnreadableFile *bad = library->unreadable->pdata[i];
      json_builder_begin_object (builder);
      add_string_or_null (builder, "file", trove_unreadable_file_get_file (bad));
      add_string_or_null (builder, "message", trove_unreadable_file_get_message (bad));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  trove_cli_print_json (root);
}

static char *
format_preview (TroveAsset *asset)
{
  if (!trove_asset_has_preview (asset))
    return g_strdup ("-");
  return g_strdup_printf ("%u×%u", trove_asset_get_preview_width (asset),
                          trove_asset_get_preview_height (asset));
}

/* Pads to @width characters (printf pads bytes, which misaligns UTF-8). */
static void
append_padded (GString *line, const char *text, guint width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = length; i < (glong)width; i++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
}

static void
print_row (
    const char *type, const char *name, const char *catalog, const char *preview, const char *file)
{
  g_autoptr (GString) line = g_string_new (NULL);

  append_padded (line, type, 4);
  append_padded (line, name, 32);
  append_padded (line, catalog, 28);
  append_padded (line, preview, 9);
  g_string_append (line, file);
  g_print ("%s\n", line->str);
}

static void
print_table (TroveCliLibrary *library)
{
  g_print (_ ("Library: %s\n\n"), library->root_path);
  print_row (_ ("TYPE"), _ ("NAME"), _ ("CATALOG"), _ ("PREVIEW"), _ ("FILE"));
  for (guint i = 0; i < library->assets->len; i++)
    {
      TroveAsset *asset = library->assets->pdata[i];
      const char *path = trove_catalog_tree_get_path_for_uuid (library->tree,
                                                               trove_asset_get_catalog_id (asset));
      g_autofree char *preview = format_preview (asset);

      print_row (trove_asset_get_id_type (asset), trove_asset_get_name (asset),
                 path != NULL ? path : _ ("(unassigned)"), preview, trove_asset_get_file (asset));
    }

  if (library->unreadable->len > 0)
    {
      g_print (_ ("\nUnreadable files:\n"));
      for (guint i = 0; i < library->unreadable->len; i++)
        g_print ("  %s\n", trove_unreadable_file_get_message (library->unreadable->pdata[i]));
    }

  g_print (ngettext ("\n%u asset", "\n%u assets", library->assets->len), library->assets->len);
  g_print (ngettext (", %u unreadable file\n", ", %u unreadable files\n", library->unreadable->len),
           library->unreadable->len);
}

int
trove_cli_list (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("PATH — list the assets"));
  g_autoptr (TroveCliLibrary) library = NULL;
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return trove_cli_usage_error (context, error->message);
  if (argc != 2)
    return trove_cli_usage_error (context, _ ("Expected one PATH."));

  library = trove_cli_library_load (argv[1], &error);
  if (library == NULL)
    {
      g_printerr (_ ("Cannot scan: %s\n"), error->message);
      return TROVE_CLI_EXIT_FAILURE;
    }

  if (json)
    print_json (library);
  else
    print_table (library);
  return TROVE_CLI_EXIT_OK;
}
