/**
 * The OpenAPI 3.1 document the Edge MANO serves (/openapi.json), built from its routes: it names every Mm1 resource and the grants,
 * every reference in it resolves, every secured operation answers 401 without a token, and every path answers 405
 * with Allow for the methods it does not document.
 */
import { FakeHelm } from "./support/fake-helm";
import { LCM, Mano, PKGM, expectProblem, expectStatus, manoEnv } from "./support/mano";

describe("the OpenAPI document", () => {
  let mano: Mano;
  let doc: { openapi: string; paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

  beforeAll(async () => {
    mano = await Mano.start(manoEnv(new FakeHelm()));
    const response = await mano.request("GET", "/openapi.json");
    expectStatus(response, 200);
    doc = response.body;
  });
  afterAll(() => mano?.close());

  test("is OpenAPI 3.1 and documents every Mm1 resource, the grants, the token endpoint and the probes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/healthz", "/oauth/token", "/openapi.json", "/readyz",
      `${LCM}/app_instances`, `${LCM}/app_instances/{appInstanceId}`, `${LCM}/app_instances/{appInstanceId}/instantiate`,
      `${LCM}/app_instances/{appInstanceId}/operate`, `${LCM}/app_instances/{appInstanceId}/terminate`,
      `${LCM}/app_lcm_op_occs`, `${LCM}/app_lcm_op_occs/{appLcmOpOccId}`, `${LCM}/app_lcm_op_occs/{appLcmOpOccId}/fail`,
      `${LCM}/app_lcm_op_occs/{appLcmOpOccId}/retry`, `${LCM}/subscriptions`, `${LCM}/subscriptions/{subscriptionId}`,
      `${PKGM}/app_packages`, `${PKGM}/app_packages/{appPkgId}`, `${PKGM}/app_packages/{appPkgId}/appd`,
      `${PKGM}/app_packages/{appPkgId}/package_content`, `${PKGM}/onboarded_app_packages/{appDId}`,
      `${PKGM}/onboarded_app_packages/{appDId}/appd`, `${PKGM}/onboarded_app_packages/{appDId}/package_content`,
      `${PKGM}/subscriptions`, `${PKGM}/subscriptions/{subscriptionId}`, "/granting/v1/grants/{grantId}",
    ].sort());
    expect(doc.paths[`${LCM}/app_instances/{appInstanceId}/instantiate`].post.responses["202"]).toEqual({ description: "No content" });
  });

  test("every schema reference in it names a schema of its components", () => {
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(100);
    const missing = [...new Set(refs.map((r) => r.slice(22, -1)))].filter((name) => !doc.components.schemas[name]);
    expect(missing).toEqual([]);
  });

  test("every secured operation answers 401 ProblemDetails without a token", async () => {
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.security.length) continue;
        expectProblem(await mano.request(method.toUpperCase(), path.replace(/\{[^}]+\}/g, "probe")), 401);
        checked++;
      }
    }
    expect(checked).toBe(32);
  });

  test("every path answers 405 with Allow for the methods it does not document", async () => {
    const token = await mano.adminToken();
    for (const [path, operations] of Object.entries(doc.paths)) {
      const documented = Object.keys(operations).map((m) => m.toUpperCase());
      for (const method of ["GET", "PUT", "POST", "PATCH", "DELETE"].filter((m) => !documented.includes(m))) {
        const response = await mano.request(method, path.replace(/\{[^}]+\}/g, "probe"), { token });
        expectProblem(response, 405);
        expect(response.headers.get("allow")!.split(", ").sort()).toEqual(documented.sort());
      }
    }
  });
});
