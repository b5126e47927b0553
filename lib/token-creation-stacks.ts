/**
 * cdktf 0.21 records a full stack trace for every token it creates (hashicorp/terraform-cdk#3892), only to quote it
 * if that token is later misused; under ts-node each trace is also mapped through source maps. That was over half
 * of synth time for large catalogs (33 s and 883 MB at 200 CSPs with the traces). CDK Terrain has
 * CDKTN_DISABLE_CREATION_STACK for it; cdktf calls the capture through its module's exports, so replacing that
 * export switches it off.
 *
 * Call it once, before `new App()`, in an app's entry point. MECAAS_TOKEN_STACKS=1 keeps the traces, for debugging a
 * token error. Returns whether the traces are off. (`env` is typed without NodeJS.ProcessEnv, which would need
 * @types/node in every user's project.)
 */
export function disableTokenCreationStacks(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (env.MECAAS_TOKEN_STACKS === "1") return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
  return true;
}
