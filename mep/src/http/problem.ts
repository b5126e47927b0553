/** ProblemDetails (ETSI GS MEC 009 clause 6.15, RFC 7807): the body of every Mp1 error. */
import { STATUS_CODES } from "http";

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} does not exist`);
export const badRequest = (detail: string) => new ApiError(400, detail);
export const conflict = (detail: string) => new ApiError(409, detail);
export const forbidden = (detail: string) => new ApiError(403, detail);

/** The longest request path echoed back as `instance` (an over-long URI is not worth repeating). */
const MAX_INSTANCE_LENGTH = 512;

export function problem(status: number, detail: string, url?: string): ProblemDetails {
  const instance = url?.split("?")[0];
  return {
    type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail,
    ...(instance && instance.length <= MAX_INSTANCE_LENGTH ? { instance } : {}),
  };
}
