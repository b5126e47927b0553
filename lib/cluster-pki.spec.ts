import { TerraformStack, Testing } from "./cdk";
import { ClusterPki } from "./cluster-pki";

function synth(props: Partial<ConstructorParameters<typeof ClusterPki>[2]> = {}) {
  const stack = new TerraformStack(Testing.app(), "pki");
  const pki = new ClusterPki(stack, "pki", { clusterName: "acme", ...props });
  return { pki, resources: JSON.parse(Testing.synth(stack)).resource };
}

const byCommonName = (certs: Record<string, any>): Record<string, any> =>
  Object.fromEntries(Object.values(certs).map((c: any) => [c.subject[0].common_name, c]));

describe("ClusterPki", () => {
  it("makes the three CAs k3s uses, each with its own ECDSA key, valid ten years", () => {
    const { resources } = synth();
    const cas = byCommonName(resources.tls_self_signed_cert);
    expect(Object.keys(cas).sort()).toEqual(["acme-client-ca", "acme-request-header-ca", "acme-server-ca"]);
    for (const ca of Object.values(cas)) {
      expect(ca).toMatchObject({ is_ca_certificate: true, validity_period_hours: 87600 });
      expect(ca.allowed_uses).toContain("cert_signing");
    }
    const keys = new Set(Object.values(cas).map((c: any) => c.private_key_pem));
    expect(keys.size).toBe(3);
    for (const key of Object.values(resources.tls_private_key) as any[]) expect(key).toMatchObject({ algorithm: "ECDSA", ecdsa_curve: "P256" });
  });

  it("makes etcd's peer and server CAs only when asked (several servers), so a cluster of one has none", () => {
    expect(synth().pki.etcdPeerCa).toBeUndefined();
    const { pki, resources } = synth({ embeddedEtcd: true });
    const cas = byCommonName(resources.tls_self_signed_cert);
    expect(Object.keys(cas).sort()).toEqual(["acme-client-ca", "acme-etcd-peer-ca", "acme-etcd-server-ca", "acme-request-header-ca", "acme-server-ca"]);
    expect(cas["acme-etcd-peer-ca"]).toMatchObject({ is_ca_certificate: true, validity_period_hours: 87600 });
    expect(new Set(Object.values(cas).map((c: any) => c.private_key_pem)).size).toBe(5);
    expect(pki.etcdPeerCa!.certificatePem).not.toBe(pki.etcdServerCa!.certificatePem);
  });

  it("signs an admin certificate in system:masters and a node-drainer certificate with the client CA", () => {
    const { resources } = synth();
    const requests = byCommonName(resources.tls_cert_request);
    expect(requests["mecaas-admin"].subject[0].organization).toBe("system:masters");
    expect(requests["mecaas:node-drainer"].subject[0].organization).toBeUndefined();
    const clientCaKey = Object.keys(resources.tls_self_signed_cert).find((k) => k.includes("client-ca"));
    for (const cert of Object.values(resources.tls_locally_signed_cert) as any[]) {
      expect(cert.ca_cert_pem).toBe(`\${tls_self_signed_cert.${clientCaKey}.cert_pem}`);
      expect(cert.allowed_uses).toEqual(expect.arrayContaining(["client_auth"]));
      expect(cert.allowed_uses).not.toContain("server_auth");
    }
  });

  it("renews client certificates on apply a month before they expire", () => {
    const { resources } = synth({ clientCertificateValidityHours: 2160, earlyRenewalHours: 240 });
    for (const cert of Object.values(resources.tls_locally_signed_cert) as any[]) {
      expect(cert).toMatchObject({ validity_period_hours: 2160, early_renewal_hours: 240 });
    }
    for (const cert of Object.values(synth().resources.tls_locally_signed_cert) as any[]) {
      expect(cert.early_renewal_hours).toBe(720);
    }
  });

  it("generates a join secret without characters a token or shell would mangle", () => {
    const { pki, resources } = synth();
    expect(Object.values(resources.random_password)).toEqual([expect.objectContaining({ length: 48, special: false })]);
    expect(pki.joinSecret).toMatch(/TOKEN/);
  });
});
