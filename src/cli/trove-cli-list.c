/* trove-cli-list.c: `trove-cli list [--json] PATH`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-asset.h"
#include "trove-cli-json.h"
#include "trove-unreadable-file.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

static void
add_tags (GString *out, const char *const *tags)
{
  g_string_append_c (out, '[');
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      trove_cli_json_string (out, tags[i]);
    }
  g_string_append_c (out, ']');
}

static void
add_asset (GString *out, TroveCliLibrary *library, TroveAsset *asset)
{
  const char *catalog_id = trove_asset_get_catalog_id (asset);

  /* Keys in the order the issue fixes. */
  g_string_append_c (out, '{');
  trove_cli_json_member (out, TRUE, "file");
  trove_cli_json_string (out, trove_asset_get_file (asset));
  trove_cli_json_member (out, FALSE, "id_type");
  trove_cli_json_string (out, trove_asset_get_id_type (asset));
  trove_cli_json_member (out, FALSE, "name");
  trove_cli_json_string (out, trove_asset_get_name (asset));
  trove_cli_json_member (out, FALSE, "description");
  trove_cli_json_string (out, trove_asset_get_description (asset));
  trove_cli_json_member (out, FALSE, "author");
  trove_cli_json_string (out, trove_asset_get_author (asset));
  trove_cli_json_member (out, FALSE, "copyright");
  trove_cli_json_string (out, trove_asset_get_copyright (asset));
  trove_cli_json_member (out, FALSE, "license");
  trove_cli_json_string (out, trove_asset_get_license (asset));
  trove_cli_json_member (out, FALSE, "tags");
  add_tags (out, trove_asset_get_tags (asset));
  trove_cli_json_member (out, FALSE, "catalog_id");
  trove_cli_json_string (out, catalog_id);
  trove_cli_json_member (out, FALSE, "catalog_simple_name");
  trove_cli_json_string (out, trove_asset_get_catalog_simple_name (asset));
  /* Nil and unknown UUIDs have no path: the asset is unassigned. */
  trove_cli_json_member (out, FALSE, "catalog_path");
  trove_cli_json_string_or_null (out,
                                 trove_catalog_tree_get_path_for_uuid (library->tree, catalog_id));
  trove_cli_json_member (out, FALSE, "preview");
  if (trove_asset_has_preview (asset))
    g_string_append_printf (out, "{\"width\": %u, \"height\": %u}",
                            trove_asset_get_preview_width (asset),
                            trove_asset_get_preview_height (asset));
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
}

static void
add_unreadable (GString *out, TroveUnreadableFile *bad)
{
  g_string_append_c (out, '{');
  trove_cli_json_member (out, TRUE, "file");
  trove_cli_json_string (out, trove_unreadable_file_get_file (bad));
  trove_cli_json_member (out, FALSE, "message");
  trove_cli_json_string (out, trove_unreadable_file_get_message (bad));
  g_string_append_c (out, '}');
}

/* One asset per line, so that the output greps and diffs well. */
static void
print_json (TroveCliLibrary *library)
{
  g_autoptr (GString) out = g_string_sized_new (512 * (library->assets->len + 1));

  g_string_append_c (out, '{');
  trove_cli_json_member (out, TRUE, "library");
  trove_cli_json_string (out, library->root_path);
  g_string_append (out, ",\n \"assets\": [");
  for (guint i = 0; i < library->assets->len; i++)
    {
      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      add_asset (out, library, library->assets->pdata[i]);
    }
  g_string_append (out, library->assets->len > 0 ? "\n ],\n \"errors\": [" : "],\n \"errors\": [");
  for (guint i = 0; i < library->unreadable->len; i++)
    {
      g_string_append (out, i == 0 ? "\n  " : ",\n  ");
      add_unreadable (out, library->unreadable->pdata[i]);
    }
  g_string_append (out, library->unreadable->len > 0 ? "\n ]}\n" : "]}\n");
  fwrite (out->str, 1, out->len, stdout);
}

static char *
format_preview (TroveAsset *asset)
{
  if (!trove_asset_has_preview (asset))
    return g_strdup ("-");
  return g_strdup_printf ("%u×%u", trove_asset_get_preview_width (asset),
                          trove_asset_get_preview_height (asset));
}

/* Terminal columns @text takes: CJK characters take two, combining marks none. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Pads to @width columns (printf pads bytes, which misaligns UTF-8). */
static void
append_padded (GString *line, const char *text, guint width)
{
  g_string_append (line, text);
  for (guint i = display_width (text); i < width; i++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
}

enum
{
  COLUMN_TYPE,
  COLUMN_NAME,
  COLUMN_CATALOG,
  COLUMN_PREVIEW,
  N_PADDED_COLUMNS
};

static void
print_row (const guint widths[N_PADDED_COLUMNS],
           const char *type,
           const char *name,
           const char *catalog,
           const char *preview,
           const char *file)
{
  g_autoptr (GString) line = g_string_new (NULL);

  append_padded (line, type, widths[COLUMN_TYPE]);
  append_padded (line, name, widths[COLUMN_NAME]);
  append_padded (line, catalog, widths[COLUMN_CATALOG]);
  append_padded (line, preview, widths[COLUMN_PREVIEW]);
  g_string_append (line, file);
  g_print ("%s\n", line->str);
}

static void
print_table (TroveCliLibrary *library)
{
  /* Columns fit their data's usual width, or the translated heading if wider. */
  const char *headings[] = { _ ("TYPE"), _ ("NAME"), _ ("CATALOG"), _ ("PREVIEW") };
  guint widths[N_PADDED_COLUMNS] = { 4, 32, 28, 9 };

  for (guint i = 0; i < N_PADDED_COLUMNS; i++)
    widths[i] = MAX (widths[i], display_width (headings[i]));
  g_print (_ ("Library: %s\n\n"), library->root_path);
  print_row (widths, headings[COLUMN_TYPE], headings[COLUMN_NAME], headings[COLUMN_CATALOG],
             headings[COLUMN_PREVIEW], _ ("FILE"));
  for (guint i = 0; i < library->assets->len; i++)
    {
      TroveAsset *asset = library->assets->pdata[i];
      const char *path = trove_catalog_tree_get_path_for_uuid (library->tree,
                                                               trove_asset_get_catalog_id (asset));
      g_autofree char *preview = format_preview (asset);

      print_row (widths, trove_asset_get_id_type (asset), trove_asset_get_name (asset),
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
  return trove_cli_run_library_command (argc, argv, _ ("PATH — list the assets"), print_json,
                                        print_table);
}
