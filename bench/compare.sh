#!/usr/bin/env bash
# Cinnabar vs real Redis on this machine, side by side, same workloads, alternating.
#
#   bench/compare.sh [rounds]        (default 3 rounds; needs redis-server and redis-benchmark)
#
# Uses the built distribution (mvn -B package -DskipTests). Prints medians over the rounds and
# the ratio Cinnabar/Redis for: SET and GET at -P 1 and -P 16 (50 clients), RSS after
# DEBUG POPULATE 1000000, and time from start to the first PONG.
# Script workloads (when the scripting plugin is loaded): EVALSHA incr at -P 1 and -P 16, EVAL
# incr (the body sent and hashed on every call) at -P 16, a token-bucket rate limiter (HMGET,
# HSET, PEXPIRE, arithmetic) at -P 16 over 1000 keys, and pure-Lua loops of 200 iterations (-P 16)
# and 20 000 iterations (-P 1). The loops run once more on two fresh Cinnabars, one with the kill
# poll off (-Dcinnabar.lua.poll=off), to show what the poll costs ("kill poll" table: on / off).
# Function workloads (when the functions plugin is loaded; one library loaded into each server
# first): FCALL incr and FCALL_RO get at -P 16; and, when Cinnabar has the js engine, FCALL of a
# JavaScript function doing the same INCR on Cinnabar against Redis's Lua FCALL incr (fcall_js_incr).
# Persistence: SET -P 16 on a second pair of servers with appendonly yes, appendfsync everysec
# (each in a directory of its own; automatic AOF rewrites happen as they would; target >= 0.8x).
# Snapshots of 1M keys (DEBUG POPULATE): SAVE time, load time at start-up, and the longest PING
# round trip of a client while BGSAVE runs (targets: <= 1.5x Redis's times, pause < 10 ms); that
# pause again with four large values (a hash, set, sorted set and list of 1M elements each).
set -euo pipefail

rounds="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(ls -d "$root"/distribution/target/cinnabar-*/ 2>/dev/null | head -1)"
if [ -z "$dist" ] || [ ! -x "$dist/bin/cinnabar-server" ]; then
  echo "No built distribution; run: mvn -B package -DskipTests" >&2
  exit 1
fi
for tool in redis-server redis-benchmark redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install redis-server redis-tools)" >&2; exit 1; }
done

N_P1="${N_P1:-300000}"      # requests per P1 run
N_P16="${N_P16:-3000000}"   # requests per P16 run: short P16 runs are noise
CLIENTS=50
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_pong() { # port -> waits until PING answers
  for _ in $(seq 1 600); do
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = "PONG" ] && return 0
    sleep 0.02
  done
  echo "server on port $1 did not answer" >&2; return 1
}

start_redis() { # port
  (cd "$work" && exec redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no \
     --enable-debug-command yes >/dev/null 2>&1) &
  echo $!
}

start_cinnabar() { # port [extra JVM options]
  local opts="-XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -Xmn64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=25 -Dio.netty.leakDetection.level=disabled"
  (cd "$work" && CINNABAR_JAVA_OPTS="$opts ${2:-}" exec "$dist/bin/cinnabar-server" --port "$1" --bind 127.0.0.1 --save "" \
     --enable-debug-command yes >"$work/cinnabar-$1.log" 2>&1) &
  echo $!
}

start_aof() { # kind port -> a server with appendonly yes, appendfsync everysec in $work/aof-<kind>
  mkdir -p "$work/aof-$1"
  if [ "$1" = redis ]; then
    (cd "$work/aof-$1" && exec redis-server --port "$2" --bind 127.0.0.1 --save "" --dir "$work/aof-$1" \
       --appendonly yes --appendfsync everysec >/dev/null 2>&1) &
  else
    (cd "$work/aof-$1" && exec "$dist/bin/cinnabar-server" --port "$2" --bind 127.0.0.1 --save "" --dir "$work/aof-$1" \
       --appendonly yes --appendfsync everysec >"$work/cinnabar-aof-$2.log" 2>&1) &
  fi
  echo $!
}

rps() { # port pipeline n test -> requests per second (LRANGE_100's CSV name has a suffix)
  redis-benchmark -p "$1" -c "$CLIENTS" -P "$2" -n "$3" -t "$4" --csv 2>/dev/null \
    | awk -F'"' -v t="$(echo "$4" | tr a-z A-Z)" '$2==t || index($2, t " (")==1 {print $4}'
}

rps_cmd() { # port pipeline n command... -> requests per second of a custom command
  local port="$1" p="$2" n="$3"; shift 3
  redis-benchmark -p "$port" -c "$CLIENTS" -P "$p" -n "$n" -r 1000 --csv "$@" 2>/dev/null | tail -1 | awk -F'"' '{print $4}'
}

has_command() { # port command -> whether the server implements it
  [ "$(redis-cli -p "$1" command info "$2" | head -1)" != "" ]
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

startup_ms() { # kind -> ms from spawn to first PONG
  local port; port=$(free_port)
  local t0; t0=$(date +%s%N)
  local pid
  if [ "$1" = redis ]; then pid=$(start_redis "$port"); else pid=$(start_cinnabar "$port"); fi
  wait_pong "$port"
  local t1; t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

rport=$(free_port); cport=$(free_port)
rpid=$(start_redis "$rport"); pids+=("$rpid")
cpid=$(start_cinnabar "$cport"); pids+=("$cpid")
wait_pong "$rport"; wait_pong "$cport"

echo "Warming up Cinnabar's JIT (untimed)..." >&2
rps "$cport" 16 1000000 set >/dev/null; rps "$cport" 16 1000000 get >/dev/null
rps "$cport" 1 200000 set >/dev/null; rps "$cport" 1 200000 get >/dev/null

declare -A results
workloads=("set 1 $N_P1" "get 1 $N_P1" "set 16 $N_P16" "get 16 $N_P16")
# Data-type workloads at -P 16, for the commands this build has (issue targets: >= 0.8x Redis).
N_TYPES="${N_TYPES:-1000000}"
for t in lpush lpop sadd hset zadd lrange_100; do
  cmd="${t%_100}"
  if has_command "$cport" "$cmd"; then
    workloads+=("$t 16 $N_TYPES")
  else
    echo "Skipping $t: this build has no $cmd command" >&2
  fi
done
for w in "${workloads[@]:4}"; do
  read -r test p n <<<"$w"
  rps "$cport" 16 300000 "$test" >/dev/null   # JIT warm-up for the data-type paths
done

# Script workloads: name|pipeline|requests|script|numkeys and arguments (sent with EVALSHA, or EVAL for
# eval_*); bodies are one line each
INCR_LUA="return redis.call('incr', KEYS[1])"
LIMITER_LUA="local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts') local rate, cap, now, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]) local tokens = tonumber(v[1]) or cap local ts = tonumber(v[2]) or now tokens = math.min(cap, tokens + math.max(0, now - ts) * rate) local allowed = 0 if tokens >= want then tokens = tokens - want allowed = 1 end redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now) redis.call('PEXPIRE', KEYS[1], 60000) return allowed"
LOOP_LUA="local s = 0 for i = 1, 200 do s = s + i end return s"
LOOP20K_LUA="local s = 0 for i = 1, 20000 do s = s + i end return s"
N_LOOP20K="${N_LOOP20K:-40000}"
N_SCRIPT="${N_SCRIPT:-1000000}"
scripts=()
if has_command "$cport" evalsha; then
  scripts=("evalsha_incr|1|$N_P1|$INCR_LUA|1 counter"
           "evalsha_incr|16|$N_SCRIPT|$INCR_LUA|1 counter"
           "eval_incr|16|$N_SCRIPT|$INCR_LUA|1 counter"
           "evalsha_limiter|16|$N_SCRIPT|$LIMITER_LUA|1 rl:__rand_int__ 0.5 100 1000 1"
           "evalsha_loop200|16|$((N_SCRIPT / 2))|$LOOP_LUA|0"
           "evalsha_loop20k|1|$N_LOOP20K|$LOOP20K_LUA|0")
else
  echo "Skipping script workloads: this build has no EVALSHA" >&2
fi
# Function workloads: the "script" field is the function's name in BENCH_LIB
BENCH_LIB="#!lua name=bench
redis.register_function('bench_incr', function(keys) return redis.call('incr', keys[1]) end)
redis.register_function{function_name='bench_get', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}"
BENCH_JS_LIB="#!js name=bench_js
redis.registerFunction('bench_js_incr', function(keys) { return redis.call('incr', keys[0]); });"
if has_command "$cport" fcall; then
  for port in "$rport" "$cport"; do
    redis-cli -p "$port" function load replace "$BENCH_LIB" >/dev/null
  done
  scripts+=("fcall_incr|16|$N_SCRIPT|bench_incr|1 counter"
            "fcall_ro_get|16|$N_SCRIPT|bench_get|1 counter")
  # the same INCR in JavaScript on Cinnabar, compared with Redis running the Lua one: "redis fn/cinnabar fn"
  if redis-cli -p "$cport" function load replace "$BENCH_JS_LIB" 2>&1 | grep -qx bench_js; then
    scripts+=("fcall_js_incr|16|$N_SCRIPT|bench_incr/bench_js_incr|1 counter")
  else
    echo "Skipping fcall_js_incr: this build has no js engine" >&2
  fi
else
  echo "Skipping function workloads: this build has no FCALL" >&2
fi
script_rps() { # port workload -> req/s
  local port="$1" name p n body args sha
  IFS='|' read -r name p n body args <<<"$2"
  # shellcheck disable=SC2086
  case "$name" in
    fcall_ro_*) rps_cmd "$port" "$p" "$n" FCALL_RO "$body" $args ;;
    fcall_js_*)
      if [ "$port" = "$cport" ]; then body="${body#*/}"; else body="${body%/*}"; fi
      rps_cmd "$port" "$p" "$n" FCALL "$body" $args
      ;;
    fcall_*) rps_cmd "$port" "$p" "$n" FCALL "$body" $args ;;
    eval_*) rps_cmd "$port" "$p" "$n" EVAL "$body" $args ;;
    *)
      sha=$(redis-cli -p "$port" script load "$body")
      rps_cmd "$port" "$p" "$n" EVALSHA "$sha" $args
      ;;
  esac
}
raport=$(free_port); caport=$(free_port)
rapid=$(start_aof redis "$raport"); pids+=("$rapid")
capid=$(start_aof cinnabar "$caport"); pids+=("$capid")
wait_pong "$raport"; wait_pong "$caport"
rps "$caport" 16 300000 set >/dev/null   # JIT warm-up of the AOF path
for w in "${scripts[@]}"; do
  script_rps "$cport" "$(echo "$w" | awk -F'|' -v OFS='|' '{$3=200000; print}')" >/dev/null   # JIT warm-up
done
for round in $(seq 1 "$rounds"); do
  echo "Round $round/$rounds..." >&2
  for w in "${workloads[@]}"; do
    read -r test p n <<<"$w"
    key="$test P$p"
    results["redis|$key"]+="$(rps "$rport" "$p" "$n" "$test") "
    results["cinnabar|$key"]+="$(rps "$cport" "$p" "$n" "$test") "
  done
  results["redis|set_aof P16"]+="$(rps "$raport" 16 "$N_P16" set) "
  results["cinnabar|set_aof P16"]+="$(rps "$caport" 16 "$N_P16" set) "
  for w in "${scripts[@]}"; do
    IFS='|' read -r name p _ <<<"$w"
    key="$name P$p"
    results["redis|$key"]+="$(script_rps "$rport" "$w") "
    results["cinnabar|$key"]+="$(script_rps "$cport" "$w") "
  done
done

# The kill poll's cost: the pure-Lua loops on two fresh Cinnabars, one started with the poll off
# (-Dcinnabar.lua.poll=off: a measuring switch, no kill or busy serving then), warmed alike and
# alternating (the main server has run every other workload first, which would not be like for like).
poll_loops=()
for w in "${scripts[@]}"; do
  case "$w" in evalsha_loop*) poll_loops+=("$w") ;; esac
done
if [ "${#poll_loops[@]}" -gt 0 ]; then
  echo "Kill poll: the loops with the poll off..." >&2
  oport=$(free_port)
  opid=$(start_cinnabar "$oport" "-Dcinnabar.lua.poll=off"); pids+=("$opid")
  wait_pong "$oport"
  nport=$(free_port)
  npid=$(start_cinnabar "$nport"); pids+=("$npid")
  wait_pong "$nport"
  for w in "${poll_loops[@]}"; do
    for port in "$oport" "$nport"; do
      script_rps "$port" "$(echo "$w" | awk -F'|' -v OFS='|' '{$3=20000; print}')" >/dev/null   # JIT warm-up
    done
  done
  for round in $(seq 1 "$rounds"); do
    for w in "${poll_loops[@]}"; do
      IFS='|' read -r name p _ <<<"$w"
      key="$name P$p"
      results["pollon|$key"]+="$(script_rps "$nport" "$w") "
      results["polloff|$key"]+="$(script_rps "$oport" "$w") "
    done
  done
  kill "$opid" "$npid" 2>/dev/null || true
fi

echo "Memory: DEBUG POPULATE 1000000 on a fresh server of each kind..." >&2
rss_after_populate() { # kind -> RSS in kB of a fresh server holding 1M small keys
  local port; port=$(free_port)
  local pid
  if [ "$1" = redis ]; then pid=$(start_redis "$port"); else pid=$(start_cinnabar "$port"); fi
  wait_pong "$port"
  redis-cli -p "$port" debug populate 1000000 >/dev/null
  sleep 2
  rss_kb "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
rrss=$(rss_after_populate redis)
crss=$(rss_after_populate cinnabar)

# Snapshots of 1M keys: SAVE time, load time at start-up (spawn to first PONG with dump.rdb present,
# less the empty start-up), and the longest PING round trip of a client while BGSAVE runs.
echo "Snapshots: SAVE, load and BGSAVE pause with 1M keys..." >&2
bgsave_max_pause_ms() { # port -> longest PING round trip (ms) while a BGSAVE runs
  python3 - "$1" <<'PY'
import socket, sys, threading, time
port = int(sys.argv[1])
def call(s, cmd):
    s.sendall(cmd)
    data = b""
    while True:
        data += s.recv(65536)
        if data.startswith(b"$"):
            head, _, body = data.partition(b"\r\n")
            if body and len(body) >= int(head[1:]) + 2:
                return body
        elif data.endswith(b"\r\n"):
            return data
worst = [0.0]
done = threading.Event()
def pinger():  # pings from before BGSAVE starts until it has finished
    s = socket.create_connection(("127.0.0.1", port))
    while not done.is_set():
        t = time.perf_counter(); call(s, b"PING\r\n"); worst[0] = max(worst[0], time.perf_counter() - t)
p = threading.Thread(target=pinger); p.start()
time.sleep(0.2)
ctl = socket.create_connection(("127.0.0.1", port))
call(ctl, b"BGSAVE\r\n")
deadline = time.time() + 120
while time.time() < deadline and b"rdb_bgsave_in_progress:1" in call(ctl, b"INFO persistence\r\n"):
    time.sleep(0.01)
done.set(); p.join()
print(round(worst[0] * 1000, 2))
PY
}
snapshot_figures() { # kind -> "save_ms load_ms bgsave_pause_ms"
  local port pid dir t0 t1 save_ms empty_ms load_ms pause_ms
  port=$(free_port); dir="$work/snap-$1"; mkdir -p "$dir"
  if [ "$1" = redis ]; then
    (cd "$dir" && exec redis-server --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" --enable-debug-command yes >/dev/null 2>&1) &
  else
    (cd "$dir" && exec "$dist/bin/cinnabar-server" --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" \
       --enable-debug-command yes >"$work/cinnabar-snap.log" 2>&1) &
  fi
  pid=$!
  wait_pong "$port"
  redis-cli -p "$port" debug populate 1000000 >/dev/null
  pause_ms=$(bgsave_max_pause_ms "$port")
  t0=$(date +%s%N); redis-cli -p "$port" save >/dev/null; t1=$(date +%s%N)
  save_ms=$(( (t1 - t0) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # load: start-up with the file, less a start-up without it
  t0=$(date +%s%N)
  if [ "$1" = redis ]; then
    (cd "$dir" && exec redis-server --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" >/dev/null 2>&1) &
  else
    (cd "$dir" && exec "$dist/bin/cinnabar-server" --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" >>"$work/cinnabar-snap.log" 2>&1) &
  fi
  pid=$!
  wait_pong "$port"; t1=$(date +%s%N)
  [ "$(redis-cli -p "$port" dbsize)" = 1000000 ] || echo "load of $1 gave $(redis-cli -p "$port" dbsize) keys" >&2
  kill "$pid"; wait "$pid" 2>/dev/null || true
  load_ms=$(( (t1 - t0) / 1000000 ))
  empty_ms=$(startup_ms "$1")
  echo "$save_ms $((load_ms > empty_ms ? load_ms - empty_ms : 0)) $pause_ms"
}
read -r rsave rload rpause <<<"$(snapshot_figures redis)"
read -r csave cload cpause <<<"$(snapshot_figures cinnabar)"

# The same pause with large values: a hash, a set, a sorted set and a list of 1M elements each.
echo "Snapshots: BGSAVE pause with four values of 1M elements..." >&2
big_values_pause() { # kind -> longest PING round trip (ms) while a BGSAVE of the large values runs
  local port pid dir
  port=$(free_port); dir="$work/big-$1"; mkdir -p "$dir"
  if [ "$1" = redis ]; then
    (cd "$dir" && exec redis-server --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" >/dev/null 2>&1) &
  else
    (cd "$dir" && exec "$dist/bin/cinnabar-server" --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" >>"$work/cinnabar-snap.log" 2>&1) &
  fi
  pid=$!
  wait_pong "$port"
  redis-cli -p "$port" eval "for i = 1, 1000000, 1000 do
      local f, m, z = {}, {}, {}
      for j = i, i + 999 do f[#f+1] = 'field:'..j; f[#f+1] = 'value:'..j; m[#m+1] = 'member:'..j; z[#z+1] = j; z[#z+1] = 'member:'..j end
      redis.call('hset', 'bighash', unpack(f)); redis.call('sadd', 'bigset', unpack(m))
      redis.call('zadd', 'bigzset', unpack(z)); redis.call('rpush', 'biglist', unpack(m))
    end return redis.call('hlen', 'bighash')" 0 >/dev/null
  # the first BGSAVE may also pay a full collection the bulk load left due (see the note in the
  # output); the second shows the save's own pause
  echo "$(bgsave_max_pause_ms "$port") $(bgsave_max_pause_ms "$port")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
read -r rbigpause rbigpause2 <<<"$(big_values_pause redis)"
read -r cbigpause cbigpause2 <<<"$(big_values_pause cinnabar)"

# SAVE of 1M values of 100 bytes (DEBUG POPULATE pads them): every one goes through LZF.
echo "Snapshots: SAVE of 1M values of 100 bytes..." >&2
save_long_values_ms() { # kind -> SAVE time (ms)
  local port pid dir t0 t1
  port=$(free_port); dir="$work/long-$1"; mkdir -p "$dir"
  if [ "$1" = redis ]; then
    (cd "$dir" && exec redis-server --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" --enable-debug-command yes >/dev/null 2>&1) &
  else
    (cd "$dir" && exec "$dist/bin/cinnabar-server" --port "$port" --bind 127.0.0.1 --save "" --dir "$dir" \
       --enable-debug-command yes >>"$work/cinnabar-snap.log" 2>&1) &
  fi
  pid=$!
  wait_pong "$port"
  redis-cli -p "$port" debug populate 1000000 key 100 >/dev/null
  t0=$(date +%s%N); redis-cli -p "$port" save >/dev/null; t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}
rlongsave=$(save_long_values_ms redis)
clongsave=$(save_long_values_ms cinnabar)

echo "Start-up: 3 starts of each..." >&2
rstart=$(for _ in 1 2 3; do startup_ms redis; done | median)
cstart=$(for _ in 1 2 3; do startup_ms cinnabar; done | median)

printf '\n%-28s %14s %14s %8s\n' "workload ($rounds rounds, median)" "Redis" "Cinnabar" "ratio"
printf '%-28s %14s %14s %8s\n' "----------------------------" "--------------" "--------------" "--------"
for w in "${workloads[@]}"; do
  read -r test p n <<<"$w"
  key="$test P$p"
  r=$(echo "${results["redis|$key"]}" | tr ' ' '\n' | grep . | median)
  c=$(echo "${results["cinnabar|$key"]}" | tr ' ' '\n' | grep . | median)
  printf '%-28s %14.0f %14.0f %8.2f\n' "$(echo "$test" | tr a-z A-Z) -P $p (req/s, c=$CLIENTS)" "$r" "$c" "$(awk -v a="$c" -v b="$r" "BEGIN{print a/b}")"
done
for w in "${scripts[@]}"; do
  IFS='|' read -r name p _ <<<"$w"
  key="$name P$p"
  r=$(echo "${results["redis|$key"]}" | tr ' ' '\n' | grep . | median)
  c=$(echo "${results["cinnabar|$key"]}" | tr ' ' '\n' | grep . | median)
  printf '%-28s %14.0f %14.0f %8.2f\n' "$(echo "$name" | tr a-z A-Z) -P $p" "$r" "$c" "$(awk -v a="$c" -v b="$r" "BEGIN{print a/b}")"
done
r=$(echo "${results["redis|set_aof P16"]}" | tr ' ' '\n' | grep . | median)
c=$(echo "${results["cinnabar|set_aof P16"]}" | tr ' ' '\n' | grep . | median)
printf '%-28s %14.0f %14.0f %8.2f\n' "SET -P 16 AOF everysec" "$r" "$c" "$(awk -v a="$c" -v b="$r" "BEGIN{print a/b}")"
if [ "${#poll_loops[@]}" -gt 0 ]; then
  printf '\n%-28s %14s %14s %8s\n' "kill poll ($rounds rounds)" "poll off" "poll on" "on/off"
  printf '%-28s %14s %14s %8s\n' "----------------------------" "--------------" "--------------" "--------"
  for w in "${poll_loops[@]}"; do
    IFS='|' read -r name p _ <<<"$w"
    key="$name P$p"
    off=$(echo "${results["polloff|$key"]}" | tr ' ' '\n' | grep . | median)
    on=$(echo "${results["pollon|$key"]}" | tr ' ' '\n' | grep . | median)
    printf '%-28s %14.0f %14.0f %8.2f\n' "$(echo "$name" | tr a-z A-Z) -P $p (Cinnabar)" "$off" "$on" "$(awk -v a="$on" -v b="$off" "BEGIN{print a/b}")"
  done
  echo
fi
printf '%-28s %14s %14s %8.2f\n' "SAVE of 1M keys (ms)" "$rsave" "$csave" "$(awk -v a="$csave" -v b="$rsave" "BEGIN{print a/b}")"
printf '%-28s %14s %14s %8.2f\n' "load 1M keys at start (ms)" "$rload" "$cload" "$(awk -v a="$cload" -v b="$rload" "BEGIN{print (b > 0 ? a/b : 0)}")"
printf '%-28s %14s %14s %8s\n' "longest pause in BGSAVE (ms)" "$rpause" "$cpause" "-"
printf '%-28s %14s %14s %8s\n' "same, 4 values of 1M (ms)" "$rbigpause" "$cbigpause" "-"
printf '%-28s %14s %14s %8s\n' "  and at the next BGSAVE" "$rbigpause2" "$cbigpause2" "-"
printf '%-28s %14s %14s %8.2f\n' "SAVE of 1M 100-byte values" "$rlongsave" "$clongsave" "$(awk -v a="$clongsave" -v b="$rlongsave" "BEGIN{print a/b}")"
printf '%-28s %14s %14s %8.2f\n' "RSS after 1M keys (MB)" "$((rrss / 1024))" "$((crss / 1024))" "$(awk -v a="$crss" -v b="$rrss" "BEGIN{print a/b}")"
printf '%-28s %14s %14s %8.2f\n' "start to first PONG (ms)" "$rstart" "$cstart" "$(awk -v a="$cstart" -v b="$rstart" "BEGIN{print a/b}")"
echo
echo "Per-round req/s:"
for w in "${workloads[@]}"; do
  read -r test p n <<<"$w"; key="$test P$p"
  echo "  $key  redis: ${results["redis|$key"]}  cinnabar: ${results["cinnabar|$key"]}"
done
echo "  set_aof P16  redis: ${results["redis|set_aof P16"]}  cinnabar: ${results["cinnabar|set_aof P16"]}"
for w in "${scripts[@]}"; do
  IFS='|' read -r name p _ <<<"$w"; key="$name P$p"
  echo "  $key  redis: ${results["redis|$key"]}  cinnabar: ${results["cinnabar|$key"]}"
done
