import { parse } from "yaml";
import { Token } from "./cdk";
import { blockYaml, jsonString, terraformLiteral } from "./encoding";
import { evaluateTemplate } from "../test/support/terraform-template";

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

  it("writes text of several lines as a literal block, so text Terraform substitutes into a line may hold quotes and backslashes", () => {
    const text = blockYaml({ files: [{ content: "token: ${local.token_json}\nlist:\n  - \"a\"\n\nend: 1\n" }] });
    expect(text).toBe('files:\n  - content: |\n      token: ${local.token_json}\n      list:\n        - "a"\n\n      end: 1\n');
    const substituted = text.replace("${local.token_json}", JSON.stringify(`it's "q" \\ : #`));
    expect(parse(parse(substituted).files[0].content)).toEqual({ token: `it's "q" \\ : #`, list: ["a"], end: 1 });
  });

  it.each([["a carriage return", "a\r\nb\n"], ["a tab", "a\tb\nc\n"], ["no final line break", "a\nb"], ["leading spaces", "  a\nb\n"],
    ["trailing spaces", "a  \nb\n"], ["two final line breaks", "a\nb\n\n"], ["a line separator", "a\u2028b\nc\n"]])(
    "keeps text with %s double-quoted, which a literal block would change", (_case, value) => {
      expect(blockYaml({ value })).toBe(`value: ${JSON.stringify(value)}\n`);
      expect(parse(blockYaml({ value }))).toEqual({ value });
    });
});

describe("jsonString", () => {
  const tricky = `it's "a": secret \\ # \${x} %{y} \u007f\u2028 Zürich\n`;

  it("encodes known text now, as one printable line Terraform writes as it is", () => {
    const json = jsonString(tricky);
    expect(json).not.toMatch(/[\n\u007f\u2028]/);
    expect(JSON.parse(evaluateTemplate(json, {}))).toBe(tricky);
  });

  it("leaves text with references to Terraform's jsonencode(), which escapes what they stand for", () => {
    const secret = Token.asString({ resolve: () => "${var.secret}" });
    expect(jsonString(`K10::server:${secret}`)).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(evaluateTemplate('${jsonencode("K10::server:${var.secret}")}', { variables: { secret: tricky } })).toBe(JSON.stringify(`K10::server:${tricky}`));
  });

  it("refuses quotes or backslashes beside references, which cdktf would pass to jsonencode() unescaped", () => {
    const secret = Token.asString({ resolve: () => "${var.secret}" });
    expect(() => jsonString(`"${secret}`)).toThrow(/mixes quotes or backslashes with Terraform references/);
  });

  it("terraformLiteral keeps ${ and %{ from starting an expression or directive", () => {
    expect(terraformLiteral("a ${b} %{c} $d")).toBe("a $${b} %%{c} $d");
    expect(evaluateTemplate(terraformLiteral("a ${b} %{c} $d"), {})).toBe("a ${b} %{c} $d");
  });
});
