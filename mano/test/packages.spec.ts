/**
 * Application package management over Mm1 (MEC 010-2 clause 7.3): onboarding inline or from appPkgPath (a file
 * under MANO_PACKAGE_DIRS, an http URL on this host), queries with attribute filters, enable/disable, the AppD and
 * the package content, deletion; every body checked against the ETSI schemas, every error a ProblemDetails.
 */
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { readFileSync } from "fs";
import { join } from "path";
import { pathToFileURL } from "url";
import { FakeHelm } from "./support/fake-helm";
import { Mano, PKGM, LCM, expectConforms, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, packageFile, sampleAppD, SAMPLE_CHART, sha256 } from "./support/packages";

describe("application packages", () => {
  const helm = new FakeHelm();
  const files = packageFile();
  let mano: Mano;
  let web: Server;

  beforeAll(async () => {
    web = createServer((req, res) => (req.url === "/sample.pkg.yaml" ? res.end(files.text) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
    mano = await Mano.start(manoEnv(helm, { MANO_PACKAGE_DIRS: files.dir }));
  });
  afterAll(async () => {
    await mano?.close();
    await new Promise((resolve) => web.close(resolve));
  });

  const onboard = async (body: unknown) => {
    const response = await mano.as("POST", `${PKGM}/app_packages`, body);
    expectStatus(response, 201);
    expectConforms("AppPkgInfo", response.body);
    return response;
  };
  const appD = (n: number) => sampleAppD({ appDId: `pkg-spec-${n}`, appName: `app ${n}` });

  test("POST with the package inline onboards it at once: 201, Location, AppPkgInfo ONBOARDED, ENABLED, NOT_IN_USE, its checksum computed", async () => {
    const body = inlinePackage(appD(1), { userDefinedData: { team: "edge" } });
    const created = await onboard(body);
    expect(created.headers.get("location")).toBe(created.body._links.self.href);
    expect(created.body).toMatchObject({
      appDId: "pkg-spec-1", appName: "app 1", appProvider: "mecaas", appSoftwareVersion: "0.1.0", appDVersion: "1.0",
      onboardingState: "ONBOARDED", operationalState: "ENABLED", usageState: "NOT_IN_USE", mecInfo: ["2.2.1"],
      checksum: { algorithm: "SHA-256", hash: sha256(JSON.stringify(body.appPkgContent)) }, userDefinedData: { team: "edge" },
      softwareImages: [{ imagePath: SAMPLE_CHART }],
    });
    const read = await mano.as("GET", created.headers.get("location")!);
    expectStatus(read, 200);
    expect(read.body).toEqual(created.body);
  });

  test("GET …/appd answers the AppD as onboarded, and …/package_content the package with its chart", async () => {
    const created = await onboard(inlinePackage(appD(2)));
    const appd = await mano.as("GET", created.body._links.appD.href);
    expectStatus(appd, 200);
    expectConforms("OnboardedAppD", appd.body);
    expect(appd.body).toEqual(appD(2));
    const content = await mano.as("GET", created.body._links.appPkgContent.href);
    expectStatus(content, 200);
    expect(content.body).toEqual({ appD: appD(2), mciop: SAMPLE_CHART });
  });

  test("POST with a file: appPkgPath reads the package, verifies its checksum and finds its chart beside it", async () => {
    const created = await onboard({ appPkgName: "sample", appPkgVersion: "1.0.0", appPkgPath: pathToFileURL(files.file).href, checksum: files.checksum });
    expect(created.body.checksum).toEqual(files.checksum);
    expect(created.body.softwareImages[0].imagePath).toBe(join(files.dir, "chart"));
    expect((await mano.as("GET", created.body._links.appD.href)).body).toEqual(sampleAppD());
  });

  test("POST with an http appPkgPath on this host downloads the package; its relative chart resolves against the URL", async () => {
    const url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/sample.pkg.yaml`;
    const text = files.text.replace(sampleAppD().appDId, "pkg-spec-http");
    web.removeAllListeners("request");
    web.on("request", (_req, res) => res.end(text));
    const created = await onboard({ appPkgName: "sample", appPkgVersion: "1.0.0", appPkgPath: url, checksum: { algorithm: "SHA-256", hash: sha256(text) } });
    expect(created.body.appDId).toBe("pkg-spec-http");
    expect(created.body.softwareImages[0].imagePath).toBe(new URL("chart", url).href);
  });

  test("a package that cannot be onboarded is refused (400, naming why) and leaves nothing behind", async () => {
    const before = (await mano.as("GET", `${PKGM}/app_packages`)).body.length;
    const refusals: [unknown, RegExp][] = [
      [{ ...inlinePackage(appD(3)), appPkgContent: { appD: { ...appD(3), mecVersion: "2.2.1", appDNSRule: [{ dnsRuleId: "x", domainName: "nodots", ipAddressType: "IP_V4", ipAddress: "::1" }] }, mciop: SAMPLE_CHART } },
        /appD.mecVersion[\s\S]*appD.appDNSRule\[0\].domainName/],
      [{ ...inlinePackage(appD(3)), checksum: { algorithm: "SHA-256", hash: "00" } }, /checksum mismatch/],
      [{ ...inlinePackage(appD(3)), checksum: { algorithm: "MD5", hash: "00" } }, /MD5 is not supported/],
      [{ ...inlinePackage(appD(3)), appPkgContent: { appD: appD(3), mciop: "relative/chart" } }, /absolute path or a URL/],
      [{ ...inlinePackage(appD(3)), appPkgContent: { appD: appD(3), mciop: "/nonexistent/chart" } }, /no chart at/],
      [{ appPkgName: "p", appPkgVersion: "1", appPkgPath: files.file, checksum: files.checksum }, /appPkgPath must match format "uri"/],
      [{ appPkgName: "p", appPkgVersion: "1", appPkgPath: "file:///etc/hostname", checksum: files.checksum }, /outside MANO_PACKAGE_DIRS/],
      [{ appPkgName: "p", appPkgVersion: "1", appPkgPath: "http://example.com/p.yaml", checksum: files.checksum }, /not in MANO_PACKAGE_HOSTS/],
      [{ appPkgName: "p", appPkgVersion: "1", appPkgPath: pathToFileURL(files.file).href }, /body/],
      [{ appPkgName: "p", appPkgVersion: "1" }, /body/],
    ];
    for (const [body, detail] of refusals) {
      const response = await mano.as("POST", `${PKGM}/app_packages`, body);
      expectProblem(response, 400);
      expect(response.body.detail).toMatch(detail);
    }
    expect((await mano.as("GET", `${PKGM}/app_packages`)).body).toHaveLength(before);
  });

  test("a second package with the same appDId gets 409", async () => {
    await onboard(inlinePackage(appD(4)));
    expectProblem(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(appD(4))), 409);
  });

  test("GET app_packages lists AppPkgInfo, filtered by operationalState, onboardingState and other attributes (MEC 009 6.19)", async () => {
    const enabled = await onboard(inlinePackage(appD(5)));
    const disabled = await onboard(inlinePackage(appD(6)));
    expectStatus(await mano.as("PATCH", disabled.body._links.self.href, { operationalState: "DISABLED" }), 200);
    const list = async (filter: string) => {
      const response = await mano.as("GET", `${PKGM}/app_packages?filter=${encodeURIComponent(filter)}`);
      expectStatus(response, 200);
      expectConforms("AppPkgInfo[]", response.body);
      return response.body.map((p: { id: string }) => p.id);
    };
    expect(await list("(eq,operationalState,DISABLED)")).toEqual([disabled.body.id]);
    expect(await list("(eq,operationalState,ENABLED)")).toContain(enabled.body.id);
    expect(await list("(eq,operationalState,ENABLED)")).not.toContain(disabled.body.id);
    expect(await list("(eq,onboardingState,ONBOARDED);(eq,appDId,pkg-spec-5,pkg-spec-6)")).toEqual(expect.arrayContaining([enabled.body.id, disabled.body.id]));
    expect(await list("(neq,onboardingState,ONBOARDED)")).toEqual([]);
    expect(await list("(cont,appName,app 6)")).toEqual([disabled.body.id]);
    expect(await list("(eq,softwareImages/containerFormat,HELM_CHART);(eq,appDId,pkg-spec-5)")).toEqual([enabled.body.id]);
    expectProblem(await mano.as("GET", `${PKGM}/app_packages?filter=(like,appName,x)`), 400);
    expectProblem(await mano.as("GET", `${PKGM}/app_packages?filter=appName`), 400);
    expectProblem(await mano.as("GET", `${PKGM}/app_packages?exclude_default=true`), 400);
  });

  test("PATCH disables and enables (200 AppPkgInfoModifications); the state it already has is 409; a bad value 400", async () => {
    const created = await onboard(inlinePackage(appD(7)));
    const self = created.body._links.self.href;
    const disabled = await mano.as("PATCH", self, { operationalState: "DISABLED" });
    expectStatus(disabled, 200);
    expectConforms("AppPkgInfoModifications", disabled.body);
    expect(disabled.body).toEqual({ operationalState: "DISABLED" });
    expect((await mano.as("GET", self)).body.operationalState).toBe("DISABLED");
    expectProblem(await mano.as("PATCH", self, { operationalState: "DISABLED" }), 409);
    expectStatus(await mano.as("PATCH", self, { operationalState: "ENABLED" }), 200);
    expectProblem(await mano.as("PATCH", self, { operationalState: "BROKEN" }), 400);
    expectProblem(await mano.as("PATCH", `${PKGM}/app_packages/no-such-package`, { operationalState: "DISABLED" }), 404);
  });

  test("DELETE needs the package DISABLED and not IN_USE (409 otherwise); then 204, and it is gone", async () => {
    const created = await onboard(inlinePackage(appD(8)));
    const self = created.body._links.self.href;
    expectProblem(await mano.as("DELETE", self), 409);
    const instance = await mano.as("POST", `${LCM}/app_instances`, { appDId: "pkg-spec-8" });
    expectStatus(instance, 201);
    expect((await mano.as("GET", self)).body.usageState).toBe("IN_USE");
    expectStatus(await mano.as("PATCH", self, { operationalState: "DISABLED" }), 200);
    const inUse = await mano.as("DELETE", self);
    expectProblem(inUse, 409);
    expect(inUse.body.detail).toMatch(/IN_USE/);
    expectStatus(await mano.as("DELETE", instance.body._links.self.href), 204);
    expectStatus(await mano.as("DELETE", self), 204);
    expectProblem(await mano.as("GET", self), 404);
    expectProblem(await mano.as("GET", `${self}/appd`), 404);
    expectProblem(await mano.as("DELETE", self), 404);
  });

  test("the same package is at onboarded_app_packages/{appDId} (MEC 010-2 v3.1.1): GET, appd, package_content, PATCH, DELETE", async () => {
    const created = await onboard(inlinePackage(appD(9)));
    const byAppDId = `${PKGM}/onboarded_app_packages/pkg-spec-9`;
    const read = await mano.as("GET", byAppDId);
    expectStatus(read, 200);
    expectConforms("AppPkgInfo", read.body);
    expect(read.body).toEqual(created.body);
    expect((await mano.as("GET", `${byAppDId}/appd`)).body).toEqual(appD(9));
    expect((await mano.as("GET", `${byAppDId}/package_content`)).body.mciop).toBe(SAMPLE_CHART);
    expectStatus(await mano.as("PATCH", byAppDId, { operationalState: "DISABLED" }), 200);
    expect((await mano.as("GET", created.body._links.self.href)).body.operationalState).toBe("DISABLED");
    expectStatus(await mano.as("DELETE", byAppDId), 204);
    expectProblem(await mano.as("GET", created.body._links.self.href), 404);
    expectProblem(await mano.as("GET", `${PKGM}/onboarded_app_packages/never-onboarded`), 404);
  });

  test("every Mm1 resource needs the OSS's bearer token (401 with a challenge); unsupported methods get 405 with Allow", async () => {
    const anonymous = await mano.request("GET", `${PKGM}/app_packages`);
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer realm="mano"/);
    expectProblem(await mano.request("GET", `${PKGM}/app_packages`, { token: "not-a-token" }), 401);
    const put = await mano.as("PUT", `${PKGM}/app_packages`, {});
    expectProblem(put, 405);
    expect(put.headers.get("allow")).toBe("POST, GET");
    expect(readFileSync(files.file, "utf8")).toBe(files.text);
  });
});
