#!/usr/bin/env bash
# Makes the base image of every Ficus image on this machine, with no registry: a minimal Debian bookworm root
# filesystem (mmdebstrap, from the machine's own package sources), a Java 17 runtime cut by jlink from the JDK in
# /usr/lib/jvm, a non-root user (uid 10001), imported with podman and saved as a docker-archive tar that Jib reads
# as its base (tar://…, see the images profile in the root pom). Elsewhere, skip this and build on any JDK image:
#   ./mvnw -Pimages -Dficus.image.base=eclipse-temurin:17-jre package -DskipTests
#
# Usage: deploy/base-image/make-base-image.sh [output tar]   (default: data/images/ficus-base-jre17.tar)
# Needs root (mmdebstrap as root), mmdebstrap and podman (deploy/local/play.sh installs both).
# Environment: FICUS_BASE_JDK  the JDK whose jmods jlink reads (default /usr/lib/jvm/java-17-openjdk-amd64)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/data/images/ficus-base-jre17.tar}
JDK=${FICUS_BASE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
IMAGE=localhost/ficus/base-jre17:latest
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/deploy/local/containers.conf}

say() { printf '[base-image] %s\n' "$*"; }
[[ -d $JDK/jmods ]] || { say "$JDK has no jmods (apt-get install openjdk-17-jdk-headless)"; exit 1; }
WORK=$(mktemp -d /tmp/ficus-base-image.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Every module of Java SE plus the JDK modules Spring Boot, Netty, Tomcat and the PostgreSQL driver reach for
# (sun.misc.Unsafe, EC keys, JFR, JMX, zip file systems, DNS): about a third of the full JDK's size.
say "jlink a Java runtime from $JDK"
"$JDK/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.management.agent,jdk.zipfs,jdk.naming.dns,jdk.net,jdk.httpserver,jdk.localedata \
  --include-locales en --strip-debug --no-man-pages --no-header-files --compress=2 --output "$WORK/java"
# Debian keeps the CA store outside the JDK (a symlink to /etc/ssl/certs/java): put the real file in the runtime
cp -L "$JDK/lib/security/cacerts" "$WORK/java/lib/security/cacerts"

say "mmdebstrap a minimal bookworm root filesystem (about a minute)"
mmdebstrap --quiet --variant=minbase --include=ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook="copy-in $WORK/java /opt" \
  --customize-hook='chroot "$1" groupadd --gid 10001 ficus' \
  --customize-hook='chroot "$1" useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin ficus' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
  bookworm "$WORK/rootfs.tar"

say "podman import as $IMAGE"
podman --runtime runc import \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'USER 10001:10001' \
  "$WORK/rootfs.tar" "$IMAGE" >/dev/null
# read the whole answer before printing its first line: piping podman into head closed the pipe under it, and
# pipefail turned that into a failed CI run (exit 126) after a good image had been made
version=$(podman --runtime runc run --rm "$IMAGE" java -version 2>&1) || { say "the image does not run java: $version"; exit 1; }
say "runs: ${version%%$'\n'*}"

mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
podman save --format docker-archive -o "$OUT" "$IMAGE"
say "$OUT ($(du -h "$OUT" | cut -f1)): build the images with ./mvnw -Pimages package -DskipTests"
