import { App, TerraformStack, Token } from "cdktf";
import { disableTokenCreationStacks } from "./token-creation-stacks";
import { disableTokenCreationStacks as fromEntryPoint } from ".";

// cdktf keeps a token's creation stack on the token itself (its `creationStack`).
function creationStackOfANewToken(): string[] {
  const stack = new TerraformStack(new App(), "s");
  const token = Token.asString({ resolve: () => "x" });
  void stack;
  return (Token.asAny(token) as unknown as { creationStack?: string[] }).creationStack ?? tokenMapStack(token);
}

function tokenMapStack(token: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TokenMap } = require("cdktf/lib/tokens/private/token-map");
  return TokenMap.instance().lookupString(token)?.creationStack ?? [];
}

describe("disableTokenCreationStacks (the synth-speed switch)", () => {
  test("is exported from the package's entry point", () => {
    expect(fromEntryPoint).toBe(disableTokenCreationStacks);
  });

  test("MECAAS_TOKEN_STACKS=1 keeps cdktf's creation stacks, for debugging a token error", () => {
    expect(disableTokenCreationStacks({ MECAAS_TOKEN_STACKS: "1" })).toBe(false);
    expect(creationStackOfANewToken().length).toBeGreaterThan(0);
  });

  test("otherwise tokens are created without a stack trace", () => {
    expect(disableTokenCreationStacks({})).toBe(true);
    expect(creationStackOfANewToken()).toEqual([]);
  });
});
