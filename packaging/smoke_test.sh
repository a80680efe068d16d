#!/usr/bin/env bash
# Smoke-test a built Conflict Timeline bundle: the command line, both exports, the window
# on a virtual X screen, and install-linux.sh into a throw-away home.
#
#   packaging/smoke_test.sh [BUNDLE]      BUNDLE defaults to dist/ConflictTimeline
#
# Needs: Xvfb, xdotool, ImageMagick (import, identify).  Prints one PASS/FAIL line per
# check and exits 1 if any check failed (2 if the bundle is not there at all).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bundle=${1:-$repo/dist/ConflictTimeline}
bundle=$(cd "$bundle" 2>/dev/null && pwd) || { echo "FAIL: no bundle folder at ${1:-dist/ConflictTimeline}"; exit 2; }
exe=$bundle/ConflictTimeline
timeline=$bundle/_internal/events.json
[ -x "$exe" ] || { echo "FAIL: $exe is missing or not executable"; exit 2; }

failures=0
pass() { printf 'PASS: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
show() { sed 's/^/      | /' "$1" | tail -n 20; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ct-smoke.XXXXXX")
xvfb_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# Keep the user's settings and menus out of it; no display for the headless checks.
export XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache XDG_DATA_HOME=$tmp/data
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM

echo "Smoke-testing $bundle"

# --- command line -----------------------------------------------------------------------
if out=$("$exe" --version 2>&1) && [[ $out =~ ^Conflict\ Timeline\ [0-9] ]]; then
  pass "--version: $out"
else
  fail "--version printed '$out'"
fi

if out=$("$exe" --check "$timeline" 2>&1) && [[ $out == *": OK, 5 events"* ]]; then
  pass "--check on the bundled events.json: $out"
else
  fail "--check on the bundled events.json printed '$out'"
fi

# --- exports ----------------------------------------------------------------------------
if "$exe" "$timeline" --export-filename "$tmp/out.json" >"$tmp/json.log" 2>&1 \
    && out=$("$exe" --check "$tmp/out.json" 2>&1) && [[ $out == *": OK, 5 events"* ]]; then
  pass "--export-filename OUT.json writes a timeline that checks OK ($(wc -c <"$tmp/out.json") bytes)"
else
  fail "--export-filename OUT.json"; show "$tmp/json.log"
fi

png=$tmp/out.png
if "$exe" "$timeline" --export-filename "$png" >"$tmp/png.log" 2>&1 && [ -f "$png" ]; then
  size=$(wc -c <"$png")
  magic=$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
  colours=$(identify -format %k "$png" 2>/dev/null || echo "?")
  # 1600 px wide by default; as tall as the timeline, legend and source notes need.
  height=${dims#1600x}
  if [ "$magic" = 89504e470d0a1a0a ] && [ "$size" -gt 10240 ] && [ "$height" != "$dims" ] \
      && [ "$height" -gt 300 ] \
      && { [ "$colours" = "?" ] || [ "$colours" -gt 50 ]; }; then
    pass "--export-filename OUT.png: PNG ${dims}, $((size / 1024)) kB, $colours colours"
  else
    fail "--export-filename OUT.png: magic $magic, $size bytes, ${dims}, $colours colours"
  fi
else
  fail "--export-filename OUT.png"; show "$tmp/png.log"
fi

# --- the window -------------------------------------------------------------------------
gui_ok=1
for tool in Xvfb xdotool import identify; do
  command -v "$tool" >/dev/null 2>&1 || { fail "window test needs $tool (packages: xvfb xdotool imagemagick)"; gui_ok=0; }
done
if [ "$gui_ok" = 1 ]; then
  # Xvfb picks a free display number and writes it to fd 3.
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
  if [ -s "$tmp/display" ]; then
    export DISPLAY=:$(head -n1 "$tmp/display")
  else
    fail "Xvfb did not start"; show "$tmp/xvfb.log"; gui_ok=0
  fi
fi
if [ "$gui_ok" = 1 ]; then
  started=$(date +%s%N)
  QT_QPA_PLATFORM=xcb "$exe" >"$tmp/app.log" 2>&1 &
  app_pid=$!
  wid=$(timeout 10 xdotool search --sync --onlyvisible --name 'events\.json' 2>/dev/null | head -n1)
  shown_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  if [ -n "$wid" ]; then
    pass "window '$(xdotool getwindowname "$wid")' is shown (found after ${shown_ms} ms;" \
      "xdotool looks twice a second, bench/bench_startup.py times it exactly)"
    sleep 1  # let it paint
    if import -window root "$tmp/screen.png" 2>"$tmp/import.log"; then
      colours=$(identify -format %k "$tmp/screen.png")
      if [ "$colours" -gt 50 ]; then
        pass "screenshot is not blank ($colours colours)"
      else
        fail "screenshot looks blank ($colours colours)"
      fi
    else
      fail "could not take a screenshot"; show "$tmp/import.log"
    fi
    # Quit the way a user does: focus the window and press Ctrl+Q (no window manager here).
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    xdotool key --clearmodifiers ctrl+q
    for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$app_pid" 2>/dev/null; then
      fail "the program did not exit within 10 s of Ctrl+Q"; show "$tmp/app.log"
    else
      wait "$app_pid"; rc=$?
      if [ "$rc" -eq 0 ]; then pass "Ctrl+Q closed the window, exit status 0"
      else fail "exit status $rc after Ctrl+Q"; show "$tmp/app.log"; fi
    fi
    app_pid=""
  else
    fail "no visible window named *events.json* within 10 s"; show "$tmp/app.log"
  fi
  if grep -q "Traceback" "$tmp/app.log" 2>/dev/null; then
    fail "the program printed a traceback"; show "$tmp/app.log"
  fi
fi

# --- install-linux.sh into a throw-away home --------------------------------------------
installer=$bundle/install-linux.sh
if [ -x "$installer" ] && [ -f "$bundle/_internal/resources/conflict-timeline.desktop" ]; then
  fake_home=$tmp/home
  mkdir -p "$fake_home"
  if HOME=$fake_home XDG_DATA_HOME=$fake_home/.local/share "$installer" >"$tmp/install.log" 2>&1; then
    data=$fake_home/.local/share
    desktop=$data/applications/conflict-timeline.desktop
    if grep -qx "Exec=\"$data/conflict-timeline/ConflictTimeline\" %f" "$desktop" 2>/dev/null \
        && [ -f "$data/icons/hicolor/48x48/apps/conflict-timeline.png" ] \
        && [ -x "$data/conflict-timeline/ConflictTimeline" ] \
        && "$fake_home/.local/bin/conflict-timeline" --version >/dev/null 2>&1; then
      pass "install-linux.sh installs the program, menu entry, icons and command"
    else
      fail "install-linux.sh left an incomplete installation"; show "$tmp/install.log"
    fi
    if command -v desktop-file-validate >/dev/null 2>&1; then
      if desktop-file-validate "$desktop" >"$tmp/validate.log" 2>&1; then
        pass "the installed desktop file validates"
      else
        fail "desktop-file-validate"; show "$tmp/validate.log"
      fi
    fi
    HOME=$fake_home XDG_DATA_HOME=$data "$installer" >/dev/null 2>&1  # again: idempotent
    HOME=$fake_home XDG_DATA_HOME=$data "$installer" --uninstall >"$tmp/uninstall.log" 2>&1
    # (update-desktop-database and gtk-update-icon-cache leave their caches, without us)
    left=$(find "$fake_home" \( -type f -o -type l \) ! -name mimeinfo.cache \
      ! -name icon-theme.cache | head -n 5)
    if grep -rqs conflict-timeline "$data/applications/mimeinfo.cache"; then
      left="$left mimeinfo.cache still names conflict-timeline"
    fi
    if [ -z "$left" ]; then
      pass "install-linux.sh is repeatable and --uninstall removes everything"
    else
      fail "files left after --uninstall: $left"
    fi
  else
    fail "install-linux.sh failed"; show "$tmp/install.log"
  fi
else
  fail "the bundle lacks install-linux.sh or resources/conflict-timeline.desktop"
fi

echo
if [ "$failures" -eq 0 ]; then
  echo "Smoke test PASSED"
else
  echo "Smoke test FAILED: $failures check(s)"
  exit 1
fi
