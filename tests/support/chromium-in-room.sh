#!/bin/sh
# Playwright's "room" project starts this instead of Chromium: it runs Debian's Chromium
# inside this test run's network namespace (tests/support/roomNetwork.ts), where the only
# network is the room's 10.77.N.0/24. Playwright drives the browser over a pipe
# (--remote-debugging-pipe, fds 3 and 4), which `exec` keeps and which works across
# namespaces. `ip netns exec` itself execs Chromium in place, so the pid Playwright holds
# (and kills on close) is Chromium's own.
if [ -z "$KRING_ROOM_NETNS" ]; then
  echo "chromium-in-room.sh: KRING_ROOM_NETNS is not set; run the tests through the Playwright project \"room\"." >&2
  exit 1
fi
if [ ! -e "/run/netns/$KRING_ROOM_NETNS" ]; then
  echo "chromium-in-room.sh: no network namespace $KRING_ROOM_NETNS; the Playwright project \"room-network\" creates it (do not use --no-deps)." >&2
  exit 1
fi

# Chromium honours only the last --disable-features, and Playwright passes its own list
# before ours (tests/support/chromium.ts adds one): merge them into one switch, or ours
# would silently re-enable what Playwright turns off (e.g. network time queries).
features=''
for arg; do
  shift
  case "$arg" in
    --disable-features=*) features="$features,${arg#--disable-features=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ -n "$features" ]; then set -- "$@" "--disable-features=${features#,}"; fi

exec ip netns exec "$KRING_ROOM_NETNS" "${CHROMIUM_PATH:-/usr/bin/chromium}" "$@"
