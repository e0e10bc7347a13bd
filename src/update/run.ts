// `plinth update` over many files: plan every image text (as pin does: FROM, COPY --from, RUN --mount
// from=, global ARG defaults), find each repository's tags once (the registry with --online, else the
// shipped official-images data), decide, re-pin what was pinned, then write each file atomically. A
// registry that fails half-way fails the run before any file is written.
import { readDockerfile } from '../util/read-regular.js';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import { listedTags } from '../catalog/tags.js';
import type { UpdateType } from '../catalog/versioning.js';
import { applyEdits, writeFixed, type TextEdit } from '../fix/edits.js';
import { planPins } from '../pin/plan.js';
import { describe } from '../pin/run.js';
import type { PinSkip, PinTarget } from '../pin/types.js';
import { familiarName, formatReference } from '../reference/parse.js';
import type { VulnCounts } from '../vulndb/match.js';
import type { Registry } from '../registry/types.js';
import type { ImageRef } from '../reference/types.js';
import { WriteRefused } from '../util/atomic.js';
import { officialImageName } from '../catalog/lookup.js';
import { allowedBy, decideTag, type Allowed, type DecideOptions } from './decide.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { argTagTargets, argValueFor, type ArgTagTarget } from './arg-tags.js';

export interface UpdateRunOptions {
  mode: 'write' | 'dry-run' | 'check';
  /** --to and --distro; undefined when not given, so a config rule for the image decides. */
  to?: Allowed;
  distro?: boolean;
  /** `--config FILE`; default: each Dockerfile's own config, found upward. */
  configPath?: string;
  /** `--online --vulns`: an image's vulnerability counts, for the before and after of each update. */
  vulns?: (image: string) => Promise<VulnCounts | null>;
  /** `--online`: an image's compressed size for the platform, from its registry; null when unreadable. */
  sizes?: (image: string) => Promise<number | null>;
  date: string;
  /** --online: tags and digests from the registry. */
  registry?: Registry;
  buildArgs?: Record<string, string>;
  /** Called as each file's updates are decided (the CLI's progress line). */
  onFile?: () => void;
}

export interface Update {
  line: number;
  kind: PinTarget['kind'];
  /** The image text as written, and what it becomes. */
  from: string;
  to: string;
  type: UpdateType | 'digest';
  /** The line was past its end of life: the move leaves it whatever --to allows. */
  eol: { subject: string; date: string } | null;
  /** `--vulns`: both images' totals (critical and high apart); null when one could not be counted. */
  vulnerabilities?: { before: VulnTotals; after: VulnTotals } | null;
  /** `--online`: both images' compressed sizes from the registry, in bytes; null when one could not be read. */
  size?: { before: number; after: number } | null;
}

export interface VulnTotals {
  total: number;
  critical: number;
  high: number;
}

export interface FileUpdate {
  path: string;
  before: string;
  after: string;
  updates: Update[];
  /** Image texts left alone, with why (ARG-built tag, offline pinned line, --distro needed, ...). */
  skipped: PinSkip[];
  error: string | null;
  written: boolean;
}

/** Replaces the tag (and digest) of an image text, keeping the name exactly as the user wrote it. */
export function withTag(text: string, tag: string, digest: string | null): string {
  const at = text.indexOf('@');
  const base = at >= 0 ? text.slice(0, at) : text;
  const slash = base.lastIndexOf('/');
  const colon = base.indexOf(':', slash + 1);
  const name = colon >= 0 ? base.slice(0, colon) : base;
  return `${name}:${tag}${digest ? `@${digest}` : ''}`;
}

/** One measure of both images, asked at once; null when either could not be measured. */
async function beforeAfter<T, U>(measure: (image: string) => Promise<T | null>, from: string, to: string, pick: (x: T) => U): Promise<{ before: U; after: U } | null> {
  const [a, b] = await Promise.all([measure(from), measure(to)]);
  return a !== null && b !== null ? { before: pick(a), after: pick(b) } : null;
}

const totals = (c: VulnCounts): VulnTotals => ({ total: c.total, critical: c.bySeverity.critical, high: c.bySeverity.high });
const same = (n: number): number => n;

/** What updates an image may get: --to/--distro when given, else the config's first matching rule, else minor. */
export function rulesFor(config: Config, ref: ImageRef, options: UpdateRunOptions): DecideOptions {
  const name = familiarName(ref);
  const rule = config.update.find((r) => new RegExp(`^${r.match.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name));
  const allow = options.to !== undefined ? allowedBy(options.to) : rule?.allow ? new Set(rule.allow) : allowedBy('minor');
  return { allow, distro: options.distro ?? rule?.distro ?? false, date: options.date };
}

export async function updateFiles(paths: readonly string[], options: UpdateRunOptions): Promise<FileUpdate[]> {
  const parsed: { path: string; file: ReturnType<typeof parseDockerfile>; targets: PinTarget[]; skipped: PinSkip[]; argTags: ArgTagTarget[]; config: Config }[] = [];
  const out: FileUpdate[] = [];
  for (const path of paths) {
    try {
      const file = parseDockerfile(readDockerfile(path), path);
      const model = buildModel(file, { ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}) });
      const plan = planPins(file, model);
      const argTags = argTagTargets(file, model);
      // What pin leaves because a digest would freeze the ARG, update moves through the ARG.
      const skipped = plan.skipped.filter((s) => !argTags.some((a) => a.line === s.line && a.raw === s.text));
      const config = await loadConfig(path, options.configPath);
      parsed.push({ path, file, targets: plan.targets, skipped, argTags, config });
    } catch (err) {
      out.push({ path, before: '', after: '', updates: [], skipped: [], error: describe(err, path), written: false });
    }
  }
  // Each repository's tags once, for every file.
  const tagLists = new Map<string, Promise<string[] | null>>();
  const tagsOf = (t: PinTarget): Promise<string[] | null> => {
    const key = `${t.ref.registry}/${t.ref.repository}`;
    let p = tagLists.get(key);
    if (!p) {
      const official = officialImageName(t.ref);
      p = options.registry ? options.registry.tags(t.ref) : Promise.resolve(official ? listedTags(official) : null);
      tagLists.set(key, p);
    }
    return p;
  };
  const decided: { file: (typeof parsed)[number]; edits: TextEdit[]; updates: Update[]; skipped: PinSkip[] }[] = [];
  for (const p of parsed) {
    const edits: TextEdit[] = [];
    const updates: Update[] = [];
    const skipped = [...p.skipped];
    const skip = (t: PinTarget, reason: string): void => void skipped.push({ path: p.path, line: t.line, text: t.span.text, reason });
    for (const t of p.targets) {
      if (t.ref.tag === null) {
        skip(t, 'no tag to move (a bare digest)');
        continue;
      }
      const tags = await tagsOf(t);
      if (tags === null) {
        skip(t, `${familiarName(t.ref)} is not an official image with shipped tag data: --online asks its registry`);
        continue;
      }
      const rules = rulesFor(p.config, t.ref, options);
      const d = decideTag(t.ref, tags, rules);
      let tag = d.tag;
      let type: Update['type'] | null = d.type;
      let digest: string | null = null;
      if (t.ref.digest) {
        // A pinned line stays pinned: the new tag's digest, or the same tag's newer one.
        if (!options.registry) {
          if (tag) skip(t, `pinned to a digest: re-pinning ${tag} needs --online`);
          continue;
        }
        const target = tag ?? t.ref.tag;
        digest = (await options.registry.resolve({ ...t.ref, tag: target, digest: null })).digest;
        if (!tag && digest !== t.ref.digest && rules.allow.has('digest')) {
          tag = t.ref.tag;
          type = 'digest';
        }
      }
      if (!tag || !type) {
        if (d.blocked) skip(t, d.blocked);
        continue;
      }
      const text = withTag(t.span.text, tag, digest);
      edits.push({ start: t.span.start, end: t.span.end, text });
      const update: Update = { line: t.line, kind: t.kind, from: t.span.text, to: text, type, eol: d.eol ? { subject: d.eol.subject, date: d.eol.date } : null };
      const [fromImage, toImage] = [formatReference(t.ref), formatReference({ ...t.ref, tag, digest })];
      if (options.vulns) update.vulnerabilities = await beforeAfter(options.vulns, fromImage, toImage, totals);
      if (options.sizes) update.size = await beforeAfter(options.sizes, fromImage, toImage, same);
      updates.push(update);
    }
    // One new value per ARG, agreed by every image that uses it.
    const byArg = new Map<string, ArgTagTarget[]>();
    for (const a of p.argTags) byArg.set(a.arg, [...(byArg.get(a.arg) ?? []), a]);
    for (const [name, uses] of byArg) {
      const first = uses[0]!;
      const leave = (reason: string): void => void skipped.push({ path: p.path, line: first.line, text: first.raw, reason });
      const tags = await tagsOf({ ref: first.ref } as PinTarget);
      if (tags === null) {
        leave(`${familiarName(first.ref)} is not an official image with shipped tag data: --online asks its registry`);
        continue;
      }
      const values = uses.map((u) => {
        const d = decideTag(u.ref, tags, rulesFor(p.config, u.ref, options));
        return { d, value: d.tag ? argValueFor(u, d.tag) : null };
      });
      const value = values[0]!.value;
      if (value === null || values.some((v) => v.value !== value)) {
        const blocked = values.find((v) => v.d.blocked)?.d.blocked;
        if (values.some((v) => v.d.tag)) leave(`ARG ${name} is used by images that would need different values, or the tag's literal part would change`);
        else if (blocked) leave(blocked);
        continue;
      }
      const d = values[0]!.d;
      edits.push({ start: first.span.start, end: first.span.end, text: value });
      const update: Update = { line: first.argLine, kind: 'arg', from: `${name}=${first.span.text}`, to: `${name}=${value}`, type: d.type!, eol: d.eol ? { subject: d.eol.subject, date: d.eol.date } : null };
      if (options.sizes) update.size = await beforeAfter(options.sizes, formatReference(first.ref), formatReference({ ...first.ref, tag: d.tag!, digest: null }), same);
      updates.push(update);
    }
    decided.push({ file: p, edits, updates, skipped });
    options.onFile?.();
  }
  // Everything is decided before anything is written: a registry failing half-way writes nothing.
  for (const { file: p, edits, updates, skipped } of decided) {
    const before = p.file.source;
    const after = applyEdits(before, edits);
    let written = false;
    let error: string | null = null;
    if (options.mode === 'write' && after !== before) {
      try {
        written = (await writeFixed(p.path, before, edits, { bom: p.file.bom })) !== null;
      } catch (err) {
        if (!(err instanceof WriteRefused)) throw err;
        error = err.message;
      }
    }
    out.push({ path: p.path, before, after, updates, skipped, error, written });
  }
  out.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  return out;
}
