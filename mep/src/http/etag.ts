/** Entity tags derived from a resource's stored version, so every replica computes the same tag. */
import { ApiError } from "./problem";

export const etagOf = (version: number) => `"${version}"`;

/** Throws 412 when an If-Match header is present and does not name the current version. */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (!tags.includes("*") && !tags.includes(etagOf(version))) {
    throw new ApiError(412, `If-Match ${ifMatch} does not match the current entity tag ${etagOf(version)}`);
  }
}
