#!/usr/bin/env bash
# Fetches the Apache Kafka broker jars (org.apache.kafka:kafka_2.13 + runtime dependencies + log4j2 binding)
# from Maven Central into ${LEARNFLOW_CACHE:-$HOME/.cache/learnflow}/kafka-<version>/libs, once.
# Idempotent: a completed fetch leaves a .complete stamp (holding the pom's hash) and later runs exit at once.
# Non-interactive (-B); tries offline (-o) first so a populated ~/.m2 needs no network.
# Prints the libs directory on stdout (everything else goes to stderr).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
POM="$HERE/pom.xml"
VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM")
CACHE=${LEARNFLOW_CACHE:-$HOME/.cache/learnflow}
DEST="$CACHE/kafka-$VERSION"
LIBS="$DEST/libs"
STAMP="$DEST/.complete"
WANT=$(sha256sum "$POM" | cut -d' ' -f1)

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && ls "$LIBS"/kafka_2.13-"$VERSION".jar >/dev/null 2>&1; then
  echo "$LIBS"
  exit 0
fi

command -v mvn >/dev/null || { echo "fetch.sh: Maven (mvn) is required to fetch the Kafka jars" >&2; exit 1; }
mkdir -p "$DEST"
# Fetch into a temporary directory and rename, so an interrupted run never looks complete.
TMP=$(mktemp -d "$DEST/libs.tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
args=(-B -q -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$TMP")
if ! mvn -o "${args[@]}" </dev/null >/dev/null 2>&1; then
  echo "fetch.sh: downloading Kafka $VERSION jars from Maven Central (once)..." >&2
  mvn "${args[@]}" </dev/null >&2
fi
ls "$TMP"/kafka_2.13-"$VERSION".jar >/dev/null
rm -rf "$LIBS"
mv "$TMP" "$LIBS"
trap - EXIT
echo "$WANT" > "$STAMP"
echo "$LIBS"
