#!/bin/sh
# Install Race Photo Retriever for the current user: no root and no Python needed.
#
#   ./install.sh              copy the app to ~/.local/share/photo-retriever, add the menu
#                             entry and icons, link ~/.local/bin/photo-retriever
#   ./install.sh --uninstall  remove all of that again (settings and photos stay)
#
# An organiser's profile (photo-retriever.toml) beside this script or inside the
# photo-retriever/ folder is installed with the app, so it opens pre-set for the event.
set -eu

APP_ID=io.github.photoretriever.PhotoRetriever
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
home_dir=$data/photo-retriever
app_dir=$home_dir/app
bin_dir=$HOME/.local/bin
desktop=$data/applications/photo-retriever.desktop
metainfo=$data/metainfo/$APP_ID.metainfo.xml
sizes="16 32 48 64 128 256"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

uninstall() {
    rm -rf "$app_dir" "$desktop" "$metainfo"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    rm -f "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
    if [ -L "$bin_dir/photo-retriever" ]; then rm -f "$bin_dir/photo-retriever"; fi
    rmdir "$home_dir" 2>/dev/null || true
    refresh
    echo "Race Photo Retriever removed (your settings and downloaded photos are kept)."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi
if [ $# -gt 0 ]; then
    echo "usage: $0 [--uninstall]" >&2
    exit 2
fi
if [ ! -x "$here/photo-retriever/photo-retriever" ]; then
    echo "install.sh: run it from the unpacked folder (photo-retriever/ is missing)." >&2
    exit 2
fi

case "$app_dir" in
*[\"\`\$\\\|]*)
    echo "install.sh: $app_dir has a character a menu entry cannot hold; set XDG_DATA_HOME." >&2
    exit 2
    ;;
esac

# Copy beside the old version first, then swap: a failed copy leaves the old one working.
mkdir -p "$home_dir"
rm -rf "$app_dir.new"
cp -R "$here/photo-retriever" "$app_dir.new"
if [ -f "$here/photo-retriever.toml" ]; then
    cp "$here/photo-retriever.toml" "$app_dir.new/photo-retriever.toml"
fi
rm -rf "$app_dir"
mv "$app_dir.new" "$app_dir"

for size in $sizes; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$here/icons/photo-retriever-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/applications" "$data/metainfo" "$bin_dir"
cp "$here/icons/photo-retriever.svg" "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
cp "$here/$APP_ID.metainfo.xml" "$metainfo"

# The menu entry runs the installed executable by its full path (quoted for spaces).
sed -e "s|^Exec=.*|Exec=\"$app_dir/photo-retriever\"|" \
    -e "s|^TryExec=.*|TryExec=$app_dir/photo-retriever|" \
    "$here/photo-retriever.desktop" >"$desktop"
if [ -L "$bin_dir/photo-retriever" ] || [ ! -e "$bin_dir/photo-retriever" ]; then
    ln -sf "$app_dir/photo-retriever" "$bin_dir/photo-retriever"
else
    echo "Left $bin_dir/photo-retriever alone (not ours); the menu entry still works."
fi
refresh

echo "Race Photo Retriever installed: find it in your applications menu,"
echo "or run $bin_dir/photo-retriever"
