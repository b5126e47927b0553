#!/usr/bin/env bash
# Starts a real OpenStack (Zed, Debian 12's packages) on 127.0.0.1: MariaDB, RabbitMQ, Keystone, Glance, Placement,
# Nova (fake virt driver, one compute host per availability zone), Neutron (ML2, no agents, our port-binding driver),
# Cinder (no-op volume backend) and Swift with its S3 API (swift.sh), then seeds it (seed.py) with what the example
# catalogs expect. Prints the path of the clouds.yaml it wrote. Run install.sh first. Stop with down.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ -f "$RUN/keystone.pid" ] && kill -0 "$(cat "$RUN/keystone.pid")" 2>/dev/null; then
  echo "testbed: already running in $TESTBED_DIR (down.sh stops it)" >&2
  exit 1
fi
rm -rf "$TESTBED_DIR"
mkdir -p "$ETC" "$LOG" "$RUN" "$STATE"/{mysql,rabbitmq,keystone,glance/images,nova,cinder,neutron,lock}
started_at=$SECONDS
trap 'stop_all; echo "testbed: start-up failed; daemons stopped, logs in $LOG" >&2' ERR

# Every password is generated here, for this run only.
secret() { openssl rand -hex 16; }
DB_PASSWORD=$(secret) RABBIT_PASSWORD=$(secret) ADMIN_PASSWORD=$(secret) SERVICE_PASSWORD=$(secret)
cat >"$ETC/secrets.env" <<ENV
ADMIN_PASSWORD=$ADMIN_PASSWORD
SERVICE_PASSWORD=$SERVICE_PASSWORD
ENV
chmod 600 "$ETC/secrets.env"
db() { echo "mysql+pymysql://openstack:$DB_PASSWORD@$HOST/$1?charset=utf8"; }
TRANSPORT="rabbit://openstack:$RABBIT_PASSWORD@$HOST:5672/"

# --- MariaDB and RabbitMQ -------------------------------------------------------------------------------------------
cat >"$ETC/my.cnf" <<CNF
[mysqld]
datadir = $STATE/mysql
socket = $RUN/mysql.sock
pid-file = $RUN/mysqld.pidfile
bind-address = $HOST
port = 3306
user = root
max_connections = 2000
skip-name-resolve
skip-log-bin
# A test bed: durability traded for speed (the databases live as long as the run).
innodb_flush_log_at_trx_commit = 0
innodb_doublewrite = 0
innodb_buffer_pool_size = 256M
CNF
mariadb-install-db --defaults-file="$ETC/my.cnf" --skip-test-db --auth-root-authentication-method=socket >"$LOG/mysql-install.log" 2>&1
start mysql mariadbd --defaults-file="$ETC/my.cnf"

cat >"$ETC/rabbitmq.conf" <<CONF
listeners.tcp.default = $HOST:5672
default_user = openstack
default_pass = $RABBIT_PASSWORD
loopback_users = none
management.tcp.port = 0
CONF
printf '[].\n' >"$ETC/rabbitmq-enabled-plugins"
# Erlang's port mapper, in the foreground and on loopback: left to RabbitMQ it daemonizes and outlives down.sh.
start epmd epmd -address $HOST
wait_for epmd 20 epmd -names
start rabbitmq env HOME="$STATE/rabbitmq" RABBITMQ_CONFIG_FILE="$ETC/rabbitmq.conf" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$ETC/rabbitmq-enabled-plugins" RABBITMQ_MNESIA_BASE="$STATE/rabbitmq/mnesia" \
  RABBITMQ_LOG_BASE="$LOG/rabbitmq" RABBITMQ_NODENAME=rabbit@localhost RABBITMQ_NODE_IP_ADDRESS=$HOST \
  ERL_EPMD_ADDRESS=$HOST RABBITMQ_DIST_PORT=25672 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
  /usr/lib/rabbitmq/bin/rabbitmq-server

wait_for mysql 60 mysqladmin --socket="$RUN/mysql.sock" ping
{
  for d in keystone glance placement nova_api nova nova_cell0 neutron cinder; do echo "CREATE DATABASE $d;"; done
  echo "CREATE USER 'openstack'@'$HOST' IDENTIFIED BY '$DB_PASSWORD';"
  echo "GRANT ALL PRIVILEGES ON *.* TO 'openstack'@'$HOST';"
} | mysql --socket="$RUN/mysql.sock"

# --- configuration of the services ----------------------------------------------------------------------------------
# authtoken USER: the [keystone_authtoken] section a service validates tokens with.
authtoken() {
  printf '[keystone_authtoken]\nwww_authenticate_uri = http://%s:5000\n' "$HOST"
  keystone_credentials "$1"
}
# service_auth SECTION USER: credentials one service uses to call another.
service_auth() {
  echo "[$1]"
  keystone_credentials "$2"
  echo "region_name = RegionOne"
}

mkdir -p "$ETC/keystone" "$ETC/placement"
cat >"$ETC/keystone/keystone.conf" <<INI
[DEFAULT]
log_file = $LOG/keystone.log
[database]
connection = $(db keystone)
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/keystone/fernet-keys
[fernet_receipts]
key_repository = $STATE/keystone/fernet-keys
[credential]
key_repository = $STATE/keystone/credential-keys
# The in-memory cache hands out the cached dict itself, which decrypting a credential changes (its encrypted_blob
# popped): the second S3 request signed with an EC2 credential failed 500 KeyError 'encrypted_blob' (Swift's s3token).
caching = false
[identity]
password_hash_rounds = 4
# Without the cache every authenticated request costs hundreds of queries (0.5-1.6 s).
[cache]
enabled = true
backend = dogpile.cache.memory
INI

cat >"$ETC/glance-api.conf" <<INI
[DEFAULT]
bind_host = $HOST
bind_port = 9292
workers = 1
log_file = $LOG/glance.log
enabled_backends = file:file
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $STATE/glance/images
[database]
connection = $(db glance)
[paste_deploy]
flavor = keystone
[oslo_concurrency]
lock_path = $STATE/lock
$(authtoken glance)
INI

cat >"$ETC/placement/placement.conf" <<INI
[DEFAULT]
log_file = $LOG/placement.log
[placement_database]
connection = $(db placement)
[api]
auth_strategy = keystone
$(authtoken placement)
INI

nova_conf() {
  cat <<INI
[DEFAULT]
transport_url = $TRANSPORT
compute_driver = fake.FakeDriver
my_ip = $HOST
state_path = $STATE/nova
osapi_compute_listen = $HOST
osapi_compute_workers = 1
enabled_apis = osapi_compute
# No VM exists to plug a VIF into: do not wait for Neutron's vif-plugged event.
vif_plugging_is_fatal = false
vif_plugging_timeout = 0
[api]
auth_strategy = keystone
[api_database]
connection = $(db nova_api)
[database]
connection = $(db nova)
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 2
[wsgi]
api_paste_config = /etc/nova/api-paste.ini
[oslo_concurrency]
lock_path = $STATE/lock
[oslo_messaging_notifications]
driver = noop
[vnc]
enabled = false
[cinder]
catalog_info = volumev3::publicURL
os_region_name = RegionOne
$(authtoken nova)
$(service_auth placement placement)
$(service_auth neutron neutron)
# Without a service token, deleting a boot-from-volume server leaves its volume in-use.
$(service_auth service_user nova)
send_service_user_token = true
INI
}
nova_conf >"$ETC/nova.conf"
sed -i "s#^\[DEFAULT\]#[DEFAULT]\nlog_file = $LOG/nova-api.log#" "$ETC/nova.conf"

cat >"$ETC/neutron.conf" <<INI
[DEFAULT]
core_plugin = ml2
service_plugins = router
bind_host = $HOST
bind_port = 9696
api_workers = 1
rpc_workers = 1
transport_url = $TRANSPORT
auth_strategy = keystone
allow_overlapping_ips = true
dhcp_agent_notification = false
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
log_file = $LOG/neutron.log
[database]
connection = $(db neutron)
[oslo_concurrency]
lock_path = $STATE/lock
$(authtoken neutron)
[ml2]
type_drivers = flat,vxlan
tenant_network_types = vxlan
# Binds every port without an agent (python/mecaas_testbed/neutron_binding.py); nothing reaches a data plane.
mechanism_drivers = mecaas_bind_everything
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vxlan]
vni_ranges = 1:10000
INI

cat >"$ETC/cinder.conf" <<INI
[DEFAULT]
transport_url = $TRANSPORT
auth_strategy = keystone
my_ip = $HOST
osapi_volume_listen = $HOST
osapi_volume_workers = 1
state_path = $STATE/cinder
enabled_backends = noop
# Nova asks for a volume in the server's zone; Cinder has one backend in its default zone.
allow_availability_zone_fallback = true
log_dir = $LOG
[database]
connection = $(db cinder)
[oslo_concurrency]
lock_path = $STATE/lock
$(authtoken cinder)
[noop]
# No device-mapper here, so no LVM: volumes are recorded only (python/mecaas_testbed/cinder_noop.py).
volume_driver = mecaas_testbed.cinder_noop.NoopVolumeDriver
volume_backend_name = noop
target_helper = fake
$(service_auth nova nova)
INI

# --- databases, in parallel -----------------------------------------------------------------------------------------
db_sync() { local name=$1; shift; ( "$@" ) >>"$LOG/$name-db.log" 2>&1 || { echo "testbed: $name database sync failed:" >&2; tail -n 20 "$LOG/$name-db.log" >&2; return 1; }; }
db_sync keystone bash -c "
  keystone-manage --config-dir '$ETC/keystone' db_sync &&
  keystone-manage --config-dir '$ETC/keystone' fernet_setup --keystone-user root --keystone-group root &&
  keystone-manage --config-dir '$ETC/keystone' credential_setup --keystone-user root --keystone-group root &&
  keystone-manage --config-dir '$ETC/keystone' bootstrap --bootstrap-password '$ADMIN_PASSWORD' \
    --bootstrap-admin-url '$KEYSTONE_URL' --bootstrap-internal-url '$KEYSTONE_URL' \
    --bootstrap-public-url '$KEYSTONE_URL' --bootstrap-region-id RegionOne" & keystone_sync=$!
pids=()
db_sync glance glance-manage --config-file "$ETC/glance-api.conf" db_sync & pids+=($!)
db_sync placement placement-manage --config-file "$ETC/placement/placement.conf" db sync & pids+=($!)
db_sync nova bash -c "
  nova-manage --config-file '$ETC/nova.conf' api_db sync &&
  nova-manage --config-file '$ETC/nova.conf' cell_v2 map_cell0 --database_connection '$(db nova_cell0)' &&
  nova-manage --config-file '$ETC/nova.conf' cell_v2 create_cell --name cell1 &&
  nova-manage --config-file '$ETC/nova.conf' db sync" & pids+=($!)
db_sync neutron neutron-db-manage --config-file "$ETC/neutron.conf" upgrade heads & pids+=($!)
db_sync cinder cinder-manage --config-file "$ETC/cinder.conf" db sync & pids+=($!)

# --- the services ---------------------------------------------------------------------------------------------------
uwsgi_app() { # NAME PORT WSGI_FILE
  # uwsgi's HTTP socket closes each connection after its response: saying so keeps clients (keystoneauth's pooled
  # sessions in every service) from reusing a closed connection and failing with RemoteDisconnected.
  start "$1" uwsgi --plugins python3 --http-socket "$HOST:$2" --wsgi-file "$3" --master --processes 1 --threads 8 \
    --die-on-term --lazy-apps --buffer-size 65535 --need-app --add-header "Connection: close"
}
# Keystone first, seeded while the other databases sync: the services check their credentials when they start.
wait "$keystone_sync"
OS_KEYSTONE_CONFIG_DIR="$ETC/keystone" uwsgi_app keystone 5000 /usr/bin/keystone-wsgi-public
wait_for keystone 120 http_up "$KEYSTONE_URL"
$PY "$HERE/seed.py" --identity
# The object store (Swift, S3 API; swift.sh) needs only Keystone: it starts beside the other services.
bash "$HERE/swift.sh" start >/dev/null & swift_start=$!
for p in "${pids[@]}"; do wait "$p"; done
OS_PLACEMENT_CONFIG_DIR="$ETC/placement" uwsgi_app placement 8778 /usr/bin/placement-api
start glance glance-api --config-file "$ETC/glance-api.conf"
start nova-api nova-api --config-file "$ETC/nova.conf"
for svc in conductor scheduler; do
  start "nova-$svc" "nova-$svc" --config-file "$ETC/nova.conf" --log-file "$LOG/nova-$svc.log"
done
start neutron neutron-server --config-file "$ETC/neutron.conf"
start cinder-api cinder-api --config-file "$ETC/cinder.conf" --log-file "$LOG/cinder-api.log"
for svc in scheduler volume; do
  start "cinder-$svc" "cinder-$svc" --config-file "$ETC/cinder.conf" --log-file "$LOG/cinder-$svc.log"
done
# One fake compute host per availability zone (seed.py puts each in its zone's aggregate). Debian's nova-compute
# package would pull in libvirt and QEMU, so the compute service runs straight from python3-nova.
for host in $(PYTHONPATH= $PY "$HERE/seed.py" --compute-hosts); do
  printf '[DEFAULT]\nhost = %s\n' "$host" >"$ETC/nova-compute-$host.conf"
  start "nova-compute-$host" $PY -c 'import sys; from nova.cmd.compute import main; sys.exit(main())' \
    --config-file "$ETC/nova.conf" --config-file "$ETC/nova-compute-$host.conf" --log-file "$LOG/nova-compute-$host.log"
done

for api in glance:9292 placement:8778 nova-api:8774 neutron:9696 cinder-api:8776; do
  wait_for "${api%%:*}" 180 http_up "http://$HOST:${api#*:}/"
done
$PY "$HERE/seed.py" --resources
wait "$swift_start" || { echo "testbed: Swift did not start (logs in $LOG/swift-*.log)" >&2; false; }
echo "testbed: OpenStack up in $((SECONDS - started_at)) s; clouds.yaml: $ETC/clouds.yaml" >&2
echo "$ETC/clouds.yaml"
