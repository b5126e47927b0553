import "cdktf/lib/testing/adapters/jest"; // types of the matchers Testing.setupJest() installs
import { App, TerraformStack, TerraformVariable, Testing } from "./cdk";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ClusterProviders } from "./cluster-providers";
import { placeholderAccess } from "../test/support/cluster-credentials";

const access = placeholderAccess;

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "platform");
}

describe("ClusterProviders", () => {
  test("configures the kubernetes provider with client certificate auth and the cluster CA", () => {
    const synth = Testing.synthScope((s) => new ClusterProviders(s, "cluster", { access }));
    expect(synth).toHaveProviderWithProperties(KubernetesProvider, {
      host: access.apiEndpoint,
      cluster_ca_certificate: access.clusterCaCertificatePem,
      client_certificate: access.clientCertificatePem,
      client_key: access.clientKeyPem,
    });
  });

  test("configures the helm provider's kubernetes block the same way", () => {
    const synth = Testing.synthScope((s) => new ClusterProviders(s, "cluster", { access }));
    expect(synth).toHaveProviderWithProperties(HelmProvider, {
      kubernetes: {
        host: access.apiEndpoint,
        cluster_ca_certificate: access.clusterCaCertificatePem,
        client_certificate: access.clientCertificatePem,
        client_key: access.clientKeyPem,
      },
    });
  });

  test("never disables TLS verification", () => {
    const json = JSON.parse(Testing.synthScope((s) => new ClusterProviders(s, "cluster", { access })));
    const helm = json.provider.helm[0];
    const k8s = json.provider.kubernetes[0];
    expect(k8s.insecure).toBeUndefined();
    expect(helm.kubernetes.insecure).toBeUndefined();
  });

  test("an alias names both providers, so two clusters can share one stack", () => {
    const s = stack();
    const a = new ClusterProviders(s, "csp1", { access, alias: "csp1" });
    new ClusterProviders(s, "csp2", { access: { ...access, apiEndpoint: "https://198.51.100.8:6443" }, alias: "csp2" });
    const json = JSON.parse(Testing.synth(s));
    expect(json.provider.kubernetes.map((p: { alias: string }) => p.alias).sort()).toEqual(["csp1", "csp2"]);
    expect(json.provider.helm.map((p: { alias: string }) => p.alias).sort()).toEqual(["csp1", "csp2"]);
    expect(a.alias).toBe("csp1");
    expect(a.access).toBe(access);
  });

  test("accepts cross-stack references (tokens) without trying to validate them", () => {
    const app = new App();
    const infra = new TerraformStack(app, "infra");
    const platform = new TerraformStack(app, "platform");
    const v = new TerraformVariable(infra, "endpoint", { type: "string" });
    expect(
      () => new ClusterProviders(platform, "cluster", { access: { ...access, apiEndpoint: v.stringValue } }),
    ).not.toThrow();
  });

  test.each([
    ["http://198.51.100.7:6443", /access\.apiEndpoint "http:\/\/198\.51\.100\.7:6443" must be an https URL/],
    ["198.51.100.7:6443", /access\.apiEndpoint "198\.51\.100\.7:6443" must be an https URL/],
  ])("refuses the API endpoint %s", (apiEndpoint, message) => {
    expect(() => new ClusterProviders(stack(), "cluster", { access: { ...access, apiEndpoint } })).toThrow(message);
  });

  test("refuses a CA that is not PEM, naming the construct path and field", () => {
    expect(
      () => new ClusterProviders(stack(), "cluster", { access: { ...access, clusterCaCertificatePem: "/etc/ca.crt" } }),
    ).toThrow(/^platform\/cluster: access\.clusterCaCertificatePem is not PEM/);
  });

  test("refuses a second set of default (unaliased) providers in one stack: both clusters' releases would go to one", () => {
    const s = stack();
    new ClusterProviders(s, "csp1", { access });
    expect(() => new ClusterProviders(s, "csp2", { access })).toThrow(
      "platform/csp2: alias: the kubernetes provider with no alias (the default provider) exists in stack platform already " +
        "(platform/csp1/kubernetes); give each one its own alias, or build both on the same one",
    );
  });

  test("refuses an invalid alias", () => {
    expect(() => new ClusterProviders(stack(), "cluster", { access, alias: "1 bad" })).toThrow(
      /alias "1 bad" is not a valid Terraform provider alias/,
    );
  });
});
