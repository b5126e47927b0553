#!/bin/sh
# Builds the k3s stand-in as one static binary at $1 (served by the test bed's mirror in place of k3s's release asset).
# Prints nothing unless the build fails (go's "downloading" lines included), then all of go's output.
set -eu
out="${1:?usage: build.sh OUTPUT}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$(dirname "$0")"
if ! log=$(CGO_ENABLED=0 go build -trimpath -o "$out" . 2>&1); then
  printf '%s\n' "$log" >&2
  exit 1
fi
