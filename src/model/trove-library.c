/* trove-library.c: one registered asset library (a name and a folder)
 *
 * A library is available when its folder exists, is a folder and can be
 * listed. Availability is only known after a check, which does I/O; until
 * the first check a library counts as available, so that a view does not
 * flash "missing" for every library at startup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-library.h"

#include <glib/gi18n-lib.h>

/* Following symlinks, as Blender and the scanner do. The access attributes
 * come from access(2), so they account for ACLs and the caller's groups. */
#define CHECK_ATTRIBUTES                                                                           \
  G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_READ                              \
                                 "," G_FILE_ATTRIBUTE_ACCESS_CAN_EXECUTE

struct _TroveLibrary
{
  GObject parent_instance;

  char *name;
  GFile *folder;
  gboolean available;
  char *unavailable_reason;
};

G_DEFINE_FINAL_TYPE (TroveLibrary, trove_library, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_FOLDER,
  PROP_AVAILABLE,
  PROP_UNAVAILABLE_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trove_library_finalize (GObject *object)
{
  TroveLibrary *self = (TroveLibrary *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->unavailable_reason, g_free);

  G_OBJECT_CLASS (trove_library_parent_class)->finalize (object);
}

static void
trove_library_constructed (GObject *object)
{
  TroveLibrary *self = (TroveLibrary *)object;

  G_OBJECT_CLASS (trove_library_parent_class)->constructed (object);

  g_warn_if_fail (self->folder != NULL);
}

static void
trove_library_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TroveLibrary *self = TROVE_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_UNAVAILABLE_REASON:
      g_value_set_string (value, self->unavailable_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_library_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  TroveLibrary *self = TROVE_LIBRARY (object);
  const char *name;

  switch (prop_id)
    {
    case PROP_NAME:
      /* The construct-time default is NULL; a library's name is never NULL. */
      name = g_value_get_string (value);
      trove_library_set_name (self, name != NULL ? name : "");
      break;
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_library_class_init (TroveLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = trove_library_finalize;
  object_class->constructed = trove_library_constructed;
  object_class->get_property = trove_library_get_property;
  object_class->set_property = trove_library_set_property;

  properties[PROP_NAME] = g_param_spec_string (
      "name", NULL, "The name shown for the library", NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLDER]
      = g_param_spec_object ("folder", NULL, "The library's root folder", G_TYPE_FILE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] = g_param_spec_boolean (
      "available", NULL, "Whether the folder could be read at the last check", TRUE, ro);
  properties[PROP_UNAVAILABLE_REASON] = g_param_spec_string (
      "unavailable-reason", NULL, "Why the folder cannot be used, or NULL", NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_library_init (TroveLibrary *self)
{
  self->name = g_strdup ("");
  self->available = TRUE;
}

/**
 * trove_library_new:
 * @name: the name shown for the library
 * @folder: the library's root folder
 *
 * Creates a library. Its availability is not checked: call
 * trove_library_check_available().
 */
TroveLibrary *
trove_library_new (const char *name, GFile *folder)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (TROVE_TYPE_LIBRARY, "name", name, "folder", folder, NULL);
}

const char *
trove_library_get_name (TroveLibrary *self)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY (self), NULL);
  return self->name;
}

/**
 * trove_library_set_name:
 *
 * Sets the name. A library in a #TroveLibraryList is saved when its name
 * changes; trove_library_list_rename() also refuses empty names.
 */
void
trove_library_set_name (TroveLibrary *self, const char *name)
{
  g_return_if_fail (TROVE_IS_LIBRARY (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * trove_library_get_folder:
 *
 * Returns: (transfer none): the library's root folder
 */
GFile *
trove_library_get_folder (TroveLibrary *self)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY (self), NULL);
  return self->folder;
}

gboolean
trove_library_get_available (TroveLibrary *self)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY (self), FALSE);
  return self->available;
}

/**
 * trove_library_get_unavailable_reason:
 *
 * Returns: (nullable): a translated sentence naming the folder, or NULL
 *   while the library is available
 */
const char *
trove_library_get_unavailable_reason (TroveLibrary *self)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY (self), NULL);
  return self->unavailable_reason;
}

static void
set_availability (TroveLibrary *self, const char *reason)
{
  gboolean available = reason == NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->available != available)
    {
      self->available = available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
    }
  if (g_strcmp0 (self->unavailable_reason, reason) != 0)
    {
      g_free (self->unavailable_reason);
      self->unavailable_reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNAVAILABLE_REASON]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Returns why @folder cannot be used as a library, or NULL, from the result
 * of querying CHECK_ATTRIBUTES on it. */
static char *
unavailable_reason (GFile *folder, GFileInfo *info, const GError *error)
{
  g_autofree char *shown = g_file_get_parse_name (folder);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        return g_strdup_printf (_ ("The folder “%s” does not exist"), shown);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        return g_strdup_printf (_ ("The folder “%s” cannot be read"), shown);
      return g_strdup_printf (_ ("The folder “%s” cannot be opened: %s"), shown, error->message);
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      break;
    case G_FILE_TYPE_SYMBOLIC_LINK:
      /* GIO describes a symlink it cannot follow (dangling, or a loop) as
       * the link itself. */
      return g_strdup_printf (_ ("The folder “%s” does not exist"), shown);
    case G_FILE_TYPE_UNKNOWN:
      /* A file that may not be stat'ed (EACCES, e.g. inside a folder that
       * cannot be searched) comes back without a type rather than as an
       * error. */
      return g_strdup_printf (_ ("The folder “%s” cannot be read"), shown);
    default:
      return g_strdup_printf (_ ("“%s” is not a folder"), shown);
    }
  /* Listing a folder needs read permission, scanning it needs search too.
   * An attribute the backend does not report counts as allowed. */
  if ((g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ)
       && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
      || (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_EXECUTE)
          && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_EXECUTE)))
    return g_strdup_printf (_ ("The folder “%s” cannot be read"), shown);
  return NULL;
}

static gboolean
apply_query_result (TroveLibrary *self, GFileInfo *info, const GError *error)
{
  g_autofree char *reason = unavailable_reason (self->folder, info, error);

  set_availability (self, reason);
  return self->available;
}

/**
 * trove_library_check_available:
 *
 * Checks that the folder exists, is a folder (symlinks are followed) and
 * can be read, and updates #TroveLibrary:available and
 * #TroveLibrary:unavailable-reason, notifying only what changed.
 *
 * This does blocking I/O (one stat and access check). It is quick on local
 * disks, but a folder on a hung network mount can block it for as long as
 * the kernel waits; use trove_library_check_available_async() where that
 * matters.
 */
void
trove_library_check_available (TroveLibrary *self)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (TROVE_IS_LIBRARY (self));
  g_return_if_fail (self->folder != NULL);

  info = g_file_query_info (self->folder, CHECK_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, NULL, &error);
  apply_query_result (self, info, error);
}

static void
query_info_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  TroveLibrary *self = g_task_get_source_object (task);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, apply_query_result (self, info, error));
}

/**
 * trove_library_check_available_async:
 *
 * Like trove_library_check_available(), with the I/O in a worker thread, so
 * that a hung network mount cannot freeze the caller. The properties are
 * updated on the caller's thread-default main context, before @callback.
 */
void
trove_library_check_available_async (TroveLibrary *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;

  g_return_if_fail (TROVE_IS_LIBRARY (self));
  g_return_if_fail (self->folder != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trove_library_check_available_async);
  g_file_query_info_async (self->folder, CHECK_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, query_info_cb, task);
}

/**
 * trove_library_check_available_finish:
 *
 * Returns: the new value of #TroveLibrary:available; FALSE with @error set
 *   only when the check was cancelled (the properties are then unchanged)
 */
gboolean
trove_library_check_available_finish (TroveLibrary *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (TROVE_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * trove_library_default_name:
 * @folder: a library folder
 *
 * Returns: (transfer full): the name a new library gets by default: the
 *   folder's base name in displayable UTF-8, or "/" for the root
 */
char *
trove_library_default_name (GFile *folder)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  basename = g_file_get_basename (folder);
  if (basename == NULL || basename[0] == '\0')
    return g_strdup ("/");
  return g_filename_display_name (basename);
}
