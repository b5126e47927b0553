/** Application package management, Mm1 `app_pkgm/v1` (MEC 010-2 clause 7.3): packages, their AppD and content. */
import type { FastifyInstance } from "fastify";
import { notFound } from "../../../mep/src/http/problem";
import { sendCreated, spec } from "../../../mep/src/routes/common";
import type { Context } from "../context";
import type { CreateAppPkgRequest } from "../domain/packages";
import { APP_PKGM } from "../links";
import type { OperationalState, PackageRecord } from "../storage/records";
import { filtered, idParam, listQuery } from "./queries";

export function appPackageRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links, packages } = ctx;
  const base = `${APP_PKGM}/app_packages`;
  const tags = ["app-pkgm"];
  const P = "ProblemDetails";

  /** AppPkgInfo (clause 6.2.3.3); the MCIOP (the Helm chart) is the package's one software image. */
  const representation = (pkg: PackageRecord, inUse: boolean) => ({
    id: pkg.id,
    appDId: pkg.appDId,
    appProvider: pkg.appProvider,
    appName: pkg.appName,
    appSoftwareVersion: pkg.appSoftwareVersion,
    appDVersion: pkg.appDVersion,
    checksum: pkg.checksum,
    softwareImages: [{ id: "mciop", name: pkg.appName, containerFormat: "HELM_CHART", imagePath: pkg.mciop }],
    onboardingState: "ONBOARDED",
    operationalState: pkg.operationalState,
    usageState: inUse ? "IN_USE" : "NOT_IN_USE",
    mecInfo: pkg.mecInfo,
    ...(pkg.userDefinedData ? { userDefinedData: pkg.userDefinedData } : {}),
    _links: {
      self: { href: links.appPackage(pkg.id) },
      appD: { href: `${links.appPackage(pkg.id)}/appd` },
      appPkgContent: { href: `${links.appPackage(pkg.id)}/package_content` },
    },
  });

  const withUsage = async (pkg: PackageRecord) => representation(pkg, (await store.read.packagesInUse([pkg.id])).has(pkg.id));

  app.post(base, { schema: { body: spec("CreateAppPkgRequest") }, config: { auth: "admin", openapi: { summary: "Onboard an application package", tags, responses: { 201: "AppPkgInfo", 400: P, 409: P } } } }, async (request, reply) => {
    const pkg = await packages.onboard(request.body as CreateAppPkgRequest);
    return sendCreated(reply, links.appPackage(pkg.id), representation(pkg, false));
  });

  app.get(base, { schema: { querystring: listQuery }, config: { auth: "admin", openapi: { summary: "Query application packages", tags, responses: { 200: "AppPkgInfo[]", 400: P } } } }, async (request) => {
    const all = await store.read.listPackages();
    const inUse = await store.read.packagesInUse(all.map((p) => p.id));
    return filtered(all.map((p) => representation(p, inUse.has(p.id))), request.query);
  });

  /**
   * The individual package resources, under app_packages/{appPkgId} and, as MEC 010-2 v3.1.1 also names them,
   * under onboarded_app_packages/{appDId}: the same package, found by either identifier.
   */
  const individual = (path: string, param: string, find: (id: string) => Promise<PackageRecord | undefined>) => {
    const params = { params: idParam(param) };
    const resolve = async (request: { params: unknown }) => {
      const id = (request.params as Record<string, string>)[param];
      const pkg = await find(id);
      if (!pkg) throw notFound(`application package ${id}`);
      return pkg;
    };
    app.get(path, { schema: params, config: { auth: "admin", openapi: { summary: "Read an application package", tags, responses: { 200: "AppPkgInfo", 404: P } } } }, async (request) => withUsage(await resolve(request)));

    app.patch(path, { schema: { ...params, body: spec("AppPkgInfoModifications") }, config: { auth: "admin", openapi: { summary: "Enable or disable an application package", tags, responses: { 200: "AppPkgInfoModifications", 400: P, 404: P, 409: P } } } }, async (request) => {
      const { operationalState } = request.body as { operationalState: OperationalState };
      await packages.setOperationalState((await resolve(request)).id, operationalState);
      return { operationalState };
    });

    app.delete(path, { schema: params, config: { auth: "admin", openapi: { summary: "Delete a disabled application package no instance uses", tags, responses: { 204: null, 404: P, 409: P } } } }, async (request, reply) => {
      await packages.delete((await resolve(request)).id);
      return reply.code(204).send();
    });

    app.get(`${path}/appd`, { schema: params, config: { auth: "admin", openapi: { summary: "Read the AppD of an application package", tags, responses: { 200: "OnboardedAppD", 404: P } } } }, async (request) => (await resolve(request)).appD);

    // The package as onboarded, in the form it was read (AppPkgContent: the AppD and the resolved chart reference).
    app.get(`${path}/package_content`, { schema: params, config: { auth: "admin", openapi: { summary: "Read an application package as onboarded", tags, responses: { 200: "AppPkgContent", 404: P } } } }, async (request) => {
      const pkg = await resolve(request);
      return { appD: pkg.appD, mciop: pkg.mciop };
    });
  };
  individual(`${base}/:appPkgId`, "appPkgId", (id) => store.read.getPackage(id));
  individual(`${APP_PKGM}/onboarded_app_packages/:appDId`, "appDId", (appDId) => store.read.getPackageByAppDId(appDId));
}
