import { execFileSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { randomBytes, randomUUID } from "crypto";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { SynthesizedStack } from "../../synth";

/*
 * STAND-IN for applying a `<csp>-pki` stack: its tls and random providers cannot be built here (the Go module proxy
 * refuses every hashicorp provider), so the state file the infra stack's cross-stack references read is written
 * directly, with exactly the outputs the synthesized pki stack declares, each made by openssl as the provider would
 * (ECDSA P-256 CAs, etcd's two among them, client certificates signed by the client CA, a 48-character alphanumeric join secret).
 */

interface Material {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

const openssl = (args: string[], cwd: string): string => execFileSync("openssl", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function ecKey(dir: string, name: string): string {
  openssl(["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", `${name}.key`], dir);
  return readFileSync(join(dir, `${name}.key`), "utf8");
}

function makeCa(dir: string, name: string, commonName: string): Material {
  const privateKeyPem = ecKey(dir, name);
  openssl(["req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/CN=${commonName}`, "-days", "3650",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature,keyEncipherment",
    "-out", `${name}.crt`], dir);
  return { privateKeyPem, certificatePem: readFileSync(join(dir, `${name}.crt`), "utf8") };
}

function makeClient(dir: string, name: string, ca: string, subject: string): Material {
  const privateKeyPem = ecKey(dir, name);
  openssl(["req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`], dir);
  writeFileSync(join(dir, `${name}.ext`), "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n");
  openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.crt`, "-CAkey", `${ca}.key`, "-CAcreateserial",
    "-days", "365", "-extfile", `${name}.ext`, "-out", `${name}.crt`], dir);
  return { privateKeyPem, certificatePem: readFileSync(join(dir, `${name}.crt`), "utf8") };
}

const alphanumeric = (length: number): string => {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(length)].map((b) => chars[b % chars.length]).join("");
};

/** What a pki stack's output refers to, e.g. `${tls_self_signed_cert.pki_server-ca-cert_2D20E646.cert_pem}`. */
const OUTPUT_REF = /^\$\{(tls_self_signed_cert|tls_locally_signed_cert|tls_private_key|random_password)\.pki_([a-z-]+?)-(cert|key|secret)_[0-9A-F]+\.(cert_pem|private_key_pem|result)\}$/;

/**
 * Writes the state of `stack` (a synthesized `<csp>-pki`) where its local backend keeps it, as a stand-in for
 * `terraform apply` of that stack. Returns the credentials, for checks against what the cluster was given.
 */
export function writePkiStandInState(stack: SynthesizedStack, clusterName: string): Record<string, string> {
  const work = mkdtempSync(join(tmpdir(), "mecaas-pki-"));
  try {
    const serverCa = makeCa(work, "server-ca", `${clusterName}-server-ca`);
    const clientCa = makeCa(work, "client-ca", `${clusterName}-client-ca`);
    const requestHeaderCa = makeCa(work, "request-header-ca", `${clusterName}-request-header-ca`);
    const material: Record<string, Material> = {
      "server-ca": serverCa,
      "client-ca": clientCa,
      "request-header-ca": requestHeaderCa,
      // Made for a cluster of several servers only (the pki stack declares them then).
      "etcd-peer-ca": makeCa(work, "etcd-peer-ca", `${clusterName}-etcd-peer-ca`),
      "etcd-server-ca": makeCa(work, "etcd-server-ca", `${clusterName}-etcd-server-ca`),
      admin: makeClient(work, "admin", "client-ca", "/O=system:masters/CN=mecaas-admin"),
      "node-drainer": makeClient(work, "node-drainer", "client-ca", "/CN=mecaas:node-drainer"),
    };
    const joinSecret = alphanumeric(48);

    const outputs: Record<string, { value: string; type: string; sensitive: boolean }> = {};
    const values: Record<string, string> = {};
    for (const [name, output] of Object.entries<any>(stack.json.output ?? {})) {
      const ref = OUTPUT_REF.exec(output.value);
      if (!ref) throw new Error(`pki stand-in: output ${name} = ${output.value} is not one it knows how to make`);
      const [, , subject, , attribute] = ref;
      const value = attribute === "result" ? joinSecret
        : attribute === "cert_pem" ? material[subject]?.certificatePem : material[subject]?.privateKeyPem;
      if (value === undefined) throw new Error(`pki stand-in: no material for ${subject} (output ${name})`);
      outputs[name] = { value, type: "string", sensitive: true };
      values[name] = value;
    }
    const path: string | undefined = stack.json.terraform?.backend?.local?.path;
    if (!path) throw new Error(`pki stand-in: stack ${stack.name} has no local backend path`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({
      version: 4, terraform_version: "1.11.4", serial: 1, lineage: randomUUID(), outputs, resources: [], check_results: null,
    }, null, 2), { mode: 0o600 });
    return values;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
