// Credentials from Docker's config.json: `auths`, `credsStore` and `credHelpers`. Held in memory
// only, looked up per host, never logged or cached.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credential {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token (`identitytoken`), exchanged at the token endpoint. */
  identityToken?: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

function keysFor(host: string): string[] {
  if (host === 'registry-1.docker.io' || host === 'docker.io' || host === 'index.docker.io') return HUB_KEYS;
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

export class CredentialStore {
  private config: Promise<DockerConfig> | null = null;
  private readonly cache = new Map<string, Promise<Credential | null>>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private load(): Promise<DockerConfig> {
    this.config ??= (async () => {
      const dir = this.env.DOCKER_CONFIG ?? join(this.env.HOME ?? homedir(), '.docker');
      try {
        return JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as DockerConfig;
      } catch {
        return {};
      }
    })();
    return this.config;
  }

  get(host: string): Promise<Credential | null> {
    let hit = this.cache.get(host);
    if (!hit) {
      hit = this.lookup(host);
      this.cache.set(host, hit);
    }
    return hit;
  }

  private async lookup(host: string): Promise<Credential | null> {
    const cfg = await this.load();
    const keys = keysFor(host);
    const helper = keys.map((k) => cfg.credHelpers?.[k]).find(Boolean) ?? cfg.credsStore;
    if (helper) {
      const fromHelper = await runHelper(helper, keys[0]!, this.env);
      if (fromHelper) return fromHelper;
    }
    for (const k of keys) {
      const a = cfg.auths?.[k];
      if (!a) continue;
      if (a.identitytoken) return { identityToken: a.identitytoken, ...(a.username ? { username: a.username } : {}) };
      if (a.auth) {
        const decoded = Buffer.from(a.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
      }
      if (a.username && a.password) return { username: a.username, password: a.password };
    }
    return null;
  }
}

function runHelper(name: string, serverUrl: string, env: NodeJS.ProcessEnv): Promise<Credential | null> {
  return new Promise((resolve) => {
    const child = execFile(`docker-credential-${name}`, ['get'], { env, timeout: 10_000 }, (err, stdout) => {
      if (err) return resolve(null);
      try {
        const r = JSON.parse(stdout) as { Username?: string; Secret?: string };
        if (!r.Secret) return resolve(null);
        resolve(r.Username === '<token>' ? { identityToken: r.Secret } : { username: r.Username ?? '', password: r.Secret });
      } catch {
        resolve(null);
      }
    });
    child.stdin?.end(serverUrl);
  });
}
