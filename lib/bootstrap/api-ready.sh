#!/bin/sh
# keepalived's check of this server: its API server answers /readyz (etcd's health included) to the cluster admin.
tls=/var/lib/rancher/k3s/server/tls
exec curl --fail --silent --max-time 2 --output /dev/null --cacert "$tls/server-ca.crt" \
  --cert "$tls/client-admin.crt" --key "$tls/client-admin.key" https://127.0.0.1:6443/readyz
