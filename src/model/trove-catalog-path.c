/* trove-catalog-path.c
 *
 * A port of Blender's AssetCatalogPath (asset_catalog_path.cc) to plain C
 * strings. Blender's paths are std::strings compared byte-wise; strcmp()
 * compares as unsigned char, which gives the same order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog-path.h"
#include "trove-text.h"

#include <string.h>

/* Blender's simple names must fit in AssetMetaData::catalog_simple_name[64]. */
#define SIMPLE_NAME_MAX 64

/* Appends @component[0..@length) to @out as Blender's cleanup_component()
 * would: trimmed, with ':' (the file's delimiter) replaced by '-'. */
static void
append_clean_component (GString *out, const char *component, gsize length)
{
  const char *start = component;
  const char *end = component + length;

  while (start < end && trove_text_is_trim_char (*start))
    start++;
  while (end > start && trove_text_is_trim_char (end[-1]))
    end--;
  if (start == end)
    return; /* leading, trailing or doubled separator */

  if (out->len > 0)
    g_string_append_c (out, '/');
  for (const char *p = start; p < end; p++)
    g_string_append_c (out, *p == ':' ? '-' : *p);
}

/**
 * trove_catalog_path_cleanup:
 * @path: a raw path, as found in a file or typed by the user
 *
 * Normalises @path as Blender's AssetCatalogPath::cleanup() does: both '/'
 * and '\' separate components, each component is trimmed of space, tab, CR
 * and LF, ':' becomes '-', and empty components are dropped. Nothing else
 * changes ("." and ".." stay literal, case and Unicode are kept).
 *
 * Returns: (transfer full): the clean path, possibly ""
 */
char *
trove_catalog_path_cleanup (const char *path)
{
  GString *out;
  const char *component = path;

  g_return_val_if_fail (path != NULL, NULL);

  out = g_string_sized_new (strlen (path));
  for (;;)
    {
      gsize length = strcspn (component, "/\\");

      append_clean_component (out, component, length);
      if (component[length] == '\0')
        break;
      component += length + 1;
    }
  return g_string_free (out, FALSE);
}

/**
 * trove_catalog_path_name:
 * @path: a catalog path
 *
 * The last component of @path: everything after the last '/' (only '/'
 * counts, as in Blender), the whole path when it has no '/', "" for "".
 *
 * Returns: (transfer none): a pointer into @path
 */
const char *
trove_catalog_path_name (const char *path)
{
  const char *slash;

  g_return_val_if_fail (path != NULL, NULL);

  slash = strrchr (path, '/');
  return slash != NULL ? slash + 1 : path;
}

/**
 * trove_catalog_path_parent:
 * @path: a catalog path
 *
 * Returns: (transfer full): everything before the last '/', or "" for a
 *   single-component or empty path
 */
char *
trove_catalog_path_parent (const char *path)
{
  const char *slash;

  g_return_val_if_fail (path != NULL, NULL);

  slash = strrchr (path, '/');
  if (slash == NULL)
    return g_strdup ("");
  return g_strndup (path, slash - path);
}

/**
 * trove_catalog_path_join:
 * @a: a catalog path
 * @b: a catalog path, may contain '/'
 *
 * Blender's `a / b`: "a/b", or the other operand when one is empty (no stray
 * slashes). No cleanup is done.
 *
 * Returns: (transfer full): the concatenation
 */
char *
trove_catalog_path_join (const char *a, const char *b)
{
  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (b != NULL, NULL);

  if (*a == '\0')
    return g_strdup (b);
  if (*b == '\0')
    return g_strdup (a);
  return g_strconcat (a, "/", b, NULL);
}

/**
 * trove_catalog_path_is_contained_in:
 * @path: a catalog path
 * @other: the possible ancestor
 *
 * Blender's weak "is in" relation: TRUE when @other is empty, equal to @path,
 * or a proper ancestor of it ("a/b" is in "a" but not in "a/" or "a/bc").
 *
 * Returns: whether @path is @other or lies below it
 */
gboolean
trove_catalog_path_is_contained_in (const char *path, const char *other)
{
  gsize other_length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);

  if (*other == '\0')
    return TRUE;
  if (strcmp (path, other) == 0)
    return TRUE;

  /* A child needs at least a separator and one more byte. */
  other_length = strlen (other);
  if (strlen (path) < other_length + 2)
    return FALSE;
  return strncmp (path, other, other_length) == 0 && path[other_length] == '/';
}

/**
 * trove_catalog_path_rebase:
 * @path: the catalog path to move
 * @from: the old base
 * @to: the new base
 *
 * Replaces the @from prefix of @path with @to, as Blender's
 * AssetCatalogPath::rebase() does. Beware of Blender's conventions, which are
 * kept on purpose:
 *
 * - when @path is not contained in @from, the result is "" ("no"); callers
 *   must test trove_catalog_path_is_contained_in() first if "" is a valid
 *   answer for them;
 * - an empty @from prepends @to (`to / path`), except that an empty @to then
 *   gives "" even for a non-empty @path.
 *
 * Returns: (transfer full): the rebased path, or ""
 */
char *
trove_catalog_path_rebase (const char *path, const char *from, const char *to)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  if (*from == '\0')
    {
      if (*to == '\0')
        return g_strdup ("");
      return trove_catalog_path_join (to, path);
    }
  if (!trove_catalog_path_is_contained_in (path, from))
    return g_strdup ("");
  if (strcmp (path, from) == 0)
    return g_strdup (to);

  /* Skip "from/". */
  return trove_catalog_path_join (to, path + strlen (from) + 1);
}

/**
 * trove_catalog_path_simple_name:
 * @path: a clean catalog path
 *
 * The simple name Blender derives for a new, renamed or implicit catalog
 * (AssetCatalog::sensible_simple_name_for_path): every '/' becomes '-'; a
 * result of 63 bytes or more is replaced by "..." and its last 60 bytes, so
 * that it fits the 64-byte field assets store it in.
 *
 * One deliberate difference: Blender cuts at a byte offset and may split a
 * UTF-8 sequence, producing invalid UTF-8. Trove then also drops the
 * orphaned continuation bytes at the start of the tail, so the result is
 * shorter (never longer) and stays valid UTF-8. For ASCII and whenever the
 * cut falls on a character boundary the result is byte-identical to
 * Blender's.
 *
 * Returns: (transfer full): the simple name
 */
char *
trove_catalog_path_simple_name (const char *path)
{
  g_autofree char *name = NULL;
  const char *tail;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_strdelimit (g_strdup (path), "/", '-');
  length = strlen (name);
  if (length < SIMPLE_NAME_MAX - 1)
    return g_steal_pointer (&name);

  tail = name + length - (SIMPLE_NAME_MAX - 4);
  while (((guchar)*tail & 0xC0) == 0x80) /* a UTF-8 continuation byte */
    tail++;
  return g_strconcat ("...", tail, NULL);
}

/**
 * trove_catalog_path_get_depth:
 * @path: a clean catalog path
 *
 * Returns: the number of components of @path, 0 for ""
 */
guint
trove_catalog_path_get_depth (const char *path)
{
  guint depth;

  g_return_val_if_fail (path != NULL, 0);

  if (*path == '\0')
    return 0;
  depth = 1;
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '/')
      depth++;
  return depth;
}

/**
 * trove_catalog_path_compare:
 * @a: a catalog path
 * @b: a catalog path
 *
 * Blender's path order: plain byte-wise comparison, case-sensitive, not
 * natural ("Zebra" < "apple", "item10" < "item2", "a b" < "a/b").
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_catalog_path_compare (const char *a, const char *b)
{
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  cmp = strcmp (a, b);
  return (cmp > 0) - (cmp < 0);
}
