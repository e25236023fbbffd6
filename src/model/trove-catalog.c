/* trove-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-catalog.h"

#include <string.h>

#include "trove-catalog-path.h"
#include "trove-uuid.h"

#define NIL_UUID "00000000-0000-0000-0000-000000000000"

/**
 * TroveCatalog:
 *
 * One catalog of a catalog definition file: a UUID, a path and a simple
 * name. Several catalogs may share a path ("aliases"); the UUID is the
 * identity. The UUID, path and simple name are fixed at construction; only
 * the first-loaded flag (which the file reader sets) can change.
 */
struct _TroveCatalog
{
  GObject parent_instance;

  char *uuid;
  char *path;
  char *simple_name;
  gboolean first_loaded;
};

G_DEFINE_FINAL_TYPE (TroveCatalog, trove_catalog, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_UUID,
  PROP_PATH,
  PROP_SIMPLE_NAME,
  PROP_FIRST_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The file format has no escaping: a line break inside a field would split
 * the line when written. Blender does not guard against it; Trove turns line
 * breaks into spaces so that its own writer can never corrupt a file. */
static char *
strip_line_breaks (const char *text)
{
  return g_strdelimit (g_strdup (text != NULL ? text : ""), "\r\n", ' ');
}

static void
set_uuid (TroveCatalog *self, const char *uuid)
{
  char *canonical = uuid != NULL ? trove_uuid_normalize_string (uuid) : NULL;

  if (canonical == NULL)
    {
      g_critical ("“%s” is not a catalog UUID", uuid != NULL ? uuid : "(null)");
      canonical = g_strdup (NIL_UUID);
    }
  g_free (self->uuid);
  self->uuid = canonical;
}

static void
set_path (TroveCatalog *self, const char *path)
{
  g_autofree char *flat = strip_line_breaks (path);

  g_free (self->path);
  self->path = trove_catalog_path_cleanup (flat);
}

static void
trove_catalog_finalize (GObject *object)
{
  TroveCatalog *self = (TroveCatalog *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->simple_name, g_free);

  G_OBJECT_CLASS (trove_catalog_parent_class)->finalize (object);
}

static void
trove_catalog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveCatalog *self = TROVE_CATALOG (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_SIMPLE_NAME:
      g_value_set_string (value, self->simple_name);
      break;
    case PROP_FIRST_LOADED:
      g_value_set_boolean (value, self->first_loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TroveCatalog *self = TROVE_CATALOG (object);

  switch (prop_id)
    {
    case PROP_UUID:
      set_uuid (self, g_value_get_string (value));
      break;
    case PROP_PATH:
      set_path (self, g_value_get_string (value));
      break;
    case PROP_SIMPLE_NAME:
      g_free (self->simple_name);
      self->simple_name = strip_line_breaks (g_value_get_string (value));
      break;
    case PROP_FIRST_LOADED:
      trove_catalog_set_first_loaded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_catalog_class_init (TroveCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct_flags
      = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trove_catalog_finalize;
  object_class->get_property = trove_catalog_get_property;
  object_class->set_property = trove_catalog_set_property;

  properties[PROP_UUID] = g_param_spec_string (
      "uuid", NULL, "Canonical lower-case UUID (any spelling Blender accepts is normalised)",
      NIL_UUID, construct_flags);
  properties[PROP_PATH] = g_param_spec_string (
      "path", NULL, "Catalog path, cleaned up as Blender does", "", construct_flags);
  properties[PROP_SIMPLE_NAME]
      = g_param_spec_string ("simple-name", NULL, "Simple name, as written", "", construct_flags);
  properties[PROP_FIRST_LOADED] = g_param_spec_boolean (
      "first-loaded", NULL, "First catalog line with this path when the file was read", FALSE,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_catalog_init (TroveCatalog *self)
{
  self->uuid = g_strdup (NIL_UUID);
  self->path = g_strdup ("");
  self->simple_name = g_strdup ("");
}

/**
 * trove_catalog_new:
 * @uuid: a UUID in any spelling Blender accepts (see trove_uuid_parse())
 * @path: the catalog path; it is cleaned up (trove_catalog_path_cleanup())
 * @simple_name: (nullable): the simple name, kept as given
 *
 * Line breaks in @path or @simple_name, which the file format cannot hold,
 * become spaces.
 *
 * Returns: (transfer full): a new catalog, or %NULL if @uuid is not a UUID
 */
TroveCatalog *
trove_catalog_new (const char *uuid, const char *path, const char *simple_name)
{
  TroveUuid parsed;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (trove_uuid_parse (uuid, &parsed), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (TROVE_TYPE_CATALOG, "uuid", uuid, "path", path, "simple-name",
                       simple_name != NULL ? simple_name : "", NULL);
}

const char *
trove_catalog_get_uuid (TroveCatalog *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG (self), NULL);
  return self->uuid;
}

const char *
trove_catalog_get_path (TroveCatalog *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG (self), NULL);
  return self->path;
}

const char *
trove_catalog_get_simple_name (TroveCatalog *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG (self), NULL);
  return self->simple_name;
}

/**
 * trove_catalog_get_first_loaded:
 *
 * Whether this catalog came from the first line with its path when its file
 * was read. Such a catalog is written before its aliases whatever its UUID,
 * and is the primary alias of its tree node. Catalogs created at run time
 * never are (blender-catalogs.md §1.7, §3.1).
 */
gboolean
trove_catalog_get_first_loaded (TroveCatalog *self)
{
  g_return_val_if_fail (TROVE_IS_CATALOG (self), FALSE);
  return self->first_loaded;
}

void
trove_catalog_set_first_loaded (TroveCatalog *self, gboolean first_loaded)
{
  g_return_if_fail (TROVE_IS_CATALOG (self));

  first_loaded = !!first_loaded;
  if (self->first_loaded == first_loaded)
    return;
  self->first_loaded = first_loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_LOADED]);
}

/**
 * trove_catalog_compare_for_write:
 *
 * The order Blender writes catalogs in (AssetCatalogLessThan): path bytes,
 * then first-loaded before the rest, then UUID (the canonical strings sort
 * like Blender's bUUID operator<). The simple name never matters.
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_catalog_compare_for_write (TroveCatalog *a, TroveCatalog *b)
{
  int cmp;

  g_return_val_if_fail (TROVE_IS_CATALOG (a), 0);
  g_return_val_if_fail (TROVE_IS_CATALOG (b), 0);

  cmp = trove_catalog_path_compare (a->path, b->path);
  if (cmp != 0)
    return cmp;
  if (a->first_loaded != b->first_loaded)
    return a->first_loaded ? -1 : 1;
  return trove_catalog_path_compare (a->uuid, b->uuid);
}
