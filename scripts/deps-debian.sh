#!/usr/bin/env bash
# The Debian packages the app and its tests need, installed only when missing.
#
#   scripts/deps-debian.sh [GROUP...]   install what GROUP needs (default: pdf browser)
#   scripts/deps-debian.sh --list [GROUP...]   print the table below, resolved
#
# Groups: pdf (WeasyPrint's Pango and the fonts the PDF stylesheets name; `make run`,
# `make test-fast`), browser (Chromium for the Playwright tests, poppler-utils for their
# PDF screenshots; `make test`), postgres (the server `.ci/run` starts).
#
# Quiet and quick when everything is there. Otherwise it prints what it installs, runs
# `apt-get update` once and `apt-get install` once, as root or through sudo. Off Debian/
# Ubuntu, or without root and sudo, it prints one line naming the packages to install and
# exits 1, so a test run never starts half-equipped.
#
# Tests point the probes elsewhere (tests/test_deps.py): DEPS_ROOT prefixes every file
# looked at (/etc/os-release included), DEPS_FC_LIST and DEPS_LDCONFIG replace fc-list
# and ldconfig, DEPS_APT_GET replaces apt-get, DEPS_UID the user id, DEPS_SUDO sudo.
set -euo pipefail

# ldconfig lives in /usr/sbin, outside a normal user's PATH on Debian.
PATH="$PATH:/usr/sbin:/sbin"
ROOT="${DEPS_ROOT:-}"
FC_LIST="${DEPS_FC_LIST:-fc-list}"
LDCONFIG="${DEPS_LDCONFIG:-ldconfig}"
APT_GET="${DEPS_APT_GET:-apt-get}"
SUDO="${DEPS_SUDO:-sudo}"
USER_ID="${DEPS_UID:-$(id -u)}"

# group  probe    package            what must be there (file, shared library, font family)
# Fonts: every family named in templates/dokumen/*.css (tests/test_deps.py checks it).
# The browser is the one tests/e2e/conftest.py drives (CHROMIUM overrides both).
REQUIREMENTS="
pdf      library  libpango-1.0-0     libpango-1.0.so.0
pdf      library  libpangoft2-1.0-0  libpangoft2-1.0.so.0
pdf      library  libharfbuzz-subset0 libharfbuzz-subset.so.0
pdf      file     fontconfig         /usr/bin/fc-list
pdf      font     fonts-dejavu-core  DejaVu Sans
pdf      font     fonts-dejavu-core  DejaVu Serif
pdf      font     fonts-liberation   Liberation Serif
browser  file     chromium           ${CHROMIUM:-/usr/bin/chromium}
browser  file     poppler-utils      /usr/bin/pdftoppm
postgres file     postgresql         /usr/bin/pg_ctlcluster
"

say() { echo "deps-debian: $*"; }
fail() { echo "deps-debian: $*" >&2; exit 1; }

list=0
if [ "${1:-}" = "--list" ]; then list=1; shift; fi
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(pdf browser)
for g in "${groups[@]}"; do
  case "$g" in pdf | browser | postgres) ;; *) fail "unknown group '$g' (pdf, browser, postgres)" ;; esac
done

wanted() {
  local g
  for g in "${groups[@]}"; do [ "$g" = "$1" ] && return 0; done
  return 1
}

# Each probe's output is read once into a variable and matched in bash: no pipe, so no
# SIGPIPE under pipefail (grep -q exiting early kills the writer and fails the pipeline).
probe_fonts=""
probe_libraries=""
load_probes() {
  # One family per line: fc-list prints "DejaVu Sans,DejaVu Sans Light" for some faces.
  probe_fonts=$'\n'"$("$FC_LIST" : family 2>/dev/null || true)"$'\n'
  probe_fonts="${probe_fonts//,/$'\n'}"
  probe_libraries="$("$LDCONFIG" -p 2>/dev/null || true)"
}

present() {
  local kind="$1" what="$2"
  case "$kind" in
    file) [ -x "$ROOT$what" ] ;;
    library) [[ "$probe_libraries" == *$'\t'"$what "* ]] ;;
    font) [[ "$probe_fonts" == *$'\n'"$what"$'\n'* ]] ;;
    *) return 1 ;;
  esac
}

# Fills `missing` (package names, each once) and `reason` (package -> what it provides).
declare -A reason
find_missing() {
  missing=()
  reason=()
  load_probes
  local group kind package what
  while read -r group kind package what; do
    [ -n "$group" ] && wanted "$group" || continue
    present "$kind" "$what" && continue
    [ "$kind" = font ] && what="font $what"
    if [ -n "${reason[$package]:-}" ]; then
      reason[$package]+=" and $what"
    else
      missing+=("$package")
      reason[$package]="$what"
    fi
  done <<<"$REQUIREMENTS"
}

# "chromium (/usr/bin/chromium), fonts-liberation (font Liberation Serif)"
described() {
  local out="" package
  for package in "${missing[@]}"; do out+="${out:+, }$package (${reason[$package]})"; done
  echo "$out"
}

if [ $list -eq 1 ]; then
  while read -r group kind package what; do
    [ -n "$group" ] && wanted "$group" || continue
    printf '%s\t%s\t%s\t%s\n' "$group" "$kind" "$package" "$what"
  done <<<"$REQUIREMENTS"
  exit 0
fi

find_missing
[ ${#missing[@]} -gt 0 ] || exit 0

os_id=""
os_like=""
if [ -r "$ROOT/etc/os-release" ]; then
  while IFS='=' read -r key value; do
    value="${value%\"}"
    value="${value#\"}"
    case "$key" in ID) os_id="$value" ;; ID_LIKE) os_like="$value" ;; esac
  done <"$ROOT/etc/os-release"
fi
case " $os_id $os_like " in
  *" debian "* | *" ubuntu "*) ;;
  *) fail "not Debian/Ubuntu (ID=${os_id:-unknown}): install the equivalent of these Debian packages, then re-run: $(described)" ;;
esac
command -v "$APT_GET" >/dev/null || fail "apt-get not found: install these Debian packages, then re-run: ${missing[*]}"

if [ "$USER_ID" -eq 0 ]; then
  as_root() { "$@"; }
elif command -v "$SUDO" >/dev/null; then
  as_root() { "$SUDO" "$@"; }
else
  fail "not root and no sudo: as root, run: apt-get install -y ${missing[*]}"
fi

say "installing $(described)"
log="$(mktemp "${TMPDIR:-/tmp}/deps-debian.XXXXXX")"
# An unreachable mirror among several must not stop the install; a real failure shows there.
as_root env DEBIAN_FRONTEND=noninteractive "$APT_GET" update -qq >"$log" 2>&1 \
  || say "apt-get update reported errors; trying the install anyway"
if ! as_root env DEBIAN_FRONTEND=noninteractive "$APT_GET" install -y -qq "${missing[@]}" >>"$log" 2>&1; then
  tail -n 20 "$log" >&2
  fail "apt-get install failed (log: $log): as root, run: apt-get install -y ${missing[*]}"
fi
rm -f "$log"

find_missing
[ ${#missing[@]} -eq 0 ] || fail "still missing after apt-get install: $(described)"
say "installed"
