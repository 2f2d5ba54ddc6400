#!/usr/bin/env bash
# Install the Linux bundle for the current user only (no root needed):
#   program   ~/.local/opt/bscp-desktop/          (a copy of dist/bscp-desktop)
#   command   ~/.local/bin/bscp-desktop           (a link to the program)
#   menu      ~/.local/share/applications/bscp-desktop.desktop
#   icons     ~/.local/share/icons/hicolor/<size>/apps/bscp-desktop.png
#
#   packaging/linux/install.sh [DIST_FOLDER]     default: dist/bscp-desktop
#   packaging/linux/install.sh --uninstall
#
# Records, backups and logs live in ~/.local/share/BSCP Desktop and ~/.local/state/BSCP Desktop
# (or $XDG_DATA_HOME / $XDG_STATE_HOME): neither installing nor uninstalling touches them.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/bscp-desktop"
bin="$HOME/.local/bin"
apps="$data_home/applications"
icons="$data_home/icons/hicolor"
sizes=(16 32 48 64 128 256)

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  rm -f "$bin/bscp-desktop" "$apps/bscp-desktop.desktop"
  for size in "${sizes[@]}"; do
    rm -f "$icons/${size}x${size}/apps/bscp-desktop.png"
  done
  echo "BSCP Desktop removed. Your records, backups and logs were left where they are."
  exit 0
fi

dist="${1:-$repo/dist/bscp-desktop}"
if [ ! -x "$dist/bscp-desktop" ]; then
  echo "No bundle at $dist: run 'make package' first, or name the bundle folder." >&2
  exit 2
fi

mkdir -p "$(dirname "$opt")" "$bin" "$apps"
rm -rf "$opt.new"
cp -a "$dist" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"
ln -sfn "$opt/bscp-desktop" "$bin/bscp-desktop"
for size in "${sizes[@]}"; do
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$repo/resources/icons/bscp-desktop-${size}.png" "$icons/${size}x${size}/apps/bscp-desktop.png"
done
# The menu entry names the program by its full path, so it works even when ~/.local/bin
# is not on PATH.
sed -e "s|^Exec=.*|Exec=\"$opt/bscp-desktop\"|" -e "s|^TryExec=.*|TryExec=$opt/bscp-desktop|" \
  "$here/bscp-desktop.desktop" > "$apps/bscp-desktop.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
echo "BSCP Desktop installed in $opt; start it from the applications menu or with 'bscp-desktop'."
