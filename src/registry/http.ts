// One HTTP exchange with a registry: timeout, retries with backoff on 429/502/503/504 honouring
// Retry-After, a per-host concurrency limit, and redirects followed by hand so that Authorization
// never reaches another host (blob storage).
import { RegistryError } from './errors.js';

export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  /** Longest single wait between retries, and the budget for all waits of one request. */
  maxRetryWaitMs: number;
  retryBudgetMs: number;
  concurrency: number;
  fetch: typeof fetch;
}

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent only to this host; dropped when a redirect leaves it. */
  authorization?: string;
  body?: string;
}

class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);

/** Failures after which a host is not asked again in this run: it is down, not one bad answer. */
const HOST_DOWN = new Set(['unreachable', 'timeout', 'tls', 'rate-limited']);

export class Http {
  private readonly limiters = new Map<string, Limiter>();
  /**
   * Hosts that failed this run, with their error: every later request to them fails at once with
   * it, so an unreachable registry costs one timeout per run, not one per image.
   */
  private readonly down = new Map<string, RegistryError>();
  /** Last `RateLimit-Remaining` each host sent. */
  readonly rateLimitRemaining = new Map<string, string>();

  constructor(private readonly opts: HttpOptions) {}

  /** Sends the request; the caller must consume or cancel the body. The timeout covers `readBody` too when given. */
  async send(req: HttpRequest): Promise<Response> {
    const host = new URL(req.url).host;
    const failed = this.down.get(host);
    if (failed) throw failed;
    try {
      return await this.sendTo(host, req);
    } catch (err) {
      if (err instanceof RegistryError && HOST_DOWN.has(err.reason) && !this.down.has(host)) {
        this.down.set(host, new RegistryError(err.reason, `${err.message} (not asked again in this run)`, err.status));
      }
      throw err;
    }
  }

  private async sendTo(host: string, req: HttpRequest): Promise<Response> {
    let limiter = this.limiters.get(host);
    if (!limiter) this.limiters.set(host, (limiter = new Limiter(this.opts.concurrency)));
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const res = await limiter.run(() => this.once(req));
      const remaining = res.headers.get('ratelimit-remaining');
      if (remaining) this.rateLimitRemaining.set(host, remaining);
      if (!RETRY_STATUS.has(res.status)) return res;
      const wait = retryWait(res, attempt, this.opts.maxRetryWaitMs);
      await res.body?.cancel().catch(() => {});
      if (attempt >= this.opts.retries || waited + wait > this.opts.retryBudgetMs) {
        if (res.status === 429) throw new RegistryError('rate-limited', `${host} rate limited the request (HTTP 429)${remaining ? `, RateLimit-Remaining ${remaining}` : ''}; try again later or log in`, 429);
        throw new RegistryError('unreachable', `${host} answered HTTP ${res.status} after ${attempt + 1} attempts`, res.status);
      }
      waited += wait;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async once(req: HttpRequest): Promise<Response> {
    let url = req.url;
    const origin = new URL(url);
    // Once a redirect has left the origin host, or gone from HTTPS to plain HTTP, credentials stay
    // behind, even if a later hop comes back.
    let left = false;
    for (let hop = 0; hop < 6; hop++) {
      const at = new URL(url);
      left ||= at.host !== origin.host || (origin.protocol === 'https:' && at.protocol !== 'https:');
      const headers: Record<string, string> = { 'user-agent': 'plinth', ...req.headers };
      if (req.authorization && !left) headers.authorization = req.authorization;
      const res = await this.fetchWithTimeout(url, { method: req.method, headers, redirect: 'manual', ...(req.body !== undefined ? { body: req.body } : {}) });
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel().catch(() => {});
        url = new URL(res.headers.get('location')!, url).toString();
        continue;
      }
      return res;
    }
    throw new RegistryError('protocol', `too many redirects from ${req.url}`);
  }

  private async fetchWithTimeout(url: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      const res = await this.opts.fetch(url, { ...init, signal: controller.signal });
      // Keep the timer for the body: a response that stalls mid-body (no bytes for timeoutMs) is a timeout too.
      return withBodyTimeout(res, timer, controller, this.opts.timeoutMs);
    } catch (err) {
      clearTimeout(timer);
      throw networkError(err, url, this.opts.timeoutMs);
    }
  }
}

/**
 * The slowest a body may arrive once the timeout has passed: a registry that drips a byte now and
 * then never trips an idle timeout, and would hold a CI job for days (a Dockerfile from a pull
 * request names the registry). 16 kB/s still lets a 40 MB layer take 40 minutes.
 */
const MIN_BYTES_PER_MS = 16;

function withBodyTimeout(res: Response, timer: NodeJS.Timeout, controller: AbortController, timeoutMs: number): Response {
  if (!res.body) {
    clearTimeout(timer);
    return res;
  }
  const reader = res.body.getReader();
  const started = Date.now();
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          clearTimeout(timer);
          c.close();
        } else {
          // An idle timeout, not a deadline: a large body arriving steadily is not cut off; one
          // arriving slower than MIN_BYTES_PER_MS after the timeout is.
          received += value.byteLength;
          const elapsed = Date.now() - started;
          if (elapsed > timeoutMs + received / MIN_BYTES_PER_MS) {
            clearTimeout(timer);
            await reader.cancel().catch(() => {});
            c.error(new RegistryError('timeout', `${res.url} sent ${received} bytes in ${(elapsed / 1000).toFixed(0)} s: slower than ${MIN_BYTES_PER_MS} kB/s`));
            return;
          }
          timer.refresh();
          c.enqueue(value);
        }
      } catch (err) {
        clearTimeout(timer);
        c.error(controller.signal.aborted ? new RegistryError('timeout', `timed out reading ${res.url}`) : networkError(err, res.url, 0));
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

function retryWait(res: Response, attempt: number, max: number): number {
  const header = res.headers.get('retry-after');
  if (header) {
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), max);
  }
  return Math.min(200 * 2 ** attempt, max);
}

/** The most of a body read into memory, by kind: manifests and indexes as skopeo allows, small answers less. */
export const BODY_LIMITS = { manifest: 4 * 1024 * 1024, small: 1024 * 1024, config: 16 * 1024 * 1024 } as const;

/**
 * A response body read whole, refusing one that says or turns out to be over `limit` bytes (a
 * registry may answer with gigabytes); what goes wrong is one RegistryError.
 */
export async function readBody(res: Response, what: string, limit: number): Promise<Uint8Array> {
  const declared = res.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    await res.body?.cancel().catch(() => {});
    throw new RegistryError('protocol', `${what}: ${declared} bytes, more than the ${limit} a registry's answer may have`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        await reader.cancel().catch(() => {});
        throw new RegistryError('protocol', `${what}: more than the ${limit} bytes a registry's answer may have`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof RegistryError) throw err;
    throw new RegistryError('unreachable', `${what}: the connection failed while reading the body (${(err as Error).message})`);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  if (declared !== null && Number(declared) !== total) throw new RegistryError('protocol', `${what}: truncated body (${total} of ${declared} bytes)`);
  return bytes;
}

export function networkError(err: unknown, url: string, timeoutMs: number): RegistryError {
  if (err instanceof RegistryError) return err;
  const host = safeHost(url);
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return new RegistryError('timeout', `${host} did not answer within ${timeoutMs} ms`);
  const code = e?.cause?.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code) || /certificate|tls/i.test(e?.cause?.message ?? '')) {
    return new RegistryError('tls', `TLS failure talking to ${host}: ${e.cause?.message ?? code}`);
  }
  return new RegistryError('unreachable', `cannot reach ${host}${code ? ` (${code})` : ''}`);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
