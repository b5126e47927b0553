"""Seeds the test bed's OpenStack (up.sh runs it with Debian's python3 and openstacksdk).

  --compute-hosts  prints the fake compute hosts, one per availability zone
  --identity       service users, catalog endpoints, the edge domain and its admin; writes clouds.yaml
  --resources      flavors, the image, availability zones, external and shared networks
  --object-store URL  Swift's service user, and its object-store service and endpoints at URL (swift.sh; idempotent,
                   so Swift can be started again on a running test bed)

The layout serves the example catalogs: zone `nova` (the core site), edge zones `mec-a`, `meh-1`, `meh-2`, external
networks `public` and `provider-north`, the shared edge network `ran-access`, image `ubuntu-24.04`, m1.* flavors.
"""
import ipaddress
import os
import subprocess
import sys
import tempfile
import time

import openstack

# compute host -> availability zone (each zone an aggregate; "nova" is also Nova's default zone)
ZONES = {"core-1": "nova", "edge-1": "mec-a", "edge-2": "meh-1", "edge-3": "meh-2"}
SERVICES = [  # name, type, URL
    ("glance", "image", "http://127.0.0.1:9292"),
    ("placement", "placement", "http://127.0.0.1:8778"),
    ("nova", "compute", "http://127.0.0.1:8774/v2.1"),
    ("neutron", "network", "http://127.0.0.1:9696"),
    ("cinder", "volumev3", "http://127.0.0.1:8776/v3/%(project_id)s"),
]
FLAVORS = {"m1.small": (2048, 1), "m1.medium": (4096, 2), "m1.large": (8192, 4), "m1.xlarge": (16384, 8)}
EXTERNAL_NETWORKS = {"public": "192.0.2.0/25", "provider-north": "192.0.2.128/25"}
EDGE_DOMAIN = "edge"

ETC = os.path.join(os.environ.get("MECAAS_OPENSTACK_DIR", "/var/tmp/mecaas-testbed/openstack"), "etc")


def secrets():
    with open(os.path.join(ETC, "secrets.env")) as f:
        return dict(line.strip().split("=", 1) for line in f if "=" in line)


def admin(project="admin", domain="Default", user="admin", password=None):
    return openstack.connect(
        auth_url="http://127.0.0.1:5000/v3", username=user, password=password or secrets()["ADMIN_PASSWORD"],
        project_name=project, user_domain_name=domain, project_domain_name=domain, region_name="RegionOne",
        identity_api_version="3")


def identity():
    conn = admin()
    ident = conn.identity
    service_project = ident.create_project(name="service", domain_id="default")
    admin_role = ident.find_role("admin")
    service_role = ident.find_role("service") or ident.create_role(name="service")
    password = secrets()["SERVICE_PASSWORD"]
    for name, kind, url in SERVICES:
        user = ident.create_user(name=name, password=password, domain_id="default")
        ident.assign_project_role_to_user(service_project, user, admin_role)
        ident.assign_project_role_to_user(service_project, user, service_role)
        service = ident.create_service(name=name, type=kind)
        for interface in ("public", "internal", "admin"):
            ident.create_endpoint(service_id=service.id, interface=interface, url=url, region_id="RegionOne")

    # The edge VIMs' own cloud: a second domain with an administrator of its own. Projects and groups created with
    # its credentials land in it, so a CSP's `csp-<name>` can exist on the core and on the edge cloud at once.
    domain = ident.create_domain(name=EDGE_DOMAIN, description="Stand-in for an edge VIM's own cloud")
    edge_project = ident.create_project(name="edge-admin", domain_id=domain.id)
    edge_password = os.urandom(16).hex()
    edge_admin = ident.create_user(name="edge-admin", password=edge_password, domain_id=domain.id)
    ident.assign_project_role_to_user(edge_project, edge_admin, admin_role)

    def entry(user, password, project, domain):
        return (f"    auth:\n      auth_url: http://127.0.0.1:5000/v3\n      username: {user}\n"
                f"      password: {password}\n      project_name: {project}\n      user_domain_name: {domain}\n"
                f"      project_domain_name: {domain}\n    region_name: RegionOne\n    identity_api_version: 3\n")
    path = os.path.join(ETC, "clouds.yaml")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write("clouds:\n  testbed-admin:\n" + entry("admin", secrets()["ADMIN_PASSWORD"], "admin", "Default"))
        f.write("  testbed-edge-admin:\n" + entry("edge-admin", edge_password, "edge-admin", EDGE_DOMAIN))


def wait(what, check, seconds=120):
    deadline = time.time() + seconds
    while not check():
        if time.time() > deadline:
            sys.exit(f"testbed: {what} not ready after {seconds}s")
        time.sleep(1)


def resources():
    conn = admin()
    for name, (ram, vcpus) in FLAVORS.items():
        conn.compute.create_flavor(name=name, ram=ram, vcpus=vcpus, disk=0)

    with tempfile.TemporaryDirectory() as tmp:
        disk = os.path.join(tmp, "disk.qcow2")
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", disk, "64M"], check=True)
        conn.image.create_image(name="ubuntu-24.04", filename=disk, disk_format="qcow2", container_format="bare",
                                visibility="public", wait=True)

    # Hosts must be mapped into the cell (the scheduler discovers them every 2 s) before they join an aggregate.
    wait("compute hosts", lambda: {h.name for h in conn.compute.hypervisors()} >= set(ZONES))
    # The default zone gets an aggregate too: Nova's placement filter finds a zone's hosts through its aggregate,
    # and without one a server asking for "nova" may land on any host, an edge host's included.
    for host, zone in ZONES.items():
        aggregate = conn.compute.create_aggregate(name=f"zone-{zone}", availability_zone=zone)
        conn.compute.add_host_to_aggregate(aggregate, host)

    admin_project = conn.identity.find_project("admin", domain_id="default")
    for name, cidr in EXTERNAL_NETWORKS.items():
        net = conn.network.create_network(name=name, is_router_external=True, provider_network_type="flat",
                                          provider_physical_network=name, project_id=admin_project.id)
        # Floating IPs are routed to the test-bed nodes that hold them (testbed/nodes): the first 32 addresses are left
        # out, where this machine's own uplink may sit (192.0.2.2 on some), so no floating IP shadows it.
        first = ipaddress.ip_network(cidr)[32]
        last = ipaddress.ip_network(cidr)[-2]
        conn.network.create_subnet(network_id=net.id, name=name, cidr=cidr, ip_version=4, is_dhcp_enabled=False,
                                   allocation_pools=[{"start": str(first), "end": str(last)}])
    # An edge host's RAN-side network, owned by the edge cloud and offered to CSPs through RBAC (the nsp stack).
    domain = conn.identity.find_domain(EDGE_DOMAIN)
    edge_project = conn.identity.find_project("edge-admin", domain_id=domain.id)
    ran = conn.network.create_network(name="ran-access", project_id=edge_project.id)
    conn.network.create_subnet(network_id=ran.id, name="ran-access", cidr="10.200.0.0/24", ip_version=4,
                               project_id=edge_project.id)


def object_store(url):
    conn = admin()
    ident = conn.identity
    service_project = ident.find_project("service", domain_id="default")
    user = ident.find_user("swift", domain_id="default")
    if user is None:
        user = ident.create_user(name="swift", password=secrets()["SERVICE_PASSWORD"], domain_id="default")
    for role in ("admin", "service"):
        ident.assign_project_role_to_user(service_project, user, ident.find_role(role))
    service = next(iter(ident.services(type="object-store")), None) or ident.create_service(name="swift", type="object-store")
    existing = {e.interface for e in ident.endpoints(service_id=service.id)}
    for interface in ("public", "internal", "admin"):
        if interface not in existing:
            ident.create_endpoint(service_id=service.id, interface=interface, url=f"{url}/v1/AUTH_%(project_id)s",
                                  region_id="RegionOne")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "--compute-hosts":
        print("\n".join(ZONES))
    elif mode == "--identity":
        identity()
    elif mode == "--resources":
        resources()
    elif mode == "--object-store" and len(sys.argv) == 3:
        object_store(sys.argv[2])
    else:
        sys.exit(__doc__)
