/* test-uuid.c: bUUID parsing and formatting, as Blender's BLI_uuid does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "trove-uuid.h"

#include <string.h>

static void
test_uuid_round_trip (void)
{
  TroveUuid uuid;
  g_autofree char *text = NULL;

  g_assert_true (trove_uuid_parse ("cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe", &uuid));
  g_assert_cmpuint (uuid.time_low, ==, 0xcd66bf52);
  g_assert_cmpuint (uuid.time_mid, ==, 0x58f4);
  g_assert_cmpuint (uuid.time_hi_and_version, ==, 0x45cb);
  g_assert_cmpuint (uuid.clock_seq_hi_and_reserved, ==, 0xa4);
  g_assert_cmpuint (uuid.clock_seq_low, ==, 0xe2);
  g_assert_cmpuint (uuid.node[0], ==, 0xdc);
  g_assert_cmpuint (uuid.node[5], ==, 0xfe);
  text = trove_uuid_to_string (&uuid);
  g_assert_cmpstr (text, ==, "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe");
}

/* The leniency of Blender's sscanf() pattern, kept on purpose. */
static void
test_uuid_lenient (void)
{
  struct
  {
    const char *input;
    const char *canonical;
  } cases[] = {
    { "CD66BF52-58F4-45CB-A4E2-DC0E0EE8F3FE", "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe" },
    { "1-2-3-4455-66778899aabb", "00000001-0002-0003-4455-66778899aabb" },
    { "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe trailing", "cd66bf52-58f4-45cb-a4e2-dc0e0ee8f3fe" },
    { "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = trove_uuid_normalize_string (cases[i].input);
      g_assert_cmpstr (normalized, ==, cases[i].canonical);
    }
}

static void
test_uuid_rejected (void)
{
  const char *bad[] = { "", "not-a-uuid", "cd66bf52-58f4-45cb-a4e2", "cd66bf52:58f4", "#comment" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *normalized = trove_uuid_normalize_string (bad[i]);
      g_assert_null (normalized);
    }
}

static void
test_uuid_nil_and_random (void)
{
  TroveUuid nil = { 0 }, a, b;
  char text[TROVE_UUID_STRING_SIZE];

  g_assert_true (trove_uuid_is_nil (&nil));
  trove_uuid_generate_random (&a);
  trove_uuid_generate_random (&b);
  g_assert_false (trove_uuid_is_nil (&a));
  g_assert_true (memcmp (&a, &b, sizeof a) != 0);
  /* Version 4, RFC 4122 variant, as BLI_uuid_generate_random() makes. */
  g_assert_cmpuint (a.time_hi_and_version >> 12, ==, 4);
  g_assert_cmpuint (a.clock_seq_hi_and_reserved >> 6, ==, 2);
  trove_uuid_format (&a, text);
  g_assert_cmpuint (strlen (text), ==, 36);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/uuid/round-trip", test_uuid_round_trip);
  g_test_add_func ("/uuid/lenient", test_uuid_lenient);
  g_test_add_func ("/uuid/rejected", test_uuid_rejected);
  g_test_add_func ("/uuid/nil-and-random", test_uuid_nil_and_random);
  return g_test_run ();
}
