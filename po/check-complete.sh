#!/usr/bin/env bash
# po/check-complete.sh [SRCDIR [LANG...]]
#
# Fails unless every translatable string in the sources is translated in
# po/LANG.po (default: every language in po/LINGUAS).  Run by
# `meson test --suite po`.
#
# 1. POTFILES.in must name only files that exist, and every source or .ui
#    file that marks strings for translation must be listed in it.
# 2. xgettext extracts a fresh template from POTFILES.in, with the same
#    keywords as meson's `samverka-pot` target (i18n preset 'glib').  .ui
#    files are read with GTK 4's GtkBuilder ITS rules, .desktop.in and
#    .metainfo.xml.in with gettext's and AppStream's.
# 3. The template is merged into a temporary copy of LANG.po; any message
#    left untranslated or fuzzy is listed and the check fails.
#
# Fix a failure with `meson compile -C _build samverka-update-po`, then
# translate what it left empty or fuzzy.

set -euo pipefail

srcdir=${1:-$(cd "$(dirname "$0")/.." && pwd)}
shift || true
podir=$srcdir/po

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
fail ()
{
  echo "FAIL: $*" >&2
  status=1
}

# --- 1. POTFILES.in ------------------------------------------------------

potfiles=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%%#*}
  line=${line//[[:space:]]/}
  [ -n "$line" ] || continue
  if [ ! -f "$srcdir/$line" ]; then
    fail "po/POTFILES.in lists $line, which does not exist"
    continue
  fi
  potfiles+=("$line")
done < "$podir/POTFILES.in"

is_listed ()
{
  local f
  for f in "${potfiles[@]}"; do
    [ "$f" = "$1" ] && return 0
  done
  return 1
}

# Files that mark strings but are missing from POTFILES.in: their strings
# would silently stay in English.
c_marker='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dcgettext|g_dpgettext2)[[:space:]]*\('
ui_marker='translatable="(yes|true|1)"'
while IFS= read -r f; do
  is_listed "$f" || fail "$f marks strings for translation but is not in po/POTFILES.in"
done < <(
  cd "$srcdir"
  {
    [ -d src ] && grep -rlE --include='*.c' "$c_marker" src || true
    [ -d ui ] && grep -rlE --include='*.ui' "$ui_marker" ui || true
  } | sort
)

if [ ${#potfiles[@]} -eq 0 ]; then
  fail "po/POTFILES.in lists no files"
  exit 1
fi

# --- 2. a fresh template ---------------------------------------------------

(
  cd "$srcdir"
  xgettext --package-name=samverka --output="$tmp/samverka.pot" \
    --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
    --keyword=g_dpgettext2:2c,3 --keyword=ngettext:1,2 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
    --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
    --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
    --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
    --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
    --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
    --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
    "${potfiles[@]}"
) || { fail "xgettext could not read the files in po/POTFILES.in"; exit 1; }

if [ ! -s "$tmp/samverka.pot" ]; then
  fail "xgettext found no translatable strings in po/POTFILES.in"
  exit 1
fi
total=$(msgattrib --no-obsolete "$tmp/samverka.pot" | grep -c '^msgid ' || true)
total=$((total - 1))   # the header

# --- 3. each language --------------------------------------------------------

if [ $# -eq 0 ]; then
  mapfile -t langs < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$podir/LINGUAS")
else
  langs=("$@")
fi

for lang in "${langs[@]}"; do
  po=$podir/$lang.po
  if [ ! -f "$po" ]; then
    fail "po/$lang.po does not exist (it is listed in po/LINGUAS)"
    continue
  fi

  cp "$po" "$tmp/$lang.po"
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$tmp/$lang.po" "$tmp/samverka.pot"

  untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" \
                 | sed -n '/^#: /,/^$/p' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap --clear-fuzzy "$tmp/$lang.po" \
          | sed -n '/^#: /,/^$/p' || true)
  obsolete=$(msgattrib --only-obsolete "$tmp/$lang.po" | grep -c '^#~ msgid' || true)

  if [ -n "$untranslated" ]; then
    fail "po/$lang.po leaves these strings untranslated:"
    printf '%s\n\n' "$untranslated" >&2
  fi
  if [ -n "$fuzzy" ]; then
    fail "po/$lang.po has fuzzy translations (changed source strings) to review:"
    printf '%s\n\n' "$fuzzy" >&2
  fi
  if [ "$obsolete" -gt 0 ]; then
    echo "note: po/$lang.po has $obsolete translation(s) no source uses any more"
  fi
  if [ -z "$untranslated" ] && [ -z "$fuzzy" ]; then
    echo "po/$lang.po: all $total strings translated"
  fi
done

exit $status
