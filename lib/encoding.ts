import { Fn, Token, Tokenization } from "./cdk";

/**
 * Base64 of a string that may hold Terraform references: computed now when the value is known at synth, left to
 * Terraform's base64encode() when it is not. Base64 also keeps scripts' own `${...}` away from Terraform.
 */
export function base64(content: string): string {
  return Token.isUnresolved(content) ? Fn.base64encode(content) : Buffer.from(content, "utf8").toString("base64");
}

/** Known text for a string of synthesized Terraform JSON, kept as it is: there `${` and `%{` would start an expression. */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * `text` as a JSON string, which YAML reads back exactly as a double-quoted scalar: quotes, backslashes, `: `, `#` and
 * line breaks stay what they are. Known text is encoded now; text holding references goes to Terraform's
 * `jsonencode()`, and the known text around its references may then hold no quote or backslash (cdktf would pass
 * them to the function unescaped, and Terraform would read another expression).
 */
export function jsonString(text: string): string {
  if (!Token.isUnresolved(text)) {
    // Also escaped: characters YAML cannot hold as they are or reads as line breaks, so the JSON stays one printable line.
    const json = JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    return terraformLiteral(json);
  }
  const known = Tokenization.reverseString(text).literals.join("");
  if (/["\\]/.test(known)) {
    throw new Error(`jsonString: ${JSON.stringify(known)} mixes quotes or backslashes with Terraform references; keep such text in a local of its own`);
  }
  return Fn.jsonencode(text);
}

/**
 * A literal block scalar (`|`) of text, its lines at `indent`, when it reads back unchanged: lines ending in one line
 * break, the first not starting with a space, none ending with one, and no tab, carriage return or other character
 * YAML cannot hold as it is or reads as a line break. Otherwise undefined.
 */
function literalBlock(text: string, indent: string): string | undefined {
  if (!text.endsWith("\n") || text.endsWith("\n\n") || /^\s/.test(text) || / \n/.test(text)) return undefined;
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) return undefined;
  return `|\n${text.slice(0, -1).split("\n").map((line) => (line ? `${indent}${line}` : "")).join("\n")}`;
}

/**
 * Block YAML for the small documents rendered for every node and cluster (cloud-config, k3s config, kubeconfig):
 * mappings, sequences and scalars, strings quoted unless they are plain words or paths, so any content stays exact,
 * at a fraction of a general emitter's cost. `quote: "single"` for text passed to a Terraform function (cdktf refuses double quotes there);
 * single-quoted YAML cannot hold a line break, so such a value is refused. Otherwise text of several lines is a literal
 * block (`|`), written as it is: references in it may stand for text with quotes and backslashes once Terraform has
 * substituted them (JSON strings, see jsonString), which a double-quoted scalar could not take.
 */
export function blockYaml(document: Readonly<Record<string, unknown>>, quote: "double" | "single" = "double"): string {
  const scalar = (value: unknown, indent?: string): string => {
    if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
    const text = String(value);
    // Words and paths stay plain for readability, unless YAML 1.1 would read them as a boolean or null.
    if (/^[A-Za-z/][A-Za-z0-9._/-]*$/.test(text) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(text)) return text;
    if (quote === "double") return (indent !== undefined && literalBlock(text, indent)) || JSON.stringify(text);
    if (/[\r\n]/.test(text)) throw new Error(`blockYaml: ${JSON.stringify(text)} has a line break, which single-quoted YAML cannot hold`);
    return `'${text.replace(/'/g, "''")}'`;
  };
  const key = (name: string) => (/^[A-Za-z0-9_./-]+$/.test(name) ? name : scalar(name));
  const isCollection = (value: unknown): value is object => typeof value === "object" && value !== null;
  const isEmpty = (value: object) => (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);
  const lines = (value: object, indent: string): string[] => {
    const out: string[] = [];
    const entries: [string | undefined, unknown][] = Array.isArray(value)
      ? value.map((item) => [undefined, item])
      : Object.entries(value).filter(([, v]) => v !== undefined);
    for (const [name, item] of entries) {
      const head = name === undefined ? `${indent}-` : `${indent}${key(name)}:`;
      if (!isCollection(item)) out.push(`${head} ${scalar(item, `${indent}  `)}`);
      else if (isEmpty(item)) out.push(`${head} ${Array.isArray(item) ? "[]" : "{}"}`);
      else if (name !== undefined) out.push(head, ...lines(item, `${indent}  `));
      else {
        // A collection in a sequence starts on the dash's line.
        const nested = lines(item, `${indent}  `);
        out.push(`${indent}- ${nested[0].trimStart()}`, ...nested.slice(1));
      }
    }
    return out;
  };
  return `${lines(document, "").join("\n")}\n`;
}
