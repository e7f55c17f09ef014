#!/usr/bin/env bash
# A throw-away container registry on 127.0.0.1 for the "does the generated config really log
# in" tests (tests/real_registry.rs and the browser tests).
#
#   registry.sh start DIR USER PASS [USER PASS ...]
#       Starts Debian's docker-registry (CNCF distribution) on 127.0.0.1 at a free port, with
#       filesystem storage under DIR and htpasswd (bcrypt) auth for the given users, waits until
#       /v2/ answers 401, pushes a one-layer image as proof/image:1 (as the first user), then
#       prints the port, and nothing else, on stdout. The PID goes to DIR/pid, the server log
#       to DIR/registry.log. Diagnostics go to stderr; a non-zero exit means no registry runs.
#   registry.sh stop DIR
#       Stops the registry started in DIR. Safe to call twice or after a failed start.
#
# Environment: REGISTRY_TTL (seconds, default 1800): a watchdog stops the registry after that
# long, in case the caller dies without calling `stop`. REGISTRY_BIN: the server binary
# (default /usr/bin/docker-registry). Other REGISTRY_* variables are not passed on.
#
# bcrypt reads only the first 72 bytes of a password, and htpasswd refuses more than 255, so a
# longer password is hashed from its first 72 bytes: the very hash the full password has. The
# registry thus checks only those 72 bytes; the Rust test proves the rest travels intact.
set -euo pipefail

# Read before start() clears every REGISTRY_* variable (the server takes them as config).
REGISTRY_BIN=${REGISTRY_BIN:-/usr/bin/docker-registry}
TTL=${REGISTRY_TTL:-1800}
IMAGE=proof/image:1

die() {
  printf 'registry.sh: %s\n' "$*" >&2
  exit 1
}

usage() {
  die "usage: registry.sh start DIR USER PASS [USER PASS ...] | registry.sh stop DIR"
}

need_tools() {
  local missing=()
  [[ -x $REGISTRY_BIN ]] || missing+=("$REGISTRY_BIN (apt-get install docker-registry)")
  command -v htpasswd >/dev/null || missing+=("htpasswd (apt-get install apache2-utils)")
  command -v skopeo >/dev/null || missing+=("skopeo (apt-get install skopeo)")
  local tool
  for tool in tar gzip sha256sum timeout tail; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  local list
  list=$(IFS=,; printf '%s' "${missing[*]}")
  ((${#missing[@]} == 0)) || die "missing tools: ${list//,/, } (scripts/install-tools.sh installs them)"
}

# Prints the HTTP status of GET /v2/ on 127.0.0.1:$1, or fails when nothing answers.
probe() {
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /v2/ HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" >&3
  IFS= read -r -t 2 line <&3 || {
    exec 3<&-
    return 1
  }
  exec 3<&-
  line=${line%$'\r'}
  printf '%s\n' "${line#* }" | cut -d' ' -f1
}

# True when something already listens on 127.0.0.1:$1.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Adds USER with PASS to the htpasswd file $1 (creating it when $4 is "create").
add_user() {
  local file=$1 user=$2 pass=$3 create=$4 flags=-Bi
  [[ -n $user && $user != *:* ]] || die "user name must be non-empty and without ':' (got '$user')"
  [[ -n $pass ]] || die "empty password for user '$user'"
  [[ $pass != *[$'\n\r']* ]] || die "password of user '$user' has a line break; htpasswd cannot store it"
  [[ $create == create ]] && flags=-Bci
  # Via stdin, not argv; only the first 72 bytes matter to bcrypt (see the header).
  local out
  out=$(printf '%s' "$pass" | LC_ALL=C head -c 72 | htpasswd "$flags" "$file" "$user" 2>&1) ||
    die "htpasswd failed for user '$user': $out"
}

# Writes a one-layer OCI image layout to $1 (tag "latest"), reproducibly.
make_image() {
  local layout=$1 work=$1.work
  rm -rf "$layout" "$work"
  mkdir -p "$layout/blobs/sha256" "$work/root"
  printf 'proof that DOCKER_AUTH_CONFIG logs in\n' >"$work/root/proof.txt"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$work/layer.tar" -C "$work/root" proof.txt
  gzip -n -c "$work/layer.tar" >"$work/layer.tar.gz"

  local diff_id layer layer_size config config_digest config_size manifest manifest_digest manifest_size
  diff_id=$(sha256sum <"$work/layer.tar" | cut -d' ' -f1)
  layer=$(sha256sum <"$work/layer.tar.gz" | cut -d' ' -f1)
  layer_size=$(stat -c %s "$work/layer.tar.gz")
  cp "$work/layer.tar.gz" "$layout/blobs/sha256/$layer"

  config='{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:'$diff_id'"]}}'
  config_digest=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
  config_size=${#config}
  printf '%s' "$config" >"$layout/blobs/sha256/$config_digest"

  manifest='{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'
  manifest+='"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'$config_digest'","size":'$config_size'},'
  manifest+='"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:'$layer'","size":'$layer_size'}]}'
  manifest_digest=$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)
  manifest_size=${#manifest}
  printf '%s' "$manifest" >"$layout/blobs/sha256/$manifest_digest"

  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
    "$manifest_digest" "$manifest_size" >"$layout/index.json"
  rm -rf "$work"
}

write_config() {
  local dir=$1 port=$2
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: not-a-real-secret-only-for-local-tests
auth:
  htpasswd:
    realm: proof-registry
    path: $dir/htpasswd
health:
  storagedriver:
    enabled: false
EOF
}

# True while process $1 runs; a zombie (its new parent has not reaped it yet) counts as gone.
alive() {
  local stat
  stat=$(<"/proc/$1/stat") 2>/dev/null || return 1
  [[ ${stat##*) } != Z* ]]
}

# Stops the process in DIR/pid if it is still our registry.
stop() {
  local dir=$1 pid
  [[ -f $dir/pid ]] || return 0
  pid=$(<"$dir/pid")
  rm -f "$dir/pid"
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  # Never signal a recycled PID that is no longer a registry.
  grep -q docker-registry "/proc/$pid/cmdline" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || return 0
  local i
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
}

start() {
  local dir=$1
  shift
  (($# >= 2 && $# % 2 == 0)) || usage
  need_tools
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop "$dir"

  local create=create first_user=$1 first_pass=$2
  while (($#)); do
    add_user "$dir/htpasswd" "$1" "$2" "$create"
    create=
    shift 2
  done

  # The Debian package's configuration could leak in through REGISTRY_* variables.
  local var
  for var in $(compgen -e); do
    [[ $var == REGISTRY_* ]] && unset "$var"
  done

  local attempt port pid status=
  for ((attempt = 1; attempt <= 8; attempt++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_taken "$port" && continue
    write_config "$dir" "$port"
    "$REGISTRY_BIN" serve "$dir/config.yml" </dev/null >"$dir/registry.log" 2>&1 &
    pid=$!
    local i
    status=
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      status=$(probe "$port" 2>/dev/null) || status=
      [[ -n $status ]] && break
      sleep 0.05
    done
    if [[ $status == 401 ]]; then
      break
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if grep -q 'address already in use' "$dir/registry.log"; then
      status=
      continue
    fi
    sed 's/^/registry.sh: registry log: /' "$dir/registry.log" >&2
    die "registry on 127.0.0.1:$port did not answer 401 on /v2/ (got '${status:-nothing}')"
  done
  [[ $status == 401 ]] || die "no free port found after $((attempt - 1)) attempts"
  printf '%s\n' "$pid" >"$dir/pid"

  # Watchdog: stops the registry after REGISTRY_TTL seconds unless it is gone before.
  (
    rc=0
    timeout "$TTL" tail --pid="$pid" -f /dev/null || rc=$?
    if ((rc == 124)); then kill "$pid" 2>/dev/null; fi
  ) </dev/null >/dev/null 2>&1 &

  make_image "$dir/image"
  printf '{"default":[{"type":"insecureAcceptAnything"}]}' >"$dir/policy.json"
  if ! skopeo --policy "$dir/policy.json" copy --quiet --dest-tls-verify=false \
    --dest-creds "$first_user:$first_pass" \
    "oci:$dir/image:latest" "docker://127.0.0.1:$port/$IMAGE" </dev/null >&2; then
    stop "$dir"
    die "pushing $IMAGE to 127.0.0.1:$port failed"
  fi
  printf '%s\n' "$port"
}

(($# >= 2)) || usage
case $1 in
  start) start "${@:2}" ;;
  stop)
    (($# == 2)) || usage
    stop "$2"
    ;;
  *) usage ;;
esac
