#!/bin/sh
# The one program of the kiosk's graphical session (run by cage, or by xinit on X without a
# window manager). It starts the packaged Electron app when one is installed, otherwise the
# browser host, which runs the service and opens Chromium in kiosk mode. When it exits the
# session ends and systemd starts it again (Restart=always in the unit).
set -eu

APP_DIR="${KIOSK_APP_DIR:-/opt/hall-kiosk}"
CONFIG="${KIOSK_CONFIG:-/etc/hall-kiosk/config.json}"
DATA_DIR="${KIOSK_DATA_DIR:-/var/lib/hall-kiosk}"
# electron-builder's deb installs the app under /opt/<productName>/<executableName>.
ELECTRON_BIN="${KIOSK_ELECTRON_BIN:-/opt/Hall Kiosk/hall-kiosk}"

if [ -n "${WAYLAND_DISPLAY:-}" ]; then
  # Under cage: draw with Wayland directly instead of needing XWayland.
  export ELECTRON_OZONE_PLATFORM_HINT=wayland
  export CHROMIUM_FLAGS="${CHROMIUM_FLAGS:-} --ozone-platform=wayland"
fi

if [ -x "$ELECTRON_BIN" ]; then
  exec "$ELECTRON_BIN" --config "$CONFIG" --data-dir "$DATA_DIR"
fi

cd "$APP_DIR"
exec node --import tsx electron/host/cli.ts --config "$CONFIG" --data-dir "$DATA_DIR"
