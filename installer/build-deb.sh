#!/usr/bin/env bash
# Builds installer/target/tongban_<version>_amd64.deb: jpackage makes the package with a jlink runtime (the
# JDK modules the application uses, with bin/java kept for the launcher's children) and the application
# with JavaFX's Linux jars on its class path; then the system files jpackage (JDK 17) cannot add are put
# in: the systemd unit of the kiosk session, udev rules, the PAM stack of the session, the default
# configuration under /etc/tongban (conffiles: kept on upgrade), maintainer scripts (the kiosk user,
# /var/lib/tongban), /usr/bin/tongban. Needs JDK 17 (jpackage), fakeroot and binutils (objcopy).
#
#   installer/build-deb.sh            builds the jar first when it is missing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/installer"
out="$here/target"
cd "$root"

version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
debversion="${version/-SNAPSHOT/~SNAPSHOT}"   # 0.1.0~SNAPSHOT sorts before the 0.1.0 release
numeric="${version%%-*}"

if [[ ! -f kiosk-app/target/kiosk-app.jar || ! -d kiosk-app/target/lib ]]; then
  echo "build-deb: building the application" >&2
  mvn -q -B -ntp -DskipTests package
fi

rm -rf "$out"
mkdir -p "$out/input"
cp kiosk-app/target/kiosk-app.jar "$out/input/"
cp kiosk-app/target/lib/*.jar "$out/input/"

# What the application uses of the JDK: desktop/AWT for JavaFX's Swing bridge and ImageIO, SQL for SQLite,
# smartcardio for PC/SC readers, net.http for the platform and the channel, httpserver for the platform
# simulator, charsets and localedata for Chinese text, jdk.unsupported for JavaFX and SQLite.
modules=java.base,java.datatransfer,java.desktop,java.logging,java.management,java.naming,java.net.http
modules+=,java.prefs,java.scripting,java.security.jgss,java.smartcardio,java.sql,java.xml,jdk.charsets
modules+=,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.httpserver,jdk.localedata,jdk.unsupported,jdk.zipfs

# Run-time needs beyond what jpackage finds itself: GTK and GL for JavaFX, the kiosk session (cage with
# Xwayland), the drivers' system stacks (pcscd for PC/SC, CUPS for the A4 printer, OpenCV's data for the
# camera), a CJK font, espeak-ng for voice guidance, adduser for the kiosk user, systemd-notify for the watchdog.
deps="libgtk-3-0, libgl1, cage, xwayland, pcscd, cups-client, cups-bsd, opencv-data, espeak-ng"
deps+=", fonts-wqy-microhei | fonts-noto-cjk, adduser, systemd"

echo "build-deb: jpackage ($debversion)" >&2
# jpackage's own .deb is only unpacked again: not worth compressing (dpkg-deb reads this variable)
DPKG_DEB_COMPRESSOR_TYPE=none jpackage --type deb --dest "$out/jpackage" --name tongban --app-version "$numeric" \
  --vendor "Tongban project" --description "Tongban self-service terminal for government service halls and bank STMs" \
  --input "$out/input" --main-jar kiosk-app.jar --main-class org.tongban.kiosk.Main \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive" \
  --java-options "$(<"$here/memory.jvm-options") -Dfile.encoding=UTF-8 -Dsun.jnu.encoding=UTF-8 -Dtongban.logDir=/var/log/tongban -Dtongban.config=/etc/tongban" \
  --install-dir /opt --linux-package-name tongban --linux-deb-maintainer "tongban@localhost" \
  --linux-package-deps "$deps" --linux-app-release 1 --linux-app-category misc

tree="$out/tree"
dpkg-deb -R "$out"/jpackage/tongban_*_amd64.deb "$tree"

# The configuration of a real terminal: production mode (no simulated device is accepted), the real drivers on
# their udev names (installer/devices.yaml), the outbox key under /etc/tongban/keys (postinst creates it), away
# from the database it protects in /var/lib/tongban.
etc="$tree/etc/tongban"
mkdir -p "$etc"
cp -r config/kiosk.yaml config/catalog "$etc/"
cp installer/devices.yaml "$etc/devices.yaml"
sed -i 's|^  mode: demo .*|  mode: production           # real drivers only; demo (simulated devices allowed) is for demo and test terminals|' \
  "$etc/kiosk.yaml"
sed -i '/^                             # simulates them all); production/d' "$etc/kiosk.yaml"
sed -i 's|keyFile: /etc/tongban/outbox.key .*|keyFile: /etc/tongban/keys/outbox.key   # SM4 key sealing personal data at rest (created by the package, kiosk only)|' \
  "$etc/kiosk.yaml"
grep -q '^  mode: production' "$etc/kiosk.yaml" && grep -q 'keyFile: /etc/tongban/keys/outbox.key' "$etc/kiosk.yaml" \
  || { echo "build-deb: config/kiosk.yaml changed; the production edits above no longer apply" >&2; exit 1; }
install -D -m 0644 installer/tongban-kiosk.service "$tree/lib/systemd/system/tongban-kiosk.service"
install -D -m 0644 installer/60-tongban.rules "$tree/lib/udev/rules.d/60-tongban.rules"
install -D -m 0644 installer/tongban-kiosk.pam "$tree/etc/pam.d/tongban-kiosk"
# no other consoles: logind starts no gettys on other VTs (cage runs without VT switching)
install -D -m 0644 installer/logind-tongban.conf "$tree/usr/lib/systemd/logind.conf.d/60-tongban.conf"
install -D -m 0644 docs/install.md "$tree/usr/share/doc/tongban/install.md"
install -D -m 0644 docs/updates.md "$tree/usr/share/doc/tongban/updates.md"
mkdir -p "$tree/usr/bin"
ln -sf /opt/tongban/bin/tongban "$tree/usr/bin/tongban"

install -m 0755 installer/debian/postinst installer/debian/prerm installer/debian/postrm "$tree/DEBIAN/"
rm -f "$tree/DEBIAN/preinst"
(cd "$tree" && find etc -type f | sort | sed 's|^|/|') > "$tree/DEBIAN/conffiles"
sed -i "s|^Version: .*|Version: $debversion|" "$tree/DEBIAN/control"
sed -i "s|^Installed-Size: .*|Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)|" "$tree/DEBIAN/control"
find "$tree" -type d -exec chmod 0755 {} +

deb="$out/tongban_${debversion}_amd64.deb"
# xz at level 1: within a few percent of the default level's size, several times faster to build
fakeroot dpkg-deb --root-owner-group -Zxz -z1 -b "$tree" "$deb" >/dev/null
rm -rf "$tree" "$out/jpackage" "$out/input"
echo "$deb"
