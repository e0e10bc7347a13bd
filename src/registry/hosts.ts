// Where to send a registry's requests: the API host, mirrors first (as containerd's hosts.toml), and
// whether plain HTTP is allowed (loopback or hosts marked insecure only).
import type { RegistryHost } from '../config/types.js';

export interface Endpoint {
  /** Base URL without trailing slash: `https://registry-1.docker.io`. */
  base: string;
  /** The registry this endpoint serves (credentials are looked up for this host). */
  host: string;
  mirror: boolean;
}

const HUB_API = 'registry-1.docker.io';

export function apiHost(registry: string): string {
  return registry === 'docker.io' ? HUB_API : registry;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** A mirror as configured: a URL, or a bare `host:port` (HTTPS, or HTTP for loopback and insecure hosts). */
export function mirrorUrl(mirror: string, insecure = false): URL {
  if (mirror.includes('://')) return new URL(mirror);
  const host = mirror.replace(/\/+$/, '');
  return new URL(`${insecure || isLoopback(host) ? 'http' : 'https'}://${host}`);
}

export function endpointsFor(registry: string, hosts: Record<string, RegistryHost>): Endpoint[] {
  const out: Endpoint[] = [];
  const config = hosts[registry];
  for (const m of config?.mirrors ?? []) {
    const url = mirrorUrl(m, config?.insecure);
    out.push({ base: `${url.protocol}//${url.host}`, host: url.host, mirror: true });
  }
  const host = apiHost(registry);
  const plain = isLoopback(host) || config?.insecure === true;
  out.push({ base: `${plain ? 'http' : 'https'}://${host}`, host, mirror: false });
  return out;
}

/** Plain HTTP is allowed for loopback hosts and for hosts the config marks insecure. */
export function httpAllowed(base: string, hosts: Record<string, RegistryHost>): boolean {
  const url = new URL(base);
  if (url.protocol === 'https:') return true;
  if (isLoopback(url.host)) return true;
  return Object.entries(hosts).some(([name, h]) => (h.insecure && (name === url.host || apiHost(name) === url.host)) || h.mirrors.some((m) => mirrorUrl(m, h.insecure).host === url.host && h.insecure));
}

/** `docker.io=http://127.0.0.1:5000` (a `--registry-mirror` value) -> registry and mirror URL. */
export function parseRegistryMirror(text: string): { registry: string; url: string } {
  const eq = text.indexOf('=');
  const registry = eq > 0 ? text.slice(0, eq).trim() : '';
  const url = eq > 0 ? text.slice(eq + 1).trim().replace(/\/+$/, '') : '';
  if (!registry || !url) throw new Error(`--registry-mirror wants REGISTRY=URL, got '${text}'`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--registry-mirror: '${url}' is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`--registry-mirror: '${url}' is not an http(s) URL`);
  return { registry: registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'docker.io' : registry, url };
}

/** Several `--registry-mirror` values grouped by registry, in the order given. */
export function parseRegistryMirrors(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const { registry, url } = parseRegistryMirror(v);
    (out[registry] ??= []).push(url);
  }
  return out;
}
