#!/bin/sh
# Builds the k3s stand-in as one static binary at $1 (served by the test bed's mirror in place of k3s's release asset).
# Prints nothing but errors.
set -eu
out="${1:?usage: build.sh OUTPUT}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$(dirname "$0")"
CGO_ENABLED=0 go build -trimpath -o "$out" .
