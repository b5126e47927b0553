import { createHash } from "crypto";

/**
 * What a template may refer to: the stack's locals (their synthesized expressions), variables' values, and the value
 * a resource or data source attribute would have after apply (e.g. a floating IP's address).
 */
export interface TemplateScope {
  readonly locals?: Readonly<Record<string, unknown>>;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly attribute?: (reference: string) => unknown;
}

const FUNCTIONS: Record<string, (...args: any[]) => unknown> = {
  // Terraform's jsonencode also escapes <, > and & as \u003c...; a JSON or YAML parser reads both the same.
  jsonencode: (value: unknown) => JSON.stringify(value),
  base64encode: (text: string) => Buffer.from(text, "utf8").toString("base64"),
  sha256: (text: string) => createHash("sha256").update(text, "utf8").digest("hex"),
};

/**
 * Substitutes the `${...}` interpolations of a string of synthesized Terraform JSON as `terraform apply` would, for
 * specs: string literals (with their escapes and nested interpolations), `local.*`, `var.*`, other references through
 * `scope.attribute`, and the functions the constructs use (jsonencode, base64encode, sha256). Anything else throws,
 * so a spec never passes on an expression it did not understand.
 */
export function evaluateTemplate(text: string, scope: TemplateScope): string {
  return String(new Evaluator(scope).template(text));
}

class Evaluator {
  private readonly locals = new Map<string, unknown>();

  constructor(private readonly scope: TemplateScope) {}

  /** A template: literal text and interpolations; a template that is one interpolation keeps the value's type. */
  template(text: string): unknown {
    const parts: unknown[] = [];
    let literal = "";
    let i = 0;
    while (i < text.length) {
      if (text.startsWith("$${", i)) { literal += "${"; i += 3; continue; }
      if (text.startsWith("%%{", i)) { literal += "%{"; i += 3; continue; }
      if (text.startsWith("%{", i)) throw new Error(`template directives are not supported: ${text.slice(i, i + 40)}`);
      if (text.startsWith("${", i)) {
        if (literal) parts.push(literal);
        literal = "";
        const parser = new Parser(text, i + 2);
        parts.push(this.evaluate(parser.expression()));
        i = parser.expect("}");
        continue;
      }
      literal += text[i++];
    }
    if (literal) parts.push(literal);
    if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
    return parts.map((p) => (typeof p === "string" ? p : String(p))).join("");
  }

  private evaluate(node: Node): unknown {
    switch (node.kind) {
      case "string":
        return node.parts.map((p) => (typeof p === "string" ? p : String(this.evaluate(p)))).join("");
      case "call": {
        const fn = FUNCTIONS[node.name];
        if (!fn) throw new Error(`function ${node.name}() is not supported`);
        return fn(...node.args.map((a) => this.evaluate(a)));
      }
      case "reference":
        return this.resolve(node.path);
    }
  }

  private resolve(path: string[]): unknown {
    const [head, name] = path;
    if (head === "local") {
      if (!this.locals.has(name)) {
        const expression = this.scope.locals?.[name];
        if (expression === undefined) throw new Error(`no local ${name}`);
        this.locals.set(name, typeof expression === "string" ? this.template(expression) : expression);
      }
      return this.locals.get(name);
    }
    if (head === "var") {
      if (!this.scope.variables || !(name in this.scope.variables)) throw new Error(`no variable ${name}`);
      return this.scope.variables[name];
    }
    const reference = path.join(".");
    const value = this.scope.attribute?.(reference);
    if (value === undefined) throw new Error(`no value for ${reference}`);
    return value;
  }
}

type Node =
  | { kind: "string"; parts: (string | Node)[] }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "reference"; path: string[] };

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** A recursive-descent parser of the expression subset above. */
class Parser {
  constructor(private readonly text: string, private pos: number) {}

  expect(token: string): number {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) throw new Error(`expected ${token} at ${this.text.slice(this.pos, this.pos + 40)}`);
    this.pos += token.length;
    return this.pos;
  }

  expression(): Node {
    this.skipSpace();
    if (this.text[this.pos] === '"') return this.stringLiteral();
    const name = this.identifier();
    this.skipSpace();
    if (this.text[this.pos] === "(") {
      this.pos++;
      const args: Node[] = [];
      this.skipSpace();
      while (this.text[this.pos] !== ")") {
        args.push(this.expression());
        this.skipSpace();
        if (this.text[this.pos] === ",") this.pos++;
        this.skipSpace();
      }
      this.pos++;
      return { kind: "call", name, args };
    }
    const path = [name];
    while (this.text[this.pos] === ".") {
      this.pos++;
      path.push(this.identifier());
    }
    return { kind: "reference", path };
  }

  private stringLiteral(): Node {
    this.pos++; // opening quote
    const parts: (string | Node)[] = [];
    let literal = "";
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw new Error("unterminated string literal");
      if (c === '"') { this.pos++; break; }
      if (c === "\\") {
        const e = this.text[this.pos + 1];
        if (e === "u") {
          literal += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else if (ESCAPES[e] !== undefined) {
          literal += ESCAPES[e];
          this.pos += 2;
        } else {
          throw new Error(`unknown escape \\${e}`);
        }
        continue;
      }
      if (this.text.startsWith("$${", this.pos)) { literal += "${"; this.pos += 3; continue; }
      if (this.text.startsWith("%%{", this.pos)) { literal += "%{"; this.pos += 3; continue; }
      if (this.text.startsWith("%{", this.pos)) throw new Error("template directives are not supported");
      if (this.text.startsWith("${", this.pos)) {
        if (literal) parts.push(literal);
        literal = "";
        this.pos += 2;
        parts.push(this.expression());
        this.expect("}");
        continue;
      }
      literal += c;
      this.pos++;
    }
    if (literal) parts.push(literal);
    return { kind: "string", parts };
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.pos));
    if (!match) throw new Error(`expected a name at ${this.text.slice(this.pos, this.pos + 40)}`);
    this.pos += match[0].length;
    return match[0];
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }
}
