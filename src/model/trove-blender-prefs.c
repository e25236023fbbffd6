/* trove-blender-prefs.c: the asset libraries registered in Blender's preferences
 *
 * Blender keeps its preferences in `<config>/blender/<major.minor>/config/
 * userpref.blend`, one folder per version. The file is an ordinary .blend
 * whose USER block holds the UserDef struct; UserDef.asset_libraries is a
 * ListBase of bUserAssetLibrary (name, path) in the DATA blocks that follow
 * the USER block, resolved like any other pointer (read_userdef in
 * readfile.cc, BLO_read_list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-blender-prefs.h"
#include "trove-blend-file-private.h"
#include "trove-error.h"
#include "trove-library.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

/* --- finding the newest preferences --- */

/* Parses a version folder name: digits, a dot, digits ("3.6", "4.10"). */
static gboolean
parse_version (const char *name, guint64 *major, guint64 *minor)
{
  g_auto (GStrv) parts = g_strsplit (name, ".", -1);

  if (g_strv_length (parts) != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      /* g_ascii_string_to_unsigned() would accept a sign or leading spaces. */
      if (parts[i][0] == '\0' || strspn (parts[i], "0123456789") != strlen (parts[i]))
        return FALSE;
    }
  return g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT32, major, NULL)
         && g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, minor, NULL);
}

/* Blender's own configuration folder, when the caller names none. */
static char *
default_config_dir (void)
{
  /* Inside a Flatpak sandbox XDG_CONFIG_HOME is the app's private folder;
   * Flatpak passes the user's real one as HOST_XDG_CONFIG_HOME. */
  const char *host = g_getenv ("HOST_XDG_CONFIG_HOME");

  if (host != NULL && g_path_is_absolute (host))
    return g_build_filename (host, "blender", NULL);
  return g_build_filename (g_get_user_config_dir (), "blender", NULL);
}

/**
 * trove_blender_prefs_find_newest:
 * @config_dir: (nullable): Blender's configuration folder, holding one
 *   folder per version; NULL for `$XDG_CONFIG_HOME/blender`
 *
 * Finds the preferences of the newest Blender version that has saved any:
 * version folders are compared numerically (4.10 is newer than 4.9), and a
 * version without `config/userpref.blend` is passed over. Folders that are
 * not named like a version are ignored.
 *
 * Returns: (transfer full) (nullable): the path of that userpref.blend
 */
char *
trove_blender_prefs_find_newest (const char *config_dir)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *best = NULL;
  g_autoptr (GDir) dir = NULL;
  guint64 best_major = 0, best_minor = 0;
  const char *name;

  if (config_dir == NULL)
    config_dir = default_dir = default_config_dir ();

  dir = g_dir_open (config_dir, 0, NULL);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      guint64 major, minor;

      if (!parse_version (name, &major, &minor))
        continue;
      if (best != NULL && (major < best_major || (major == best_major && minor <= best_minor)))
        continue;
      path = g_build_filename (config_dir, name, "config", "userpref.blend", NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      g_free (best);
      best = g_steal_pointer (&path);
      best_major = major;
      best_minor = minor;
    }
  return g_steal_pointer (&best);
}

/* --- reading the libraries --- */

typedef struct
{
  TroveBlendFile *file;
  TroveBlendRun run; /* the USER block's DATA blocks */
  GPtrArray *libraries;
} Reader;

/* Reads the folder of a bUserAssetLibrary. Files store the static member
 * name `path`; `dirpath` is its runtime name, accepted in case a future
 * Blender writes that. */
static char *
read_library_path (TroveBlendStruct *library)
{
  char *path = _trove_blend_struct_get_chars (library, "path");

  if (path == NULL)
    path = _trove_blend_struct_get_chars (library, "dirpath");
  return path;
}

/* Turns one bUserAssetLibrary into a TroveLibrary, or NULL for an entry
 * that names no usable folder. */
static TroveLibrary *
make_library (const char *raw_name, const char *path)
{
  g_autofree char *name = g_utf8_make_valid (raw_name, -1);
  g_autoptr (GFile) folder = NULL;

  /* Blender lets a library have an empty path, and stores what it is given
   * ("~/assets", "//assets"): neither names a folder Trove could find. The
   * path is kept as bytes: it is a file name, not text. */
  if (!g_path_is_absolute (path))
    {
      g_debug ("Skipping Blender’s asset library “%s”: its path “%s” is not absolute", name, path);
      return NULL;
    }
  folder = g_file_new_for_path (path);
  if (name[0] == '\0')
    {
      g_free (name);
      name = trove_library_default_name (folder);
    }
  return trove_library_new (name, folder);
}

static gboolean
read_library (Reader *r, const TroveBHead *bhead, guint64 *next, GError **error)
{
  g_auto (TroveBlendStruct) library = { 0 };
  g_autofree char *name = NULL, *path = NULL;
  TroveLibrary *made;

  if (!_trove_blend_struct_read (r->file, bhead, "bUserAssetLibrary", &library, error))
    return FALSE;
  name = _trove_blend_struct_get_chars (&library, "name");
  path = read_library_path (&library);
  if (name == NULL || path == NULL)
    {
      _trove_blend_file_set_error (
          r->file, error, TROVE_ERROR_UNSUPPORTED,
          _ ("the asset library at offset %" PRIu64 " has no name or path Trove knows"),
          bhead->offset);
      return FALSE;
    }

  made = make_library (name, path);
  if (made != NULL)
    g_ptr_array_add (r->libraries, made);
  if (!_trove_blend_struct_get_uint (&library, "next", 0, next))
    *next = 0;
  return TRUE;
}

/* Follows asset_libraries.first and next, stopping at the first pointer
 * that does not resolve, as BLO_read_list does. Blender would loop forever
 * on a cycle; Trove reports the file as corrupt. */
static gboolean
read_library_list (Reader *r, TroveBlendStruct *userdef, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  const TroveBHead *bhead;
  guint64 old = 0;

  if (!_trove_blend_struct_get_uint (userdef, "asset_libraries.first", 0, &old))
    return TRUE; /* Preferences from before asset libraries (3.0). */

  while ((bhead = _trove_blend_run_lookup (&r->run, old)) != NULL)
    {
      if (!g_hash_table_add (seen, (gpointer)bhead))
        {
          _trove_blend_file_set_error (
              r->file, error, TROVE_ERROR_CORRUPT,
              _ ("the list of asset libraries at offset %" PRIu64 " loops back on itself"),
              bhead->offset);
          return FALSE;
        }
      if (!read_library (r, bhead, &old, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * trove_blender_prefs_read_libraries:
 * @userpref_path: a userpref.blend
 *
 * Reads the asset libraries registered in Blender's preferences, in
 * Blender's order. Entries whose path is empty or not absolute are skipped;
 * an entry without a name gets its folder's name. Names are made valid
 * UTF-8; paths are file names and kept as they are. The same folder may be
 * listed twice (Blender allows it). Fails with %TROVE_ERROR_NOT_FOUND for a
 * .blend file that is not a preferences file, and with the reader's errors
 * for a damaged one.
 *
 * Returns: (transfer container) (element-type TroveLibrary): the libraries,
 *   not checked for availability
 */
GPtrArray *
trove_blender_prefs_read_libraries (const char *userpref_path, GError **error)
{
  g_autoptr (TroveBlendFile) file = NULL;
  g_autoptr (GPtrArray) libraries = NULL;
  g_auto (TroveBlendStruct) userdef = { 0 };
  const TroveBlendOwner *user;
  Reader r = { 0 };
  gboolean ok;

  g_return_val_if_fail (userpref_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = trove_blend_file_open (userpref_path, NULL, error);
  if (file == NULL)
    return NULL;
  user = _trove_blend_file_find_owner (file, "USER");
  if (user == NULL)
    {
      _trove_blend_file_set_error (file, error, TROVE_ERROR_NOT_FOUND,
                                   _ ("not a preferences file (it has no USER block)"));
      return NULL;
    }
  if (!_trove_blend_struct_read (file, &user->bhead, "UserDef", &userdef, error))
    return NULL;

  libraries = g_ptr_array_new_with_free_func (g_object_unref);
  r.file = file;
  r.libraries = libraries;
  _trove_blend_run_init (&r.run);
  ok = _trove_blend_file_read_run (file, user, &r.run, error)
       && read_library_list (&r, &userdef, error);
  _trove_blend_run_clear (&r.run);
  return ok ? g_steal_pointer (&libraries) : NULL;
}
