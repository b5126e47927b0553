/** POSTs a JSON notification with node:http(s) and keep-alive agents (much cheaper per request than fetch). */
import { Agent as HttpAgent, request as httpRequest } from "http";
import { Agent as HttpsAgent, request as httpsRequest } from "https";
import type { LookupAddress, LookupOptions } from "dns";
import type { LookupFunction } from "net";
import type { CheckedAddress } from "./callback-policy";

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

/**
 * A `lookup` for net.connect that answers with the address the callback policy checked, so the connection goes
 * where the check said (no second DNS resolution an attacker could answer differently). The URL keeps its host
 * name: the Host header, TLS SNI and the certificate check still use it.
 */
function pinnedLookup({ address, family }: CheckedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as LookupOptions).all) (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * Resolves with the receiver's status code; rejects on network errors and on timeout. Redirects are not followed.
 * A new connection goes to `connectTo`; a kept-alive one was made to an address checked when it was opened.
 */
export function postJson(uri: string, body: string, timeoutMs: number, connectTo: CheckedAddress): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(uri);
    const secure = url.protocol === "https:";
    const req = (secure ? httpsRequest : httpRequest)(url, {
      method: "POST",
      agent: secure ? httpsAgent : httpAgent,
      lookup: pinnedLookup(connectTo),
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      timeout: timeoutMs,
    }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
