// Answers WWW-Authenticate challenges: Bearer tokens (anonymous or with credentials, one request per
// scope, reused until they expire) and Basic. Tokens live in memory only.
import { isLoopback } from './hosts.js';
import { RegistryError } from './errors.js';
import type { Credential, CredentialStore } from './credentials.js';
import { BODY_LIMITS, readBody, type Http } from './http.js';

interface Challenge {
  scheme: 'bearer' | 'basic';
  params: Record<string, string>;
}

export function parseChallenge(header: string): Challenge | null {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'bearer' && scheme !== 'basic') return null;
  const params: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let p = re.exec(m[2]!); p; p = re.exec(m[2]!)) params[p[1]!.toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  return { scheme, params };
}

interface Token {
  value: string;
  expires: number;
}

const HUB_AUTH_HOSTS = new Set(['auth.docker.io']);
const HUB_HOSTS = new Set(['registry-1.docker.io', 'index.docker.io', 'docker.io']);

export class Authorizer {
  private readonly tokens = new Map<string, Promise<Token>>();
  /** What each host asked for last time, so later requests send credentials up front. */
  private readonly schemes = new Map<string, Challenge>();
  tokenRequests = 0;

  /**
   * `plainAllowed(url)`: whether credentials may go to this plain-HTTP URL (loopback, or a host the
   * config marks insecure). Elsewhere they go over HTTPS only, whatever a realm says.
   */
  constructor(private readonly http: Http, private readonly credentials: CredentialStore, private readonly plainAllowed: (url: string) => boolean = isLoopbackUrl) {}

  /** The Authorization header to send to `host` for `scope`, if its challenge is known. */
  async header(host: string, scope: string): Promise<string | undefined> {
    const challenge = this.schemes.get(host);
    if (!challenge) return undefined;
    return this.answer(host, scope, challenge);
  }

  /** Learns a 401's challenge and returns the header to retry with; throws `denied` when there is none. */
  async challenge(host: string, scope: string, header: string | null, previous: string | undefined): Promise<string> {
    const challenge = header ? parseChallenge(header) : null;
    if (!challenge) throw new RegistryError('denied', `${host} refused the request (HTTP 401) without a usable challenge`, 401);
    this.schemes.set(host, challenge);
    if (previous?.startsWith('Bearer ')) {
      // The token we sent was refused: forget it, unless a concurrent request already replaced it.
      const key = tokenKey(challenge, scope);
      const held = this.tokens.get(key);
      if (held && (await held.catch(() => null))?.value === previous.slice('Bearer '.length) && this.tokens.get(key) === held) this.tokens.delete(key);
    }
    const next = await this.answer(host, scope, challenge);
    if (next === previous) throw new RegistryError('denied', `${host} denied access to ${scope.split(':')[1] ?? scope} (check credentials)`, 401);
    return next;
  }

  private async answer(host: string, scope: string, challenge: Challenge): Promise<string> {
    if (challenge.scheme === 'basic') {
      const cred = await this.credentials.get(host);
      if (!cred?.username || cred.password === undefined) throw new RegistryError('denied', `${host} needs credentials (Basic) and none are configured for it`, 401);
      return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    }
    const key = tokenKey(challenge, scope);
    let pending = this.tokens.get(key);
    if (pending) {
      const t = await pending.catch(() => null);
      if (t && t.expires > Date.now()) return `Bearer ${t.value}`;
      if (this.tokens.get(key) === pending) this.tokens.delete(key);
    }
    pending = this.tokens.get(key);
    if (!pending) {
      pending = this.fetchToken(host, challenge, scope);
      this.tokens.set(key, pending);
      pending.catch(() => this.tokens.delete(key));
    }
    return `Bearer ${(await pending).value}`;
  }

  private async fetchToken(host: string, challenge: Challenge, scope: string): Promise<Token> {
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError('protocol', `${host} sent a Bearer challenge without a realm`);
    const realmUrl = new URL(realm);
    const cred = await this.credentialsForRealm(host, realmUrl.host);
    // A realm on plain HTTP (even on the registry's own host) never gets credentials.
    if (cred && realmUrl.protocol !== 'https:' && !this.plainAllowed(realmUrl.origin)) {
      throw new RegistryError('insecure', `the token service for ${host} is plain HTTP (${realmUrl.origin}): credentials are not sent over it`);
    }
    const service = challenge.params.service;
    const started = Date.now();
    this.tokenRequests++;
    let res: Response;
    if (cred?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: cred.identityToken, client_id: 'plinth', scope, ...(service ? { service } : {}) });
      res = await this.http.send({ method: 'POST', url: realm, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    } else {
      const url = new URL(realm);
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const authorization = cred?.username && cred.password !== undefined ? `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}` : undefined;
      res = await this.http.send({ method: 'GET', url: url.toString(), ...(authorization ? { authorization } : {}) });
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel().catch(() => {});
      throw new RegistryError('denied', `the token service for ${host} refused the credentials (HTTP ${res.status})`, res.status);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new RegistryError('protocol', `the token service for ${host} answered HTTP ${res.status}`, res.status);
    }
    const raw = await readBody(res, `the token from ${host}`, BODY_LIMITS.small);
    let body: { token?: string; access_token?: string; expires_in?: number; issued_at?: string } = {};
    try {
      body = JSON.parse(new TextDecoder().decode(raw)) as typeof body;
    } catch {
      // No JSON: no token, said below.
    }
    const value = body.token ?? body.access_token;
    if (!value) throw new RegistryError('protocol', `the token service for ${host} returned no token`);
    const issued = body.issued_at ? Date.parse(body.issued_at) : started;
    const lifetime = (body.expires_in && body.expires_in > 0 ? body.expires_in : 60) * 1000;
    // Renew a little early so a token never expires in flight.
    return { value, expires: (Number.isFinite(issued) ? issued : started) + lifetime - 5_000 };
  }

  /** A realm on the registry's own host (or Docker Hub's known auth host) gets the registry's credentials; any other realm only its own. */
  private async credentialsForRealm(registryHost: string, realmHost: string): Promise<Credential | null> {
    if (realmHost === registryHost || (HUB_AUTH_HOSTS.has(realmHost) && HUB_HOSTS.has(registryHost))) return this.credentials.get(registryHost);
    return this.credentials.get(realmHost);
  }
}

function tokenKey(c: Challenge, scope: string): string {
  return `${c.params.realm ?? ''}|${c.params.service ?? ''}|${scope}`;
}

function isLoopbackUrl(url: string): boolean {
  return isLoopback(new URL(url).host);
}
