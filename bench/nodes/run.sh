#!/usr/bin/env bash
# Deploy timings on the node test bed (testbed/nodes: the servers of examples/mec-app.yaml booted from their
# user-data, the k3s STAND-IN, the platform installed with its hooks), beside the paper's figures. Runs the steps of
# test/e2e/nodes.spec.ts on the test bed's OpenStack, which it starts and stops, and prints what they recorded.
# Not included (the paper's figures include them): a VM's boot, image downloads from a registry, real k3s.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/terraform-env.sh
MECAAS_NODE_TIMINGS=$(mktemp)
export MECAAS_NODE_TIMINGS
trap 'rm -f "$MECAAS_NODE_TIMINGS"' EXIT
bash testbed/openstack/with-openstack.sh npx jest test/e2e/nodes.spec.ts --selectProjects e2e >&2
node -e '
  const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const get = (k) => t[k] ?? NaN;
  const starting = (prefix) => Object.entries(t).find(([k]) => k.startsWith(prefix))?.[1] ?? NaN;
  const release = (name) => Object.entries(t).filter(([k]) => k.startsWith(`helm install ${name} `)).reduce((n, [, v]) => n + v, 0);
  // The catalog apps through MecAppCnf: every release but those of the MEP, the Edge MANO and the OpenStack integration.
  const apps = Object.entries(t).filter(([k]) => k.startsWith("helm install ") && !/^helm install (mep|mecaas|openstack-integration) /.test(k)).reduce((n, [, v]) => n + v, 0);
  const rows = [
    ["2-worker cluster: infra apply + nodes to Ready", get("infra apply") + get("nodes started to all Ready"), 585],
    ["edge environment: cluster + MEP release Ready", get("infra apply") + get("nodes started to all Ready") + release("mep"), 647],
    ["MEC app: registration hook + app Ready", apps, 18],
    // The paper: mec-app-ns, 18.4 s mean. Here the app through the Edge MANO of the CSP, from the request to its confirm_ready.
    ["MEC app via Edge MANO: request to confirm_ready", starting("Edge MANO instantiate to COMPLETED"), 18.4],
    ["scale-out: apply + new node Ready", get("scale-out apply") + get("scale-out node started to Ready"), 486],
    ["scale-in: drain and leave + apply", get("scale-in poweroff (drain, leave)") + get("scale-in apply"), 38],
  ];
  for (const [k, v] of Object.entries(t)) console.log(`${k.padEnd(58)}${v.toFixed(1).padStart(8)} s`);
  console.log("");
  console.log(`${"step".padEnd(50)}${"ours (s)".padStart(10)}${"paper (s)".padStart(11)}  paper / ours`);
  for (const [step, ours, paper] of rows) console.log(`${step.padEnd(50)}${ours.toFixed(1).padStart(10)}${String(paper).padStart(11)}  ${(paper / ours).toFixed(1)}x`);
' "$MECAAS_NODE_TIMINGS"
