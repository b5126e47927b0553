import { Fn, Token } from "./cdk";

/**
 * Base64 of a string that may hold Terraform references: computed now when the value is known at synth, left to
 * Terraform's base64encode() when it is not. Base64 also keeps scripts' own `${...}` away from Terraform.
 */
export function base64(content: string): string {
  return Token.isUnresolved(content) ? Fn.base64encode(content) : Buffer.from(content, "utf8").toString("base64");
}

/**
 * Block YAML for the small documents rendered for every node and cluster (cloud-config, k3s config, kubeconfig):
 * mappings, sequences and scalars, strings quoted unless they are plain words or paths, so any content stays exact,
 * at a fraction of a general emitter's cost. `quote: "single"` for text passed to a Terraform function (cdktf refuses double quotes there);
 * single-quoted YAML cannot hold a line break, so such a value is refused.
 */
export function blockYaml(document: Readonly<Record<string, unknown>>, quote: "double" | "single" = "double"): string {
  const scalar = (value: unknown): string => {
    if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
    const text = String(value);
    // Words and paths stay plain for readability, unless YAML 1.1 would read them as a boolean or null.
    if (/^[A-Za-z/][A-Za-z0-9._/-]*$/.test(text) && !/^(y|n|yes|no|on|off|true|false|null)$/i.test(text)) return text;
    if (quote === "double") return JSON.stringify(text);
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
      if (!isCollection(item)) out.push(`${head} ${scalar(item)}`);
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
