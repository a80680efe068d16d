#!/usr/bin/env bash
# Install Conflict Timeline for the current user from this unpacked bundle folder:
# a menu entry, the file type of timelines (application/x-conflict-timeline+json, which
# the menu entry opens) and the icons.
#
#   ./install-linux.sh              copy the bundle to ~/.local/share/conflict-timeline/
#                                   and install the menu entry and icons
#   ./install-linux.sh --in-place   use the bundle where it is (do not move it later)
#   ./install-linux.sh --uninstall  remove everything the two above installed
#
# No root needed; nothing outside ~/.local is touched ($XDG_DATA_HOME is honoured).
# Running it again updates the installation; running --uninstall twice is harmless.
# A link ~/.local/bin/conflict-timeline is made for the command line (e.g. --check).
set -euo pipefail

APP_ID=conflict-timeline
EXE=ConflictTimeline

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
dest=$data_home/$APP_ID
apps_dir=$data_home/applications
icon_root=$data_home/icons/hicolor
desktop_file=$apps_dir/$APP_ID.desktop
mime_dir=$data_home/mime
mime_file=$mime_dir/packages/$APP_ID.xml
bin_link=$HOME/.local/bin/$APP_ID

say() { printf '%s\n' "$*"; }
die() { printf 'install-linux.sh: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# A folder is ours to replace or delete only if it is an installed bundle.
is_bundle() { [ -x "$1/$EXE" ] && [ -d "$1/_internal" ]; }

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$apps_dir" 2>/dev/null || true
  fi
  if command -v update-mime-database >/dev/null 2>&1 && [ -d "$mime_dir/packages" ]; then
    update-mime-database "$mime_dir" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$icon_root" ]; then
    gtk-update-icon-cache -q -f -t "$icon_root" 2>/dev/null || true
  fi
}

# The Exec value for an absolute program path, quoted as the Desktop Entry
# Specification asks: inside double quotes, backslash before " ` $ \, then every
# backslash doubled again for the key file, and % written as %%.
exec_value() {
  local path=$1 quoted
  quoted=${path//\\/\\\\}
  quoted=${quoted//\"/\\\"}
  quoted=${quoted//\`/\\\`}
  quoted=${quoted//\$/\\\$}
  quoted=${quoted//\\/\\\\}
  quoted=${quoted//%/%%}
  printf '"%s" %%f' "$quoted"
}

install_icons() {
  local src=$1/_internal/resources/icons png size
  for png in "$src/$APP_ID"-*.png; do
    [ -f "$png" ] || continue
    size=${png##*-}
    size=${size%.png}
    mkdir -p "$icon_root/${size}x${size}/apps"
    cp -f "$png" "$icon_root/${size}x${size}/apps/$APP_ID.png"
  done
  if [ -f "$src/$APP_ID.svg" ]; then
    mkdir -p "$icon_root/scalable/apps"
    cp -f "$src/$APP_ID.svg" "$icon_root/scalable/apps/$APP_ID.svg"
  fi
}

install_desktop_file() {
  local bundle=$1 template=$1/_internal/resources/$APP_ID.desktop exec_line tmp
  [ -f "$template" ] || die "missing $template"
  exec_line=$(exec_value "$bundle/$EXE")
  mkdir -p "$apps_dir"
  tmp=$(mktemp "$apps_dir/.$APP_ID.XXXXXX")
  # Rewrite Exec (absolute path) and TryExec; keep every other line of the template.
  # (ENVIRON, not awk -v, which would eat the backslashes of the quoting.)
  EXEC_LINE=$exec_line TRY_EXEC=$bundle/$EXE awk '
    /^TryExec=/ { next }
    /^Exec=/ { print "Exec=" ENVIRON["EXEC_LINE"]; print "TryExec=" ENVIRON["TRY_EXEC"]; next }
    { print }
  ' "$template" >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$desktop_file"
}

install_mime_type() {
  local template=$1/_internal/resources/$APP_ID-mime.xml
  [ -f "$template" ] || die "missing $template"
  mkdir -p "$mime_dir/packages"
  cp -f "$template" "$mime_file"
}

# The database under $mime_dir is generated from packages/: once no package is left,
# the generated files describe nothing and go too.
uninstall_mime_type() {
  rm -f "$mime_file"
  if [ -d "$mime_dir/packages" ] && rmdir "$mime_dir/packages" 2>/dev/null; then
    rm -rf "$mime_dir"
  fi
}

do_install() {
  local in_place=$1 bundle
  is_bundle "$here" || die "run me from an unpacked bundle folder (next to $EXE and _internal/)"
  if [ "$in_place" = 1 ] || [ "$here" = "$(cd "$dest" 2>/dev/null && pwd -P || true)" ]; then
    bundle=$here
  else
    if [ -e "$dest" ] && ! is_bundle "$dest"; then
      die "$dest exists and is not a Conflict Timeline bundle; move it away first"
    fi
    say "Copying the program to $dest"
    mkdir -p "$data_home"
    rm -rf "$dest.new"
    cp -a "$here/." "$dest.new/"
    rm -rf "$dest"
    mv "$dest.new" "$dest"
    bundle=$dest
  fi
  install_desktop_file "$bundle"
  install_mime_type "$bundle"
  install_icons "$bundle"
  mkdir -p "$(dirname "$bin_link")"
  if [ ! -e "$bin_link" ] || [ -L "$bin_link" ]; then
    ln -sfn "$bundle/$EXE" "$bin_link"
  fi
  refresh_caches
  say "Installed Conflict Timeline:"
  say "  program     $bundle/$EXE"
  say "  menu entry  $desktop_file"
  say "  file type   $mime_file"
  say "  icons       $icon_root/<size>/apps/$APP_ID.png"
  say "  command     $bin_link"
}

do_uninstall() {
  local target="" size_dir
  if [ -L "$bin_link" ]; then
    target=$(readlink "$bin_link")
    case $target in
      */$EXE) rm -f "$bin_link" ;;
    esac
  fi
  rm -f "$desktop_file"
  uninstall_mime_type
  for size_dir in "$icon_root"/*/apps; do
    [ -d "$size_dir" ] || continue
    rm -f "$size_dir/$APP_ID.png" "$size_dir/$APP_ID.svg"
  done
  if is_bundle "$dest"; then
    rm -rf "$dest"
  fi
  rm -rf "$dest.new"
  refresh_caches
  say "Conflict Timeline uninstalled (a bundle installed with --in-place stays where it is)."
}

mode=install in_place=0
for arg in "$@"; do
  case $arg in
    --uninstall) mode=uninstall ;;
    --in-place) in_place=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

if [ "$mode" = uninstall ]; then do_uninstall; else do_install "$in_place"; fi
