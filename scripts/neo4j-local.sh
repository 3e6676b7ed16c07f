#!/usr/bin/env bash
# Local Neo4j 5 (Community 5.26 LTS) for tests: a real Bolt server, no Docker.
#
#   scripts/neo4j-local.sh start    # prints `export NEO4J_...` lines on stdout
#   scripts/neo4j-local.sh status   # exit 0 if running, 3 if not
#   scripts/neo4j-local.sh stop
#
# Typical use (keep the two steps apart so a failed start is not swallowed:
# `eval "$(... start)"` alone exits 0 even if start failed):
#   env_lines="$(scripts/neo4j-local.sh start)" && eval "$env_lines"
#
# start:
#   * If NEO4J_URI is set and a Bolt server answers there, it is reused: the
#     export lines are printed (NEO4J_USER defaults to neo4j) and nothing starts.
#   * Else, if NEO4J_HOME points at an unpacked Neo4j 5 distribution, that one
#     is started (neo4j-admin dbms set-initial-password, then bin/neo4j start
#     with NEO4J_CONF=.cache/neo4j/dist/conf; data in .cache/neo4j/dist/data).
#     Only exercised against a stub distribution so far.
#   * Else an embedded Neo4j Community DBMS (Maven artifact org.neo4j:neo4j) is
#     run by a tiny launcher (scripts/neo4j-launcher/). The jars are resolved
#     once with Maven into .cache/neo4j/lib, the launcher is compiled once into
#     .cache/neo4j/classes; later starts reuse both.
#   Bolt listens on 127.0.0.1 on a free port, auth is on (user neo4j, password
#   generated once and kept in .cache/neo4j/password), data lives in
#   .cache/neo4j/data. The export lines are also written to .cache/neo4j/env.sh.
#   All progress and diagnostics go to stderr; only export lines go to stdout.
#
# Environment knobs (all optional):
#   NEO4J_LOCAL_PORT       fixed Bolt port (default: a free one)
#   NEO4J_LOCAL_PASSWORD   password to use instead of the generated one
#   NEO4J_LOCAL_HEAP       JVM max heap (default 1g)
#   NEO4J_LOCAL_PAGECACHE  page cache size (default 256m)
#   NEO4J_LOCAL_TIMEOUT    seconds to wait for Bolt (default 120)
#   NEO4J_LOCAL_VERSION    org.neo4j:neo4j version (default: the pom's, 5.26.x)
#   NEO4J_LOCAL_M2         Maven local repository (default .cache/m2 in the repo)
#   NEO4J_LOCAL_PYTHON     python used for the Bolt check (default python3)
#   JAVA_HOME              Java 17 or 21 to use (default: `java` on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd -P)"
LAUNCHER_DIR="$SCRIPT_DIR/neo4j-launcher"
LAUNCHER_POM="$LAUNCHER_DIR/pom.xml"
LAUNCHER_SRC="$LAUNCHER_DIR/src/main/java/reformkg/neo4jlocal/Launcher.java"
BOLT_PROBE_SRC="$LAUNCHER_DIR/BoltProbe.java"
LAUNCHER_CLASS="reformkg.neo4jlocal.Launcher"

CACHE="$REPO/.cache/neo4j"
M2="${NEO4J_LOCAL_M2:-$REPO/.cache/m2}"
LIB="$CACHE/lib"
CLASSES="$CACHE/classes"
CONF_DIR="$CACHE/conf"
LOG_DIR="$CACHE/logs"
RUN_DIR="$CACHE/run"
PID_FILE="$CACHE/neo4j.pid"
ENV_FILE="$CACHE/env.sh"
PW_FILE="$CACHE/password"
MODE_FILE="$RUN_DIR/mode"
READY_FILE="$RUN_DIR/ready"
LAUNCHER_LOG="$LOG_DIR/launcher.log"

HEAP="${NEO4J_LOCAL_HEAP:-1g}"
PAGECACHE="${NEO4J_LOCAL_PAGECACHE:-256m}"
TIMEOUT="${NEO4J_LOCAL_TIMEOUT:-120}"
PYTHON="${NEO4J_LOCAL_PYTHON:-python3}"

log() { printf 'neo4j-local: %s\n' "$*" >&2; }
die() { printf 'neo4j-local: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    echo "usage: $0 start|stop|status" >&2
    exit 2
}

now() { date +%s; }

# ---------------------------------------------------------------- helpers

java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        die "java not found (need Java 17 or 21; set JAVA_HOME or put java on PATH)"
    fi
}

javac_bin() {
    local j
    j="$(dirname "$(java_bin)")/javac"
    if [[ -x "$j" ]]; then echo "$j"
    elif command -v javac >/dev/null 2>&1; then command -v javac
    else die "javac not found (need a JDK 17 or 21, not just a JRE)"
    fi
}

check_java() {
    local java ver major
    java="$(java_bin)"
    ver="$("$java" -version 2>&1 | head -n1 | sed -E 's/.*version "([^"]+)".*/\1/')"
    major="${ver%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || die "cannot parse Java version from: $("$java" -version 2>&1 | head -n1)"
    if (( major < 17 )); then
        die "Java $ver at $java is too old; Neo4j 5.26 needs Java 17 or 21"
    elif (( major != 17 && major != 21 )); then
        log "warning: Java $ver is not officially supported by Neo4j 5.26 (17 or 21 are)"
    fi
}

# Process is alive (and not a zombie)?
alive() {
    local pid="$1" state
    [[ -n "$pid" ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/stat" ]]; then
        state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null || true)"
        [[ "$state" != "Z" ]] || return 1
    fi
    return 0
}

# Is PID the server this script started for this checkout?
is_ours() {
    local pid="$1" cmd
    alive "$pid" || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 0   # no procfs: trust the pid file
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmd" == *"$CACHE"* ]] && return 0
    # NEO4J_HOME mode: the server's command line names the distribution.
    [[ "$(cat "$MODE_FILE" 2>/dev/null || true)" == dist && -n "${NEO4J_HOME:-}" && "$cmd" == *"$NEO4J_HOME"* ]]
}

read_pid() { if [[ -s "$PID_FILE" ]]; then tr -dc '0-9' <"$PID_FILE"; fi; }

running_pid() {
    local pid
    pid="$(read_pid)"
    if [[ -n "$pid" ]] && is_ours "$pid"; then echo "$pid"; fi
}

have_py_driver() {
    command -v "$PYTHON" >/dev/null 2>&1 && "$PYTHON" -c 'import neo4j' >/dev/null 2>&1
}

# bolt_check URI USER PASSWORD
#   0: a Bolt server answers (and, when the python driver is available, accepts the credentials)
#   2: a Bolt server answers but rejected the credentials
#   1: nothing usable answers
bolt_check() {
    local uri="$1" user="$2" pw="$3" rc=0
    if have_py_driver; then
        P_URI="$uri" P_USER="$user" P_PW="$pw" timeout 30 "$PYTHON" - <<'PY' >&2 || rc=$?
import os, sys
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
try:
    with GraphDatabase.driver(os.environ["P_URI"], auth=(os.environ["P_USER"], os.environ["P_PW"]),
                              connection_timeout=3, connection_acquisition_timeout=10) as d:
        d.verify_connectivity()
except AuthError as e:
    print(f"bolt check: {type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(2)
except Exception as e:
    print(f"bolt check: {type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(1)
PY
        (( rc == 0 || rc == 2 )) || rc=1
        return "$rc"
    fi
    # Fallback: raw Bolt handshake with a single-file Java program (no auth check).
    local hostport host port
    case "$uri" in
        bolt://* | neo4j://*) ;;
        *) log "cannot probe $uri without the python neo4j driver (only bolt:// and neo4j:// are probed)"; return 1 ;;
    esac
    hostport="${uri#*://}"; hostport="${hostport%%/*}"; hostport="${hostport%%\?*}"
    if [[ "$hostport" == \[* ]]; then            # [ipv6]:port
        host="${hostport%%]*}"; host="${host#[}"
        port="${hostport##*]}"; port="${port#:}"
    elif [[ "$hostport" == *:* ]]; then
        host="${hostport%%:*}"; port="${hostport##*:}"
    else
        host="$hostport"; port=""
    fi
    port="${port:-7687}"
    if [[ -f "$CLASSES/BoltProbe.class" ]]; then
        "$(java_bin)" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$CLASSES" BoltProbe "$host" "$port" >/dev/null 2>&1 || return 1
    else   # single-file source launch (Java 11+), used before the cache is built
        "$(java_bin)" "$BOLT_PROBE_SRC" "$host" "$port" >/dev/null 2>&1 || return 1
    fi
    return 0
}

emit_env() {   # URI USER PASSWORD
    printf 'export NEO4J_URI=%q\nexport NEO4J_USER=%q\nexport NEO4J_PASSWORD=%q\n' "$1" "$2" "$3"
}

pick_free_port() {
    if command -v "$PYTHON" >/dev/null 2>&1; then
        "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local p i
    for i in $(seq 1 50); do
        p=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    die "could not find a free port"
}

ensure_dirs() {
    mkdir -p "$CACHE" "$CONF_DIR" "$LOG_DIR" "$RUN_DIR"
    # Keep the cache out of git without touching the repo's .gitignore.
    [[ -e "$CACHE/.gitignore" ]] || echo '*' >"$CACHE/.gitignore"
}

lock() {
    ensure_dirs
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$CACHE/.lock"
        flock -w 600 9 || die "timed out waiting for the lock $CACHE/.lock (another start/stop running?)"
    fi
}

password() {
    if [[ -n "${NEO4J_LOCAL_PASSWORD:-}" ]]; then
        (( ${#NEO4J_LOCAL_PASSWORD} >= 8 )) || die "NEO4J_LOCAL_PASSWORD must have at least 8 characters"
        echo "$NEO4J_LOCAL_PASSWORD"
        return
    fi
    if [[ ! -s "$PW_FILE" ]]; then
        (umask 077; od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$PW_FILE")
    fi
    tr -d '\n' <"$PW_FILE"
}

# Line counts of the server logs before a start, so failures show only new lines.
LOG_MARKS=()
server_logs() {
    if [[ "${1:-}" == dist ]]; then
        echo "$DIST_LOG_DIR/neo4j.log"; echo "$DIST_LOG_DIR/debug.log"
    else
        echo "$LAUNCHER_LOG"; echo "$LOG_DIR/debug.log"
    fi
}
mark_logs() {   # MODE
    local f
    LOG_MARKS=()
    while read -r f; do
        if [[ "$f" == "$LAUNCHER_LOG" ]]; then   # truncated by every start
            LOG_MARKS+=("$f=0")
        else
            LOG_MARKS+=("$f=$( (wc -l <"$f") 2>/dev/null || echo 0)")
        fi
    done < <(server_logs "$1")
}
log_tail() {   # show the last lines each server log got since mark_logs
    local m f from
    for m in "${LOG_MARKS[@]}"; do
        f="${m%=*}"; from="${m##*=}"
        [[ -s "$f" ]] || continue
        echo "----- $f (last 40 new lines) -----" >&2
        tail -n +"$(( from + 1 ))" "$f" | tail -n 40 >&2
    done
    echo "-----" >&2
}

# ---------------------------------------------------------------- build (embedded mode)

sha() { sha256sum "$@" | sha256sum | cut -c1-16; }

ensure_built() {
    local want have t0 mvn_args
    command -v mvn >/dev/null 2>&1 || die "mvn not found (Maven is needed once to fetch the Neo4j jars)"
    if [[ "$M2" == "$REPO/"* ]]; then   # a repo-local Maven repository stays out of git too
        mkdir -p "$M2"
        [[ -e "$M2/.gitignore" ]] || echo '*' >"$M2/.gitignore"
    fi
    want="neo4j=${NEO4J_LOCAL_VERSION:-pom} pom=$(sha "$LAUNCHER_POM")"
    have="$(cat "$LIB/.stamp" 2>/dev/null || true)"
    if [[ "$want" != "$have" ]]; then
        log "resolving Neo4j jars with Maven into $LIB (one-time; local repo $M2)"
        t0=$(now)
        rm -rf "$LIB.tmp"
        mvn_args=(-B -q -Dstyle.color=never -f "$LAUNCHER_POM" "-Dmaven.repo.local=$M2"
                  dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$LIB.tmp")
        [[ -n "${NEO4J_LOCAL_VERSION:-}" ]] && mvn_args+=("-Dneo4j.version=$NEO4J_LOCAL_VERSION")
        # (Debian's Maven 3.8 prints stray ANSI resets even with -B -q; strip them.)
        mvn "${mvn_args[@]}" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2 \
            || die "Maven could not resolve org.neo4j:neo4j (see output above)"
        ls "$LIB.tmp"/neo4j-[0-9]*.jar >/dev/null 2>&1 || die "Maven finished but no neo4j jar in $LIB.tmp"
        rm -rf "$LIB" "$CLASSES"
        mv "$LIB.tmp" "$LIB"
        echo "$want" >"$LIB/.stamp"
        log "resolved $(find "$LIB" -name "*.jar" | wc -l) jars ($(du -sh "$LIB" | cut -f1)) in $(( $(now) - t0 )) s"
    fi
    want="lib=$(cat "$LIB/.stamp") src=$(sha "$LAUNCHER_SRC" "$BOLT_PROBE_SRC")"
    have="$(cat "$CLASSES/.stamp" 2>/dev/null || true)"
    if [[ "$want" != "$have" ]]; then
        log "compiling launcher into $CLASSES"
        rm -rf "$CLASSES.tmp"
        mkdir -p "$CLASSES.tmp"
        "$(javac_bin)" -nowarn -encoding UTF-8 --release 17 -d "$CLASSES.tmp" -cp "$LIB/*" \
            "$LAUNCHER_SRC" "$BOLT_PROBE_SRC" >&2 || die "compiling the launcher failed"
        rm -rf "$CLASSES"
        mv "$CLASSES.tmp" "$CLASSES"
        echo "$want" >"$CLASSES/.stamp"
    fi
}

write_conf() {   # PORT
    local port="$1"
    cat >"$CONF_DIR/neo4j.conf" <<EOF
# Written by scripts/neo4j-local.sh on every start; edits are overwritten.
initial.dbms.default_database=neo4j
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.bolt.tls_level=DISABLED
dbms.security.auth_enabled=true
server.memory.pagecache.size=$PAGECACHE
db.tx_log.rotation.retention_policy=2 files
# Small, not preallocated transaction logs (default: 256 MiB preallocated per database).
db.tx_log.rotation.size=32m
db.tx_log.preallocate=false
dbms.usage_report.enabled=false
EOF
}

# Settings only for the embedded server (pinned version; internal settings may
# not exist in whatever NEO4J_HOME holds).
write_embedded_conf() {   # PORT
    write_conf "$1"
    cat >>"$CONF_DIR/neo4j.conf" <<'EOF'
# Netty waits 2 x 5 s of "quiet period" on shutdown by default; the databases
# are already checkpointed by then, so skip it (`stop` takes ~1 s, not ~11 s).
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
EOF
}

jvm_opts() {
    printf '%s\n' \
        "-Xms256m" "-Xmx$HEAP" \
        -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError \
        -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
        -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
        --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
        -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
}

# Launch the embedded server on PORT; echo its pid.
launch_embedded() {
    local port="$1" pw="$2" opts=()
    mapfile -t opts < <(jvm_opts)
    write_embedded_conf "$port"
    rm -f "$READY_FILE"
    echo "===== $(date '+%F %T') start on 127.0.0.1:$port =====" >"$LAUNCHER_LOG"
    # fd 9 (the lock) must not leak into the long-lived server; stdout must not
    # either, or `$(neo4j-local.sh start)` would never see EOF.
    NEO4J_LOCAL_PASSWORD="$pw" nohup "$(java_bin)" "${opts[@]}" \
        -cp "$CLASSES:$LIB/*" "$LAUNCHER_CLASS" "$CACHE" "$CONF_DIR/neo4j.conf" "$READY_FILE" \
        </dev/null >>"$LAUNCHER_LOG" 2>&1 9>&- &
    echo $!
}

# ---------------------------------------------------------------- NEO4J_HOME mode

dist_mode() {
    [[ -n "${NEO4J_HOME:-}" && -x "${NEO4J_HOME}/bin/neo4j" ]]
}

DIST_CONF_DIR="$CACHE/dist/conf"
DIST_DATA_DIR="$CACHE/dist/data"
DIST_RUN_DIR="$CACHE/dist/run"
DIST_LOG_DIR="$CACHE/dist/logs"

dist_env() {
    NEO4J_CONF="$DIST_CONF_DIR" JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(java_bin)")")")}" "$@"
}

launch_dist() {   # PORT PASSWORD; echo pid
    local port="$1" pw="$2"
    mkdir -p "$DIST_CONF_DIR" "$DIST_DATA_DIR" "$DIST_RUN_DIR" "$DIST_LOG_DIR" "$CACHE/dist/import"
    write_conf "$port"
    {
        cat "$CONF_DIR/neo4j.conf"
        cat <<EOF
server.directories.data=$DIST_DATA_DIR
server.directories.logs=$DIST_LOG_DIR
server.directories.run=$DIST_RUN_DIR
server.directories.import=$CACHE/dist/import
server.http.enabled=false
server.https.enabled=false
server.memory.heap.initial_size=256m
server.memory.heap.max_size=$HEAP
EOF
    } >"$DIST_CONF_DIR/neo4j.conf"
    if [[ ! -d "$DIST_DATA_DIR/databases/system" ]]; then
        dist_env "$NEO4J_HOME/bin/neo4j-admin" dbms set-initial-password "$pw" >&2 \
            || die "neo4j-admin dbms set-initial-password failed"
    fi
    dist_env "$NEO4J_HOME/bin/neo4j" start >&2 </dev/null 9>&- || die "$NEO4J_HOME/bin/neo4j start failed"
    tr -dc '0-9' <"$DIST_RUN_DIR/neo4j.pid"
}

# ---------------------------------------------------------------- commands

cmd_status() {
    local pid uri="" mode="embedded"
    pid="$(running_pid)"
    [[ -s "$MODE_FILE" ]] && mode="$(cat "$MODE_FILE")"
    if [[ -n "$pid" ]]; then
        [[ -s "$ENV_FILE" ]] && uri="$(sed -nE 's/^export NEO4J_URI=(.*)$/\1/p' "$ENV_FILE")"
        echo "neo4j-local: running ($mode, pid $pid) at ${uri:-unknown URI}; env: $ENV_FILE"
        return 0
    fi
    echo "neo4j-local: not running"
    return 3
}

stop_pid() {   # PID
    local pid="$1" i
    log "stopping server (pid $pid)"
    if [[ "$(cat "$MODE_FILE" 2>/dev/null || true)" == dist ]] && dist_mode; then
        dist_env "$NEO4J_HOME/bin/neo4j" stop >&2 9>&- || true
    else
        kill -TERM "$pid" 2>/dev/null || true
    fi
    for ((i = 0; i < 120; i++)); do
        alive "$pid" || break
        sleep 0.5
    done
    if alive "$pid"; then
        log "still running after 60 s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do alive "$pid" || break; sleep 0.5; done
    fi
    alive "$pid" && die "could not stop pid $pid"
    return 0
}

cmd_stop() {
    local pid
    lock
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        log "no server running (nothing to stop)"
    else
        stop_pid "$pid"
        log "stopped"
    fi
    rm -f "$PID_FILE" "$READY_FILE" "$MODE_FILE"
}

cmd_start() {
    local user="${NEO4J_USER:-neo4j}" rc=0 pid pw port uri mode t0 attempt deadline hostport

    # 1. Reuse an explicitly configured server.
    if [[ -n "${NEO4J_URI:-}" ]]; then
        bolt_check "$NEO4J_URI" "$user" "${NEO4J_PASSWORD:-}" || rc=$?
        if (( rc == 0 || rc == 2 )); then
            (( rc == 2 )) && log "warning: $NEO4J_URI answers but rejected the credentials for user '$user'"
            log "reusing the Bolt server at $NEO4J_URI"
            emit_env "$NEO4J_URI" "$user" "${NEO4J_PASSWORD:-}"
            return 0
        fi
        log "NEO4J_URI=$NEO4J_URI does not answer; starting a local server"
    fi

    lock
    pw="$(password)"

    # 2. Already running from an earlier start?
    pid="$(running_pid)"
    if [[ -n "$pid" && -s "$ENV_FILE" ]]; then
        uri="$(sed -nE 's/^export NEO4J_URI=(.*)$/\1/p' "$ENV_FILE")"
        rc=0; bolt_check "$uri" neo4j "$pw" || rc=$?
        if (( rc == 0 )); then
            log "already running (pid $pid) at $uri"
            emit_env "$uri" neo4j "$pw"
            return 0
        fi
        log "server pid $pid does not answer at $uri; restarting it"
    fi
    [[ -n "$pid" ]] && stop_pid "$pid"
    rm -f "$PID_FILE" "$READY_FILE" "$MODE_FILE"

    check_java
    if dist_mode; then mode=dist; else mode=embedded; ensure_built; fi

    t0=$(now)
    for attempt in 1 2 3; do
        port="${NEO4J_LOCAL_PORT:-$(pick_free_port)}"
        log "starting Neo4j ($mode) on 127.0.0.1:$port, data in $CACHE"
        mark_logs "$mode"
        if [[ "$mode" == dist ]]; then
            pid="$(launch_dist "$port" "$pw")"
        else
            pid="$(launch_embedded "$port" "$pw")"
        fi
        echo "$pid" >"$PID_FILE"
        echo "$mode" >"$MODE_FILE"
        uri="bolt://127.0.0.1:$port"

        deadline=$(( $(now) + TIMEOUT ))
        while :; do
            if ! alive "$pid"; then
                rm -f "$PID_FILE"
                if [[ -z "${NEO4J_LOCAL_PORT:-}" && "$attempt" -lt 3 ]] \
                    && grep -qiE 'BindException|Address already in use' "$LAUNCHER_LOG" 2>/dev/null; then
                    log "port $port was taken meanwhile; retrying with another port"
                    continue 2
                fi
                log "the server process exited during startup"
                log_tail
                die "Neo4j failed to start"
            fi
            if [[ "$mode" == embedded ]]; then
                if [[ -s "$READY_FILE" ]]; then
                    hostport="$(head -n1 "$READY_FILE")"
                    uri="bolt://$hostport"
                    rc=0; bolt_check "$uri" neo4j "$pw" || rc=$?
                    (( rc == 0 )) && break
                    if (( rc == 2 )); then
                        stop_pid "$pid" || true
                        rm -f "$PID_FILE" "$READY_FILE" "$MODE_FILE"
                        die "the server rejects the password in $PW_FILE (was it changed with ALTER USER?);" \
                            "remove $CACHE/data/.neo4j-local-password.sha256 (or all of $CACHE/data) and start again"
                    fi
                fi
            else
                rc=0; bolt_check "$uri" neo4j "$pw" 2>/dev/null || rc=$?
                (( rc == 0 )) && break
            fi
            if (( $(now) >= deadline )); then
                log "Bolt did not answer at $uri within ${TIMEOUT}s"
                log_tail
                stop_pid "$pid" || true
                rm -f "$PID_FILE" "$READY_FILE" "$MODE_FILE"
                die "Neo4j did not become ready"
            fi
            sleep 0.5
        done
        break
    done

    (umask 077; emit_env "$uri" neo4j "$pw" >"$ENV_FILE")
    log "ready at $uri (pid $pid) after $(( $(now) - t0 )) s; env written to $ENV_FILE"
    emit_env "$uri" neo4j "$pw"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) usage ;;
esac
