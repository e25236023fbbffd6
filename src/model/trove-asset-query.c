/* trove-asset-query.c
 *
 * The grid filters 100,000 assets on every keystroke, so matching avoids
 * allocating: needles are folded once at parse time, ASCII haystacks (the
 * common case) are searched in place ignoring ASCII case, and the folded
 * copies of other haystacks are made once and kept (see "Matching").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "trove-asset-query.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "trove-catalog-path.h"

#define TYPE_CONTEXT "asset type"

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

/* ---------------------------------------------------------------------------
 * ID types
 */

typedef struct
{
  char code[3];
  const char *name;    /* English, translated in TYPE_CONTEXT */
  const char *aliases; /* more English names for type:, '|'-separated, or NULL */
} TypeInfo;

/* Every ID code of DNA_ID_enums.h (blend-format.md §2) but the pseudo-codes,
 * plus IP (Ipo), which files older than 5.0 may hold. Names as in Blender. */
static const TypeInfo types[] = {
  { "AC", NC_ ("asset type", "Action"), "pose" },
  { "AR", NC_ ("asset type", "Armature"), NULL },
  { "BR", NC_ ("asset type", "Brush"), NULL },
  { "CA", NC_ ("asset type", "Camera"), NULL },
  { "CF", NC_ ("asset type", "Cache File"), NULL },
  { "CU", NC_ ("asset type", "Curve"), NULL },
  { "CV", NC_ ("asset type", "Curves"), "hair" },
  { "GD", NC_ ("asset type", "Grease Pencil (Legacy)"), NULL },
  { "GP", NC_ ("asset type", "Grease Pencil"), NULL },
  { "GR", NC_ ("asset type", "Collection"), NULL },
  { "IM", NC_ ("asset type", "Image"), NULL },
  { "IP", NC_ ("asset type", "Ipo"), NULL },
  { "KE", NC_ ("asset type", "Shape Key"), "key" },
  { "LA", NC_ ("asset type", "Light"), "lamp" },
  { "LI", NC_ ("asset type", "Library"), NULL },
  { "LP", NC_ ("asset type", "Light Probe"), NULL },
  { "LS", NC_ ("asset type", "Line Style"), NULL },
  { "LT", NC_ ("asset type", "Lattice"), NULL },
  { "MA", NC_ ("asset type", "Material"), NULL },
  { "MB", NC_ ("asset type", "Metaball"), NULL },
  { "MC", NC_ ("asset type", "Movie Clip"), NULL },
  { "ME", NC_ ("asset type", "Mesh"), NULL },
  { "MS", NC_ ("asset type", "Mask"), NULL },
  /* Users say "group" for node groups; collections were groups before 2.8. */
  { "NT", NC_ ("asset type", "Node Group"), "group|node tree" },
  { "OB", NC_ ("asset type", "Object"), NULL },
  { "PA", NC_ ("asset type", "Particles"), NULL },
  { "PC", NC_ ("asset type", "Paint Curve"), NULL },
  { "PL", NC_ ("asset type", "Palette"), NULL },
  { "PT", NC_ ("asset type", "Point Cloud"), NULL },
  { "SC", NC_ ("asset type", "Scene"), NULL },
  { "SK", NC_ ("asset type", "Speaker"), NULL },
  { "SO", NC_ ("asset type", "Sound"), NULL },
  { "SR", NC_ ("asset type", "Screen"), NULL },
  { "TE", NC_ ("asset type", "Texture"), NULL },
  { "TX", NC_ ("asset type", "Text"), NULL },
  { "VF", NC_ ("asset type", "Font"), "vector font" },
  { "VO", NC_ ("asset type", "Volume"), NULL },
  { "WM", NC_ ("asset type", "Window Manager"), NULL },
  { "WO", NC_ ("asset type", "World"), NULL },
  { "WS", NC_ ("asset type", "Workspace"), NULL },
};

static const TypeInfo *
lookup_type (const char *id_type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (types[i].code, id_type) == 0)
      return &types[i];
  return NULL;
}

static const char *
translated_name (const TypeInfo *info)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, TYPE_CONTEXT, info->name);
}

/**
 * trove_asset_type_name:
 * @id_type: a two-letter ID code, e.g. "MA"
 *
 * Returns: (transfer none): the translated name of the type ("Material"),
 *   or @id_type itself when the code is unknown
 */
const char *
trove_asset_type_name (const char *id_type)
{
  const TypeInfo *info;

  g_return_val_if_fail (id_type != NULL, NULL);

  info = lookup_type (id_type);
  return info != NULL ? translated_name (info) : id_type;
}

/* ---------------------------------------------------------------------------
 * Case-insensitive text
 */

/* What both sides of a text comparison become: case-folded, then NFC, so
 * that precomposed and decomposed accents compare equal. */
static char *
fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  folded = g_utf8_casefold (text, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar)*text >= 0x80)
      return FALSE;
  return TRUE;
}

/* g_ascii_tolower() is a function call; this runs per byte of 100k assets. */
static inline guchar
ascii_lower (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

typedef enum
{
  ASCII_FOUND,
  ASCII_NOT_FOUND,
  ASCII_UNSURE,
} AsciiResult;

/* Looks for lower-case ASCII @needle in @haystack, ignoring ASCII case. The
 * answer is only sure over ASCII text: folding may change what follows
 * (a combining accent joins the letter before it, the Kelvin sign folds to
 * "k"), so a non-ASCII byte before a match, or right after it, is UNSURE. */
static AsciiResult
ascii_find (const char *haystack, const char *needle, gsize length)
{
  const guchar first = needle[0];

  for (const guchar *p = (const guchar *)haystack; *p != '\0'; p++)
    {
      gsize i;

      if (*p >= 0x80)
        return ASCII_UNSURE;
      if (ascii_lower (*p) != first)
        continue;
      /* Stops at the haystack's NUL, which never equals a needle byte. */
      for (i = 1; i < length && ascii_lower (p[i]) == (guchar)needle[i]; i++)
        ;
      if (i == length)
        return p[length] < 0x80 ? ASCII_FOUND : ASCII_UNSURE;
    }
  return ASCII_NOT_FOUND;
}

/* ---------------------------------------------------------------------------
 * Natural order
 */

/* The combining accents that canonical decompositions of letters produce,
 * ignored at the first level of the natural order. Other marks (Indic vowel
 * signs) are letters there. */
static gboolean
is_accent (gunichar u)
{
  return (u >= 0x0300 && u <= 0x036F) || (u >= 0x1AB0 && u <= 0x1AFF)
         || (u >= 0x1DC0 && u <= 0x1DFF) || (u >= 0x20D0 && u <= 0x20FF)
         || (u >= 0xFE20 && u <= 0xFE2F) || u == 0x3099 || u == 0x309A;
}

static gboolean
is_utf8_char (gunichar u)
{
  return u != (gunichar)-1 && u != (gunichar)-2;
}

static const char *
skip_accents (const char *p)
{
  while ((guchar)*p >= 0x80)
    {
      gunichar u = g_utf8_get_char_validated (p, -1);

      if (!is_utf8_char (u) || !is_accent (u))
        break;
      p = g_utf8_next_char (p);
    }
  return p;
}

/* ASCII's first-level weight: see primary_weight(). */
static inline gunichar
ascii_weight (guchar c)
{
  return c == '/' ? 0 : ascii_lower (c);
}

/* The first-level weight of the character at @p, and where the next one
 * starts: lower case, without accents ("É" weighs "e"), and '/' lightest of
 * all so that catalog paths sort component by component ("a/b" < "a b"). */
static gunichar
primary_weight (const char *p, const char **next)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar u;
  gsize n;

  if ((guchar)*p < 0x80)
    {
      *next = p + 1;
      return ascii_weight (*p);
    }

  u = g_utf8_get_char_validated (p, -1);
  if (!is_utf8_char (u))
    {
      /* A stray byte (not from the reader, which validates) weighs itself,
       * after every character. */
      *next = p + 1;
      return 0x110000 + (guchar)*p;
    }
  *next = g_utf8_next_char (p);

  u = g_unichar_tolower (u);
  n = g_unichar_fully_decompose (u, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 1; i < n; i++)
    if (!is_accent (decomposed[i]))
      return u; /* a Hangul syllable, say: its jamo are letters */
  return decomposed[0];
}

/* Compares the digit runs at *@a and *@b by value and moves past them. */
static int
compare_numbers (const char **a, const char **b)
{
  const char *pa = *a;
  const char *pb = *b;
  gsize la = 0;
  gsize lb = 0;

  while (*pa == '0')
    pa++;
  while (*pb == '0')
    pb++;
  while (g_ascii_isdigit (pa[la]))
    la++;
  while (g_ascii_isdigit (pb[lb]))
    lb++;
  *a = pa + la;
  *b = pb + lb;

  if (la != lb)
    return la < lb ? -1 : 1;
  return sign (memcmp (pa, pb, la));
}

/* Each string is a sequence of units, a run of ASCII digits or one weighed
 * character, compared lexicographically. A number meets a character as its
 * first digit would: no weight falls between '0' and '9' but theirs, so this
 * is consistent and the order total. */
static int
compare_primary (const char *a, const char *b)
{
  for (;;)
    {
      gunichar wa;
      gunichar wb;

      /* Accents go first: they may hide a digit run from the test below. */
      if ((guchar)*a >= 0x80)
        a = skip_accents (a);
      if ((guchar)*b >= 0x80)
        b = skip_accents (b);
      if (*a == '\0' || *b == '\0')
        return (*a != '\0') - (*b != '\0');

      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          int cmp = compare_numbers (&a, &b);

          if (cmp != 0)
            return cmp;
          continue;
        }

      if ((guchar)*a < 0x80 && (guchar)*b < 0x80)
        {
          wa = ascii_weight (*a++);
          wb = ascii_weight (*b++);
        }
      else
        {
          wa = primary_weight (a, &a);
          wb = primary_weight (b, &b);
        }
      if (wa != wb)
        return wa < wb ? -1 : 1;
    }
}

static gboolean
is_continuation_byte (char c)
{
  return ((guchar)c & 0xC0) == 0x80;
}

/* Where the units of @a and @b may first differ: before the first byte
 * that differs, backed up to a character boundary in both strings and to
 * the start of a digit run ("12" vs "13" must compare 12 with 13). The
 * bytes before it are equal, and so are their units. */
static gsize
unit_boundary (const char *a, const char *b, gsize differ)
{
  while (differ > 0 && (is_continuation_byte (a[differ]) || is_continuation_byte (b[differ])))
    differ--;
  while (differ > 0 && g_ascii_isdigit (a[differ - 1]))
    differ--;
  return differ;
}

/**
 * trove_natural_compare:
 * @a: a UTF-8 string
 * @b: a UTF-8 string
 *
 * The order of names in the grid, like a file manager's but independent of
 * the locale: case-insensitive, digit runs compared by value ("Crate 2" <
 * "Crate 10" < "crate 11"), accented letters next to their base letter
 * ("Éclair" between "Eclair" and "Ed"), '/' before any other character.
 * Strings equal in that sense are ordered by their bytes ("Crate" <
 * "crate", "a02" < "a2"), so only identical strings compare equal. It
 * neither allocates nor reads the locale, and skips the common prefix, so
 * it is cheap enough to call on every comparison of a sort.
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_natural_compare (const char *a, const char *b)
{
  gsize differ = 0;
  int byte_order;
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  while (a[differ] != '\0' && a[differ] == b[differ])
    differ++;
  if (a[differ] == b[differ])
    return 0;
  byte_order = (guchar)a[differ] < (guchar)b[differ] ? -1 : 1; /* strcmp()'s answer */

  differ = unit_boundary (a, b, differ);
  cmp = compare_primary (a + differ, b + differ);
  return cmp != 0 ? cmp : byte_order;
}

/* ---------------------------------------------------------------------------
 * Terms
 */

typedef enum
{
  /* Terms are tested in this order, cheapest first. */
  TERM_TYPE,
  TERM_CATALOG,
  TERM_AUTHOR,
  TERM_TAG,
  TERM_TEXT,
} TermKind;

typedef struct
{
  TermKind kind;
  gboolean negated;
  char *needle; /* folded; for catalog terms a folded clean path */
  gsize length; /* of needle, never 0 */
  gboolean ascii;
  GStrv codes; /* TERM_TYPE: the ID codes it accepts, maybe none */
} Term;

struct _TroveAssetQuery
{
  gatomicrefcount ref_count;
  GArray *terms; /* of Term, by kind */
  gboolean has_catalog_terms;
};

G_DEFINE_BOXED_TYPE (TroveAssetQuery,
                     trove_asset_query,
                     trove_asset_query_ref,
                     trove_asset_query_unref)

static const struct
{
  const char *key;
  TermKind kind;
} keys[] = {
  { "tag", TERM_TAG },
  { "author", TERM_AUTHOR },
  { "type", TERM_TYPE },
  { "catalog", TERM_CATALOG },
};

static void
term_clear (gpointer data)
{
  Term *term = data;

  g_clear_pointer (&term->needle, g_free);
  g_clear_pointer (&term->codes, g_strfreev);
}

/* Folded, without ' ', '-' and '_': "Node Group" and "node-group" are
 * "nodegroup". */
static char *
squash (const char *text)
{
  char *squashed = fold (text);
  char *out = squashed;

  for (const char *p = squashed; *p != '\0'; p++)
    if (*p != ' ' && *p != '-' && *p != '_')
      *out++ = *p;
  *out = '\0';
  return squashed;
}

static gboolean
squashed_has_prefix (const char *name, const char *prefix)
{
  g_autofree char *squashed = squash (name);

  return g_str_has_prefix (squashed, prefix);
}

static gboolean
type_accepts (const TypeInfo *info, const char *value, const char *prefix)
{
  g_auto (GStrv) aliases = NULL;

  if (g_ascii_strcasecmp (value, info->code) == 0 || squashed_has_prefix (info->name, prefix)
      || squashed_has_prefix (translated_name (info), prefix))
    return TRUE;
  if (info->aliases == NULL)
    return FALSE;

  aliases = g_strsplit (info->aliases, "|", -1);
  for (guint i = 0; aliases[i] != NULL; i++)
    if (squashed_has_prefix (aliases[i], prefix))
      return TRUE;
  return FALSE;
}

/* The codes type:@value accepts (@prefix is @value squashed). */
static GStrv
codes_for_type (const char *value, const char *prefix)
{
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (type_accepts (&types[i], value, prefix))
      g_strv_builder_add (codes, types[i].code);

  /* The grid labels a type it does not know by its bare code, which must
   * then find it. */
  if (strlen (value) == 2 && g_ascii_isalnum (value[0]) && g_ascii_isalnum (value[1]))
    {
      g_autofree char *code = g_ascii_strup (value, -1);

      if (lookup_type (code) == NULL)
        g_strv_builder_add (codes, code);
    }
  return g_strv_builder_end (codes);
}

/* Makes @term look for @value. FALSE when the value is empty, in which case
 * the term is ignored. */
static gboolean
term_init (Term *term, TermKind kind, const char *value)
{
  term->kind = kind;
  if (kind == TERM_CATALOG)
    {
      g_autofree char *clean = trove_catalog_path_cleanup (value);

      term->needle = fold (clean);
    }
  else if (kind == TERM_TYPE)
    {
      term->needle = squash (value);
      if (*term->needle != '\0')
        term->codes = codes_for_type (value, term->needle);
    }
  else
    {
      term->needle = fold (value);
    }
  term->length = strlen (term->needle);
  term->ascii = is_ascii (term->needle);
  return term->length > 0;
}

/* ---------------------------------------------------------------------------
 * Parsing
 */

typedef struct
{
  GString *text;     /* the term without quotes and without its leading '-' */
  gssize key_length; /* bytes before the first ':' if nothing before it was quoted, else -1 */
  gboolean negated;
} RawTerm;

static gboolean
is_space (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

static const char *
skip_space (const char *p)
{
  while (*p != '\0' && is_space (p))
    p = g_utf8_next_char (p);
  return p;
}

/* Reads the term that starts at @p (not a space) into @raw; returns its end. */
static const char *
read_term (const char *p, RawTerm *raw)
{
  gboolean in_quotes = FALSE;
  gboolean seen_quote = FALSE;

  g_string_truncate (raw->text, 0);
  raw->key_length = -1;
  raw->negated = *p == '-';
  if (raw->negated)
    p++;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '"')
        {
          in_quotes = !in_quotes;
          seen_quote = TRUE;
          continue;
        }
      if (!in_quotes && is_space (p))
        break;
      if (*p == ':' && !seen_quote && raw->key_length < 0)
        raw->key_length = raw->text->len;
      g_string_append_len (raw->text, p, g_utf8_next_char (p) - p);
    }
  return p;
}

/* Fills @term from @raw; FALSE when the term is to be ignored. */
static gboolean
term_init_from_raw (Term *term, const RawTerm *raw)
{
  const char *text = raw->text->str;

  term->negated = raw->negated;
  for (gsize i = 0; raw->key_length > 0 && i < G_N_ELEMENTS (keys); i++)
    if (strlen (keys[i].key) == (gsize)raw->key_length
        && g_ascii_strncasecmp (text, keys[i].key, raw->key_length) == 0)
      return term_init (term, keys[i].kind, text + raw->key_length + 1);

  return term_init (term, TERM_TEXT, text);
}

/* Appends @term after the terms of the same or a cheaper kind. */
static void
add_term (GArray *terms, Term *term)
{
  guint position = terms->len;

  while (position > 0 && g_array_index (terms, Term, position - 1).kind > term->kind)
    position--;
  g_array_insert_val (terms, position, *term);
}

/**
 * trove_asset_query_parse:
 * @text: (nullable): what the user typed in the search entry
 *
 * Parses @text as described at the top of trove-asset-query.h. Any text is
 * a valid query: there are no syntax errors.
 *
 * Returns: (transfer full): the query
 */
TroveAssetQuery *
trove_asset_query_parse (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr (GString) buffer = g_string_new (NULL);
  RawTerm raw = { buffer, -1, FALSE };
  TroveAssetQuery *self;

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  self = g_new0 (TroveAssetQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, term_clear);

  for (const char *p = skip_space (text); *p != '\0'; p = skip_space (p))
    {
      Term term = { 0 };

      p = read_term (p, &raw);
      if (!term_init_from_raw (&term, &raw))
        {
          term_clear (&term);
          continue;
        }
      self->has_catalog_terms |= term.kind == TERM_CATALOG;
      add_term (self->terms, &term);
    }
  return self;
}

TroveAssetQuery *
trove_asset_query_ref (TroveAssetQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
trove_asset_query_unref (TroveAssetQuery *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->terms);
  g_free (self);
}

/**
 * trove_asset_query_is_empty:
 *
 * Returns: whether the query has no terms, so that it matches every asset
 */
gboolean
trove_asset_query_is_empty (const TroveAssetQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->terms->len == 0;
}

/* ---------------------------------------------------------------------------
 * Matching
 */

/* Folding allocates: far too slow to repeat for every asset on every
 * keystroke. An asset's strings never change (its properties are
 * construct-only), so the first search that needs the folded copies of an
 * asset's non-ASCII strings makes them all and keeps them on the asset as
 * object data, freed with it. ASCII strings, the vast majority, are
 * searched in place and never copied. */

enum
{
  FIELD_NAME,
  FIELD_DESCRIPTION,
  FIELD_AUTHOR,
  FIELD_FIRST_TAG,
};

typedef struct
{
  guint n_fields;
  char *fields[]; /* folded; NULL for ASCII strings, which are never looked up */
} FoldedAsset;

static const char *
field_text (TroveAsset *asset, guint field)
{
  switch (field)
    {
    case FIELD_NAME:
      return trove_asset_get_name (asset);
    case FIELD_DESCRIPTION:
      return trove_asset_get_description (asset);
    case FIELD_AUTHOR:
      return trove_asset_get_author (asset);
    default:
      return trove_asset_get_tags (asset)[field - FIELD_FIRST_TAG];
    }
}

static FoldedAsset *
folded_asset_new (TroveAsset *asset)
{
  guint n_fields = FIELD_FIRST_TAG + g_strv_length ((char **)trove_asset_get_tags (asset));
  FoldedAsset *folded = g_malloc0 (sizeof (FoldedAsset) + n_fields * sizeof (char *));

  folded->n_fields = n_fields;
  for (guint i = 0; i < n_fields; i++)
    {
      const char *text = field_text (asset, i);

      if (!is_ascii (text))
        folded->fields[i] = fold (text);
    }
  return folded;
}

static void
folded_asset_free (gpointer data)
{
  FoldedAsset *folded = data;

  for (guint i = 0; i < folded->n_fields; i++)
    g_free (folded->fields[i]);
  g_free (folded);
}

static GQuark
folded_quark (void)
{
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("trove-asset-query-folded"));
  return (GQuark)quark;
}

/* The folded copy of a non-ASCII field. Safe from several threads: the
 * first copy stored wins and is never replaced, so it lives as long as the
 * asset. */
static const char *
folded_field (TroveAsset *asset, guint field)
{
  GQuark quark = folded_quark ();
  FoldedAsset *folded = g_object_get_qdata (G_OBJECT (asset), quark);

  if (folded == NULL)
    {
      FoldedAsset *made = folded_asset_new (asset);

      if (g_object_replace_qdata (G_OBJECT (asset), quark, NULL, made, folded_asset_free, NULL))
        {
          folded = made;
        }
      else
        {
          folded_asset_free (made);
          folded = g_object_get_qdata (G_OBJECT (asset), quark);
        }
    }
  return folded->fields[field];
}

/* Whether @field of @asset, whose text is @text, contains the needle. */
static gboolean
field_contains (TroveAsset *asset, guint field, const char *text, const Term *term)
{
  if (*text == '\0')
    return FALSE;
  if (term->ascii)
    {
      AsciiResult result = ascii_find (text, term->needle, term->length);

      if (result != ASCII_UNSURE)
        return result == ASCII_FOUND;
    }
  else if (is_ascii (text))
    {
      return FALSE; /* folded ASCII is ASCII */
    }

  /* Not ASCII, so folded_field() has a copy. */
  return strstr (folded_field (asset, field), term->needle) != NULL;
}

static gboolean
any_tag_contains (TroveAsset *asset, const Term *term)
{
  const char *const *tags = trove_asset_get_tags (asset);

  for (guint i = 0; tags[i] != NULL; i++)
    if (field_contains (asset, FIELD_FIRST_TAG + i, tags[i], term))
      return TRUE;
  return FALSE;
}

static gboolean
type_matches (const char *id_type, const Term *term)
{
  for (guint i = 0; term->codes != NULL && term->codes[i] != NULL; i++)
    if (strcmp (id_type, term->codes[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Whether @path is the term's path or below it, ignoring case. */
static gboolean
catalog_contains (const char *path, const Term *term)
{
  g_autofree char *folded = NULL;

  if (path == NULL)
    return FALSE;

  /* Same reasoning as ascii_find(): over ASCII the answer is sure, and a
   * non-ASCII character right after the prefix cannot fold to '/'. */
  if (term->ascii)
    {
      gsize i;

      for (i = 0; i < term->length && (guchar)path[i] < 0x80; i++)
        if (ascii_lower (path[i]) != (guchar)term->needle[i])
          return FALSE;
      if (i == term->length)
        return path[i] == '\0' || path[i] == '/';
    }

  folded = fold (path);
  return trove_catalog_path_is_contained_in (folded, term->needle);
}

static gboolean
term_matches (const Term *term, TroveAsset *asset, const char *catalog_path)
{
  switch (term->kind)
    {
    case TERM_TYPE:
      return type_matches (trove_asset_get_id_type (asset), term);
    case TERM_CATALOG:
      return catalog_contains (catalog_path, term);
    case TERM_AUTHOR:
      return field_contains (asset, FIELD_AUTHOR, trove_asset_get_author (asset), term);
    case TERM_TAG:
      return any_tag_contains (asset, term);
    case TERM_TEXT:
    default:
      return field_contains (asset, FIELD_NAME, trove_asset_get_name (asset), term)
             || any_tag_contains (asset, term)
             || field_contains (asset, FIELD_DESCRIPTION, trove_asset_get_description (asset), term)
             || field_contains (asset, FIELD_AUTHOR, trove_asset_get_author (asset), term);
    }
}

/**
 * trove_asset_query_matches:
 * @asset: the asset to test
 * @catalog_path: (nullable): the clean path of the asset's catalog, %NULL
 *   when it has none; only read when the query has catalog: terms
 *
 * Safe to call from any thread. The first call that needs to fold one of
 * @asset's non-ASCII strings folds them all and keeps the copies on @asset
 * (object data), so later queries do not fold them again.
 *
 * Returns: whether @asset matches every term of the query
 */
gboolean
trove_asset_query_matches (const TroveAssetQuery *self, TroveAsset *asset, const char *catalog_path)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TROVE_IS_ASSET (asset), FALSE);

  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);

      if (term_matches (term, asset, catalog_path) == term->negated)
        return FALSE;
    }
  return TRUE;
}

/**
 * trove_asset_query_matches_in_tree:
 * @asset: the asset to test
 * @tree: (nullable): the catalog tree of @asset's library
 *
 * trove_asset_query_matches() with the catalog path from @tree, looked up
 * only when the query has catalog: terms. Without a tree every asset counts
 * as unassigned.
 *
 * Returns: whether @asset matches every term of the query
 */
gboolean
trove_asset_query_matches_in_tree (const TroveAssetQuery *self,
                                   TroveAsset *asset,
                                   TroveCatalogTree *tree)
{
  const char *path = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TROVE_IS_ASSET (asset), FALSE);
  g_return_val_if_fail (tree == NULL || TROVE_IS_CATALOG_TREE (tree), FALSE);

  if (self->has_catalog_terms && tree != NULL)
    path = trove_catalog_tree_get_path_for_uuid (tree, trove_asset_get_catalog_id (asset));
  return trove_asset_query_matches (self, asset, path);
}

/* ---------------------------------------------------------------------------
 * Implication
 */

static gboolean
codes_subset (const char *const *codes, const char *const *of)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (!g_strv_contains (of, codes[i]))
      return FALSE;
  return TRUE;
}

/* Whether every asset that @a (taken as positive) accepts, @b accepts too.
 * Text needles are folded like haystacks, so a needle containing another
 * finds a subset of what the other finds. */
static gboolean
positive_implies (const Term *a, const Term *b)
{
  switch (b->kind)
    {
    case TERM_TYPE:
      return a->kind == TERM_TYPE
             && codes_subset ((const char *const *)a->codes, (const char *const *)b->codes);
    case TERM_CATALOG:
      return a->kind == TERM_CATALOG && trove_catalog_path_is_contained_in (a->needle, b->needle);
    case TERM_TEXT:
      /* Free text looks at tags and author too. */
      if (a->kind != TERM_TEXT && a->kind != TERM_TAG && a->kind != TERM_AUTHOR)
        return FALSE;
      break;
    case TERM_TAG:
    case TERM_AUTHOR:
    default:
      if (a->kind != b->kind)
        return FALSE;
      break;
    }
  return strstr (a->needle, b->needle) != NULL;
}

static gboolean
term_implies (const Term *a, const Term *b)
{
  if (a->negated != b->negated)
    return FALSE;
  /* not-A implies not-B when B implies A. */
  return a->negated ? positive_implies (b, a) : positive_implies (a, b);
}

static gboolean
has_term_implying (const TroveAssetQuery *self, const Term *b)
{
  for (guint i = 0; i < self->terms->len; i++)
    if (term_implies (&g_array_index (self->terms, Term, i), b))
      return TRUE;
  return FALSE;
}

/**
 * trove_asset_query_implies:
 * @other: another query
 *
 * Whether every asset that this query matches also matches @other, as far
 * as can be told from the terms alone: TRUE is certain, FALSE may be
 * pessimistic. Typing more of a term gives a query that implies the
 * previous one ("wo" → "woo"), so the grid can report GTK_FILTER_CHANGE_
 * MORE_STRICT and only re-test the assets still shown; LESS_STRICT when
 * @other implies this one, and no change at all when both hold.
 *
 * Returns: whether this query implies @other
 */
gboolean
trove_asset_query_implies (const TroveAssetQuery *self, const TroveAssetQuery *other)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);

  for (guint i = 0; i < other->terms->len; i++)
    if (!has_term_implying (self, &g_array_index (other->terms, Term, i)))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Sort orders
 */

/* Name, then ID type, then file: a total order over the data-blocks of a
 * library, since a file holds one data-block per type and name. */
static int
compare_name_type_file (TroveAsset *a, TroveAsset *b)
{
  int cmp;

  cmp = trove_natural_compare (trove_asset_get_name (a), trove_asset_get_name (b));
  if (cmp != 0)
    return cmp;
  cmp = strcmp (trove_asset_get_id_type (a), trove_asset_get_id_type (b));
  if (cmp != 0)
    return sign (cmp);
  return trove_natural_compare (trove_asset_get_file (a), trove_asset_get_file (b));
}

/**
 * trove_asset_compare_by_name:
 *
 * Natural order of names, then ID type (by code), then file.
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_asset_compare_by_name (TroveAsset *a, TroveAsset *b)
{
  g_return_val_if_fail (TROVE_IS_ASSET (a), 0);
  g_return_val_if_fail (TROVE_IS_ASSET (b), 0);

  return compare_name_type_file (a, b);
}

/* Natural order of the paths, assets without a catalog node last. */
static int
compare_catalog_paths (TroveAsset *a, TroveAsset *b, TroveCatalogTree *tree)
{
  const char *path_a;
  const char *path_b;

  /* Assets of one catalog share its UUID: no lookups for most comparisons. */
  if (strcmp (trove_asset_get_catalog_id (a), trove_asset_get_catalog_id (b)) == 0)
    return 0;

  path_a = trove_catalog_tree_get_path_for_uuid (tree, trove_asset_get_catalog_id (a));
  path_b = trove_catalog_tree_get_path_for_uuid (tree, trove_asset_get_catalog_id (b));
  if (path_a == path_b) /* aliases share a node, and so its path */
    return 0;
  if (path_a == NULL || path_b == NULL)
    return path_a == NULL ? 1 : -1;
  return trove_natural_compare (path_a, path_b);
}

/**
 * trove_asset_compare_by_catalog:
 * @tree: the catalog tree of the assets' library
 *
 * Blender's catalog order (compare_asset_catalog), with two deliberate
 * differences: paths compare component by component ('/' first, so a
 * catalog's children follow it directly), and assets without a catalog
 * node in @tree (unassigned, unknown UUID) come last, as Blender's comment
 * intends but its code does not do. Then as trove_asset_compare_by_name().
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_asset_compare_by_catalog (TroveAsset *a, TroveAsset *b, TroveCatalogTree *tree)
{
  int cmp;

  g_return_val_if_fail (TROVE_IS_ASSET (a), 0);
  g_return_val_if_fail (TROVE_IS_ASSET (b), 0);
  g_return_val_if_fail (TROVE_IS_CATALOG_TREE (tree), 0);

  cmp = compare_catalog_paths (a, b, tree);
  if (cmp != 0)
    return cmp;
  return compare_name_type_file (a, b);
}

/**
 * trove_asset_compare_by_file:
 *
 * Natural order of the file paths (relative to the library), then name,
 * then ID type.
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_asset_compare_by_file (TroveAsset *a, TroveAsset *b)
{
  int cmp;

  g_return_val_if_fail (TROVE_IS_ASSET (a), 0);
  g_return_val_if_fail (TROVE_IS_ASSET (b), 0);

  cmp = trove_natural_compare (trove_asset_get_file (a), trove_asset_get_file (b));
  if (cmp != 0)
    return cmp;
  cmp = trove_natural_compare (trove_asset_get_name (a), trove_asset_get_name (b));
  if (cmp != 0)
    return cmp;
  return sign (strcmp (trove_asset_get_id_type (a), trove_asset_get_id_type (b)));
}

/**
 * trove_asset_compare_by_modified:
 *
 * Newest file first, then as trove_asset_compare_by_name().
 *
 * Returns: negative, zero or positive, like strcmp()
 */
int
trove_asset_compare_by_modified (TroveAsset *a, TroveAsset *b)
{
  gint64 mtime_a;
  gint64 mtime_b;

  g_return_val_if_fail (TROVE_IS_ASSET (a), 0);
  g_return_val_if_fail (TROVE_IS_ASSET (b), 0);

  mtime_a = trove_asset_get_file_mtime (a);
  mtime_b = trove_asset_get_file_mtime (b);
  if (mtime_a != mtime_b)
    return mtime_a > mtime_b ? -1 : 1;
  return compare_name_type_file (a, b);
}
