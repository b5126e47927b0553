import { readFileSync } from "fs";
import { join } from "path";
import * as ts from "typescript";
import { CATALOG_SCHEMA } from "./catalog";

/*
 * The catalog has two descriptions that must say the same: its TypeScript interfaces (what the stacks read, with the
 * docs) and CATALOG_SCHEMA (what a catalog file is checked against). This spec reads the interfaces from
 * stacks/catalog.ts with the TypeScript compiler and walks them beside the schema from `Catalog` down, so a field
 * added to, removed from or made optional in one and not the other fails here, naming the path.
 */

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: readonly string[];
  additionalProperties?: Schema | boolean; items?: Schema; enum?: readonly unknown[] };

const source = ts.createSourceFile("catalog.ts", readFileSync(join(__dirname, "catalog.ts"), "utf8"), ts.ScriptTarget.Latest, true);
const interfaces = new Map(source.statements.filter(ts.isInterfaceDeclaration).map((i) => [i.name.text, i]));

/** Every difference between an interface (or a type written in place) and the schema that should describe it. */
function drift(type: ts.TypeNode, schema: Schema, path: string, partial = false): string[] {
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText(source);
    const args = type.typeArguments ?? [];
    if (name === "Record") {
      if (schema.type !== "object") return [`${path}: a Record in TypeScript, ${JSON.stringify(schema.type)} in the schema`];
      if (args[1].kind === ts.SyntaxKind.UnknownKeyword) return []; // any object
      if (typeof schema.additionalProperties !== "object") return [`${path}: a Record of ${args[1].getText(source)}, but the schema says nothing of its values`];
      return drift(args[1], schema.additionalProperties, `${path}.<name>`);
    }
    if (name === "Partial") return drift(args[0], schema, path, true);
    if (name === "Readonly") return drift(args[0], schema, path, partial);
    const declaration = interfaces.get(name);
    if (!declaration) return [`${path}: type ${name} is not an interface of catalog.ts`];
    return members(declaration, schema, path, partial);
  }
  if (ts.isArrayTypeNode(type)) {
    if (schema.type !== "array") return [`${path}: a list in TypeScript, ${JSON.stringify(schema.type)} in the schema`];
    return drift(type.elementType, schema.items ?? {}, `${path}[]`);
  }
  if (ts.isUnionTypeNode(type) && type.types.every(ts.isLiteralTypeNode)) {
    const literals = type.types.map((t) => JSON.parse((t as ts.LiteralTypeNode).literal.getText(source).replace(/'/g, '"')));
    return sameSet(literals, [...(schema.enum ?? [])]) ? [] : [`${path}: ${JSON.stringify(literals)} in TypeScript, enum ${JSON.stringify(schema.enum)} in the schema`];
  }
  const primitive = ({ [ts.SyntaxKind.StringKeyword]: ["string"], [ts.SyntaxKind.NumberKeyword]: ["integer", "number"],
    [ts.SyntaxKind.BooleanKeyword]: ["boolean"] } as Record<number, string[]>)[type.kind];
  if (primitive && !primitive.includes(String(schema.type))) return [`${path}: ${type.getText(source)} in TypeScript, ${JSON.stringify(schema.type)} in the schema`];
  return []; // unknown: any value, as the schema's open object says
}

function members(declaration: ts.InterfaceDeclaration, schema: Schema, path: string, partial: boolean): string[] {
  const props = declaration.members.filter(ts.isPropertySignature);
  const inSchema = Object.keys(schema.properties ?? {});
  const problems = [
    ...props.filter((p) => !inSchema.includes(p.name.getText(source))).map((p) => `${path}.${p.name.getText(source)}: in ${declaration.name.text}, not in the schema`),
    ...inSchema.filter((k) => !props.some((p) => p.name.getText(source) === k)).map((k) => `${path}.${k}: in the schema, not in ${declaration.name.text}`),
  ];
  for (const p of props) {
    const name = p.name.getText(source);
    const sub = schema.properties?.[name];
    if (!sub || !p.type) continue;
    const optional = partial || p.questionToken !== undefined;
    const required = (schema.required ?? []).includes(name);
    if (optional === required) problems.push(`${path}.${name}: ${optional ? "optional" : "required"} in ${declaration.name.text}, ${required ? "required" : "optional"} in the schema`);
    problems.push(...drift(p.type, sub, `${path}.${name}`));
  }
  return problems;
}

function sameSet(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

describe("the catalog's TypeScript types and its JSON Schema", () => {
  test("describe the same fields, optional in both or required in both, of the same kinds and values", () => {
    expect(members(interfaces.get("Catalog")!, CATALOG_SCHEMA as unknown as Schema, "catalog", false)).toEqual([]);
  });

  test("the check can fail: a field the schema lacks, and one optional on one side only, are found", () => {
    const schema = JSON.parse(JSON.stringify(CATALOG_SCHEMA)) as Schema;
    const csp = schema.properties!.csps.items!;
    delete csp.properties!.cluster.properties!.nodeCidr;
    (csp.required as string[]).push("sharedNetworks");
    expect(members(interfaces.get("Catalog")!, schema, "catalog", false)).toEqual([
      "catalog.csps[].sharedNetworks: optional in CspEntry, required in the schema",
      "catalog.csps[].cluster.nodeCidr: in ClusterEntry, not in the schema",
    ]);
  });
});
