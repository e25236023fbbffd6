/* trove-cli.h: shared by the trove-cli subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "trove-catalog-tree.h"
#include "trove-scanner.h"

G_BEGIN_DECLS

/* Exit statuses: 0 when the path could be scanned (per-file errors are
 * listed, not fatal), 1 for bad usage or an unreadable path. */
#define TROVE_CLI_EXIT_OK 0
#define TROVE_CLI_EXIT_FAILURE 1

typedef struct
{
  TroveScanner *scanner;
  TroveCatalogFile *catalog_file;
  TroveCatalogTree *tree;
  GPtrArray *assets;     /* sorted TroveAsset */
  GPtrArray *unreadable; /* sorted TroveUnreadableFile */
  char *root_path;       /* absolute, UTF-8 for display */
} TroveCliLibrary;

TroveCliLibrary *trove_cli_library_load (const char *path, GError **error);
void trove_cli_library_free (TroveCliLibrary *library);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TroveCliLibrary, trove_cli_library_free)

void trove_cli_print_json (JsonNode *root);
int trove_cli_usage_error (GOptionContext *context, const char *message);

typedef void (*TroveCliPrinter) (TroveCliLibrary *library);

int trove_cli_run_library_command (int argc,
                                   char **argv,
                                   const char *parameter_summary,
                                   TroveCliPrinter print_json,
                                   TroveCliPrinter print_text);

int trove_cli_list (int argc, char **argv);
int trove_cli_catalogs (int argc, char **argv);
int trove_cli_catalog (int argc, char **argv);
int trove_cli_preview (int argc, char **argv);
int trove_cli_thumbnail (int argc, char **argv);
int trove_cli_set (int argc, char **argv);

G_END_DECLS
