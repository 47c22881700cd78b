#!/usr/bin/env bash
# The Debian 13 lane: builds gst-instagram in a Debian 13 ("trixie") root and
# runs the test suite there (.ci/suite.sh: the plain suite, then valgrind).
# Not the sanitizers yet: under ASan, Debian 13's own libraries leak (the
# plugin scanner loading decklink, adaptivedemux2's threads), which needs a
# LeakSanitizer suppression file of that release first; GI_D13_SANITIZE=1
# runs them anyway. .ci/run calls it after the Debian 12 lane; alone:
#
#   bash .ci/debian13.sh                 # the whole lane
#   bash .ci/debian13.sh element-stress  # some tests only (meson test names)
#
# Needs root (chroot, bind mounts) and the Debian mirror. The root is made
# with mmdebstrap once and kept in GI_D13_CACHE (default
# /var/cache/gst-instagram), named by a hash of the package list, so a new
# list makes a new root and an old one is removed. The checkout is bind
# mounted at /src inside it; the build goes to build-debian13/ here.
#
#   GI_D13_MIRROR   the Debian mirror (default: the host's, else
#                   http://deb.debian.org/debian)
#   GI_SKIP_VALGRIND=1   as in .ci/run
#   GI_D13_SANITIZE=1    the ASan+UBSan suite too (see above)
set -euo pipefail

GI_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$GI_TOP/.ci/packages.sh"

GI_D13_CACHE=${GI_D13_CACHE:-/var/cache/gst-instagram}
# What the lane adds to the project's packages: the sanitizers' compiler and
# its runtimes, and certificates for apt inside the root.
D13_PACKAGES=("${GI_PACKAGES[@]}" clang libclang-rt-dev ca-certificates)

# The host's Debian mirror (deb822 or one-line sources), for the root's apt.
host_mirror () {
  local uri
  uri=$(grep -hoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list \
    /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
    2>/dev/null | head -n 1 | tr -d ' ')
  echo "${uri:-http://deb.debian.org/debian}"
}

mirror=${GI_D13_MIRROR:-$(host_mirror)}
mirror=${mirror%/}
key=$(printf '%s\n' "${D13_PACKAGES[@]}" "$mirror" | sha256sum | cut -c1-12)
root=$GI_D13_CACHE/debian13-$key

# Removes a root without ever descending into a mount (the bind-mounted
# checkout): --one-file-system, and only once nothing is mounted in it.
remove_root () {
  if grep -q " $1/" /proc/mounts; then
    echo "error: $1 still has mounts; not removing it" >&2
    return 1
  fi
  rm -rf --one-file-system "$1"
}

make_root () {
  local t0=$SECONDS tmp=$root.tmp list
  list=$(IFS=,; echo "${D13_PACKAGES[*]}")
  gi_install_packages mmdebstrap
  [ ! -d "$tmp" ] || remove_root "$tmp"
  echo "== Debian 13 lane: making the root $root (mmdebstrap, $mirror)"
  mmdebstrap --variant=apt --include="$list" trixie "$tmp" \
    "deb $mirror trixie main" "deb $mirror trixie-updates main" \
    "deb ${mirror%/debian}/debian-security trixie-security main"
  mv "$tmp" "$root"
  echo "== Debian 13 lane: root made in $((SECONDS - t0)) s"
}

# This run's view of the root: a bind mount of its own, so that runs at the
# same time do not unmount each other's /proc or /src, and the root is a
# mount point (the element-stress test's unshare --mount needs one).
view=$(mktemp -d /tmp/gi-debian13.XXXXXX)
mounted=()
unmount_all () {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[i]}" 2>/dev/null || umount -R -l "${mounted[i]}" || true
  done
  mounted=()
  rmdir "$view" 2>/dev/null || true
}
trap unmount_all EXIT

# mount_in TARGET MOUNT-ARGS...: mounts inside the view, undone at exit.
mount_in () {
  local target=$view$1
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
  # private: unmounting it later must not unmount the host's own mounts
  mount --make-rprivate "$target"
}

if [ ! -d "$root" ]; then
  for old in "$GI_D13_CACHE"/debian13-*; do
    [ -d "$old" ] && [ "$old" != "$root" ] && remove_root "$old"
  done
  mkdir -p "$GI_D13_CACHE"
  make_root
fi

mount_in "" --bind "$root"
mount_in /proc -t proc proc
mount_in /dev --rbind /dev
mount_in /sys --rbind /sys
mount_in /src --bind "$GI_TOP"
cp /etc/resolv.conf "$view/etc/resolv.conf" 2>/dev/null || true

t0=$SECONDS
rc=0
chroot "$view" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root LANG=C.UTF-8 CI="${CI:-}" \
  GI_SKIP_VALGRIND="${GI_SKIP_VALGRIND:-}" \
  GI_SKIP_SANITIZE="$([ -n "${GI_D13_SANITIZE:-}" ] || echo 1)" GI_SKIP_FUZZ=1 \
  GI_BUILD=/src/build-debian13 GI_LANE=debian13 \
  bash /src/.ci/suite.sh "$@" || rc=$?
echo "== Debian 13 lane: $((SECONDS - t0)) s in the root (exit $rc)"
exit $rc
