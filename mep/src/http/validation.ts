/**
 * Request validation with the ETSI-derived schemas. Query strings and path parameters arrive as text, so they are
 * coerced (`?is_local=true`, a single `ser_name` to a one-element array); bodies are JSON and are not: `"serName": 5`
 * is a malformed body (400), not the string "5".
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";

function createAjv(coerceTypes: false | "array", schemas: readonly Record<string, unknown>[]) {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  for (const schema of schemas) ajv.addSchema(schema);
  return ajv;
}

/** Validation with `schemas` (documents with `$id`, see spec/schema-registry.ts) available by reference. */
export function requestValidatorCompiler(schemas: readonly Record<string, unknown>[]): FastifySchemaCompiler<unknown> {
  const textual = createAjv("array", schemas);
  const json = createAjv(false, schemas);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === "body" ? json : textual;
    const validate = ajv.compile(schema as object);
    return (data: unknown) =>
      validate(data) ? { value: data } : { error: Object.assign(new Error(ajv.errorsText(validate.errors, { dataVar: httpPart })), { validation: validate.errors }) };
  };
}
