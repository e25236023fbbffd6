/* trove-library-list.c: the registered libraries, persisted in GSettings
 *
 * The GSettings key "libraries" (a(ss): name, absolute folder path) is the
 * truth. Every change made here writes the whole list back; every change of
 * the key (made here, by another Trove, or with dconf) reloads it. Reloading
 * is idempotent: it keeps the TroveLibrary of every folder still listed, so
 * views keep their selection, and emits items-changed only for the range
 * that differs. That is also what stops our own writes from echoing back,
 * whenever the backend delivers their change notification.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-library-list.h"

#include <glib/gi18n-lib.h>

#define LIBRARIES_KEY "libraries"

struct _TroveLibraryList
{
  GObject parent_instance;

  GSettings *settings;
  GPtrArray *libraries; /* TroveLibrary, in sidebar order */
  gboolean loading;     /* set while the key's values are applied */
};

static void trove_library_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TroveLibraryList,
                               trove_library_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      trove_library_list_list_model_init))

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- GListModel --- */

static GType
trove_library_list_get_item_type (GListModel *model)
{
  return TROVE_TYPE_LIBRARY;
}

static guint
trove_library_list_get_n_items (GListModel *model)
{
  return TROVE_LIBRARY_LIST (model)->libraries->len;
}

static gpointer
trove_library_list_get_item (GListModel *model, guint position)
{
  TroveLibraryList *self = TROVE_LIBRARY_LIST (model);

  if (position >= self->libraries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->libraries, position));
}

static void
trove_library_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = trove_library_list_get_item_type;
  iface->get_n_items = trove_library_list_get_n_items;
  iface->get_item = trove_library_list_get_item;
}

static void
items_changed (TroveLibraryList *self, guint position, guint removed, guint added)
{
  if (removed == 0 && added == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* --- saving --- */

static void
save (TroveLibraryList *self)
{
  GVariantBuilder builder;

  g_assert (!self->loading);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < self->libraries->len; i++)
    {
      TroveLibrary *library = g_ptr_array_index (self->libraries, i);
      g_autofree char *path = g_file_get_path (trove_library_get_folder (library));

      g_variant_builder_add (&builder, "(ss)", trove_library_get_name (library), path);
    }

  /* The change notification may arrive now or later: either way the reload
   * it triggers finds the list as it is and changes nothing. */
  if (!g_settings_set_value (self->settings, LIBRARIES_KEY, g_variant_builder_end (&builder)))
    g_warning ("The list of libraries cannot be saved: the settings key is not writable");
}

static void
library_name_changed_cb (TroveLibraryList *self, GParamSpec *pspec, TroveLibrary *library)
{
  /* Names set on the library directly (e.g. through a property binding)
   * are saved too; a reload applying names must not write them back. */
  if (!self->loading)
    save (self);
}

static void
watch_library (TroveLibraryList *self, TroveLibrary *library)
{
  g_signal_connect_object (library, "notify::name", G_CALLBACK (library_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch_library (gpointer library, gpointer self)
{
  g_signal_handlers_disconnect_by_func (library, library_name_changed_cb, self);
}

/* --- loading --- */

static TroveLibrary *
find_by_folder (GPtrArray *libraries, GFile *folder)
{
  for (guint i = 0; i < libraries->len; i++)
    {
      TroveLibrary *library = g_ptr_array_index (libraries, i);

      if (g_file_equal (trove_library_get_folder (library), folder))
        return library;
    }
  return NULL;
}

/* Returns the library for one entry of the key: the existing one for the
 * folder, renamed if needed, or a new, checked one. NULL for an entry that
 * cannot be a library, which is skipped rather than trusted. */
static TroveLibrary *
library_for_entry (TroveLibraryList *self, GPtrArray *loaded, const char *name, const char *path)
{
  g_autoptr (GFile) folder = NULL;
  TroveLibrary *library;

  if (path[0] == '\0' || !g_path_is_absolute (path))
    {
      g_debug ("Skipping the library “%s”: its folder “%s” is not an absolute path", name, path);
      return NULL;
    }
  folder = g_file_new_for_path (path);
  if (find_by_folder (loaded, folder) != NULL)
    {
      g_debug ("Skipping the library “%s”: its folder “%s” is already listed", name, path);
      return NULL;
    }

  library = find_by_folder (self->libraries, folder);
  if (library != NULL)
    {
      g_object_ref (library);
      if (name[0] != '\0')
        trove_library_set_name (library, name);
      return library;
    }

  if (name[0] == '\0')
    {
      g_autofree char *default_name = trove_library_default_name (folder);
      library = trove_library_new (default_name, folder);
    }
  else
    library = trove_library_new (name, folder);
  trove_library_check_available (library);
  return library;
}

static GPtrArray *
read_key (TroveLibraryList *self)
{
  g_autoptr (GVariant) value = g_settings_get_value (self->settings, LIBRARIES_KEY);
  GPtrArray *loaded = g_ptr_array_new_with_free_func (g_object_unref);
  GVariantIter iter;
  const char *name, *path;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &path))
    {
      TroveLibrary *library = library_for_entry (self, loaded, name, path);

      if (library != NULL)
        g_ptr_array_add (loaded, library);
    }
  return loaded;
}

/* Replaces the list with @loaded, announcing the smallest single range that
 * differs (same items at the start and at the end are kept). */
static void
replace_libraries (TroveLibraryList *self, GPtrArray *loaded)
{
  GPtrArray *old = self->libraries;
  guint prefix = 0, suffix = 0;

  while (prefix < old->len && prefix < loaded->len && old->pdata[prefix] == loaded->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < loaded->len - prefix
         && old->pdata[old->len - 1 - suffix] == loaded->pdata[loaded->len - 1 - suffix])
    suffix++;

  for (guint i = 0; i < old->len; i++)
    if (!g_ptr_array_find (loaded, old->pdata[i], NULL))
      unwatch_library (old->pdata[i], self);
  for (guint i = 0; i < loaded->len; i++)
    if (!g_ptr_array_find (old, loaded->pdata[i], NULL))
      watch_library (self, loaded->pdata[i]);

  self->libraries = g_ptr_array_ref (loaded);
  items_changed (self, prefix, old->len - prefix - suffix, loaded->len - prefix - suffix);
  g_ptr_array_unref (old);
}

static void
reload (TroveLibraryList *self)
{
  g_autoptr (GPtrArray) loaded = NULL;

  self->loading = TRUE;
  loaded = read_key (self);
  self->loading = FALSE;
  replace_libraries (self, loaded);
}

static void
settings_changed_cb (TroveLibraryList *self, const char *key, GSettings *settings)
{
  reload (self);
}

/* --- object --- */

static void
trove_library_list_dispose (GObject *object)
{
  TroveLibraryList *self = (TroveLibraryList *)object;

  /* The settings and the libraries may outlive the list: stop listening. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);
  g_clear_object (&self->settings);
  g_ptr_array_foreach (self->libraries, unwatch_library, self);

  G_OBJECT_CLASS (trove_library_list_parent_class)->dispose (object);
}

static void
trove_library_list_finalize (GObject *object)
{
  TroveLibraryList *self = (TroveLibraryList *)object;

  g_clear_pointer (&self->libraries, g_ptr_array_unref);

  G_OBJECT_CLASS (trove_library_list_parent_class)->finalize (object);
}

static void
trove_library_list_constructed (GObject *object)
{
  TroveLibraryList *self = (TroveLibraryList *)object;

  G_OBJECT_CLASS (trove_library_list_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));
  g_signal_connect_object (self->settings, "changed::" LIBRARIES_KEY,
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
trove_library_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveLibraryList *self = TROVE_LIBRARY_LIST (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->libraries->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_library_list_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  TroveLibraryList *self = TROVE_LIBRARY_LIST (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_library_list_class_init (TroveLibraryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trove_library_list_dispose;
  object_class->finalize = trove_library_list_finalize;
  object_class->constructed = trove_library_list_constructed;
  object_class->get_property = trove_library_list_get_property;
  object_class->set_property = trove_library_list_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object (
      "settings", NULL, "Settings of the io.github.trove.Trove schema", G_TYPE_SETTINGS,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS]
      = g_param_spec_uint ("n-items", NULL, "The number of libraries", 0, G_MAXUINT, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_library_list_init (TroveLibraryList *self)
{
  self->libraries = g_ptr_array_new_with_free_func (g_object_unref);
}

/* --- public API --- */

/**
 * trove_library_list_new:
 * @settings: settings of the io.github.trove.Trove schema
 *
 * Loads the libraries from the "libraries" key and checks whether each is
 * available (blocking I/O, see trove_library_check_available()). Entries
 * that cannot be libraries (an empty or relative path, a folder listed
 * twice) are skipped; an entry without a name gets the folder's name.
 */
TroveLibraryList *
trove_library_list_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (TROVE_TYPE_LIBRARY_LIST, "settings", settings, NULL);
}

/* Returns the name with surrounding white space removed, or NULL with
 * @error set when nothing is left. */
static char *
clean_name (const char *name, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _ ("A library needs a name"));
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/**
 * trove_library_list_add:
 * @name: the library's name; surrounding white space is removed
 * @folder: a local folder (it need not exist)
 *
 * Appends a library, checks its availability and saves the list. Fails
 * with %G_IO_ERROR_EXISTS when the folder is already a library (same
 * absolute path; symlinks are not resolved), %G_IO_ERROR_INVALID_ARGUMENT
 * for an empty name, %G_IO_ERROR_NOT_SUPPORTED for a folder that has no
 * local path and %G_IO_ERROR_INVALID_FILENAME for a path that is not UTF-8
 * (the settings key cannot hold it).
 *
 * Returns: (transfer none) (nullable): the new library
 */
TroveLibrary *
trove_library_list_add (TroveLibraryList *self, const char *name, GFile *folder, GError **error)
{
  g_autofree char *clean = NULL, *path = NULL, *shown = NULL;
  g_autoptr (GFile) canonical = NULL;
  g_autoptr (TroveLibrary) library = NULL;
  TroveLibrary *existing;

  g_return_val_if_fail (TROVE_IS_LIBRARY_LIST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  shown = g_file_get_parse_name (folder);
  path = g_file_get_path (folder);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _ ("“%s” is not a local folder"),
                   shown);
      return NULL;
    }
  /* The key stores paths as GVariant strings, which must be UTF-8. */
  if (!g_utf8_validate (path, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _ ("The folder “%s” cannot be added: its path is not valid UTF-8"), shown);
      return NULL;
    }
  /* The path from a GFile is absolute and canonical ("..", "//" and a
   * trailing slash removed), so equal folders compare equal. */
  canonical = g_file_new_for_path (path);
  existing = find_by_folder (self->libraries, canonical);
  if (existing != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("The folder “%s” is already added as the library “%s”"), shown,
                   trove_library_get_name (existing));
      return NULL;
    }
  clean = clean_name (name, error);
  if (clean == NULL)
    return NULL;

  library = trove_library_new (clean, canonical);
  trove_library_check_available (library);
  g_ptr_array_add (self->libraries, g_object_ref (library));
  watch_library (self, library);
  items_changed (self, self->libraries->len - 1, 0, 1);
  save (self);
  return library;
}

static gboolean
find_library (TroveLibraryList *self, TroveLibrary *library, guint *position)
{
  return g_ptr_array_find (self->libraries, library, position);
}

/**
 * trove_library_list_remove:
 * @library: a library of this list
 *
 * Removes the library and saves the list. Its folder is not touched.
 */
void
trove_library_list_remove (TroveLibraryList *self, TroveLibrary *library)
{
  guint position;

  g_return_if_fail (TROVE_IS_LIBRARY_LIST (self));
  g_return_if_fail (TROVE_IS_LIBRARY (library));
  g_return_if_fail (find_library (self, library, &position));

  unwatch_library (library, self);
  g_ptr_array_remove_index (self->libraries, position);
  items_changed (self, position, 1, 0);
  save (self);
}

/**
 * trove_library_list_rename:
 * @library: a library of this list
 * @name: the new name; surrounding white space is removed
 *
 * Renames the library and saves the list. Fails with
 * %G_IO_ERROR_INVALID_ARGUMENT, changing nothing, when the name is empty or
 * only white space.
 */
gboolean
trove_library_list_rename (TroveLibraryList *self,
                           TroveLibrary *library,
                           const char *name,
                           GError **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (TROVE_IS_LIBRARY_LIST (self), FALSE);
  g_return_val_if_fail (TROVE_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (find_library (self, library, NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clean = clean_name (name, error);
  if (clean == NULL)
    return FALSE;
  /* Saved by library_name_changed_cb, if the name really changes. */
  trove_library_set_name (library, clean);
  return TRUE;
}

/**
 * trove_library_list_move:
 * @library: a library of this list
 * @position: where it goes; past the end means last
 *
 * Moves the library so that it ends at @position, and saves the list. One
 * items-changed covers the moved range, so that a GtkSingleSelection finds
 * the selected library again among the added items.
 */
void
trove_library_list_move (TroveLibraryList *self, TroveLibrary *library, guint position)
{
  guint from;

  g_return_if_fail (TROVE_IS_LIBRARY_LIST (self));
  g_return_if_fail (TROVE_IS_LIBRARY (library));
  g_return_if_fail (find_library (self, library, &from));

  position = MIN (position, self->libraries->len - 1);
  if (position == from)
    return;

  g_ptr_array_steal_index (self->libraries, from);
  g_ptr_array_insert (self->libraries, (gint)position, library);
  items_changed (self, MIN (from, position), MAX (from, position) - MIN (from, position) + 1,
                 MAX (from, position) - MIN (from, position) + 1);
  save (self);
}

/**
 * trove_library_list_find:
 * @folder: a folder
 *
 * Returns: (transfer none) (nullable): the library whose folder is @folder
 */
TroveLibrary *
trove_library_list_find (TroveLibraryList *self, GFile *folder)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY_LIST (self), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return find_by_folder (self->libraries, folder);
}
