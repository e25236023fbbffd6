/* trove-cli-images.c: `trove-cli preview` and `trove-cli thumbnail`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-cli.h"
#include "trove-blend-file.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Takes ownership of @image and @error. */
static int
save_image (TroveImage *image, const char *output, GError *error)
{
  g_autoptr (TroveImage) owned = image;
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

/* GOption leaves "--" in argv; it is how a name starting with "-" is given. */
static void
remove_option_terminator (int *argc, char **argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal (argv[i], "--"))
      {
        memmove (argv + i, argv + i + 1, (size_t)(*argc - i) * sizeof (char *));
        (*argc)--;
        return;
      }
}

/* Parses `-o OUT.png` and checks the number of positional arguments. */
static gboolean
parse_image_options (int *argc,
                     char ***argv,
                     const char *parameter_summary,
                     int n_arguments,
                     const char *expected,
                     char **output,
                     int *status)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, output, N_ ("Write the PNG here"), N_ ("OUT.png") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (parameter_summary);
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = trove_cli_usage_error (context, error->message);
      return FALSE;
    }
  remove_option_terminator (argc, *argv);
  if (*argc != n_arguments + 1 || *output == NULL)
    {
      *status = trove_cli_usage_error (context, expected);
      return FALSE;
    }
  if (n_arguments == 3 && strlen ((*argv)[2]) != 2)
    {
      *status
          = trove_cli_usage_error (context, _ ("ID_TYPE is a two-letter code such as OB or MA."));
      return FALSE;
    }
  return TRUE;
}

int
trove_cli_preview (int argc, char **argv)
{
  g_autofree char *output = NULL;
  GError *error = NULL;
  TroveImage *image;
  int status;

  if (!parse_image_options (
          &argc, &argv, _ ("FILE.blend ID_TYPE NAME — save an asset's preview as PNG"), 3,
          _ ("Expected FILE.blend ID_TYPE NAME and -o OUT.png."), &output, &status))
    return status;

  image = trove_blend_file_load_asset_preview (argv[1], argv[2], argv[3], NULL, NULL, &error);
  return save_image (image, output, error);
}

int
trove_cli_thumbnail (int argc, char **argv)
{
  g_autofree char *output = NULL;
  GError *error = NULL;
  TroveImage *image;
  int status;

  if (!parse_image_options (&argc, &argv, _ ("FILE.blend — save the file's thumbnail as PNG"), 1,
                            _ ("Expected FILE.blend and -o OUT.png."), &output, &status))
    return status;

  image = trove_blend_file_load_thumbnail (argv[1], &error);
  return save_image (image, output, error);
}
