import { TerraformStack, Testing } from "./cdk";
import { Construct } from "constructs";
import { Vim, VimProps } from "./vim";
import { InputError } from "./validation";

function synth(props: Partial<VimProps> = {}, id = "core") {
  const stack = new TerraformStack(Testing.app(), "infra");
  new Vim(stack, id, { externalNetwork: "public", ...props });
  return JSON.parse(Testing.synth(stack));
}

describe("Vim", () => {
  it("is one aliased openstack provider, scoped to the project it is given", () => {
    const json = synth({ cloud: "acme-core", projectName: "csp-acme", region: "RegionOne" });
    expect(json.provider.openstack).toEqual([{ alias: "core", cloud: "acme-core", region: "RegionOne", tenant_name: "csp-acme" }]);
  });

  it("scopes its project in the Keystone domain it is given", () => {
    const json = synth({ cloud: "acme-core", projectName: "csp-acme", projectDomainId: "d0main" });
    expect(json.provider.openstack).toEqual([{ alias: "core", cloud: "acme-core", tenant_name: "csp-acme", project_domain_id: "d0main" }]);
  });

  it("finds its external network and the newest image of a name, through its own provider", () => {
    const json = synth({ image: "debian-12" });
    expect(Object.values(json.data.openstack_networking_network_v2)).toEqual([
      expect.objectContaining({ name: "public", external: true, provider: "openstack.core" })]);
    expect(Object.values(json.data.openstack_images_image_v2)).toEqual([
      expect.objectContaining({ name: "debian-12", most_recent: true, provider: "openstack.core" })]);
  });

  it("boots Ubuntu 24.04 unless told otherwise", () => {
    expect((Object.values(synth().data.openstack_images_image_v2)[0] as any).name).toBe("ubuntu-24.04");
  });

  it("refuses half an application credential", () => {
    expect(() => synth({ applicationCredentialId: "abc" })).toThrow(/infra\/core: applicationCredentialId and applicationCredentialSecret go together/);
  });

  it("refuses a name pools could not refer to", () => {
    expect(() => synth({}, "Core_1")).toThrow(/infra\/Core_1: id "Core_1" is invalid/);
  });

  it("takes an alias of its own, for two VIMs whose ids are the same under different parents", () => {
    const stack = new TerraformStack(Testing.app(), "infra");
    new Vim(new Construct(stack, "region-a"), "core", { externalNetwork: "public" });
    new Vim(new Construct(stack, "region-b"), "core", { externalNetwork: "public", alias: "core-b" });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.openstack.map((p: { alias: string }) => p.alias)).toEqual(["core", "core-b"]);
  });

  it("refuses a second VIM with the same provider alias in one stack, which would silently share one provider", () => {
    const stack = new TerraformStack(Testing.app(), "infra");
    new Vim(new Construct(stack, "region-a"), "core", { externalNetwork: "public" });
    expect(() => new Vim(new Construct(stack, "region-b"), "core", { externalNetwork: "public" })).toThrow(new InputError("infra/region-b/core", [
      "alias: the openstack provider with alias \"core\" exists in stack infra already (infra/region-a/core/provider); " +
        "give each one its own alias, or build both on the same one",
    ]));
  });

  it("refuses an empty external network", () => {
    expect(() => synth({ externalNetwork: "" })).toThrow(/externalNetwork "" is invalid: it is required/);
  });
});
