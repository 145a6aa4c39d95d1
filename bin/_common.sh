# Sourced by bin/omnigraph, bin/omnigraph-server and bin/test.
# Finds a JDK >= 21 (JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*) and builds dist/ when needed.

OMNIGRAPH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# java_major <path-to-java>: prints the feature version (17, 21, 25 …) or nothing
java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  case "$v" in 1.*) v=${v#1.}; v=${v%%.*};; esac
  printf '%s' "${v%%.*}"
}

# find_jdk: sets OMNIGRAPH_JAVA_HOME to a JDK >= 21 (with javac when $1 = build) or fails loudly
find_jdk() {
  local need_javac="${1:-}" cand home major best="" best_major=0
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$home")
  fi
  for cand in /usr/lib/jvm/*; do [ -d "$cand" ] && candidates+=("$cand"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] || continue
    [ -n "$need_javac" ] && [ ! -x "$home/bin/javac" ] && continue
    major=$(java_major "$home/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ]; then
      # JAVA_HOME and PATH win when they qualify; /usr/lib/jvm picks the newest
      if [ -z "$best" ]; then best="$home"; best_major="$major"; fi
      if [ "$home" != "${JAVA_HOME:-}" ] && [ "$best" != "${JAVA_HOME:-}" ] && [ "$major" -gt "$best_major" ] \
         && [[ "$best" == /usr/lib/jvm/* ]]; then best="$home"; best_major="$major"; fi
    fi
  done
  if [ -z "$best" ]; then
    echo "omnigraph: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
    echo "  install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
    return 1
  fi
  OMNIGRAPH_JAVA_HOME="$best"
  export OMNIGRAPH_JAVA_HOME
}

# JVM flags the libraries need on JDK 25 (native access for Cedar/Lucene/jline, Unsafe for aircompressor)
OMNIGRAPH_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
  -Xss4m)

# dist_is_stale: true when dist/ is missing or older than any source or pom
dist_is_stale() {
  local stamp="$OMNIGRAPH_ROOT/dist/.built"
  [ -f "$stamp" ] || return 0
  [ -n "$(find "$OMNIGRAPH_ROOT" -maxdepth 1 -name pom.xml -newer "$stamp" -print -quit)" ] && return 0
  [ -n "$(find "$OMNIGRAPH_ROOT"/omnigraph-*/pom.xml "$OMNIGRAPH_ROOT"/omnigraph-*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ] && return 0
  return 1
}

ensure_dist() {
  if [ "${OMNIGRAPH_SKIP_BUILD:-}" = "1" ] && [ -f "$OMNIGRAPH_ROOT/dist/.built" ]; then return 0; fi
  if dist_is_stale; then
    echo "omnigraph: building the distribution (first use or sources changed) …" >&2
    rm -rf "$OMNIGRAPH_ROOT/dist"
    local log="$OMNIGRAPH_ROOT/target-build.log"
    if ! (cd "$OMNIGRAPH_ROOT" && JAVA_HOME="$OMNIGRAPH_JAVA_HOME" ./mvnw -B -q -ntp -DskipTests \
          -pl omnigraph-cli -am package >"$log" 2>&1); then
      echo "omnigraph: build failed; see $log" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    rm -f "$log"
  fi
}
