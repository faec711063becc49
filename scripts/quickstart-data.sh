# Sourced by the frugal launcher before it builds anything, for `./frugal quickstart`: the
# quickstart trains on Fashion-MNIST, which Debian ships as the package dataset-fashion-mnist.
# Where it is missing: as root, or with passwordless sudo, install it (apt-get update + install, as
# scripts/test does); otherwise say exactly what to run and stop (exit 2) before building.
# FRUGAL_DATA set by the user means the data lives elsewhere: nothing is checked or installed.
frugal_quickstart_data() {
  local pkg=dataset-fashion-mnist
  [ -n "${FRUGAL_DATA:-}" ] && return 0
  if ! command -v dpkg-query >/dev/null 2>&1; then
    return 0 # not Debian: the quickstart itself says where it looked and how to fetch the data
  fi
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "frugal quickstart: the quickstart needs Fashion-MNIST (Debian package $pkg), which is not installed." >&2
      echo "  install it with:  sudo apt-get update && sudo apt-get install -y $pkg" >&2
      echo "  or, without root: ./frugal data fetch fashion-mnist   (or point FRUGAL_DATA at a folder holding it)" >&2
      return 2
    fi
  fi
  echo "frugal quickstart: installing $pkg (Fashion-MNIST) with ${sudo:+sudo }apt-get" >&2
  if ! $sudo apt-get update -qq >/dev/null || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >/dev/null; then
    echo "frugal quickstart: installing $pkg failed; run: ${sudo:+sudo }apt-get update && ${sudo:+sudo }apt-get install -y $pkg" >&2
    return 2
  fi
}
