"""Drives a running MEP the way third-party Mp1 clients written in Python do, with `requests`.

Such clients send `Content-Type: */*` on every request (DELETE included; `requests` adds `Content-Length: 0` to
a DELETE without a body), send JSON as a string with `data=`, and read the answer's headers after copying them
into a plain dictionary (`dict(response.headers)`), so a header is found only under its usual spelling. Every
check prints one line; the exit code is 1 when any failed.

    python mp1_client.py BASE_URL API_ROOT ADMIN_CLIENT_ID ADMIN_CLIENT_SECRET
API_ROOT is the MEP's MEP_API_ROOT: links starting with it are followed at BASE_URL.
"""
import json
import sys

import requests

SM = "/mec_service_mgmt/v1"
AS = "/mec_app_support/v1"
APP = "py-client"
SECRET = "py-client-secret-0123456789"

base_url, api_root, admin_id, admin_secret = sys.argv[1:5]
failures = []


def check(what, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + what + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(what)
    return condition


def headers_of(response):
    """The headers as such clients hold them: a plain dict, looked up by exact name."""
    return dict(response.headers)


def expect(what, response, status, content_type=None, headers=()):
    """The status, the Content-Type (by prefix) and the presence of each named header, all from dict(headers)."""
    seen = headers_of(response)
    ok = check(f"{what}: status {status}", response.status_code == status, f"got {response.status_code} {response.text[:300]}")
    if content_type is not None:
        ok &= check(f"{what}: Content-Type {content_type}", seen.get("Content-Type", "").startswith(content_type), f"headers {sorted(seen)}")
    for name in headers:
        ok &= check(f"{what}: header {name}", name in seen, f"headers {sorted(seen)}")
    return seen


def local(link):
    return base_url + link[len(api_root):] if link.startswith(api_root) else link


def token(client_id, secret):
    response = requests.post(f"{base_url}/oauth/token", data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret})
    expect(f"token for {client_id}", response, 200, "application/json", ["Cache-Control"])
    return response.json()["access_token"]


admin = requests.Session()
admin.headers["Authorization"] = f"Bearer {token(admin_id, admin_secret)}"
created = admin.put(f"{base_url}/mecaas_mgmt/v1/app_instances/{APP}", json={"appName": "python client", "clientSecret": SECRET})
expect("management PUT app instance", created, 201, "application/json", ["Location"])

# The client under test: one session, Content-Type */* and Accept on every request, JSON sent as text.
client = requests.Session()
client.headers.update({"Authorization": f"Bearer {token(APP, SECRET)}", "Content-Type": "*/*", "Accept": "application/json"})


def send(method, url, body=None, **kwargs):
    return client.request(method, url, data=None if body is None else json.dumps(body), **kwargs)


service_info = {
    "serName": "py-weather", "version": "1.0.0", "state": "ACTIVE", "serializer": "JSON",
    "transportInfo": {"id": "py-rest", "name": "REST", "type": "REST_HTTP", "protocol": "HTTP", "version": "2.0",
                      "endpoint": {"uris": ["http://py-weather.example/api"]}, "security": {}},
}
services = f"{base_url}{SM}/applications/{APP}/services"
registered = send("POST", services, service_info)
seen = expect("POST service", registered, 201, "application/json", ["Location", "ETag"])
service = registered.json()
check("POST service: Location is _links.self", seen.get("Location") == service["_links"]["self"]["href"], f"{seen.get('Location')} vs {service['_links']}")
check("POST service: ETag is the first version", seen.get("ETag") == '"1"', seen.get("ETag"))
service_url = local(seen.get("Location", ""))

found = send("GET", f"{base_url}{SM}/services", params={"ser_name": "py-weather"})
expect("discovery by ser_name", found, 200, "application/json")
check("discovery finds the service", [s["serInstanceId"] for s in found.json()] == [service["serInstanceId"]], found.text[:300])

read = send("GET", service_url)
etag = expect("GET service", read, 200, "application/json", ["ETag"]).get("ETag")
replaced = send("PUT", service_url, {**service_info, "version": "1.1.0"}, headers={"If-Match": etag})
expect("PUT service with If-Match", replaced, 200, "application/json", ["ETag"])
stale = send("PUT", service_url, service_info, headers={"If-Match": etag})
expect("PUT service with a stale If-Match", stale, 412, "application/problem+json")

beating = send("POST", services, {**service_info, "serName": "py-heart", "livenessInterval": 30})
liveness_url = local(beating.json()["_links"]["liveness"]["href"])
beat = send("PATCH", liveness_url, {"state": "ACTIVE"})
expect("liveness heartbeat PATCH", beat, 200, "application/json", ["ETag"])
check("heartbeat answers the interval", beat.json().get("interval") == 30, beat.text[:300])

for root, subscription in [
    (SM, {"subscriptionType": "SerAvailabilityNotificationSubscription", "callbackReference": "http://127.0.0.1:9/notify"}),
    (AS, {"subscriptionType": "AppTerminationNotificationSubscription", "callbackReference": "http://127.0.0.1:9/notify", "appInstanceId": APP}),
]:
    made = send("POST", f"{base_url}{root}/applications/{APP}/subscriptions", subscription)
    location = expect(f"POST {subscription['subscriptionType']}", made, 201, "application/json", ["Location"]).get("Location", "")
    expect(f"GET {subscription['subscriptionType']} list", send("GET", f"{base_url}{root}/applications/{APP}/subscriptions"), 200, "application/json")
    expect(f"DELETE {subscription['subscriptionType']} with Content-Type */*", send("DELETE", local(location)), 204)

expect("DELETE service with Content-Type */*", send("DELETE", service_url), 204)
expect("GET deleted service", send("GET", service_url), 404, "application/problem+json")
expect("GET current_time", send("GET", f"{base_url}{AS}/timing/current_time"), 200, "application/json")
expect("POST registration", send("POST", f"{base_url}/mec_app_support/v2/registrations", {"appName": "python client"}), 201, "application/json", ["Location"])
expect("unsupported method", send("PATCH", f"{base_url}{SM}/services"), 405, "application/problem+json", ["Allow"])
expect("XML body", client.post(services, data="<serviceInfo/>", headers={"Content-Type": "application/xml"}), 415, "application/problem+json")
expect("no token", requests.get(f"{base_url}{SM}/services"), 401, "application/problem+json", ["WWW-Authenticate"])

print(f"{len(failures)} of the checks failed" if failures else "all checks passed")
sys.exit(1 if failures else 0)
