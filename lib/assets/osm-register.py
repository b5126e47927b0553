#!/usr/bin/env python3
"""Registers VIM accounts and Kubernetes clusters into Open Source MANO through its NBI (SOL005-style REST).

Run by EdgeMano's registration Job (image: python, stdlib only). Idempotent: every object is looked up by name
first and updated (PATCH) when it exists, created (POST) when it does not; then polled until OSM reports
_admin.operationalState ENABLED (ERROR fails the job with OSM's detailed status). TLS is always verified: an
https NBI or Keystone needs a CA the image trusts or NBI_CA_FILE.

Environment:
  REGISTRATION_FILE   JSON: {nbiUrl, adminUsername, adminProject, vims: [...], k8sclusters: [...]}
  ADMIN_PASSWORD      the OSM admin password EdgeMano generated
  INITIAL_ADMIN_PASSWORD  OSM's first-start password; when ADMIN_PASSWORD is refused, log in with it once and
                      set ADMIN_PASSWORD (a fresh OSM)
  SA_TOKEN_FILE       the bound ServiceAccount token handed to OSM inside each cluster's kubeconfig
  NBI_CA_FILE         optional CA bundle for an https NBI
  POLL_TIMEOUT_SECONDS, POLL_INTERVAL_SECONDS   polling limits (default 600, 5)
"""
import base64
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request


class NbiError(Exception):
    pass


class Nbi:
    def __init__(self, url, ca_file):
        self.url = url.rstrip("/")
        # create_default_context verifies certificates and host names; nothing here turns that off.
        self.tls = ssl.create_default_context(cafile=ca_file or None)
        self.token = None

    def call(self, method, path, body=None, expect=(200,)):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=30, context=self.tls) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        if status not in expect:
            raise NbiError("%s %s answered HTTP %d: %s" % (method, path, status, text[:2000]))
        return status, (json.loads(text) if text.strip() else None)

    def login(self, username, password, project):
        status, body = self.call(
            "POST", "/admin/v1/tokens", {"username": username, "password": password, "project_id": project},
            expect=(200, 201, 401))
        if status == 401:
            return False
        self.token = body["id"]
        return True


def wait_for_nbi(nbi, timeout):
    """The NBI may still be starting right after the Helm release: retry connection failures only."""
    deadline = time.time() + timeout
    while True:
        try:
            nbi.call("GET", "/version", expect=(200, 401))
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if isinstance(getattr(error, "reason", None), ssl.SSLError) or isinstance(error, ssl.SSLError):
                raise  # a certificate problem does not go away by waiting
            if time.time() > deadline:
                raise NbiError("NBI at %s not reachable: %s" % (nbi.url, error))
            time.sleep(5)


def log_in(nbi, spec):
    user, project = spec["adminUsername"], spec["adminProject"]
    password = os.environ["ADMIN_PASSWORD"]
    if nbi.login(user, password, project):
        return
    initial = os.environ.get("INITIAL_ADMIN_PASSWORD")
    if not initial or initial == password or not nbi.login(user, initial, project):
        raise NbiError("OSM refused the admin credentials of user %s" % user)
    # A fresh OSM still has its well-known first password: replace it with the generated one.
    nbi.call("PATCH", "/admin/v1/users/" + user, {"password": password}, expect=(200, 202, 204))
    print("replaced the initial password of OSM user %s" % user, flush=True)
    if not nbi.login(user, password, project):
        raise NbiError("OSM refused the new admin password of user %s" % user)


def find_by_name(nbi, collection, name):
    _, items = nbi.call("GET", "/admin/v1/" + collection)
    matches = [item for item in (items or []) if item.get("name") == name]
    if len(matches) > 1:
        raise NbiError("%d %s are named %s; remove the duplicates in OSM" % (len(matches), collection, name))
    return matches[0] if matches else None


# Fields an existing object is updated with: OSM's edit schemas refuse fields that cannot change after
# creation (a VIM's type; a cluster's VIM account and deployment methods).
EDITABLE = {
    "vim_accounts": ("name", "description", "vim_url", "vim_user", "vim_password", "vim_tenant_name", "config"),
    "k8sclusters": ("name", "description", "credentials", "k8s_version"),
}


def upsert(nbi, collection, body):
    existing = find_by_name(nbi, collection, body["name"])
    if existing:
        edit = {k: v for k, v in body.items() if k in EDITABLE[collection]}
        nbi.call("PATCH", "/admin/v1/%s/%s" % (collection, existing["_id"]), edit, expect=(200, 202, 204))
        print("%s %s exists (%s): updated" % (collection, body["name"], existing["_id"]), flush=True)
        return existing["_id"]
    _, created = nbi.call("POST", "/admin/v1/" + collection, body, expect=(200, 201, 202))
    print("%s %s created (%s)" % (collection, body["name"], created["id"]), flush=True)
    return created["id"]


def wait_enabled(nbi, collection, object_id, name, timeout, interval):
    deadline = time.time() + timeout
    while True:
        _, item = nbi.call("GET", "/admin/v1/%s/%s" % (collection, object_id))
        admin = item.get("_admin", {})
        state = admin.get("operationalState")
        if state == "ENABLED":
            print("%s %s is ENABLED" % (collection, name), flush=True)
            return
        if state == "ERROR":
            raise NbiError("%s %s is in ERROR: %s" % (collection, name, admin.get("detailed-status", "")))
        if time.time() > deadline:
            raise NbiError("%s %s not ENABLED after %ds (state %s)" % (collection, name, timeout, state))
        time.sleep(interval)


def kubeconfig(cluster, token):
    """A kubeconfig for OSM: the cluster's API endpoint and CA, and the ServiceAccount's bound token."""
    name = cluster["name"]
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": name, "cluster": {
            "server": cluster["server"],
            "certificate-authority-data": base64.b64encode(cluster["caCertificatePem"].encode()).decode()}}],
        "users": [{"name": "osm", "user": {"token": token}}],
        "contexts": [{"name": name, "context": {"cluster": name, "user": "osm"}}],
        "current-context": name,
    }


def main():
    with open(os.environ.get("REGISTRATION_FILE", "/etc/mecaas/registration/registration.json")) as f:
        spec = json.load(f)
    timeout = int(os.environ.get("POLL_TIMEOUT_SECONDS", "600"))
    interval = float(os.environ.get("POLL_INTERVAL_SECONDS", "5"))
    nbi = Nbi(spec["nbiUrl"], os.environ.get("NBI_CA_FILE"))
    wait_for_nbi(nbi, timeout)
    log_in(nbi, spec)

    vim_ids = {}
    for vim in spec.get("vims", []):
        vim_ids[vim["name"]] = upsert(nbi, "vim_accounts", vim)
    for name, vim_id in vim_ids.items():
        wait_enabled(nbi, "vim_accounts", vim_id, name, timeout, interval)

    clusters = spec.get("k8sclusters", [])
    own_token = None
    for cluster in clusters:
        # Clusters other than the job's own carry their token in the (secret) registration document.
        token = cluster.get("token")
        if not token:
            if own_token is None:
                with open(os.environ.get("SA_TOKEN_FILE", "/var/run/mecaas/osm-sa/token")) as f:
                    own_token = f.read().strip()
            token = own_token
        vim_name = cluster["vimAccount"]
        vim_id = vim_ids.get(vim_name)
        if vim_id is None:
            existing = find_by_name(nbi, "vim_accounts", vim_name)
            if not existing:
                raise NbiError("k8scluster %s names VIM account %s, which OSM does not have" % (cluster["name"], vim_name))
            vim_id = existing["_id"]
        body = {
            "name": cluster["name"],
            "description": cluster.get("description", ""),
            "credentials": kubeconfig(cluster, token),
            "vim_account": vim_id,
            "k8s_version": cluster["k8sVersion"],
            "nets": cluster["nets"],
            "namespace": cluster["namespace"],
            "deployment_methods": cluster["deploymentMethods"],
        }
        cluster_id = upsert(nbi, "k8sclusters", body)
        wait_enabled(nbi, "k8sclusters", cluster_id, cluster["name"], timeout, interval)
    print("registration complete", flush=True)


if __name__ == "__main__":
    try:
        main()
    except (NbiError, urllib.error.URLError, ssl.SSLError, OSError, KeyError, ValueError) as error:
        print("registration failed: %s" % error, file=sys.stderr, flush=True)
        sys.exit(1)
