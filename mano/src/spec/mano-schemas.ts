/**
 * The Edge MANO's own schemas beside the ETSI ones: request bodies as this implementation takes them (where MEC
 * 010-2 leaves the package format open), the unions of the LCM subscription types, and the OAuth token exchange
 * (the MEP's types).
 */
import { platformSchemas } from "../../../mep/src/spec/platform-schemas";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const manoSchemas: Record<string, Record<string, unknown>> = {
  // What an application package holds (clause 6.2.3.2 leaves its format for further study): the AppD, and the MCIOP
  // (the Helm chart that realizes the app), as a path or URL relative to the package file, or absolute.
  AppPkgContent: {
    type: "object",
    required: ["appD", "mciop"],
    properties: {
      appD: { type: "object", description: "the ETSI MEC 010-2 AppD, as far as mecaas reads it (lib/app-descriptor.ts)" },
      mciop: { type: "string", minLength: 1, description: "Helm chart reference: a directory or .tgz path, or an http(s)/oci URL" },
    },
  },
  // The AppD as onboarded and served by …/appd: the part of the ETSI AppD (6.2.1.2) mecaas reads, whose list of MEC
  // versions is a list (lib/app-descriptor.ts), not the complete AppD with its virtualisation descriptors.
  OnboardedAppD: {
    type: "object",
    required: ["appDId", "appName", "appProvider", "appSoftVersion", "appDVersion", "mecVersion"],
    properties: {
      appDId: { type: "string" }, appName: { type: "string" }, appProvider: { type: "string" }, appSoftVersion: { type: "string" },
      appDVersion: { type: "string" }, mecVersion: { type: "array", items: { type: "string" } },
    },
  },
  // CreateAppPkg (6.2.3.2), and the same with the package inline instead of at appPkgPath (then checksum is optional:
  // the Edge MANO computes it).
  CreateAppPkgRequest: {
    type: "object",
    required: ["appPkgName", "appPkgVersion"],
    properties: {
      appPkgName: { type: "string", minLength: 1 },
      appPkgVersion: { type: "string", minLength: 1 },
      appProvider: { type: "string" },
      checksum: ref("Checksum"),
      userDefinedData: { type: "object" },
      appPkgPath: { type: "string", format: "uri" },
      appPkgContent: ref("AppPkgContent"),
    },
    oneOf: [
      { required: ["appPkgPath", "checksum"], not: { required: ["appPkgContent"] } },
      { required: ["appPkgContent"], not: { required: ["appPkgPath"] } },
    ],
  },
  LcmSubscriptionRequest: {
    oneOf: [ref("AppInstSubscriptionRequest"), ref("AppLcmOpOccSubscriptionRequest"), ref("AppInstIdCreationSubscriptionRequest"), ref("AppInstIdDeletionSubscriptionRequest")],
  },
  LcmSubscriptionInfo: {
    oneOf: [ref("AppInstSubscriptionInfo"), ref("AppLcmOpOccSubscriptionInfo"), ref("AppInstIdCreationSubscriptionInfo"), ref("AppInstIdDeletionSubscriptionInfo")],
  },
  TokenRequest: platformSchemas.TokenRequest,
  TokenResponse: platformSchemas.TokenResponse,
  OAuthError: platformSchemas.OAuthError,
};
