/**
 * One HTTP/1.1 exchange with node:http, sending exactly the headers given (fetch adds and normalizes its own) and
 * reporting the response header names exactly as they came over the wire.
 */
import { request } from "http";

export interface RawResponse {
  status: number;
  /** Header names as the server spelled them, in order. */
  headerNames: string[];
  /** Header values by name as spelled on the wire. */
  headers: Record<string, string>;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, setHost: true }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => {
        const headerNames = res.rawHeaders.filter((_v, i) => i % 2 === 0);
        const byName = Object.fromEntries(headerNames.map((name, i) => [name, res.rawHeaders[2 * i + 1]]));
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode!, headerNames, headers: byName, text, body: parsed });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
