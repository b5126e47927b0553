/**
 * Where notifications may be sent. Loopback, link-local, unspecified and cloud metadata addresses are refused unless
 * MEP_CALLBACK_ALLOWLIST names them; when the allow-list is not empty, only what it names is allowed.
 * Checked when a subscription is created and again, on the resolved addresses, before each delivery.
 */
import { lookup } from "dns/promises";
import { BlockList, isIP } from "net";

const forbidden = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["127.0.0.0", 8], ["169.254.0.0", 16], ["100.100.100.200", 32]] as const) {
  forbidden.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fe80::", 10], ["fd00:ec2::254", 128]] as const) forbidden.addSubnet(net, prefix, "ipv6");
for (const net of ["ff00::"]) forbidden.addSubnet(net, 8, "ipv6");
forbidden.addSubnet("224.0.0.0", 4, "ipv4");

export class CallbackPolicy {
  private readonly cidrs = new BlockList();
  private readonly hosts = new Set<string>();
  private readonly restrictive: boolean;

  constructor(
    allowlist: readonly string[],
    private readonly resolve: (host: string) => Promise<{ address: string }[]> = (host) => lookup(host, { all: true }),
  ) {
    for (const entry of allowlist) {
      const [address, prefix] = entry.split("/");
      const family = isIP(address);
      if (family) {
        this.cidrs.addSubnet(address, prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix), family === 4 ? "ipv4" : "ipv6");
      } else {
        this.hosts.add(entry.toLowerCase());
      }
    }
    this.restrictive = allowlist.length > 0;
  }

  private addressAllowed(ip: string, hostListed: boolean): boolean {
    const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
    const address = mapped ? mapped[1] : ip;
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (hostListed || this.cidrs.check(address, type)) return true;
    return !this.restrictive && !forbidden.check(address, type);
  }

  /** Returns why a callback URI is refused, or undefined when it is acceptable (no DNS lookup). */
  refusal(uri: string): string | undefined {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return "callbackReference is not an absolute URI";
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return "callbackReference must use http or https";
    if (url.username || url.password) return "callbackReference must not carry credentials";
    const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    const listed = this.hosts.has(host);
    if (isIP(host)) return this.addressAllowed(host, listed) ? undefined : `callbackReference address ${host} is not allowed`;
    if (listed) return undefined;
    if (host === "localhost" || host.endsWith(".localhost")) return "callbackReference must not target localhost";
    return this.restrictive ? `callbackReference host ${host} is not in MEP_CALLBACK_ALLOWLIST` : undefined;
  }

  /** Like refusal(), and also checks every address the host name resolves to (against DNS rebinding). */
  async refusalAfterResolving(uri: string): Promise<string | undefined> {
    const reason = this.refusal(uri);
    if (reason) return reason;
    const host = new URL(uri).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (isIP(host)) return undefined;
    const listed = this.hosts.has(host);
    const addresses = await this.resolve(host);
    const bad = addresses.find((a) => !this.addressAllowed(a.address, listed));
    return bad ? `callbackReference host ${host} resolves to ${bad.address}, which is not allowed` : undefined;
  }
}
