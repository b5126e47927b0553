import { basename, resolve } from "path";
import { exampleCatalogs, synthCatalog } from "./synth";

/*
 * Snapshots of every stack of every example: a change in what the constructs synthesize shows up as a reviewable
 * diff. Absolute paths (local state files) name the machine, not the design: they read <project>. A chart asset's
 * content hash reads <chart content>: the charts' own tests cover their content.
 */
const PROJECT = resolve(__dirname, "..");
const portable = (json: unknown) => JSON.parse(JSON.stringify(json).split(PROJECT).join("<project>")
  .replace(/("assets\/[^"/]+\/)[0-9A-F]{32}"/g, '$1<chart content>"'));
describe.each(exampleCatalogs().map((c) => [basename(c), c]))("example %s", (_name, catalog) => {
  const stacks = synthCatalog(catalog);

  it.each(stacks.map((s) => [s.name, s]))("synthesizes stack %s as before", (_stack, stack) => {
    expect(portable(stack.json)).toMatchSnapshot();
  });

  it("has an nsp stack and pki, infra and platform stacks per CSP", () => {
    const csps = stacks.filter((s) => s.name.endsWith("-infra")).map((s) => s.name.replace(/-infra$/, ""));
    expect(stacks.map((s) => s.name).sort()).toEqual(
      ["nsp", ...csps.flatMap((c) => [`${c}-infra`, `${c}-pki`, `${c}-platform`])].sort());
  });
});
