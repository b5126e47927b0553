import { join, resolve } from "path";
import { EXAMPLES_DIR, synthCatalog } from "../test/synth";
import { validateCatalog } from "./catalog";

describe("state backends", () => {
  const stacks = synthCatalog(join(EXAMPLES_DIR, "catalog.yaml"));
  const json = (name: string) => stacks.find((s) => s.name === name)!.json;

  it("keeps each stack's state as its own object in the S3-compatible store", () => {
    expect(json("acme-infra").terraform.backend.s3).toMatchObject({
      bucket: "mecaas-state", key: "mecaas/acme-infra.tfstate", encrypt: true,
      endpoints: { s3: "https://objects.core.example.net" }, use_path_style: true, skip_credentials_validation: true,
    });
    expect(json("nsp").terraform.backend.s3.key).toBe("mecaas/nsp.tfstate");
  });

  it("puts the stacks holding CA keys in the secrets bucket, and reads them from there", () => {
    expect(json("acme-pki").terraform.backend.s3).toMatchObject({ bucket: "mecaas-secrets", key: "mecaas/acme-pki.tfstate" });
    const remote = Object.values(json("acme-infra").data.terraform_remote_state) as any[];
    expect(remote).toEqual([expect.objectContaining({
      backend: "s3", config: expect.objectContaining({ bucket: "mecaas-secrets", key: "mecaas/acme-pki.tfstate" }),
    })]);
  });

  it("writes no credential into any backend configuration", () => {
    for (const stack of stacks) {
      expect(Object.keys(stack.json.terraform.backend.s3)).not.toEqual(expect.arrayContaining(["access_key"]));
      expect(Object.keys(stack.json.terraform.backend.s3)).not.toEqual(expect.arrayContaining(["secret_key"]));
    }
  });

  it("defaults to one local file per stack under ./state, absolute since Terraform runs in cdktf.out", () => {
    const local = synthCatalog(join(EXAMPLES_DIR, "b2c.yaml")).find((s) => s.name === "retail-infra")!.json;
    expect(local.terraform.backend.local.path).toBe(resolve("state", "retail-infra.tfstate"));
  });

  it("refuses an s3 backend without a bucket, and s3 fields without the s3 backend", () => {
    const base = { vims: { core: { cloud: "c", externalNetwork: "public" } }, csps: [
      { name: "a", mode: "b2c", cluster: { vim: "core", controllerSchedulable: true, apiAllowedCidrs: ["192.0.2.0/24"] } }] };
    expect(() => validateCatalog({ ...base, state: { backend: "s3" } })).toThrow(/state\.bucket: required with backend s3/);
    expect(() => validateCatalog({ ...base, state: { bucket: "b" } })).toThrow(/state: bucket, secretsBucket and endpoint belong to backend s3/);
  });
});

