/* trove-uuid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trove-uuid.h"

#include <stdio.h>
#include <string.h>

/* Blender parses catalog UUIDs with exactly this sscanf() pattern
 * (BLI_uuid_parse_string) and accepts the string when all 11 fields convert.
 * Using sscanf() ourselves keeps every leniency identical: upper-case hex,
 * short groups, trailing garbage. */
gboolean
trove_uuid_parse (const char *text, TroveUuid *out)
{
  TroveUuid uuid = { 0 };
  int n;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  n = sscanf (text, "%8x-%4hx-%4hx-%2hhx%2hhx-%2hhx%2hhx%2hhx%2hhx%2hhx%2hhx", &uuid.time_low,
              &uuid.time_mid, &uuid.time_hi_and_version, &uuid.clock_seq_hi_and_reserved,
              &uuid.clock_seq_low, &uuid.node[0], &uuid.node[1], &uuid.node[2], &uuid.node[3],
              &uuid.node[4], &uuid.node[5]);
  if (n != 11)
    return FALSE;

  *out = uuid;
  return TRUE;
}

void
trove_uuid_format (const TroveUuid *uuid, char out[TROVE_UUID_STRING_SIZE])
{
  g_return_if_fail (uuid != NULL);

  g_snprintf (out, TROVE_UUID_STRING_SIZE, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
              uuid->time_low, uuid->time_mid, uuid->time_hi_and_version,
              uuid->clock_seq_hi_and_reserved, uuid->clock_seq_low, uuid->node[0], uuid->node[1],
              uuid->node[2], uuid->node[3], uuid->node[4], uuid->node[5]);
}

char *
trove_uuid_to_string (const TroveUuid *uuid)
{
  char buf[TROVE_UUID_STRING_SIZE];

  g_return_val_if_fail (uuid != NULL, NULL);

  trove_uuid_format (uuid, buf);
  return g_strdup (buf);
}

gboolean
trove_uuid_is_nil (const TroveUuid *uuid)
{
  static const TroveUuid nil = { 0 };

  g_return_val_if_fail (uuid != NULL, TRUE);

  return memcmp (uuid, &nil, sizeof nil) == 0;
}

/* A random version-4 UUID, as BLI_uuid_generate_random() makes. */
void
trove_uuid_generate_random (TroveUuid *out)
{
  g_autofree char *text = g_uuid_string_random ();

  g_return_if_fail (out != NULL);

  if (!trove_uuid_parse (text, out))
    g_assert_not_reached ();
}

/* Returns the canonical lower-case form of @text, or NULL when Blender would
 * not accept it as a UUID. */
char *
trove_uuid_normalize_string (const char *text)
{
  TroveUuid uuid;

  g_return_val_if_fail (text != NULL, NULL);

  if (!trove_uuid_parse (text, &uuid))
    return NULL;
  return trove_uuid_to_string (&uuid);
}
