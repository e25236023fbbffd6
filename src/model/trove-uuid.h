/* trove-uuid.h: Blender's bUUID, parsed and formatted as Blender does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The canonical string form is 36 characters plus NUL (Blender's UUID_STRING_SIZE). */
#define TROVE_UUID_STRING_SIZE 37

/**
 * TroveUuid:
 *
 * The fields of Blender's `bUUID`, as integers (the file stores them in its own
 * byte order; the string form is built from the integer values).
 */
typedef struct
{
  guint32 time_low;
  guint16 time_mid;
  guint16 time_hi_and_version;
  guint8 clock_seq_hi_and_reserved;
  guint8 clock_seq_low;
  guint8 node[6];
} TroveUuid;

gboolean trove_uuid_parse (const char *text, TroveUuid *out);
void trove_uuid_format (const TroveUuid *uuid, char out[TROVE_UUID_STRING_SIZE]);
char *trove_uuid_to_string (const TroveUuid *uuid);
gboolean trove_uuid_is_nil (const TroveUuid *uuid);
void trove_uuid_generate_random (TroveUuid *out);
char *trove_uuid_normalize_string (const char *text);

G_END_DECLS
