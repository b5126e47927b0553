import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { InputError, checkDeferredInputs } from "./input-error";

/** A construct whose check waits for synth, as K8sClusterVnf's pool check and EdgeMano's VIM accounts do. */
class Deferred extends Construct {
  public satisfied = false;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => (this.satisfied ? [] : [`${this.node.path}: not satisfied yet; call satisfy()`]) });
  }
}

describe("checkDeferredInputs", () => {
  it("raises every failing deferred check of the tree as one InputError, each problem on a line of its own", () => {
    const app = new App();
    const stack = new TerraformStack(app, "edge");
    new Deferred(stack, "a");
    new Deferred(new Construct(stack, "nested"), "b");
    let raised: unknown;
    try { checkDeferredInputs(app); } catch (error) { raised = error; }
    expect(raised).toBeInstanceOf(InputError);
    expect((raised as InputError).problems).toEqual(["edge/a: not satisfied yet; call satisfy()", "edge/nested/b: not satisfied yet; call satisfy()"]);
    expect((raised as InputError).message).toBe(
      "the app is invalid:\n  - edge/a: not satisfied yet; call satisfy()\n  - edge/nested/b: not satisfied yet; call satisfy()");
  });

  it("passes once a later call satisfied the check, as synth then does", () => {
    const app = new App();
    const deferred = new Deferred(new TerraformStack(app, "edge"), "a");
    deferred.satisfied = true;
    expect(() => checkDeferredInputs(app)).not.toThrow();
    expect(() => app.synth()).not.toThrow();
  });

  it("names the scope it was given when that is not the app", () => {
    const stack = new TerraformStack(new App(), "edge");
    new Deferred(stack, "a");
    expect(() => checkDeferredInputs(stack)).toThrow(/^edge is invalid:\n  - edge\/a: not satisfied yet/);
  });
});
