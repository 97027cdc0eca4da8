#!/usr/bin/env bash
# The c2s load of issue 11, one server after the other on this machine: Tsung (Debian's tsung) runs the same scenario
# (scripts/tsung/c2s.xml.in) against the all-in-one gateway and, when Debian's prosody is installed, against Prosody,
# and prints one table with the ratios. Each server gets a fresh temporary data directory, the same P-256 certificate
# kind and the same accounts (loadN / loadpassN, and warmN / warmpassN for the warm-up; PBKDF2 with 4096 iterations on
# both), listens on 127.0.0.1 only, and is stopped and removed afterwards.
# Server CPU is read from /proc for the whole server process (the all-in-one's broker included) over the login ramp
# and over a steady-chat window in which every user is online.
# Usage: scripts/c2s-load.sh [users=2000] [rate=100]    (after ./mvnw -B -DskipTests install; apt-get install tsung
#        prosody). Keep the machine otherwise idle: the load generator shares its cores with the server.
#        C2S_LOAD_KEEP=1 keeps Tsung's logs and the servers' (the path is printed at the end);
#        C2S_LOAD_GATEWAY_ONLY=1 skips Prosody; GATEWAY_JAVA_OPTS adds JVM options (a JFR recording, say);
#        C2S_LOAD_WARMUP=N sets the number of warm-up passes (1; 0 measures cold servers).
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-2000}
rate=${2:-100}
domain=a.test
gateway_port=15222
prosody_port=25222
work=$(mktemp -d)
jar=$PWD/all-in-one/target/all-in-one-0.1.0-SNAPSHOT.jar
tck=$(getconf CLK_TCK)
ramp=$(( (users + rate - 1) / rate ))
warmups=${C2S_LOAD_WARMUP:-1}
# the steady-chat window, in seconds from Tsung's start: every user is online and chatting
steady_from=$(( ramp + 15 ))
steady_secs=90
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${C2S_LOAD_KEEP:-}" ]; then echo "Tsung's logs and the servers' are kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
command -v tsung > /dev/null || { echo "tsung is not installed (apt-get install tsung)"; exit 1; }
[ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests install"; exit 1; }

# CPU ticks (user + system) of a process, with the time, once a second until it ends or the file says stop
sample_cpu() {
  local pid=$1 out=$2
  while kill -0 "$pid" 2>/dev/null && [ ! -f "$out.stop" ]; do
    echo "$(date +%s.%N) $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)" >> "$out"
    sleep 1
  done
}

# CPU ticks (user + system) of each thread of a process: "id ticks name", the name's spaces as _. Two processes,
# not two per thread: a snapshot of 300 threads that way took seconds on a loaded machine and disturbed the run.
thread_ticks() {
  # a thread that ends between the glob and its read fails cat; under set -e that ended the background snapshots
  { cat /proc/"$1"/task/*/stat 2> /dev/null || true; } | awk '{ open = index($0, "("); match($0, /\)[^)]*$/)
    name = substr($0, open + 1, RSTART - open - 1); gsub(/ /, "_", name)
    split(substr($0, RSTART + 2), f, " "); print $1, f[12] + f[13], name }'
}

# the gateway's CPU in the login ramp and in the steady-chat window by kind of thread, from /proc (not JFR: a
# recording started in a running JVM set its JIT compiling again, 11,000 compilations in a minute, which then was
# most of the CPU)
thread_window() {
  local pid=$1 out=$2
  thread_ticks "$pid" | sort > "$out.ramp.from"
  sleep $ramp; thread_ticks "$pid" | sort > "$out.ramp.to"
  sleep $(( steady_from - ramp )); thread_ticks "$pid" | sort > "$out.steady.from"
  sleep $steady_secs; thread_ticks "$pid" | sort > "$out.steady.to"
}

thread_kinds() { # two snapshots of thread_window and the seconds between them → "kind<TAB>% of a core" lines
  # a thread started inside the window counts from zero
  join -a 2 -e 0 -o 0,1.2,2.2,2.3 "$1" "$2" | awk -v tck="$tck" -v secs="$3" '{ d = $3 - $2; n = $4; k = "other (actuator HTTP, timers, SMPP, …)" }
    n ~ /^(data-plane|kafka-1-|kafka-scheduler|kafka-log-clea|group-coordina|share-|ExpirationRea|quorum-|raft-|broker-|executor-|transaction-lo|persister-|client-metrics|metrics-meter)/ { k = "Kafka broker" }
    n ~ /^(kafka-producer|kafka-coordinat)/ { k = "Kafka clients: producers, consumer heartbeats" }
    n ~ /^stanza-router/ { k = "routing: stanza consumer" }
    n ~ /^edge-delivery/ { k = "edge: delivery consumer" }
    n ~ /^multiThreadIoE/ { k = "edge: event loops (TLS, XML, streams)" }
    n ~ /^sasl-pbkdf2/ { k = "edge: PBKDF2 (SASL PLAIN)" }
    n ~ /^(HttpClient|session-servic)/ { k = "edge: HTTP client (credentials, roster reads)" }
    n ~ /^(http-nio-8081|roster-read)/ { k = "session service: HTTP (credentials, roster reads)" }
    n ~ /^(account-stanza|pseudo-clients|console-feed)/ { k = "session service: consumers" }
    n ~ /^session-direct/ { k = "session directory followers" }
    n ~ /^C[12]_Compiler/ { k = "JIT compilers" }
    n ~ /^(GC_Thread|G1_)/ { k = "garbage collector" }
    { c[k] += d }
    END { for (k in c) printf "%s\t%.1f\n", k, 100 * c[k] / tck / secs }' | sort
}

thread_table() { # the snapshots of thread_window → "| kind | login ramp | steady chat |" rows, largest steady first
  join -t $'\t' -a 1 -a 2 -e 0.0 -o 0,1.2,2.2 <(thread_kinds "$1.ramp.from" "$1.ramp.to" $ramp) \
      <(thread_kinds "$1.steady.from" "$1.steady.to" $steady_secs) |
    sort -t $'\t' -k3,3rn | awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }'
}

# the % of one core used between two offsets (seconds) from the first sample
cpu_between() {
  awk -v from="$2" -v to="$3" -v tck="$tck" 'NR == 1 { t0 = $1 }
    { t = $1 - t0 } t >= from && a == "" { a = $2; ta = t } t <= to { b = $2; tb = t }
    END { if (tb > ta) printf "%.0f", 100 * (b - a) / tck / (tb - ta); else print "?" }' "$1"
}

# a shorter pass first (every user, 3 chats each; not reported), so that both servers are measured warm: a JVM's
# first minutes under load go to its JIT compilers (a third of the gateway's CPU in a cold login ramp, JFR; after a
# pass of 600 users they still took 8-14% of a core in the measured steady chat; 3-7% after a pass of every user)
# The warm-up's users are accounts of their own: a chat to a user who was leaving is stored offline, and were it the
# same account, the measured pass would deliver it at that user's next login and count a minute's latency.
warm_up() {
  local name=$1 port=$2 n=$users pass
  sed -e "s/@PORT@/$port/" -e "s/@DOMAIN@/$domain/" -e "s/@USERS@/$n/" -e "s/@RATE@/$rate/" \
      -e "s/@DURATION@/$(( 3 * (n + rate - 1) / rate ))/" -e 's/to="12"/to="3"/' \
      -e 's/value="load"/value="warm"/' -e 's/value="loadpass"/value="warmpass"/' scripts/tsung/c2s.xml.in \
      > "$work/$name-warmup.xml"
  for pass in $(seq 1 "$warmups"); do
    echo "$name: warming up with $n users (pass $pass of $warmups)" >&2
    HOME=$work tsung -f "$work/$name-warmup.xml" -l "$work/$name-warmup" start > /dev/null 2>&1 || true
    sleep 5
  done
}

# where the gateway's chats went, from its own counters (kept in $1.*): messages written to clients, messages
# stored offline, and stanzas routing sent back to their senders (errors; Tsung sends no other stanza routing answers)
gateway_counts() {
  local port
  for port in 8080 8081 8082; do curl -s localhost:$port/actuator/prometheus > "$1.$port.txt" || true; done
  awk '/^xmpp_stanzas_total\{direction="out",kind="message"\}/ { w += $NF }
       /^im_account_stanzas_total\{purpose="offline_message"\}/ { o += $NF }
       /^routing_decisions_total\{destination="sender"/ { b += $NF }
       END { printf "%d %d %d\n", w, o, b }' "$1".*.txt
}

# the gateway's counts once the warm-up's last chats have gone somewhere: a chat to a warm-up user who was leaving
# can still be on its way to offline storage when Tsung ends, and were it counted after this point it would show up
# as one chat too many in the measured pass (24,001 of 24,000 in one run)
settled_counts() {
  local before now _
  before=$(gateway_counts "$work/gateway-before")
  for _ in $(seq 1 20); do
    sleep 3
    now=$(gateway_counts "$work/gateway-before")
    [ "$now" = "$before" ] && break
    before=$now
  done
  echo "$now"
}

# runs the scenario against a port; leaves Tsung's log in $work/$1
run_tsung() {
  local name=$1 port=$2 pid=$3
  warm_up "$name" "$port"
  if [ "$name" = gateway ]; then settled_counts > "$work/gateway-before"; fi
  sed -e "s/@PORT@/$port/" -e "s/@DOMAIN@/$domain/" -e "s/@USERS@/$users/" -e "s/@RATE@/$rate/" \
      -e "s/@DURATION@/$(( 3 * ramp ))/" scripts/tsung/c2s.xml.in > "$work/$name.xml"
  sample_cpu "$pid" "$work/$name.cpu" &
  pids+=($!)
  if [ "$name" = gateway ]; then thread_window "$pid" "$work/gateway.threads" & pids+=($!); fi
  echo "$name: Tsung, $users users at $rate/s (about $(( ramp + 135 )) s)" >&2
  # a user's scenario lasts about 130 s; a Tsung still running long after that is stuck on users that failed
  if ! HOME=$work timeout $(( ramp + 430 )) tsung -f "$work/$name.xml" -l "$work/$name" start \
      > "$work/$name.tsung.out" 2>&1; then
    cat "$work/$name.tsung.out"
    echo "$name: Tsung failed or hung; its errors (count in the run):" >&2
    awk '$1 == "stats:" && $2 ~ /^error/ { e[$2] = $4 } END { for (k in e) print "  " k, e[k] }' \
      "$work/$name"/*/tsung.log >&2
    exit 1
  fi
  touch "$work/$name.cpu.stop"
}

# mean, max and count of a Tsung metric (its last dump holds the run's totals)
metric() {
  awk -v m="$2" '$1 == "stats:" && $2 == m { mean = $8; max = $6; n = $9 }
    END { if (n == "") print "- - 0"; else printf "%.1f %.0f %d\n", mean, max, n }' "$(ls "$work/$1"/*/tsung.log 2> /dev/null || echo /dev/null)"
}

certificate() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$domain" \
    -addext "subjectAltName=DNS:$domain" -keyout "$1/key.pem" -out "$1/cert.pem" 2> /dev/null
}

report_row() { # label, metric
  local g p; g=$(metric gateway "$2"); p=$(metric prosody "$2")
  awk -v label="$1" -v g="$g" -v p="$p" 'BEGIN { split(g, G, " "); split(p, P, " ");
    r = (P[1] > 0 && G[1] != "-") ? sprintf("%.1f×", G[1] / P[1]) : "-";
    printf "| %s | %s / %s | %s / %s | %s |\n", label, P[1], P[2], G[1], G[2], r }'
}

# --- the gateway ---
mkdir -p "$work/gateway-data"
java -Xmx2g ${GATEWAY_JAVA_OPTS:-} -jar "$jar" --gateway.data-dir="$work/gateway-data" --gateway.xmpp.domain=$domain \
  --gateway.xmpp.c2s.bind-address=127.0.0.1 --gateway.xmpp.c2s.port=$gateway_port \
  --gateway.xmpp.c2s.direct-tls-port=-1 --logging.level.root=WARN > "$work/gateway.log" 2>&1 &
gateway=$!
pids+=($gateway)
for _ in $(seq 1 120); do curl -sf localhost:8080/actuator/health/readiness > /dev/null 2>&1 && break; sleep 1; done
curl -sf localhost:8080/actuator/health/readiness > /dev/null || { tail -30 "$work/gateway.log"; exit 1; }
echo "gateway: creating $(( 2 * users )) accounts (a set for the warm-up)" >&2
for prefix in load warm; do
  seq 1 "$users" | xargs -P 4 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"'$prefix'{}","password":"'$prefix'pass{}"}' localhost:8081/admin/accounts
done
sleep 5
run_tsung gateway $gateway_port $gateway
read -r written offline bounced <<< "$(gateway_counts "$work/gateway-after")"
read -r w0 o0 b0 < "$work/gateway-before"
written=$(( written - w0 )); offline=$(( offline - o0 )); bounced=$(( bounced - b0 ))
kill $gateway; wait $gateway 2> /dev/null || true

# --- Prosody, when installed ---
have_prosody=false
if command -v prosody > /dev/null && [ -z "${C2S_LOAD_GATEWAY_ONLY:-}" ]; then
  have_prosody=true
  p=$work/prosody
  mkdir -p "$p/data/${domain//./%2e}/accounts"
  certificate "$p"
  # Prosody's default store (internal_hashed): SCRAM-SHA-1 keys, so PLAIN runs PBKDF2 per login as the gateway's
  # does; the gateway's iteration count (4096), not Prosody's default (10000), so that both do the same work
  python3 - "$p/data/${domain//./%2e}/accounts" "$users" <<'PY'
import hashlib, hmac, os, sys, uuid
folder, users = sys.argv[1], int(sys.argv[2])
for prefix, i in [(p, i) for p in ("load", "warm") for i in range(1, users + 1)]:
    salt = str(uuid.uuid4())
    salted = hashlib.pbkdf2_hmac("sha1", f"{prefix}pass{i}".encode(), salt.encode(), 4096)
    stored = hashlib.sha1(hmac.new(salted, b"Client Key", "sha1").digest()).hexdigest()
    server = hmac.new(salted, b"Server Key", "sha1").hexdigest()
    with open(os.path.join(folder, f"{prefix}{i}.dat"), "w") as f:
        f.write(f'return {{\n\t["salt"] = "{salt}";\n\t["iteration_count"] = 4096;\n'
                f'\t["stored_key"] = "{stored}";\n\t["server_key"] = "{server}";\n}};\n')
PY
  cat > "$p/prosody.cfg.lua" <<EOF
run_as_root = true
pidfile = "$p/prosody.pid"
data_path = "$p/data"
log = { warn = "$p/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $prosody_port }
c2s_direct_tls_ports = { }
s2s_ports = { }
http_ports = { }
https_ports = { }
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping" }
modules_disabled = { "s2s" }
c2s_require_encryption = true
authentication = "internal_hashed"
storage = "internal"
certificates = "$p"
VirtualHost "$domain"
  ssl = { certificate = "$p/cert.pem"; key = "$p/key.pem" }
EOF
  prosody -F --config "$p/prosody.cfg.lua" > "$p/stdout.log" 2>&1 &
  prosody_pid=$!
  pids+=($prosody_pid)
  for _ in $(seq 1 30); do (exec 3<> /dev/tcp/127.0.0.1/$prosody_port) 2> /dev/null && break; sleep 1; done
  run_tsung prosody $prosody_port $prosody_pid
  kill $prosody_pid; wait $prosody_pid 2> /dev/null || true
fi

# --- the table ---
sent=$(metric gateway tr_chat | cut -d' ' -f3)
echo
echo "$(date -u +%F), $users users at $rate/s, $(nproc) cores; Tsung and the server on the same machine"
echo
echo "| figure (mean / max, ms) | Prosody | this gateway | ratio |"
echo "| --- | --- | --- | --- |"
report_row "connect (TCP, stream header)" tr_connect
report_row "STARTTLS + restart" tr_tls
report_row "SASL PLAIN + restart" tr_sasl
report_row "bind + session" tr_bind
report_row "roster get" tr_roster
report_row "message latency, sender to recipient" xmpp_msg_latency
gr=$(metric gateway xmpp_msg_latency | cut -d' ' -f3)
if $have_prosody; then
  ps_=$(metric prosody tr_chat | cut -d' ' -f3); pr=$(metric prosody xmpp_msg_latency | cut -d' ' -f3)
  echo "| chats received of sent | $pr of $ps_ | $gr of $sent ($written written to clients, $offline stored offline, $bounced bounced) | |"
  for what in "login ramp:0:$ramp" "steady chat:$steady_from:$(( steady_from + steady_secs ))"; do
    IFS=: read -r label from to <<< "$what"
    echo "| server CPU, $label (% of a core) | $(cpu_between "$work/prosody.cpu" "$from" "$to") |" \
         "$(cpu_between "$work/gateway.cpu" "$from" "$to") | |"
  done
else
  echo "| chats received of sent | | $gr of $sent ($written written to clients, $offline stored offline, $bounced bounced) | |"
  echo "| server CPU, login ramp / steady chat (% of a core) | | $(cpu_between "$work/gateway.cpu" 0 "$ramp") /" \
       "$(cpu_between "$work/gateway.cpu" $steady_from $(( steady_from + steady_secs ))) | |"
fi
if [ -f "$work/gateway.threads.steady.to" ]; then
  echo
  echo "The gateway's CPU by kind of thread (% of a core):"
  echo
  echo "| threads | login ramp | steady chat |"
  echo "| --- | --- | --- |"
  thread_table "$work/gateway.threads"
fi
