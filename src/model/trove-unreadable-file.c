/* trove-unreadable-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-unreadable-file.h"

struct _TroveUnreadableFile
{
  GObject parent_instance;

  char *file;
  char *path;
  GError *error;
};

G_DEFINE_FINAL_TYPE (TroveUnreadableFile, trove_unreadable_file, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_PATH,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trove_unreadable_file_finalize (GObject *object)
{
  TroveUnreadableFile *self = (TroveUnreadableFile *)object;

  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (trove_unreadable_file_parent_class)->finalize (object);
}

static void
trove_unreadable_file_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  TroveUnreadableFile *self = TROVE_UNREADABLE_FILE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, trove_unreadable_file_get_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trove_unreadable_file_class_init (TroveUnreadableFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trove_unreadable_file_finalize;
  object_class->get_property = trove_unreadable_file_get_property;

  properties[PROP_FILE] = g_param_spec_string ("file", NULL, "Path relative to the library root",
                                               NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, "Filesystem path", NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, "Why it cannot be read", NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trove_unreadable_file_init (TroveUnreadableFile *self)
{
}

/**
 * trove_unreadable_file_new:
 * @file: the path relative to the library root, '/'-separated
 * @path: the filesystem path
 * @error: why the file could not be read (its message names the file)
 */
TroveUnreadableFile *
trove_unreadable_file_new (const char *file, const char *path, const GError *error)
{
  TroveUnreadableFile *self;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (TROVE_TYPE_UNREADABLE_FILE, NULL);
  self->file = g_strdup (file);
  self->path = g_strdup (path);
  self->error = g_error_copy (error);
  return self;
}

const char *
trove_unreadable_file_get_file (TroveUnreadableFile *self)
{
  g_return_val_if_fail (TROVE_IS_UNREADABLE_FILE (self), NULL);
  return self->file;
}

const char *
trove_unreadable_file_get_path (TroveUnreadableFile *self)
{
  g_return_val_if_fail (TROVE_IS_UNREADABLE_FILE (self), NULL);
  return self->path;
}

const char *
trove_unreadable_file_get_message (TroveUnreadableFile *self)
{
  g_return_val_if_fail (TROVE_IS_UNREADABLE_FILE (self), NULL);
  return self->error->message;
}

const GError *
trove_unreadable_file_get_error (TroveUnreadableFile *self)
{
  g_return_val_if_fail (TROVE_IS_UNREADABLE_FILE (self), NULL);
  return self->error;
}
