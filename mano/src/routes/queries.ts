/** Query parameters of the list resources (MEC 009 clauses 6.18, 6.19): attribute-based filtering, all fields. */
import { attributeFilter } from "../domain/attribute-filter";

/** `filter`, and `all_fields` (every representation is complete here, so it changes nothing). Others are 400. */
export const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: { filter: { type: "string" }, all_fields: { type: "string" } },
};

export function filtered<T>(representations: readonly T[], query: unknown): T[] {
  return representations.filter(attributeFilter((query as { filter?: string }).filter));
}

export const idParam = (name: string) => ({
  type: "object",
  required: [name],
  properties: { [name]: { type: "string", minLength: 1 } },
});
