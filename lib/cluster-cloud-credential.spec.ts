import { TerraformOutput, TerraformStack, Testing } from "./cdk";
import { Vim } from "./vim";
import { ClusterCloudCredential, ClusterCloudCredentialProps } from "./cluster-cloud-credential";

function credential(props: Partial<ClusterCloudCredentialProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "infra");
  const vim = new Vim(stack, "core", { externalNetwork: "public", cloud: "acme-core" });
  const made = new ClusterCloudCredential(stack, "cloud", { vim, name: "acme-cloud-provider", ...props });
  new TerraformOutput(stack, "cloud-conf", { value: made.cloudConfig, sensitive: true });
  const json = JSON.parse(Testing.synth(stack));
  return { json, cloudConfig: json.output["cloud-conf"].value as string, credential: Object.values<any>(json.resource.openstack_identity_application_credential_v3)[0] };
}

describe("ClusterCloudCredential", () => {
  it("is a Keystone application credential of the CSP's project with the member role only, unable to make credentials of its own", () => {
    const { credential: c } = credential();
    expect(c).toMatchObject({ name: "acme-cloud-provider", roles: ["member"], unrestricted: false, provider: "openstack.core" });
    expect(c.access_rules).toBeUndefined();
  });

  it("renders cloud.conf from it: the token's public identity endpoint, its region, the credential's id and secret, no load balancers", () => {
    const { cloudConfig, json } = credential();
    const [[key]] = Object.entries<any>(json.resource.openstack_identity_application_credential_v3);
    const [[scope]] = Object.entries<any>(json.data.openstack_identity_auth_scope_v3);
    const [[authUrl, expression]] = Object.entries<string>(json.locals);
    expect(cloudConfig).toBe([
      "[Global]",
      `auth-url = "\${local.${authUrl}}"`,
      `region = "\${data.openstack_identity_auth_scope_v3.${scope}.region}"`,
      `application-credential-id = "\${openstack_identity_application_credential_v3.${key}.id}"`,
      `application-credential-secret = "\${openstack_identity_application_credential_v3.${key}.secret}"`,
      "",
      "[LoadBalancer]",
      "enabled = false",
      "",
    ].join("\n"));
    expect(expression).toBe(
      `\${[for e in flatten([for s in data.openstack_identity_auth_scope_v3.${scope}.service_catalog : s.endpoints if s.type == "identity"]) : e.url if e.interface == "public"][0]}`);
  });

  it("takes a Keystone URL and roles given instead", () => {
    const { cloudConfig, credential: c } = credential({ authUrl: "https://keystone.example.net:5000/v3", roles: ["member", "reader"] });
    expect(cloudConfig).toContain('auth-url = "https://keystone.example.net:5000/v3"');
    expect(c.roles).toEqual(["member", "reader"]);
  });

  it("refuses load balancers without a subnet, and an empty role list", () => {
    expect(() => credential({ loadBalancers: true })).toThrow(/subnetId.*give subnetId, or set loadBalancers false/);
    expect(() => credential({ roles: [] })).toThrow(/roles.*leave roles out/);
  });
});
