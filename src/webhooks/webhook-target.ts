import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may point. An admin types the URL, but the service makes the request from
 * inside the network: without this check a webhook is a way to reach loopback, the cloud
 * metadata address (169.254.169.254) or any private service. Only public unicast addresses
 * are allowed, checked on the addresses the name resolves to (every spelling of an address
 * ends up as the same bytes), unless the operator lists the target in WEBHOOK_ALLOWED_HOSTS.
 */
export interface WebhookTargetPolicy {
  /** Host names (exact, lower case) and CIDR ranges (`10.0.0.0/8`, `127.0.0.1/32`, `fd00::/8`). */
  readonly allowedHosts: readonly string[];
}

export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface CheckedTarget {
  url: URL;
  /** The checked address the connection must go to, so a second DNS answer cannot move it. */
  address: string;
  family: 4 | 6;
}

export class WebhookTargetRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WebhookTargetRefused';
  }
}

const systemResolver: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** A policy entry is a CIDR range, a single address or a host name. */
export function isValidAllowedHost(entry: string): boolean {
  if (entry.includes('/')) return ipaddr.isValidCIDR(entry);
  return ipaddr.isValid(entry) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry);
}

function rangeAllowed(address: ipaddr.IPv4 | ipaddr.IPv6, policy: WebhookTargetPolicy): boolean {
  return policy.allowedHosts.some((entry) => {
    if (!entry.includes('/') && !ipaddr.isValid(entry)) return false;
    const single = entry.includes('/') ? null : ipaddr.parse(entry);
    const [range, bits] = single ? [single, single.kind() === 'ipv4' ? 32 : 128] : ipaddr.parseCIDR(entry);
    return range.kind() === address.kind() && (address as ipaddr.IPv4).match(range as ipaddr.IPv4, bits);
  });
}

/**
 * Resolves the URL's host and refuses it when any of its addresses is not public unicast
 * (an answer mixing a public and a private address is refused too).
 */
export async function checkWebhookTarget(rawUrl: string, policy: WebhookTargetPolicy, resolve: ResolveHost = systemResolver): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new WebhookTargetRefused('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookTargetRefused('must be http or https');
  if (url.username || url.password) throw new WebhookTargetRefused('must not carry a user name or password');
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const hostAllowed = policy.allowedHosts.includes(hostname);
  let answers: Array<{ address: string; family: number }>;
  if (ipaddr.isValid(hostname)) answers = [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
  else {
    try {
      answers = await resolve(hostname);
    } catch {
      throw new WebhookTargetRefused('its host name does not resolve');
    }
  }
  if (answers.length === 0) throw new WebhookTargetRefused('its host name does not resolve');
  for (const answer of answers) {
    // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it is.
    const address = ipaddr.process(answer.address);
    const range = address.range();
    if (range !== 'unicast' && !hostAllowed && !rangeAllowed(address, policy)) {
      throw new WebhookTargetRefused(`points to a ${range} address; an internal target must be listed in WEBHOOK_ALLOWED_HOSTS`);
    }
  }
  const first = ipaddr.process(answers[0].address);
  return { url, address: first.toString(), family: first.kind() === 'ipv4' ? 4 : 6 };
}
