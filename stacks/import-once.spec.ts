import { TerraformOutput, TerraformStack, Testing } from "../lib/cdk";
import { importOnce } from "./import-once";

describe("importOnce", () => {
  it("gives each string a local named after its path and returns the same shape pointing at the locals", () => {
    const stack = new TerraformStack(Testing.app(), "consumer");
    const imported = importOnce(stack, "pki", { serverCa: { certificatePem: "CERT" }, joinSecret: "SECRET" });
    new TerraformOutput(stack, "uses", { value: imported });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.locals).toEqual({ pki_server_ca_certificate_pem: "CERT", pki_join_secret: "SECRET" });
    expect(json.output.uses.value).toEqual({
      serverCa: { certificatePem: "${local.pki_server_ca_certificate_pem}" }, joinSecret: "${local.pki_join_secret}",
    });
  });

  it("refuses a construct, whose tree it would otherwise walk", () => {
    const stack = new TerraformStack(Testing.app(), "consumer");
    expect(() => importOnce(stack, "pki", { pki: stack } as any)).toThrow(/importOnce: pki_pki is neither a string nor a plain object/);
  });
});
