#!/usr/bin/env bash
# check-potfiles.sh — checks that po/POTFILES.in lists exactly the source
# files that contain translatable strings (like Nautilus'
# build-aux/check-potfiles.sh).
#
# Usage: check-potfiles.sh [SOURCE_ROOT]
#
# A file counts as translatable when it contains a gettext marker:
#   - src/**/*.c, src/**/*.h: _ (  _(  N_ (  N_(  C_ (  C_(  NC_ (  NC_(
#     or ngettext (which also matches g_dngettext);
#   - src/**/*.ui: translatable="yes";
#   - data/**/*.in: *.desktop.in, *.metainfo.xml.in and *.appdata.xml.in
#     always (msgfmt extracts their fields without markers), any other .in
#     file when it contains one of the markers above.
# Files listed in po/POTFILES.skip (optional) are accepted without being in
# POTFILES.in.
#
# Fails (exit status 1) naming every translatable file missing from
# POTFILES.in, every listed file that does not exist or has no marker, and
# duplicate or unsorted entries.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

export LC_ALL=C

srcroot=${1:-$(dirname "$0")/..}
cd "$srcroot" || {
    echo "check-potfiles: cannot enter source root '$srcroot'" >&2
    exit 2
}

potfiles=po/POTFILES.in
potskip=po/POTFILES.skip

if [ ! -f "$potfiles" ]; then
    echo "check-potfiles: $potfiles not found in '$PWD'" >&2
    exit 2
fi

# Markers as extended regular expressions. The C marker must not be the end
# of a longer identifier (FOO_ (…) is not a marker).
c_marker='(^|[^A-Za-z0-9_])(N|C|NC)?_ ?\(|ngettext'
ui_marker='translatable="yes"'

# Succeeds when $1 contains a marker suitable for its file type.
has_marker() {
    case $1 in
        *.ui)
            grep -qE "$ui_marker" -- "$1"
            ;;
        data/*.desktop.in | data/*.metainfo.xml.in | data/*.appdata.xml.in)
            return 0
            ;;
        data/*.in)
            grep -qE "$c_marker|$ui_marker" -- "$1"
            ;;
        *)
            grep -qE "$c_marker" -- "$1"
            ;;
    esac
}

# Entries of a POTFILES-style list: no comments, no blank lines, no
# surrounding whitespace.
list_entries() {
    sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

# Every file of the tree that has a marker.
{
    if [ -d src ]; then
        find src -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) -print
    fi
    if [ -d data ]; then
        find data -type f -name '*.in' -print
    fi
} | sort >"$tmpdir/candidates"

: >"$tmpdir/marked"
while IFS= read -r file; do
    if has_marker "$file"; then
        printf '%s\n' "$file" >>"$tmpdir/marked"
    fi
done <"$tmpdir/candidates"

list_entries "$potfiles" >"$tmpdir/listed.raw"
sort -u "$tmpdir/listed.raw" >"$tmpdir/listed"

: >"$tmpdir/skipped"
if [ -f "$potskip" ]; then
    list_entries "$potskip" | sort -u >"$tmpdir/skipped"
fi

status=0

# Translatable files neither listed nor skipped.
sort -u "$tmpdir/listed" "$tmpdir/skipped" >"$tmpdir/known"
comm -23 "$tmpdir/marked" "$tmpdir/known" >"$tmpdir/missing"
if [ -s "$tmpdir/missing" ]; then
    echo "These files contain translatable strings but are missing from $potfiles:"
    sed 's/^/  /' "$tmpdir/missing"
    status=1
fi

# Listed files that are gone or have nothing to translate.
: >"$tmpdir/nonexistent"
: >"$tmpdir/unmarked"
while IFS= read -r file; do
    if [ ! -f "$file" ]; then
        printf '%s\n' "$file" >>"$tmpdir/nonexistent"
    elif ! has_marker "$file"; then
        printf '%s\n' "$file" >>"$tmpdir/unmarked"
    fi
done <"$tmpdir/listed"

if [ -s "$tmpdir/nonexistent" ]; then
    echo "These files are listed in $potfiles but do not exist:"
    sed 's/^/  /' "$tmpdir/nonexistent"
    status=1
fi
if [ -s "$tmpdir/unmarked" ]; then
    echo "These files are listed in $potfiles but contain no translatable strings:"
    sed 's/^/  /' "$tmpdir/unmarked"
    status=1
fi

# The list must stay sorted and free of duplicates.
sort "$tmpdir/listed.raw" | uniq -d >"$tmpdir/duplicates"
if [ -s "$tmpdir/duplicates" ]; then
    echo "These files are listed more than once in $potfiles:"
    sed 's/^/  /' "$tmpdir/duplicates"
    status=1
fi
if ! sort -c "$tmpdir/listed.raw" 2>/dev/null; then
    echo "$potfiles is not sorted (expected the order of 'LC_ALL=C sort')."
    status=1
fi

if [ "$status" -ne 0 ]; then
    echo "Update $potfiles (or $potskip for files that must not be translated)."
else
    echo "$potfiles lists all $(wc -l <"$tmpdir/listed" | tr -d ' ') files with translatable strings."
fi
exit "$status"
