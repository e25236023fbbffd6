/* trove-catalog-file.c
 *
 * Reads and writes blender_assets.cats.txt exactly as Blender does
 * (AssetCatalogDefinitionFile, blender-catalogs.md §1), with one difference
 * in attitude: Blender treats a file it cannot understand as empty and later
 * overwrites it; Trove remembers why it could not read the file and refuses
 * to write it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "trove-catalog-file-private.h"
#include "trove-catalog-path.h"
#include "trove-error.h"
#include "trove-safe-file.h"
#include "trove-text.h"
#include "trove-uuid.h"

/* Real catalog files are kilobytes; the cap only keeps a wrong or hostile
 * file from making Trove allocate without bound. */
#define MAX_FILE_SIZE (64 * 1024 * 1024)

/* Quoted file content in messages is shortened to this many characters. */
#define QUOTE_MAX_CHARS 60

#define VERSION_MARKER "VERSION "
#define SUPPORTED_VERSION 1
#define UTF8_BOM "\xEF\xBB\xBF"

/* Byte-exact copy of what Blender's write_to_disk_unsafe() writes before the
 * catalog lines. */
#define FILE_HEADER                                                                                \
  "# This is an Asset Catalog Definition file for Blender.\n"                                      \
  "#\n"                                                                                            \
  "# Empty lines and lines starting with `#` will be ignored.\n"                                   \
  "# The first non-ignored line should be the version indicator.\n"                                \
  "# Other lines are of the format \"UUID:catalog/path/for/assets:simple catalog name\"\n"         \
  "\n"                                                                                             \
  "VERSION 1\n"                                                                                    \
  "\n"

/**
 * TroveCatalogFile:
 *
 * The catalog definition file of one library and the catalogs read from it.
 *
 * Reading follows Blender's parser exactly (which lines count, how they are
 * split, trimmed and cleaned up, first definition of a UUID wins). Where
 * Blender only prints to stderr, Trove keeps a list of human-readable
 * warnings ("file:line: …") for lines that were dropped and would therefore
 * disappear when the file is written back.
 *
 * A file that exists but cannot be read, or whose first meaningful line is
 * not an accepted `VERSION` line, gets an error and no catalogs, and is never
 * overwritten. A missing file is not an error: a library without catalogs
 * is normal.
 *
 * Text that is not valid UTF-8 (including NUL bytes) is repaired line by
 * line: each invalid byte becomes U+FFFD and the line gets a warning, so
 * every string the model hands out is valid UTF-8 (GTK requires it). Saving
 * such a file therefore writes the repaired text.
 *
 * add() appends a catalog; set_catalogs() replaces them all (the catalog
 * service's edits and merges). The catalogs model is a #GListStore for
 * convenience but must be treated as read-only.
 */
struct _TroveCatalogFile
{
  GObject parent_instance;

  GFile *file;
  gboolean exists;
  GError *error;
  GPtrArray *warnings; /* NULL-terminated array of char * */

  GListStore *catalogs;   /* TroveCatalog, in load/add order */
  GHashTable *by_uuid;    /* canonical UUID → TroveCatalog (borrowed from the store) */
  GHashTable *seen_paths; /* clean paths of loaded catalogs (first-loaded flag) */

  /* What Trove believes is on disk: a checksum of the bytes read or last
   * written, or NULL for "no file". save() refuses when the file no longer
   * matches, so that changes made by Blender meanwhile are never lost. */
  char *disk_checksum;
};

G_DEFINE_FINAL_TYPE (TroveCatalogFile, trove_catalog_file, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_EXISTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------
 * Helpers
 */

static char *
display_name (TroveCatalogFile *self)
{
  return g_file_get_parse_name (self->file);
}

/* Shortens @text (valid UTF-8) for quoting in a message. */
static char *
quote_text (const char *text)
{
  if (g_utf8_strlen (text, -1) <= QUOTE_MAX_CHARS)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, QUOTE_MAX_CHARS);
    return g_strconcat (head, "…", NULL);
  }
}

static char *
checksum_bytes (const char *data, gsize length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, length);
}

static void add_warning (TroveCatalogFile *self, guint line_number, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/* A line number of 0 makes a warning about the whole file. */
static void
add_warning (TroveCatalogFile *self, guint line_number, const char *format, ...)
{
  g_autofree char *name = display_name (self);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Keep the array NULL-terminated for get_warnings(). */
  g_ptr_array_insert (self->warnings, self->warnings->len - 1,
                      line_number > 0
                          /* Translators: a warning about one line of a catalog file:
                           * "file name:line number: warning". */
                          ? g_strdup_printf (_ ("%s:%u: %s"), name, line_number, message)
                          /* Translators: a warning about a whole catalog file:
                           * "file name: warning". */
                          : g_strdup_printf (_ ("%s: %s"), name, message));
}

static void
clear_catalogs (TroveCatalogFile *self)
{
  g_hash_table_remove_all (self->by_uuid);
  g_hash_table_remove_all (self->seen_paths);
  g_list_store_remove_all (self->catalogs);
}

static void
append_catalog (TroveCatalogFile *self, TroveCatalog *catalog)
{
  g_hash_table_insert (self->by_uuid, (gpointer)trove_catalog_get_uuid (catalog), catalog);
  g_list_store_append (self->catalogs, catalog);
}

/* ---------------------------------------------------------------------------
 * Parsing (blender-catalogs.md §1.3, §1.4)
 */

/* parse_version_line(): "VERSION " then atoi() of the rest must be 1. atoi()
 * itself is used so that every oddity ("VERSION  1", "VERSION 01",
 * "VERSION 1.9", "VERSION 1 # x") is accepted or rejected exactly as in
 * Blender. */
static gboolean
is_valid_version_line (const char *line)
{
  if (!g_str_has_prefix (line, VERSION_MARKER))
    return FALSE;
  return atoi (line + strlen (VERSION_MARKER)) == SUPPORTED_VERSION;
}

static void
set_version_error (TroveCatalogFile *self, const char *line)
{
  g_autofree char *name = display_name (self);
  g_autofree char *quoted = quote_text (line);

  /* Two complete sentences rather than an appended hint, so that
   * translators can order the parts as their language needs. */
  if (g_str_has_prefix (line, UTF8_BOM))
    g_set_error (&self->error, TROVE_ERROR, TROVE_ERROR_CATALOG_FILE,
                 /* Translators: the first %s is the file name, the second the
                  * (possibly shortened) first line of the file. Do not
                  * translate “VERSION 1”. */
                 _ ("%s: the first line should be the version declaration “VERSION 1” but is "
                    "“%s” (the file starts with a UTF-8 byte order mark, which Blender does not "
                    "accept); Trove ignores this file and will not overwrite it"),
                 name, quoted);
  else
    g_set_error (&self->error, TROVE_ERROR, TROVE_ERROR_CATALOG_FILE,
                 /* Translators: the first %s is the file name, the second the
                  * (possibly shortened) first line of the file. Do not
                  * translate “VERSION 1”. */
                 _ ("%s: the first line should be the version declaration “VERSION 1” but is "
                    "“%s”; Trove ignores this file and will not overwrite it"),
                 name, quoted);
}

/* Records a catalog parsed from a line: the first definition of a UUID wins,
 * and the first catalog with a given path is flagged first-loaded. */
static void
add_parsed_catalog (TroveCatalogFile *self, guint line_number, TroveCatalog *catalog)
{
  const char *uuid = trove_catalog_get_uuid (catalog);
  const char *path = trove_catalog_get_path (catalog);

  if (g_hash_table_contains (self->by_uuid, uuid))
    {
      add_warning (self, line_number,
                   /* Translators: %s is a catalog UUID. */
                   _ ("catalog %s is defined more than once; this line is ignored (the first "
                      "definition wins)"),
                   uuid);
      return;
    }

  if (*path == '\0')
    add_warning (self, line_number,
                 /* Translators: %s is a catalog UUID. */
                 _ ("catalog %s has an empty path; it is kept, but it is not shown in the tree "
                    "and Blender drops it after the next save"),
                 uuid);
  else if (trove_catalog_path_get_depth (path) > TROVE_CATALOG_PATH_MAX_DEPTH)
    add_warning (self, line_number,
                 /* Translators: %s is a catalog UUID, %d the maximum number of
                  * components (folder levels) of a catalog path. */
                 _ ("catalog %s has more than %d path components; it is kept, but Trove does "
                    "not show it in the tree"),
                 uuid, TROVE_CATALOG_PATH_MAX_DEPTH);

  if (!g_hash_table_contains (self->seen_paths, path))
    {
      g_hash_table_add (self->seen_paths, g_strdup (path));
      trove_catalog_set_first_loaded (catalog, TRUE);
    }
  append_catalog (self, catalog);
}

/* parse_catalog_line(): `UUID ':' PATH [ ':' SIMPLE_NAME ]`, where only the
 * first two colons are delimiters. @line is trimmed and not a comment. */
static void
parse_catalog_line (TroveCatalogFile *self, guint line_number, char *line)
{
  g_autoptr (TroveCatalog) catalog = NULL;
  g_autofree char *quoted = NULL;
  char *first_colon = strchr (line, ':');
  const char *uuid_text;
  char *path_and_name;
  char *second_colon;
  const char *simple_name = "";
  TroveUuid uuid;

  if (first_colon == NULL)
    {
      quoted = quote_text (line);
      add_warning (self, line_number,
                   /* Translators: %s is the (possibly shortened) text of the line. */
                   _ ("not a catalog line (no “:”), ignored: “%s”"), quoted);
      return;
    }

  *first_colon = '\0';
  uuid_text = trove_text_trim_in_place (line);
  if (!trove_uuid_parse (uuid_text, &uuid))
    {
      quoted = quote_text (uuid_text);
      add_warning (self, line_number,
                   /* Translators: %s is the text found where a catalog UUID should be. */
                   _ ("“%s” is not a valid UUID; the line is ignored"), quoted);
      return;
    }

  path_and_name = first_colon + 1;
  second_colon = strchr (path_and_name, ':');
  if (second_colon == path_and_name)
    {
      /* Blender skips "uuid::…" silently ("no path"); say so, since the line
       * disappears when the file is written. */
      add_warning (self, line_number,
                   /* xgettext:c-format (add_warning() takes a format string) */
                   /* xgettext:no-c-format */
                   _ ("catalog line without a path (“uuid::…”), ignored"));
      return;
    }
  if (second_colon != NULL)
    {
      *second_colon = '\0';
      simple_name = trove_text_trim_in_place (second_colon + 1);
    }

  {
    g_autofree char *uuid_string = trove_uuid_to_string (&uuid);
    catalog = trove_catalog_new (uuid_string, path_and_name, simple_name);
  }
  add_parsed_catalog (self, line_number, catalog);
}

/* Returns a NUL-terminated copy of one line, repaired to valid UTF-8. */
static char *
copy_line (TroveCatalogFile *self, guint line_number, const char *start, gsize length)
{
  if (g_utf8_validate_len (start, length, NULL))
    return g_strndup (start, length);

  add_warning (self, line_number,
               /* xgettext:c-format (add_warning() takes a format string) */
               _ ("the line is not valid UTF-8 text (or contains NUL bytes); invalid bytes were "
                  "replaced with “\xEF\xBF\xBD”"));
  return g_utf8_make_valid (start, length);
}

/* Handles one line. Returns FALSE when parsing must stop (bad version). */
static gboolean
parse_line (TroveCatalogFile *self,
            guint line_number,
            const char *start,
            gsize length,
            gboolean *seen_version)
{
  g_autofree char *copy = copy_line (self, line_number, start, length);
  char *line = trove_text_trim_in_place (copy);

  if (*line == '\0' || *line == '#')
    return TRUE;

  if (!*seen_version)
    {
      if (!is_valid_version_line (line))
        {
          set_version_error (self, line);
          return FALSE;
        }
      *seen_version = TRUE;
      return TRUE;
    }

  parse_catalog_line (self, line_number, line);
  return TRUE;
}

static gboolean
is_blank (const char *data, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!trove_text_is_trim_char (data[i]))
      return FALSE;
  return TRUE;
}

static void
parse_data (TroveCatalogFile *self, const char *data, gsize length)
{
  gboolean seen_version = FALSE;
  guint line_number = 0;
  gsize pos = 0;

  /* std::getline() semantics: split on '\n'; a final line without '\n'
   * still counts, a final '\n' does not start another line. */
  while (pos < length)
    {
      const char *start = data + pos;
      const char *newline = memchr (start, '\n', length - pos);
      gsize line_length = newline != NULL ? (gsize)(newline - start) : length - pos;

      line_number++;
      if (!parse_line (self, line_number, start, line_length, &seen_version))
        {
          clear_catalogs (self);
          return;
        }
      pos += line_length + 1;
    }

  /* Blender silently treats a file of only comments as empty and would
   * write over it; that loses nothing but the comments, so Trove allows it
   * too, with a note. */
  if (!seen_version && !is_blank (data, length))
    add_warning (self, 0,
                 /* xgettext:c-format (add_warning() takes a format string) */
                 _ ("the file has no “VERSION 1” line; it is treated as an empty catalog file"));
}

/* ---------------------------------------------------------------------------
 * Reading from disk
 */

static void
set_too_large_error (GError **error, const char *name)
{
  g_set_error (error, TROVE_ERROR, TROVE_ERROR_TOO_LARGE,
               /* Translators: %s is the file name, %d a size in mebibytes. */
               _ ("%s: the file is too large for a catalog file (the limit is %d MiB)"), name,
               MAX_FILE_SIZE / (1024 * 1024));
}

/* Reads the rest of @stream, failing beyond MAX_FILE_SIZE bytes. The size
 * reported by the file system is not trusted: the file may grow meanwhile. */
static GByteArray *
read_capped (GInputStream *stream, const char *name, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GError) local_error = NULL;
  guint8 chunk[64 * 1024];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, NULL, &local_error);

      if (n < 0)
        {
          g_set_error (error, TROVE_ERROR, TROVE_ERROR_CATALOG_FILE,
                       /* Translators: the first %s is the file name, the second the
                        * reason (an error message). */
                       _ ("%s: cannot read the file: %s"), name, local_error->message);
          return NULL;
        }
      if (n == 0)
        return g_steal_pointer (&bytes);
      if (bytes->len + (gsize)n > MAX_FILE_SIZE)
        {
          set_too_large_error (error, name);
          return NULL;
        }
      g_byte_array_append (bytes, chunk, n);
    }
}

/* Reads the whole file. Sets *@missing (and no error) when there is none. */
static GByteArray *
read_contents (GFile *file, gboolean *missing, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  *missing = FALSE;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      *missing = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      if (!*missing)
        g_set_error (error, TROVE_ERROR, TROVE_ERROR_CATALOG_FILE,
                     /* Translators: the first %s is the file name, the second the
                      * reason (an error message). */
                     _ ("%s: cannot read the file: %s"), name, local_error->message);
      return NULL;
    }

  /* Checked before opening: opening a FIFO for reading would block. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TROVE_ERROR, TROVE_ERROR_CATALOG_FILE,
                   _ ("%s: cannot read the file: it is not a regular file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      set_too_large_error (error, name);
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, TROVE_ERROR, TROVE_ERROR_CATALOG_FILE,
                   /* Translators: the first %s is the file name, the second the
                    * reason (an error message). */
                   _ ("%s: cannot read the file: %s"), name, local_error->message);
      return NULL;
    }
  return read_capped (G_INPUT_STREAM (stream), name, error);
}

/* ---------------------------------------------------------------------------
 * GObject
 */

static void
trove_catalog_file_finalize (GObject *object)
{
  TroveCatalogFile *self = (TroveCatalogFile *)object;

  g_clear_object (&self->file);
  g_clear_error (&self->error);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->seen_paths, g_hash_table_unref);
  g_clear_object (&self->catalogs);
  g_clear_pointer (&self->disk_checksum, g_free);

  G_OBJECT_CLASS (trove_catalog_file_parent_class)->finalize (object);
}

static void
trove_catalog_file_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveCatalogFile *self = TROVE_CATALOG_FILE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_EXISTS:
      g_value_set_boolean (value, self->exists);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_file_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  TroveCatalogFile *self = TROVE_CATALOG_FILE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_file_class_init (TroveCatalogFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trove_catalog_file_finalize;
  object_class->get_property = trove_catalog_file_get_property;
  object_class->set_property = trove_catalog_file_set_property;

  properties[PROP_FILE]
      = g_param_spec_object ("file", NULL, "Location of the catalog definition file", G_TYPE_FILE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXISTS] = g_param_spec_boolean (
      "exists", NULL, "Whether something exists at the file's location", FALSE,
      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_catalog_file_init (TroveCatalogFile *self)
{
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
  self->catalogs = g_list_store_new (TROVE_TYPE_CATALOG);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->seen_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
set_exists (TroveCatalogFile *self, gboolean exists)
{
  if (self->exists == exists)
    return;
  self->exists = exists;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXISTS]);
}

/* ---------------------------------------------------------------------------
 * Public API: construction and queries
 */

/**
 * trove_catalog_file_new:
 * @file: where the file is (or will be) stored
 *
 * An empty catalog file that has not been read, for a library that has no
 * catalog file yet. save() creates it, and refuses if a file has appeared
 * at @file in the meantime.
 *
 * Returns: (transfer full): a new, empty catalog file
 */
TroveCatalogFile *
trove_catalog_file_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (TROVE_TYPE_CATALOG_FILE, "file", file, NULL);
}

/**
 * trove_catalog_file_load:
 * @file: the location of a blender_assets.cats.txt
 *
 * Reads @file. This always returns an object: see exists(), get_error()
 * and get_warnings() for what was found. It does blocking I/O.
 *
 * Returns: (transfer full): the catalog file
 */
TroveCatalogFile *
trove_catalog_file_load (GFile *file)
{
  g_autoptr (TroveCatalogFile) self = NULL;
  g_autoptr (GByteArray) contents = NULL;
  gboolean missing = FALSE;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = trove_catalog_file_new (file);
  contents = read_contents (file, &missing, &self->error);
  if (contents == NULL)
    {
      /* Unreadable is not missing: something is there that must not be
       * replaced, hence exists = TRUE together with the error. */
      self->exists = !missing;
      return g_steal_pointer (&self);
    }

  self->exists = TRUE;
  self->disk_checksum = checksum_bytes ((const char *)contents->data, contents->len);
  parse_data (self, (const char *)contents->data, contents->len);
  return g_steal_pointer (&self);
}

/**
 * trove_catalog_file_new_from_data:
 * @file: the location the data stands for (used in messages and by save())
 * @data: (array length=length): the file's bytes, need not be NUL-terminated
 * @length: the number of bytes in @data
 *
 * Parses @data as if it had been read from @file, which is not accessed.
 * save() will only replace @file if its content is @data.
 *
 * Returns: (transfer full): the catalog file
 */
TroveCatalogFile *
trove_catalog_file_new_from_data (GFile *file, const char *data, gsize length)
{
  TroveCatalogFile *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = trove_catalog_file_new (file);
  self->exists = TRUE;
  self->disk_checksum = checksum_bytes (data != NULL ? data : "", length);
  parse_data (self, data != NULL ? data : "", length);
  return self;
}

GFile *
trove_catalog_file_get_file (TroveCatalogFile *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), NULL);
  return self->file;
}

/**
 * trove_catalog_file_exists:
 *
 * Whether something was found at the file's location when it was read, or
 * the file has been saved since. TRUE also for a location that exists but
 * could not be read (see get_error()).
 */
gboolean
trove_catalog_file_exists (TroveCatalogFile *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), FALSE);
  return self->exists;
}

/**
 * trove_catalog_file_get_error:
 *
 * Why the file could not be used: unreadable (%TROVE_ERROR_CATALOG_FILE),
 * too large (%TROVE_ERROR_TOO_LARGE) or not starting with an accepted
 * version line (%TROVE_ERROR_CATALOG_FILE). Such a file has no catalogs
 * and can_write() is FALSE.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL
 */
const GError *
trove_catalog_file_get_error (TroveCatalogFile *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), NULL);
  return self->error;
}

/**
 * trove_catalog_file_get_warnings:
 *
 * Problems with single lines, each "file:line: message" in UTF-8: lines
 * that were skipped (so writing the file would drop them), repaired text,
 * catalogs Trove cannot show.
 *
 * Returns: (transfer none): a %NULL-terminated array, empty when all is well
 */
const char *const *
trove_catalog_file_get_warnings (TroveCatalogFile *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), NULL);
  return (const char *const *)self->warnings->pdata;
}

/**
 * trove_catalog_file_can_write:
 *
 * FALSE when Trove could not understand the file: writing would destroy
 * content it did not read.
 */
gboolean
trove_catalog_file_can_write (TroveCatalogFile *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), FALSE);
  return self->error == NULL;
}

/**
 * trove_catalog_file_get_catalogs:
 *
 * Returns: (transfer none): a #GListModel of #TroveCatalog in the order they
 *   were read or added; do not modify it
 */
GListModel *
trove_catalog_file_get_catalogs (TroveCatalogFile *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), NULL);
  return G_LIST_MODEL (self->catalogs);
}

/**
 * trove_catalog_file_lookup:
 * @uuid: a UUID in any spelling Blender accepts
 *
 * Returns: (transfer none) (nullable): the catalog with this UUID
 */
TroveCatalog *
trove_catalog_file_lookup (TroveCatalogFile *self, const char *uuid)
{
  g_autofree char *canonical = NULL;
  TroveCatalog *catalog;

  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  /* Fast path: callers almost always pass the canonical form. */
  catalog = g_hash_table_lookup (self->by_uuid, uuid);
  if (catalog != NULL)
    return catalog;

  canonical = trove_uuid_normalize_string (uuid);
  if (canonical == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_uuid, canonical);
}

/**
 * trove_catalog_file_add:
 * @catalog: a new catalog
 *
 * Appends @catalog. Refused (FALSE) when its UUID is already used, or when
 * the file could not be read (it could never be saved).
 *
 * Returns: whether @catalog was added
 */
gboolean
trove_catalog_file_add (TroveCatalogFile *self, TroveCatalog *catalog)
{
  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), FALSE);
  g_return_val_if_fail (TROVE_IS_CATALOG (catalog), FALSE);

  if (self->error != NULL)
    return FALSE;
  if (g_hash_table_contains (self->by_uuid, trove_catalog_get_uuid (catalog)))
    return FALSE;

  append_catalog (self, catalog);
  return TRUE;
}

/**
 * trove_catalog_file_set_catalogs:
 * @catalogs: (element-type TroveCatalog): the new catalogs, UUIDs unique
 *
 * Replaces every catalog, in one change of the catalogs model. Refused
 * (FALSE) when the file could not be read, or when two catalogs share a
 * UUID.
 *
 * Returns: whether the catalogs were replaced
 */
gboolean
trove_catalog_file_set_catalogs (TroveCatalogFile *self, GPtrArray *catalogs)
{
  g_autoptr (GHashTable) by_uuid = NULL;
  guint n_old;

  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), FALSE);
  g_return_val_if_fail (catalogs != NULL, FALSE);

  if (self->error != NULL)
    return FALSE;
  by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < catalogs->len; i++)
    {
      TroveCatalog *catalog = catalogs->pdata[i];

      g_return_val_if_fail (TROVE_IS_CATALOG (catalog), FALSE);
      if (!g_hash_table_insert (by_uuid, (gpointer)trove_catalog_get_uuid (catalog), catalog))
        return FALSE;
    }

  g_hash_table_unref (self->by_uuid);
  self->by_uuid = g_steal_pointer (&by_uuid);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->catalogs));
  g_list_store_splice (self->catalogs, 0, n_old, catalogs->pdata, catalogs->len);
  return TRUE;
}

/* What @disk found on disk becomes what @self believes is there: save()
 * then replaces that version of the file and no other. */
void
_trove_catalog_file_adopt_disk_state (TroveCatalogFile *self, TroveCatalogFile *disk)
{
  g_free (self->disk_checksum);
  self->disk_checksum = g_strdup (disk->disk_checksum);
  set_exists (self, disk->exists);
}

/* ---------------------------------------------------------------------------
 * Writing (blender-catalogs.md §1.2, §1.10)
 */

static int
compare_for_write_cb (gconstpointer a, gconstpointer b)
{
  return trove_catalog_compare_for_write (*(TroveCatalog **)a, *(TroveCatalog **)b);
}

/**
 * trove_catalog_file_serialize:
 *
 * The bytes Blender would write for these catalogs: its fixed header,
 * `VERSION 1`, then `uuid:path:simple name` lines in write order
 * (trove_catalog_compare_for_write()), LF line endings.
 *
 * Unlike Blender, Trove invents no catalogs for implicit parent paths, so
 * only the catalogs of this file are written.
 *
 * Returns: (transfer full): the file content
 */
char *
trove_catalog_file_serialize (TroveCatalogFile *self)
{
  g_autoptr (GPtrArray) sorted = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->catalogs));
  sorted = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (self->catalogs), i));
  g_ptr_array_sort (sorted, compare_for_write_cb);

  out = g_string_new (FILE_HEADER);
  for (guint i = 0; i < sorted->len; i++)
    {
      TroveCatalog *catalog = g_ptr_array_index (sorted, i);

      /* The second colon is written even for an empty simple name. */
      g_string_append_printf (out, "%s:%s:%s\n", trove_catalog_get_uuid (catalog),
                              trove_catalog_get_path (catalog),
                              trove_catalog_get_simple_name (catalog));
    }
  return g_string_free (out, FALSE);
}

/* Refuses to save over a file that changed since it was read, or that
 * appeared after Trove found none. */
static gboolean
check_unchanged_on_disk (TroveCatalogFile *self, const char *name, GError **error)
{
  g_autoptr (GError) read_error = NULL;
  g_autoptr (GByteArray) contents = NULL;
  g_autofree char *checksum = NULL;
  gboolean missing = FALSE;

  contents = read_contents (self->file, &missing, &read_error);
  if (contents == NULL && !missing)
    {
      g_set_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED,
                   /* Translators: the first %s is the file name, the second the
                    * reason (an error message). */
                   _ ("%s: not saved, the current file cannot be checked: %s"), name,
                   read_error->message);
      return FALSE;
    }
  if (contents != NULL)
    checksum = checksum_bytes ((const char *)contents->data, contents->len);

  if (g_strcmp0 (checksum, self->disk_checksum) != 0)
    {
      g_set_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED,
                   _ ("%s: not saved, the file was changed by another program since Trove read "
                      "it; reload it first"),
                   name);
      return FALSE;
    }
  return TRUE;
}

/* Reads the temporary file back: what replaces the user's file must be
 * exactly what was meant, whatever the disk or file system did. */
static gboolean
verify_temp_file (
    const char *temp_path, const char *data, gsize length, const char *name, GError **error)
{
  g_autofree char *written = NULL;
  gsize written_length = 0;

  if (!g_file_get_contents (temp_path, &written, &written_length, NULL) || written_length != length
      || memcmp (written, data, length) != 0)
    {
      g_unlink (temp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is the file name. */
                   _ ("%s: not saved, the temporary file did not read back as written"), name);
      return FALSE;
    }
  return TRUE;
}

/* Blender's write_to_disk() renames the old file to `~` and then the new
 * one into place, so a crash between the two leaves no file at all. Here the
 * backup is made first and the new file replaces the old in one rename:
 * whenever the process dies, the file is the old one or the new one,
 * complete. */
static gboolean
replace_file (const char *path, const char *data, gsize length, const char *name, GError **error)
{
  g_autofree char *temp_path = g_strconcat (path, ".writing", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  GStatBuf st;
  gboolean had_file;
  int saved_errno;

  had_file = g_lstat (path, &st) == 0;
  if (!trove_safe_file_write_temp (temp_path, data, length,
                                   had_file && S_ISREG (st.st_mode) ? &st : NULL, name, error)
      || !verify_temp_file (temp_path, data, length, name, error))
    return FALSE;

  if (had_file && !trove_safe_file_make_backup (path, backup_path, &st, name, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }

  if (g_rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      return trove_safe_file_io_error (error, saved_errno, name,
                                       _ ("cannot move the new file into place"));
    }

  trove_safe_file_sync_directory (path);
  return TRUE;
}

/**
 * trove_catalog_file_save:
 * @cancellable: (nullable): checked before anything is changed on disk
 *
 * Writes serialize() to the file, with Blender's file names: the new
 * content goes to `<file>.writing` (flushed with fsync and read back), the
 * existing file is kept as `<file>~` (replacing an older backup; a hard link,
 * or a copy), the new file is renamed over the old one in one step and the
 * directory is flushed, so the file is never missing or partial. The
 * library folder must exist; it is not created.
 *
 * Refused with %TROVE_ERROR_REFUSED when can_write() is FALSE, or when the
 * file on disk is no longer what Trove read (another program changed,
 * created or removed it). On failure the original file is left as it was
 * and the error (%G_IO_ERROR for I/O problems) names the file.
 *
 * Returns: whether the file was written
 */
gboolean
trove_catalog_file_save (TroveCatalogFile *self, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (TROVE_IS_CATALOG_FILE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = display_name (self);
  if (self->error != NULL)
    {
      g_set_error (error, TROVE_ERROR, TROVE_ERROR_REFUSED,
                   /* Translators: the first %s is the file name, the second the
                    * reason the file could not be read (an error message). */
                   _ ("%s: not saved, Trove could not read this file and will not overwrite it "
                      "(%s)"),
                   name, self->error->message);
      return FALSE;
    }

  path = g_file_get_path (self->file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("%s: not saved, only local files can be written"), name);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!check_unchanged_on_disk (self, name, error))
    return FALSE;

  data = trove_catalog_file_serialize (self);
  length = strlen (data);
  if (!replace_file (path, data, length, name, error))
    return FALSE;

  g_free (self->disk_checksum);
  self->disk_checksum = checksum_bytes (data, length);
  set_exists (self, TRUE);
  return TRUE;
}
