import type { Construct, IConstruct } from "constructs";

/**
 * The one error every bad input raises: construct props, catalog entries, AppDs. It names where (a construct path
 * or a catalog entry, e.g. `csps[0] (acme).apps[0].descriptor`), the field, the value and the fix, so a platform
 * engineer can act on the message alone; an app prints `message` without a stack trace (`main.ts` does).
 * Internal invariants stay plain `Error`s: those are mecaas's bugs, and their stack trace helps.
 */
export class InputError extends Error {
  /** The construct path or catalog entry the problems are in. */
  public readonly where: string;
  /** One line per problem, each naming the field, the value and the fix. */
  public readonly problems: readonly string[];

  /** `<where>: <field> <value> is invalid: <fix>`. */
  constructor(scope: Construct | string, field: string, value: unknown, fix: string);
  /**
   * Problems already worded, each with its field, value and fix: one as `<where>: <problem>`; several, or any number
   * under a `heading` (e.g. `catalog x.yaml is invalid`), listed one per line below it.
   */
  constructor(scope: Construct | string, problems: readonly string[], heading?: string);
  constructor(scope: Construct | string, fieldOrProblems: string | readonly string[], value?: unknown, fix?: string) {
    const where = typeof scope === "string" ? scope : scope.node.path;
    const problems = typeof fieldOrProblems === "string"
      ? [`${fieldOrProblems} ${JSON.stringify(value)} is invalid: ${fix}`]
      : [...fieldOrProblems];
    const heading = typeof fieldOrProblems === "string" ? undefined : (value as string | undefined);
    super(problems.length === 1 && heading === undefined
      ? `${where}: ${problems[0]}`
      : `${heading ?? `${where} is invalid`}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InputError";
    this.where = where;
    this.problems = problems;
  }
}

/**
 * Runs now the checks constructs leave to synth (`node.addValidation`: those a later call can still satisfy, such as
 * a worker pool added by `addWorkerPool` or a VIM registered after the cluster naming it), and raises what fails as
 * one InputError. Call it before `app.synth()` where bad input is printed: at synth, cdktf would throw the same
 * messages as a plain `Error` with a stack trace. Honours nothing cdktf's `skipValidation` would skip: call it only
 * where validation is wanted.
 */
export function checkDeferredInputs(scope: IConstruct): void {
  const problems = scope.node.findAll().flatMap((construct) => construct.node.validate());
  const where = scope.node.path || "the app";
  if (problems.length > 0) throw new InputError(where, problems, `${where} is invalid`);
}
