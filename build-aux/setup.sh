#!/usr/bin/env bash
# build-aux/setup.sh: installs the Debian 12 packages Samverka needs, then
# configures a meson build directory.  Sourced by build-aux/run and
# build-aux/test so that both commands do exactly the same set-up.
#
# SQLCipher 4 comes from bookworm-backports: Debian 12's main suite only
# carries SQLCipher 3.4, which Samverka refuses to run on.

set -euo pipefail

SAMVERKA_PACKAGES=(
  # build tools
  gcc meson ninja-build pkg-config gettext git
  # libraries (DESIGN §8, "modest dependencies")
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsodium-dev libjson-glib-dev libnotify-dev libical-dev
  libcairo2-dev libpango1.0-dev
  # libcrypto: SHA-256 with the CPU's SHA extensions for the audit chain;
  # SQLCipher links the same library already
  libssl-dev
  # validation run by meson test; pdftotext and pdfinfo for the PDF export tests
  desktop-file-utils appstream poppler-utils
  # a display and a session bus for the UI tests
  xvfb xauth dbus dbus-x11 at-spi2-core
  # fonts and icons so that the UI renders under Xvfb
  fonts-cantarell adwaita-icon-theme
  # the SVG loader: without it neither our icon nor the symbolic icons render
  librsvg2-common
  # locale-gen, for the Swedish UI tests' locale (SAMVERKA_LOCALES)
  locales
)
# From bookworm-backports; main only has 3.4.
SAMVERKA_BACKPORTS_PACKAGES=(libsqlcipher-dev sqlcipher)
# Generated when missing: tests/ui/test-swedish runs the app under it.
SAMVERKA_LOCALES=(sv_SE.UTF-8)

samverka_sudo ()
{
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "setup: need root to run: $*" >&2
    echo "setup: run this script as root, or install sudo" >&2
    return 1
  fi
}

samverka_have_backports ()
{
  grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/
}

samverka_add_backports ()
{
  if samverka_have_backports; then
    return 0
  fi
  echo "setup: adding bookworm-backports to apt's sources"
  samverka_sudo tee /etc/apt/sources.list.d/bookworm-backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  SAMVERKA_APT_UPDATED=0
}

samverka_missing_packages ()
{
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$pkg"
    fi
  done
}

samverka_sqlcipher_is_4 ()
{
  local version
  # SQLCipher's pkg-config version is that of the SQLite it bundles, so
  # check the Debian package version instead.
  version=$(dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null || echo 0)
  case "$version" in
    4.*) return 0 ;;
    *) return 1 ;;
  esac
}

samverka_install_packages ()
{
  local missing missing_bp
  SAMVERKA_APT_UPDATED=${SAMVERKA_APT_UPDATED:-0}

  missing=$(samverka_missing_packages "${SAMVERKA_PACKAGES[@]}")
  missing_bp=$(samverka_missing_packages "${SAMVERKA_BACKPORTS_PACKAGES[@]}")
  if ! samverka_sqlcipher_is_4; then
    missing_bp="${SAMVERKA_BACKPORTS_PACKAGES[*]}"
  fi

  if [ -z "$missing" ] && [ -z "$missing_bp" ]; then
    return 0
  fi

  # Only touch apt's sources when something has to be installed.
  samverka_add_backports

  export DEBIAN_FRONTEND=noninteractive
  if [ "$SAMVERKA_APT_UPDATED" != 1 ]; then
    samverka_sudo apt-get update -q
    SAMVERKA_APT_UPDATED=1
  fi
  if [ -n "$missing" ]; then
    echo "setup: installing" $missing
    # shellcheck disable=SC2086
    samverka_sudo apt-get install -y -q --no-install-recommends $missing
  fi
  if [ -n "$missing_bp" ]; then
    echo "setup: installing from bookworm-backports:" $missing_bp
    # shellcheck disable=SC2086
    samverka_sudo apt-get install -y -q --no-install-recommends -t bookworm-backports $missing_bp
  fi
}

# locale -a spells sv_SE.UTF-8 as sv_SE.utf8.
samverka_have_locale ()
{
  local all
  all=$(locale -a 2>/dev/null) || true
  grep -qFxi -- "${1%.UTF-8}.utf8" <<<"$all"
}

samverka_generate_locales ()
{
  local loc pattern missing=()

  for loc in "${SAMVERKA_LOCALES[@]}"; do
    if ! samverka_have_locale "$loc"; then
      missing+=("$loc")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "setup: generating locales" "${missing[@]}"
  for loc in "${missing[@]}"; do
    pattern="${loc//./\\.} UTF-8"
    # Uncomment its line in /etc/locale.gen, or add one.
    if grep -qsE "^[#[:space:]]*${pattern}\$" /etc/locale.gen; then
      samverka_sudo sed -i -E "s/^[#[:space:]]*(${pattern})\$/\\1/" /etc/locale.gen
    else
      echo "$loc UTF-8" | samverka_sudo tee -a /etc/locale.gen >/dev/null
    fi
  done
  samverka_sudo locale-gen >/dev/null
}

samverka_install_dependencies ()
{
  samverka_install_packages
  samverka_generate_locales
}

# samverka_configure BUILDDIR [MESON ARGS...]
samverka_configure ()
{
  local builddir=$1
  shift
  if [ -f "$builddir/build.ninja" ]; then
    meson configure "$builddir" "$@" >/dev/null
  else
    meson setup "$builddir" "$@"
  fi
}
