/** Assertions that responses conform to the ETSI-derived schemas and that errors are ProblemDetails. */
import type { SpecValidator } from "../../src/spec/schema-registry";
import { createSpecValidator } from "../../src/spec/schemas";
import type { Response } from "./http-client";

/** The assertions over the schemas `validator` holds (the MEP's here; the Edge MANO's tests bring theirs). */
export function conformanceAssertions(validator: SpecValidator) {
  function expectConforms(schema: string, body: unknown) {
    const items = schema.endsWith("[]") ? (expect(Array.isArray(body)).toBe(true), body as unknown[]) : [body];
    for (const item of items) {
      const error = validator.validate(schema.replace(/\[\]$/, ""), item);
      if (error) throw new Error(`response does not conform to ${schema}: ${error}\n${JSON.stringify(item, null, 2)}`);
    }
  }

  /** The status, the content type and a ProblemDetails body with the same status. */
  function expectProblem(response: Response, status: number) {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expectConforms("ProblemDetails", response.body);
    expect(response.body.status).toBe(status);
  }

  return { expectConforms, expectProblem };
}

export const { expectConforms, expectProblem } = conformanceAssertions(createSpecValidator());

export function expectStatus(response: Response, status: number) {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
}
