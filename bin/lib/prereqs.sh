# Shared by bin/* scripts: installs what the tests and tools need, only when it is missing.
# Safe to source repeatedly; each step is a no-op once satisfied.

_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: '$*' needs root and sudo is not available" >&2; return 1; fi
}

_apt_updated=0
apt_install() {
  # apt_install <command-or-path-to-check> <package>...
  local probe=$1; shift
  if [ -x "$probe" ] || command -v "$probe" >/dev/null 2>&1; then return 0; fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $probe is missing and apt-get is not available to install $*" >&2; return 1
  fi
  if [ "$_apt_updated" -eq 0 ]; then
    echo "==> apt-get update"
    _as_root apt-get update -qq
    _apt_updated=1
  fi
  echo "==> apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive _as_root apt-get install -y -qq "$@" >/dev/null
}

npm_ci() {
  # npm_ci <dir>: installs a folder's pinned npm packages from its lockfile, once per lockfile change.
  local dir=$1
  [ -f "$dir/package-lock.json" ] || return 0
  local stamp="$dir/node_modules/.lock-stamp" sum
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  echo "==> npm ci ($dir)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" > "$stamp"
}

ensure_test_prereqs() {
  command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET SDK (dotnet) is not on PATH" >&2; return 1; }
  # The real AWS CLI v2 from Debian (the compatibility tests call /usr/bin/aws explicitly).
  apt_install /usr/bin/aws awscli
  # A Redis server for the fleet (distributed token store) tests.
  apt_install redis-server redis-server
  # Native AOT publishing (AotConsumerTests): a C toolchain to link with (the ILCompiler takes clang, else gcc) and
  # zlib's development files (the .NET 10 ILCompiler links the system libz).
  if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then apt_install clang clang; fi
  apt_install /usr/include/zlib.h zlib1g-dev
  # Headless Chromium for the managed-login browser tests (driven by playwright-core from tools/playwright, which cannot
  # download a browser here): Debian's own build.
  apt_install /usr/bin/chromium chromium
  local d
  for d in "$root"/tools/*/ "$root"/src/*/; do
    [ -f "$d/package-lock.json" ] && npm_ci "${d%/}"
  done
  return 0
}
