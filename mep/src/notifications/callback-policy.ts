/**
 * Where notifications may be sent. Loopback, link-local, unspecified, multicast and cloud metadata addresses, and
 * the cluster's pod and service ranges (MEP_CLUSTER_CIDRS: the platform's own neighbours, such as the Kubernetes
 * API, DNS and the database), are refused unless MEP_CALLBACK_ALLOWLIST names them; when the allow-list names
 * anything outside the cluster, only what it names is allowed. An entry starting with "." names every host under it
 * (".sample-echo.svc": the Services of an app's namespace); entries naming cluster-internal hosts only let those in,
 * and leave the rest of the policy as it is (how the platform admits its in-cluster apps, and nothing else there). Checked when a subscription is created and again before each delivery on
 * the addresses the host name resolves to; the delivery then connects to the address that was checked.
 */
import { lookup } from "dns/promises";
import { BlockList, isIP } from "net";

const ALWAYS_REFUSED: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8], ["127.0.0.0", 8], ["169.254.0.0", 16], ["100.100.100.200", 32], ["224.0.0.0", 4],
  ["::", 128], ["::1", 128], ["fe80::", 10], ["fd00:ec2::254", 128], ["ff00::", 8],
];

/** k3s' default pod and service ranges, which K8sClusterVnf also defaults to. */
export const DEFAULT_CLUSTER_CIDRS: readonly string[] = ["10.42.0.0/16", "10.43.0.0/16"];

/** Host names that only the cluster's DNS answers, with addresses in its ranges. */
const CLUSTER_NAME = /(^|\.)(svc|cluster\.local)$/;

/** An address with an optional prefix length (a lone address is its own /32 or /128), or undefined when it is not one. */
export function parseCidr(text: string): { address: string; prefix: number; type: "ipv4" | "ipv6" } | undefined {
  const [address, prefix, extra] = text.split("/");
  const family = isIP(address);
  const maxPrefix = family === 4 ? 32 : 128;
  if (!family || extra !== undefined || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix))) return undefined;
  return { address, prefix: prefix === undefined ? maxPrefix : Number(prefix), type: family === 4 ? "ipv4" : "ipv6" };
}

function addCidr(list: BlockList, text: string) {
  const cidr = parseCidr(text);
  if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.type);
  return cidr !== undefined;
}

/** The address a delivery connects to: one the policy checked, so nothing resolves the name again in between. */
export interface CheckedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type DeliveryTarget = { readonly refusal: string } | { readonly refusal?: undefined; readonly connectTo: CheckedAddress };

export class CallbackPolicy {
  private readonly cidrs = new BlockList();
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly restrictive: boolean;
  private readonly refusedByDefault = new BlockList();
  private readonly cluster = new BlockList();

  constructor(
    allowlist: readonly string[],
    clusterCidrs: readonly string[] = DEFAULT_CLUSTER_CIDRS,
    private readonly resolve: (host: string) => Promise<{ address: string; family: number }[]> = (host) => lookup(host, { all: true }),
  ) {
    for (const entry of allowlist) {
      if (addCidr(this.cidrs, entry)) continue;
      if (entry.startsWith(".")) this.suffixes.push(entry.toLowerCase());
      else this.hosts.add(entry.toLowerCase());
    }
    this.restrictive = allowlist.some((entry) => !CLUSTER_NAME.test(entry.toLowerCase()));
    for (const [net, prefix] of ALWAYS_REFUSED) addCidr(this.refusedByDefault, `${net}/${prefix}`);
    for (const cidr of clusterCidrs) addCidr(this.cluster, cidr);
  }

  private listed(host: string): boolean {
    return this.hosts.has(host) || this.suffixes.some((suffix) => host.endsWith(suffix));
  }

  /** Why the address is refused, or undefined. */
  private addressRefusal(ip: string, hostListed: boolean): string | undefined {
    const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
    const address = mapped ? mapped[1] : ip;
    const type = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (hostListed || this.cidrs.check(address, type)) return undefined;
    if (this.restrictive || this.refusedByDefault.check(address, type)) return `${ip}, which is not allowed`;
    if (this.cluster.check(address, type)) return `${ip}, in the cluster's pod or service range (MEP_CLUSTER_CIDRS); list it in MEP_CALLBACK_ALLOWLIST to allow it`;
    return undefined;
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
    const listed = this.listed(host);
    if (isIP(host)) {
      const refused = this.addressRefusal(host, listed);
      return refused && `callbackReference address ${refused}`;
    }
    if (listed) return undefined;
    if (host === "localhost" || host.endsWith(".localhost")) return "callbackReference must not target localhost";
    if (this.restrictive) return `callbackReference host ${host} is not in MEP_CALLBACK_ALLOWLIST`;
    if (CLUSTER_NAME.test(host)) return `callbackReference host ${host} is a cluster-internal name; list it in MEP_CALLBACK_ALLOWLIST to allow it`;
    return undefined;
  }

  /**
   * Like refusal(), and also checks every address the host name resolves to (against DNS rebinding); when all
   * pass, names the one to connect to, so the delivery does not resolve the name a second time.
   */
  async deliveryTarget(uri: string): Promise<DeliveryTarget> {
    const reason = this.refusal(uri);
    if (reason) return { refusal: reason };
    const host = new URL(uri).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    const family = isIP(host);
    if (family) return { connectTo: { address: host, family: family as 4 | 6 } };
    const listed = this.listed(host);
    const addresses = await this.resolve(host);
    if (!addresses.length) return { refusal: `callbackReference host ${host} resolves to no address` };
    for (const { address } of addresses) {
      const refused = this.addressRefusal(address, listed);
      if (refused) return { refusal: `callbackReference host ${host} resolves to ${refused}` };
    }
    return { connectTo: { address: addresses[0].address, family: isIP(addresses[0].address) as 4 | 6 } };
  }
}
