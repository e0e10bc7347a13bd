// A real OCI registry for tests: Debian's docker-registry on 127.0.0.1 (open, htpasswd Basic, or
// Bearer tokens from a small token service here), and skopeo's view of it. Re-exports the
// fault-injecting proxy (fault-proxy.ts) and the image builder (image-push.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, createSign, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

/** Why registry tests cannot run here, or false when they can. */
export const registryMissing: string | false = (() => {
  if (spawnSync('sh', ['-c', `test -x ${REGISTRY_BIN}`]).status !== 0) return 'docker-registry is not installed (apt-get install docker-registry)';
  return false;
})();
export const skopeoMissing: string | false = spawnSync('sh', ['-c', 'command -v skopeo']).status === 0 ? false : 'skopeo is not installed (apt-get install skopeo)';

export const USER = 'plinth';
export const PASSWORD = 'secret-pw';
/** The OAuth2 refresh token (config.json `identitytoken`) the test token service accepts. */
export const IDENTITY_TOKEN = 'plinth-identity-token';

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  auth: 'none' | 'basic' | 'token';
  /** skopeo flags to read from it: `--tls-verify=false` and credentials when needed. */
  skopeoAuth: string[];
  /** Token requests the token service answered (token auth only). */
  tokenRequests(): number;
  /** How each token request authenticated, in order (token auth only). */
  tokenGrants(): ('anonymous' | 'basic' | 'refresh')[];
  /** `127.0.0.1:PORT` of the token service (token auth only): another host than the registry. */
  tokenRealmHost?: string;
  /** Writes a Docker config.json with this registry's credentials into `dir`. */
  writeDockerConfig(dir: string): Promise<void>;
  /** An Authorization header with push rights (for the image builder). */
  pushAuthorization(repository: string): string | undefined;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface RegistryStartOptions {
  auth?: 'none' | 'basic' | 'token';
  /** The `expires_in` the token service reports (default 300 s); the JWTs stay valid 300 s regardless. */
  tokenExpiresIn?: number;
  /** The token service answers with `access_token` only (as OAuth2 servers do), not `token`. */
  accessTokenOnly?: boolean;
}

export async function startRegistry(options: RegistryStartOptions = {}): Promise<TestRegistry> {
  if (registryMissing) throw new Error(registryMissing);
  const auth = options.auth ?? 'none';
  const dir = await mkdtemp(join(tmpdir(), 'plinth-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  let authYaml = '';
  let tokens: TokenService | null = null;
  if (auth === 'basic') {
    const r = spawnSync('htpasswd', ['-Bbn', USER, PASSWORD], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`htpasswd failed (apt-get install apache2-utils): ${r.stderr}`);
    await writeFile(join(dir, 'htpasswd'), r.stdout);
    authYaml = `auth:\n  htpasswd:\n    realm: plinth-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth === 'token') {
    tokens = await startTokenService(dir, options);
    authYaml = `auth:\n  token:\n    realm: ${tokens.url}/token\n    service: plinth-registry\n    issuer: plinth-test-issuer\n    rootcertbundle: ${tokens.certPath}\n`;
  }
  const config = `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(dir, 'data')}
  delete:
    enabled: true
http:
  addr: ${host}
${authYaml}`;
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  await waitUntilUp(`http://${host}/v2/`, child, () => stderr);
  const reg: TestRegistry = {
    host,
    url: `http://${host}`,
    auth,
    skopeoAuth: ['--tls-verify=false', ...(auth === 'none' ? [] : ['--creds', `${USER}:${PASSWORD}`])],
    tokenRequests: () => tokens?.count() ?? 0,
    tokenGrants: () => tokens?.grants() ?? [],
    ...(tokens ? { tokenRealmHost: new URL(tokens.url).host } : {}),
    writeDockerConfig: async (configDir) => {
      const b64 = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: b64 } } }));
    },
    pushAuthorization: (repository) => {
      if (auth === 'basic') return `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      if (auth === 'token') return `Bearer ${tokens!.mint(repository, ['pull', 'push'])}`;
      return undefined;
    },
    stop: async () => {
      await stopChild(child);
      await tokens?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return reg;
}

async function waitUntilUp(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr().trim().split('\n').pop()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not start: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((r) => {
    child.once('exit', () => r());
    // No graceful drain: tests hold keep-alive connections that would keep it waiting.
    child.kill('SIGKILL');
  });
}

interface TokenService {
  url: string;
  certPath: string;
  count(): number;
  grants(): ('anonymous' | 'basic' | 'refresh')[];
  mint(repository: string, actions: string[]): string;
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Docker's token protocol: GET /token?service=&scope= with Basic credentials; JWTs signed with a key the registry trusts via x5c. */
async function startTokenService(dir: string, options: RegistryStartOptions): Promise<TokenService> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=plinth-token'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  const key = await readFile(keyPath, 'utf8');
  const der = Buffer.from((await readFile(certPath, 'utf8')).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  let count = 0;
  const mint = (repository: string, actions: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] };
    const claims = {
      iss: 'plinth-test-issuer', sub: USER, aud: 'plinth-registry', exp: now + 300, nbf: now - 10, iat: now,
      jti: randomBytes(8).toString('hex'), access: repository ? [{ type: 'repository', name: repository, actions }] : [],
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(key))}`;
  };
  const grants: ('anonymous' | 'basic' | 'refresh')[] = [];
  const answer = (res: ServerResponse, scope: string, authenticated: boolean) => {
    // Anyone may pull, except repositories under private/, which need credentials.
    const [, name = ''] = /^repository:([^:]+):/.exec(scope) ?? [];
    const actions = authenticated ? ['pull', 'push'] : name.startsWith('private/') ? [] : ['pull'];
    const token = mint(actions.length ? name : '', actions);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...(options.accessTokenOnly ? {} : { token }), access_token: token, expires_in: options.tokenExpiresIn ?? 300, issued_at: new Date().toISOString() }));
  };
  const server = createServer((req, res) => {
    count++;
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST') {
      // OAuth2 refresh-token grant, as Docker Hub accepts for an `identitytoken`.
      let body = '';
      req.on('data', (c) => (body += String(c)));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        grants.push('refresh');
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== IDENTITY_TOKEN) {
          res.writeHead(401).end();
          return;
        }
        answer(res, form.get('scope') ?? '', true);
      });
      return;
    }
    const authz = req.headers.authorization ?? '';
    grants.push(authz ? 'basic' : 'anonymous');
    if (authz && authz !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
      res.writeHead(401).end();
      return;
    }
    answer(res, url.searchParams.get('scope') ?? '', authz !== '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    certPath,
    count: () => count,
    grants: () => [...grants],
    mint,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// The proxy and the image builder live in their own files; this module is the one entry point.
export * from './fault-proxy.js';
export * from './image-push.js';

const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Runs a command without blocking the event loop (the token service answers from this process). */
export function run(cmd: string, args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c) => (err += String(c)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** `skopeo inspect --raw` of a reference on a test registry, hashed: the digest skopeo sees. */
export async function skopeoRawDigest(reg: TestRegistry, reference: string): Promise<string> {
  const r = await run('skopeo', ['inspect', '--raw', ...reg.skopeoAuth, `docker://${reg.host}/${reference}`]);
  if (r.code !== 0) throw new Error(`skopeo inspect --raw ${reference}: ${r.stderr}`);
  return digestOf(r.stdout);
}

/** `skopeo inspect` JSON (platform-resolved) of a reference on a test registry. */
export async function skopeoInspect(reg: TestRegistry, reference: string, platform = 'linux/amd64'): Promise<{ Digest: string; Layers: string[] }> {
  const [os, arch] = platform.split('/');
  const r = await run('skopeo', ['inspect', '--override-os', os!, '--override-arch', arch!, ...reg.skopeoAuth, `docker://${reg.host}/${reference}`]);
  if (r.code !== 0) throw new Error(`skopeo inspect ${reference}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString('utf8')) as { Digest: string; Layers: string[] };
}
