/**
 * The few S3 calls backups need (bucket create, put, get, list, delete), path-style, signed with AWS Signature
 * Version 4 by hand: no SDK in the image, and the canonical request (sorted, strictly encoded query; payload hash
 * signed) is built here rather than left to a tool whose canonicalization varies by version (curl 7.88's
 * --aws-sigv4 neither sorts nor encodes the query, so a signed listing with `prefix=a/` is refused).
 */
import { createHash, createHmac } from "crypto";

export interface S3Settings {
  /** Base URL of the S3 API, e.g. http://swift.example.net:8080 (path-style requests go below it). */
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export class S3Error extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters (and '/' in paths) escaped. */
function encode(s: string, keepSlash = false): string {
  const encoded = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}

export class S3Client {
  private readonly base: URL;

  constructor(private readonly settings: S3Settings) {
    this.base = new URL(settings.endpoint);
  }

  /** Creates the bucket unless the caller already has it. */
  async ensureBucket(bucket: string): Promise<void> {
    const head = await this.request("HEAD", bucket);
    if (head.status === 200) return;
    if (head.status !== 404) throw await this.error(head, `HEAD bucket ${bucket}`);
    const put = await this.request("PUT", bucket);
    if (!put.ok && put.status !== 409) throw await this.error(put, `create bucket ${bucket}`);
  }

  /** Deletes an empty bucket (404 counts as done). */
  async deleteBucket(bucket: string): Promise<void> {
    const res = await this.request("DELETE", bucket);
    if (!res.ok && res.status !== 404) throw await this.error(res, `DELETE bucket ${bucket}`);
  }

  async putObject(bucket: string, key: string, body: Buffer, contentType = "application/octet-stream"): Promise<void> {
    const res = await this.request("PUT", `${bucket}/${key}`, {}, body, { "content-type": contentType });
    if (!res.ok) throw await this.error(res, `PUT ${bucket}/${key}`);
  }

  async getObject(bucket: string, key: string): Promise<Buffer> {
    const res = await this.request("GET", `${bucket}/${key}`);
    if (!res.ok) throw await this.error(res, `GET ${bucket}/${key}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const res = await this.request("DELETE", `${bucket}/${key}`);
    if (!res.ok && res.status !== 404) throw await this.error(res, `DELETE ${bucket}/${key}`);
  }

  /** Every key under the prefix (ListObjectsV2, following continuation tokens). */
  async listKeys(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const query: Record<string, string> = { "list-type": "2", prefix };
      if (token) query["continuation-token"] = token;
      const res = await this.request("GET", bucket, query);
      if (!res.ok) throw await this.error(res, `list ${bucket}/${prefix}`);
      const xml = await res.text();
      keys.push(...[...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1])));
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? unescapeXml(/<NextContinuationToken>([^<]*)</.exec(xml)?.[1] ?? "") : undefined;
    } while (token);
    return keys;
  }

  private async request(method: string, path: string, query: Record<string, string> = {}, body?: Buffer, headers: Record<string, string> = {}): Promise<Response> {
    const { region, accessKeyId, secretAccessKey } = this.settings;
    const basePath = this.base.pathname.replace(/\/+$/, "");
    const canonicalUri = `${basePath}/${encode(path, true)}`;
    const canonicalQuery = Object.keys(query).sort().map((k) => `${encode(k)}=${encode(query[k])}`).join("&");
    const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    const payloadHash = sha256Hex(body ?? "");
    const sent: Record<string, string> = { ...headers, "x-amz-content-sha256": payloadHash, "x-amz-date": amzDate };
    // fetch sets Host itself, from the URL; it is signed all the same.
    const signed: Record<string, string> = { ...sent, host: this.base.host };
    const names = Object.keys(signed).sort();
    const canonicalHeaders = names.map((n) => `${n}:${signed[n].trim()}\n`).join("");
    const canonicalRequest = [method, canonicalUri, canonicalQuery, canonicalHeaders, names.join(";"), payloadHash].join("\n");
    const scope = `${day}/${region}/s3/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), "s3"), "aws4_request");
    const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
    const url = `${this.base.origin}${canonicalUri}${canonicalQuery ? `?${canonicalQuery}` : ""}`;
    return fetch(url, {
      method,
      body,
      headers: {
        ...sent,
        authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
      },
      signal: AbortSignal.timeout(60_000),
    });
  }

  private async error(res: Response, what: string): Promise<S3Error> {
    const text = await res.text().catch(() => "");
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP ${res.status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    return new S3Error(res.status, code, `S3 ${what} failed: ${res.status} ${code}${message ? ` (${unescapeXml(message)})` : ""}`);
  }
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
