#!/usr/bin/env bash
# Installs and builds everything mail_mcp links against, from Debian packages and npm only.
#
#   third_party/bootstrap.sh          # idempotent; a finished step is skipped (stamp files)
#
# Output (all gitignored) under third_party/build/:
#   src/                 unpacked Debian source packages (patches applied by dpkg-source)
#   musl/                mbedTLS + libcurl built with musl-gcc, for the static release binary
#   host/                mbedTLS + libcurl built with the system gcc, for the ASan/UBSan unit tests
#   include/httplib.h    cpp-httplib's single header from its source package
#   zig/                 the Zig toolchain (npm ci in third_party/zig) and its caches
set -euo pipefail
TP=$(cd "$(dirname "$0")" && pwd)
B=$TP/build
. "$TP/versions.env"
mkdir -p "$B"
log() { printf '[bootstrap] %s\n' "$*"; }
JOBS=$(nproc)

# --- 1. Debian binary packages: compilers, musl, header-only libraries, node, and "locales" for the
# glibc charmaps scripts/gen-charset-tables turns into decoding tables.
APT_PKGS="build-essential musl-tools dpkg-dev xz-utils bzip2 python3 ca-certificates locales $PICOJSON_DEB $MUSTACHE_DEB $ARGH_DEB"
command -v npm >/dev/null || APT_PKGS="$APT_PKGS nodejs npm"   # a machine may already have Node from elsewhere
missing=""
for p in $APT_PKGS; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"; done
if [ -n "$missing" ]; then
  log "apt-get install$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# --- 2. Debian 13 source packages, through a private apt configuration (the system's sources stay as they are).
APT_DIR=$B/apt
APT_OPTS=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR/cache" -o APT::Sandbox::User=root)
fetch_source() { # fetch_source PACKAGE UPSTREAM_VERSION -> unpacked in $B/src/PACKAGE-UPSTREAM
  local pkg=$1 up=$2 dir=$B/src/$1-$2
  [ -e "$dir/.unpacked" ] && return 0
  if [ ! -e "$APT_DIR/.updated" ]; then
    mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $DEBIAN_SOURCE_SUITE main" > "$APT_DIR/sources.list"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security $DEBIAN_SOURCE_SUITE-security main" >> "$APT_DIR/sources.list"
    apt-get "${APT_OPTS[@]}" update -qq
    touch "$APT_DIR/.updated"
  fi
  rm -rf "$B/dl/$pkg" && mkdir -p "$B/dl/$pkg"
  # Newest Debian revision of the pinned upstream version that the mirror still serves.
  local v ok=""
  for v in $(apt-cache "${APT_OPTS[@]}" showsrc "$pkg" | sed -n 's/^Version: //p' | grep -E "^([0-9]+:)?${up//./\\.}-" | sort -Vru); do
    if (cd "$B/dl/$pkg" && apt-get "${APT_OPTS[@]}" source --download-only -qq "$pkg=$v" >/dev/null 2>&1); then ok=$v; break; fi
  done
  [ -n "$ok" ] || { echo "bootstrap: no Debian source of $pkg $up is downloadable from $DEBIAN_SOURCE_SUITE" >&2; exit 1; }
  rm -rf "$dir"; mkdir -p "$B/src"
  (cd "$B/dl/$pkg" && dpkg-source --no-check -x ./*.dsc "$dir" >/dev/null)
  echo "$ok" > "$dir/.debian-version"; touch "$dir/.unpacked"
  log "source $pkg $ok"
}
fetch_source mbedtls "$MBEDTLS_UPSTREAM"
fetch_source curl "$CURL_UPSTREAM"
fetch_source cpp-httplib "$CPP_HTTPLIB_UPSTREAM"

# Headers for both toolchains in one folder: the Zig musl target does not search /usr/include.
mkdir -p "$B/include/kainjow"
cp "$B/src/cpp-httplib-$CPP_HTTPLIB_UPSTREAM/httplib.h" "$B/include/httplib.h"
cp /usr/include/picojson.h /usr/include/argh.h "$B/include/"
cp /usr/include/kainjow/mustache.hpp "$B/include/kainjow/"

# --- 3. mbedTLS, once for musl (release) and once for the host (unit tests under ASan).
build_mbedtls() { # build_mbedtls NAME CC
  local name=$1 cc=$2 out=$B/$1 stamp=$B/$1/.mbedtls-$MBEDTLS_UPSTREAM
  [ -e "$stamp" ] && return 0
  local w=$B/work/mbedtls-$name
  rm -rf "$w"; mkdir -p "$B/work"; cp -a "$B/src/mbedtls-$MBEDTLS_UPSTREAM" "$w"
  (cd "$w"
   python3 scripts/config.py set MBEDTLS_THREADING_C
   python3 scripts/config.py set MBEDTLS_THREADING_PTHREAD
   python3 scripts/config.py set MBEDTLS_NO_PLATFORM_ENTROPY
   python3 scripts/config.py set MBEDTLS_ENTROPY_HARDWARE_ALT
   make -s -j"$JOBS" lib CC="$cc" CFLAGS="-O2 -fPIC" >/dev/null
   "$cc" -O2 -c "$TP/mbedtls_getrandom.c" -o library/mbedtls_getrandom.o
   ar rcs library/libmbedcrypto.a library/mbedtls_getrandom.o)
  rm -rf "$out/include/mbedtls" "$out/include/psa"; mkdir -p "$out/lib" "$out/include"
  cp -a "$w/include/mbedtls" "$w/include/psa" "$out/include/"
  cp "$w"/library/libmbed{tls,x509,crypto}.a "$out/lib/"
  touch "$stamp"; log "mbedTLS $MBEDTLS_UPSTREAM built for $name"
}
build_mbedtls musl musl-gcc
build_mbedtls host gcc

# --- 4. libcurl: HTTP(S), IMAP(S), SMTP(S) over mbedTLS, threaded resolver, nothing else; musl and host.
build_curl() { # build_curl NAME CC
  local name=$1 cc=$2 stamp=$B/$1/.curl-$CURL_UPSTREAM w=$B/work/curl-$1
  [ -e "$stamp" ] && return 0
  rm -rf "$w"; cp -a "$B/src/curl-$CURL_UPSTREAM" "$w"
  # Quiet when it works; on failure, what configure and make said (configure's own log explains most).
  if ! (cd "$w" && CC=$cc CFLAGS="-O2 -fPIC" ./configure --quiet --prefix="$B/$name" \
     --disable-shared --enable-static --with-mbedtls="$B/$name" \
     --enable-http --enable-imap --enable-smtp --enable-ipv6 --enable-threaded-resolver \
     --disable-ftp --disable-file --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet \
     --disable-tftp --disable-pop3 --disable-smb --disable-gopher --disable-mqtt --disable-manual --disable-ntlm \
     --disable-unix-sockets --disable-alt-svc --disable-doh --disable-websockets --disable-netrc --disable-tls-srp \
     --disable-cookies --disable-docs --disable-hsts --disable-libcurl-option --disable-ipfs --disable-aws \
     --without-libpsl --without-zlib --without-brotli --without-zstd --without-nghttp2 --without-ngtcp2 \
     --without-nghttp3 --without-libidn2 --without-librtmp --without-libssh2 --without-libssh --without-gssapi \
     --without-quiche --without-msh3 --without-ca-bundle --without-ca-path --without-ca-fallback
   make -s -j"$JOBS" -C lib && make -s -C lib install && make -s -C include install) > "$w.log" 2>&1; then
    echo "bootstrap: building libcurl for $name failed; the end of its output ($w.log):" >&2
    tail -n 40 "$w.log" >&2
    [ -f "$w/config.log" ] && { echo "--- the end of $w/config.log:" >&2; tail -n 40 "$w/config.log" >&2; }
    exit 1
  fi
  touch "$stamp"; log "libcurl $CURL_UPSTREAM built for $name"
}
build_curl musl musl-gcc
build_curl host gcc

# --- 5. Zig from npm, exactly as pinned by the lockfile.
if [ ! -x "$TP/zig/node_modules/$ZIG_NPM_PACKAGE/zig" ]; then
  (cd "$TP/zig" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
  log "zig $ZIG_VERSION installed from npm"
fi
touch "$B/.ready"
log "ready"
