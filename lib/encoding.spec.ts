import { parse } from "yaml";
import { blockYaml } from "./encoding";

describe("blockYaml", () => {
  const tricky = {
    plain: "curl",
    octalLooking: "0600",
    boolLooking: "yes",
    boolLookingToo: "Off",
    path: "/etc/mecaas/k3s.env",
    word: "v1",
    nullLooking: "~",
    number: 8472,
    flag: true,
    nothing: null,
    quotes: `it's "quoted"`,
    yamlSyntax: "- a: b # not a comment, {x}, [y], &anchor *alias !tag %directive @ `",
    padded: "  leading and trailing  ",
    unicode: "Zürich → 東京",
    terraform: "${base64encode(local.pki_server_ca_certificate_pem)}",
    "key with spaces": "v",
    empty: "",
    emptyList: [],
    emptyMap: {},
    list: ["a", "b: c", 1],
    nested: { deeper: { deepest: ["x"] } },
    records: [{ path: "/etc/a", permissions: "0644" }, { path: "/etc/b" }],
    commands: [["/usr/local/lib/mecaas/install-k3s.sh", "agent"], ["echo", "done"]],
  };

  it("writes YAML that reads back to exactly the document, strings staying strings", () => {
    expect(parse(blockYaml(tricky))).toEqual(tricky);
    const { nothing: _nothing, ...withoutNull } = tricky;
    expect(parse(blockYaml({ ...withoutNull, lineBreaks: "one\ntwo\r\n\ttab" }))).toEqual({ ...withoutNull, lineBreaks: "one\ntwo\r\n\ttab" });
  });

  it("leaves out undefined entries, as a YAML emitter does", () => {
    expect(parse(blockYaml({ a: 1, b: undefined }))).toEqual({ a: 1 });
  });

  it("in single-quote mode, for text passed to Terraform functions, writes no double quote and reads back the same", () => {
    const { quotes: _quotes, ...rest } = tricky;
    const text = blockYaml({ ...rest, quotes: `it's 'single'` }, "single");
    expect(text).not.toContain('"');
    expect(parse(text)).toEqual({ ...rest, quotes: `it's 'single'` });
  });

  it("in single-quote mode refuses a line break, which single-quoted YAML would fold away", () => {
    expect(() => blockYaml({ pem: "-----BEGIN-----\nabc\n-----END-----" }, "single")).toThrow(/line break/);
  });
});
