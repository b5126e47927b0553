/**
 * Request validation with the ETSI-derived schemas. Query strings and path parameters arrive as text, so they are
 * coerced (`?is_local=true`, a single `ser_name` to a one-element array); bodies are JSON and are not: `"serName": 5`
 * is a malformed body (400), not the string "5".
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaCompiler } from "fastify";
import { schemasWithIds } from "../spec/schemas";

function createAjv(coerceTypes: false | "array") {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  for (const schema of schemasWithIds()) ajv.addSchema(schema);
  return ajv;
}

export function requestValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const textual = createAjv("array");
  const json = createAjv(false);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === "body" ? json : textual;
    const validate = ajv.compile(schema as object);
    return (data: unknown) =>
      validate(data) ? { value: data } : { error: Object.assign(new Error(ajv.errorsText(validate.errors, { dataVar: httpPart })), { validation: validate.errors }) };
  };
}
