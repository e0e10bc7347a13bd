#!/bin/sh
# Regenerates test/fixtures/apk-tools/: an Alpine root whose package database apk-tools itself wrote.
# The tests cannot run apk (Debian has no apk-tools), so its output is kept here; this script is how it
# was made. Usage: APK=/path/to/apk sh scripts/apk-fixture.sh
# apk-tools 3 builds on Debian 12 with meson, libssl-dev, zlib1g-dev and libzstd-dev:
#   meson setup build -Dlua=disabled -Ddocs=disabled -Dpython=disabled -Dtests=disabled && ninja -C build
# The packages are made by `apk mkpkg`, named and versioned as alpine:3.20.3's base packages are
# (dependencies through so: names as Alpine's are), and installed by `apk add --initdb`.
set -eu
APK=${APK:-apk}
out=$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/apk-tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pkgs" "$work/root"

# pkg NAME VERSION ORIGIN DEPENDS PROVIDES FILE... (each FILE is path=content, or path=->target for a
# symlink; files under bin/, sbin/, usr/bin/ and the loader are executable)
pkg() {
  name=$1 version=$2 origin=$3 depends=$4 provides=$5
  shift 5
  tree="$work/tree-$name"
  mkdir -p "$tree"
  for f in "$@"; do
    path=${f%%=*}
    mkdir -p "$tree/$(dirname "$path")"
    case ${f#*=} in
      '->'*) ln -s "${f#*=->}" "$tree/$path" ;;
      *) printf '%s\n' "${f#*=}" > "$tree/$path" ;;
    esac
    case $path in bin/*|sbin/*|usr/bin/*|lib/ld-*) [ -L "$tree/$path" ] || chmod 755 "$tree/$path" ;; esac
  done
  find "$tree" -exec touch -h -d @1725000000 {} +
  set -- -I "name:$name" -I "version:$version" -I arch:x86_64 -I "origin:$origin" \
    -I "description:$name (test fixture)" -I license:MIT -I url:https://alpinelinux.org \
    -I build-time:1725000000
  [ -n "$depends" ] && set -- "$@" -I "depends:$depends"
  [ -n "$provides" ] && set -- "$@" -I "provides:$provides"
  "$APK" mkpkg "$@" -F "$tree" -o "$work/pkgs/$name-$version.apk"
}

libc=so:libc.musl-x86_64.so.1
pkg musl 1.2.5-r0 musl '' "$libc=1" lib/ld-musl-x86_64.so.1=musl
pkg musl-utils 1.2.5-r0 musl "$libc" '' usr/bin/ldd=ldd
pkg busybox 1.36.1-r29 busybox "$libc" '' bin/busybox=busybox
pkg busybox-binsh 1.36.1-r29 busybox busybox '/bin/sh cmd:sh=1.36.1-r29' 'bin/sh=->/bin/busybox'
pkg ssl_client 1.36.1-r29 busybox "$libc so:libcrypto.so.3 so:libssl.so.3" '' usr/bin/ssl_client=ssl_client
pkg alpine-baselayout-data 3.6.5-r0 alpine-baselayout '' '' etc/hostname=localhost
pkg alpine-baselayout 3.6.5-r0 alpine-baselayout alpine-baselayout-data '' etc/profile=profile
pkg alpine-keys 2.4-r1 alpine-keys '' '' usr/share/apk/keys/README=keys
pkg alpine-release 3.20.3-r0 alpine-base '' '' \
  'etc/os-release=NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"' \
  etc/alpine-release=3.20.3
pkg ca-certificates-bundle 20240705-r0 ca-certificates '' '' etc/ssl/certs/ca-certificates.crt=bundle
pkg libcrypto3 3.3.2-r0 openssl "$libc" 'so:libcrypto.so.3=3' usr/lib/libcrypto.so.3=crypto
pkg libssl3 3.3.2-r0 openssl "$libc so:libcrypto.so.3" 'so:libssl.so.3=3' usr/lib/libssl.so.3=ssl
pkg zlib 1.3.1-r1 zlib "$libc" 'so:libz.so.1=1.3.1' usr/lib/libz.so.1=z
pkg scanelf 1.3.7-r2 pax-utils "$libc" '' usr/bin/scanelf=scanelf
pkg libc-utils 0.7.2-r5 libc-dev musl-utils '' usr/share/libc-utils=utils
pkg apk-tools 2.14.4-r1 apk-tools "$libc so:libcrypto.so.3 so:libz.so.1" '' sbin/apk=apk

"$APK" add --root "$work/root" --initdb --allow-untrusted --no-network --no-scripts --force-no-chroot \
  --arch x86_64 --quiet "$work"/pkgs/*.apk
# The image builder writes the repositories file, not a package.
printf 'https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n' \
  > "$work/root/etc/apk/repositories"

# The whole root is the fixture, but for apk's log, which holds the time of the run.
rm -rf "$work/root/var/log" "$out"
mkdir -p "$out"
cp -a "$work/root" "$out/root"
# apk's own listing of what it installed: the test reads the database and must agree with it.
"$APK" --root "$work/root" --force-no-chroot list --installed > "$out/apk-list-installed.txt"
{
  echo "Written on $(date -u +%Y-%m-%d) by scripts/apk-fixture.sh with $("$APK" --version | cut -d, -f1)."
  echo "root/ is what \`apk add --initdb\` installed (its lib/apk/db/ is apk's own output), less var/log;"
  echo "apk-list-installed.txt is \`apk list --installed\` on the same root. The packages are built by"
  echo "\`apk mkpkg\` with the names, versions, origins and so: dependencies of alpine:3.20.3's base;"
  echo "their files are placeholders. etc/apk/repositories is written by the script, as image builders do."
} > "$out/PROVENANCE"
echo "wrote $out"
