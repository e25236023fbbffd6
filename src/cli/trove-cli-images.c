/* trove-cli-images.c: `trove-cli preview` and `trove-cli thumbnail`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-blend-file.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static int
save_image (TroveImage *image, const char *output, GError *error)
{
  g_autoptr (GError) save_error = NULL;

  if (image == NULL)
    {
      g_printerr ("%s\n", error->message);
      g_error_free (error);
      return TROVE_CLI_EXIT_FAILURE;
    }
  if (!trove_image_save_png (image, output, &save_error))
    {
      g_printerr ("%s\n", save_error->message);
      return TROVE_CLI_EXIT_FAILURE;
    }
  return TROVE_CLI_EXIT_OK;
}

int
trove_cli_preview (int argc, char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the PNG here"), N_ ("OUT.png") },
    { NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new (_ ("FILE.blend ID_TYPE NAME — save an asset's preview as PNG"));
  g_autoptr (TroveImage) image = NULL;
  GError *error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      int status = trove_cli_usage_error (context, error->message);
      g_error_free (error);
      return status;
    }
  if (argc != 4 || output == NULL)
    return trove_cli_usage_error (context, _ ("Expected FILE.blend ID_TYPE NAME and -o OUT.png."));
  if (strlen (argv[2]) != 2)
    return trove_cli_usage_error (context, _ ("ID_TYPE is a two-letter code such as OB or MA."));

  image = trove_blend_file_load_asset_preview (argv[1], argv[2], argv[3], NULL, NULL, &error);
  return save_image (image, output, error);
}

int
trove_cli_thumbnail (int argc, char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the PNG here"), N_ ("OUT.png") },
    { NULL },
  };
  g_autoptr (GOptionContext) context
      = g_option_context_new (_ ("FILE.blend — save the file's thumbnail as PNG"));
  g_autoptr (TroveImage) image = NULL;
  GError *error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      int status = trove_cli_usage_error (context, error->message);
      g_error_free (error);
      return status;
    }
  if (argc != 2 || output == NULL)
    return trove_cli_usage_error (context, _ ("Expected FILE.blend and -o OUT.png."));

  image = trove_blend_file_load_thumbnail (argv[1], &error);
  return save_image (image, output, error);
}
