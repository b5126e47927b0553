/**
 * Named JSON Schemas with OpenAPI-style references (`#/components/schemas/Name`), turned into standalone documents
 * for Fastify and Ajv, and a validator over them. Shared by the MEP and the Edge MANO (mano/), each with its own set.
 */
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export type SchemaSet = Readonly<Record<string, Record<string, unknown>>>;

/** The schemas as standalone documents with `$id: Name`, references rewritten to `Name#` (Fastify/Ajv style). */
export function withIds(schemas: SchemaSet): Record<string, unknown>[] {
  return Object.entries(schemas).map(([name, schema]) => ({
    $id: name,
    ...JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\/([A-Za-z0-9]+)"/g, '"$1#"')),
  }));
}

export interface SpecValidator {
  /** Undefined when `data` conforms to the schema `name`, else what is wrong. */
  validate(name: string, data: unknown): string | undefined;
}

/** An Ajv instance holding every schema of the set; used for configuration files and by the tests to check responses. */
export function createValidator(schemas: SchemaSet): SpecValidator {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const schema of withIds(schemas)) ajv.addSchema(schema);
  const cache = new Map<string, ValidateFunction>();
  return {
    validate(name, data) {
      let fn = cache.get(name);
      if (!fn) cache.set(name, (fn = ajv.getSchema(name) as ValidateFunction));
      if (!fn) throw new Error(`no schema named ${name}`);
      return fn(data) ? undefined : ajv.errorsText(fn.errors);
    },
  };
}
