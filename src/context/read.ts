// readContext: every detector over the build context, plus the Dockerfile's own facts per stage.

import { relative, resolve } from 'node:path';
import type { Dockerfile } from '../dockerfile/types.js';
import { rootStage, stageChain, type BuildModel, type Stage } from '../dockerfile/stage.js';
import { DETECTORS } from './detectors/index.js';
import { stageFacts } from './dockerfile.js';
import { ContextDir } from './files.js';
import { elfLink } from './elf.js';
import type { TextScans } from '../util/text-scans.js';
import type { EcosystemFacts, Evidence, GoFacts, ProjectContext, RustFacts, StageFacts } from './types.js';

/** What the detectors found in a directory, independent of any Dockerfile. */
export interface ContextScan {
  /** The absolute directory scanned. */
  dir: string;
  /** Its listings, for the files the Dockerfile copies in. */
  root: ContextDir;
  ecosystems: EcosystemFacts[];
  warnings: string[];
  /** Sub directories scanned because a Dockerfile copies files from them, by path. */
  subs: Map<string, EcosystemFacts[]>;
}

export function scanContext(dir: string): ContextScan {
  const abs = resolve(dir);
  const root = new ContextDir(abs);
  const warnings: string[] = [];
  const ecosystems = detect(root, warnings);
  return { dir: abs, root, ecosystems, warnings, subs: new Map() };
}

function detect(root: ContextDir, warnings: string[]): EcosystemFacts[] {
  const out: EcosystemFacts[] = [];
  for (const d of DETECTORS) {
    const found = d.detect(root, warnings);
    if (found) out.push(found);
  }
  return out;
}

const MAX_SUBDIRS = 8;

/**
 * The folders below the context root that the stages copy files from (`COPY ./src/email/Gemfile .`,
 * `COPY src/shipping/ /app/`): a monorepo builds each service from the root, and the service's
 * manifests live in its folder. Plain paths only (no variables or URLs), at most eight folders.
 */
function copiedDirs(model: BuildModel): string[] {
  const out: string[] = [];
  for (const s of model.stages) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from')) continue;
      for (const src of ins.args.slice(0, -1)) {
        if (/\$|^[a-z]+:\/\/|^--/i.test(src)) continue;
        const rel = src.replace(/^(\.?\/)+/, '');
        const parts = rel.split('/').filter((p) => p && p !== '.');
        if (parts.includes('..')) continue;
        // `dir/` names the folder; `dir/file` (or a glob in the last part) the folder it is in.
        const folder = (rel.endsWith('/') ? parts : parts.slice(0, -1)).filter((p) => !/[*?[\]]/.test(p));
        const dir = folder.join('/');
        if (dir && !out.includes(dir)) out.push(dir);
        if (out.length >= MAX_SUBDIRS) return out;
      }
    }
  }
  return out;
}

/** A detector's facts with every evidence file named from the context root. */
function underDir<T>(value: T, dir: string, depth = 0): T {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => underDir(v, dir, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = underDir(v, dir, depth + 1);
  if (typeof out.file === 'string' && typeof out.fact === 'string') out.file = `${dir}/${out.file}`;
  return out as T;
}

/** The root's ecosystems, and those of the copied folders that the root has not. */
function withCopiedDirs(scan: ContextScan, model: BuildModel | null): EcosystemFacts[] {
  if (!model) return scan.ecosystems;
  let out = scan.ecosystems;
  for (const dir of copiedDirs(model)) {
    let found = scan.subs.get(dir);
    if (!found) {
      const sub = scan.root.subdir(dir);
      found = sub ? detect(sub, []).map((e) => underDir(e, dir)) : [];
      scan.subs.set(dir, found);
    }
    const fresh = found.filter((e) => !out.some((o) => o.ecosystem === e.ecosystem));
    if (fresh.length) out = [...out, ...fresh];
  }
  return out;
}

/**
 * `scans` lets one lint run read each context directory once, however many Dockerfiles share it
 * (it is per run, so a later run sees changed files).
 */
export function readContext(dir: string, file: Dockerfile | null, model: BuildModel | null, scans?: Map<string, ContextScan>, dockerfileName?: string, texts?: TextScans): ProjectContext {
  // Keyed by the directory as given and as resolved: most lookups then skip path.resolve.
  let scan = scans?.get(dir);
  if (!scan) {
    const abs = resolve(dir);
    scan = scans?.get(abs) ?? scanContext(abs);
    scans?.set(abs, scan);
    scans?.set(dir, scan);
  }
  const abs = scan.dir;
  // `dockerfileName`: the caller knows the Dockerfile's path in the context (lint: its base name).
  const dockerfile = dockerfileName ?? (file ? () => relative(abs, resolve(file.path)) || file.path : 'Dockerfile');
  return new ReadContext(abs, dockerfile, withCopiedDirs(scan, model), [...scan.warnings], model, texts, scan.root);
}

/** Only what the Dockerfile shows (lint without a readable context directory). */
export function dockerfileContext(file: Dockerfile, model: BuildModel): ProjectContext {
  return new ReadContext('', () => file.path.split(/[\\/]/).pop() || 'Dockerfile', [], [], model);
}

/**
 * The stage facts, and the needs drawn from them, are worked out on first use: a lint rule that
 * only asks which ecosystems the context holds (most do) never pays for them.
 */
class ReadContext implements ProjectContext {
  readonly dir: string;
  readonly ecosystems: EcosystemFacts[];
  readonly warnings: string[];
  #model: BuildModel | null;
  /** The name, or how to work it out (path functions cost more than most lint rules). */
  #dockerfile: string | (() => string);
  #stages: StageFacts[] | undefined;
  #needs: ProjectContext['needs'] | undefined;
  /** The run's analyses of repeated RUN scripts and ENV/ARG lines, when it shares them. */
  #texts: TextScans | undefined;
  #root: ContextDir | undefined;

  constructor(dir: string, dockerfile: string | (() => string), ecosystems: EcosystemFacts[], warnings: string[], model: BuildModel | null, texts?: TextScans, root?: ContextDir) {
    this.dir = dir;
    this.#dockerfile = dockerfile;
    this.ecosystems = ecosystems;
    this.warnings = warnings;
    this.#model = model;
    this.#texts = texts;
    this.#root = root;
  }

  get dockerfile(): string {
    if (typeof this.#dockerfile !== 'string') this.#dockerfile = this.#dockerfile();
    return this.#dockerfile;
  }

  get stages(): StageFacts[] {
    if (this.#stages) return this.#stages;
    const root = this.#root;
    const model = this.#model;
    const runs = model ? runtimeStages(model) : new Set<number>();
    this.#stages = model ? model.stages.map((s) => {
      const f = stageFacts(s, this.dockerfile, this.#texts);
      if (root && runs.has(s.index)) f.prebuilt = prebuiltBinary(s, root, this.dockerfile);
      return f;
    }) : [];
    return this.#stages;
  }

  get needs(): ProjectContext['needs'] {
    return (this.#needs ??= needsOf(this.ecosystems, this.stages, this.#model));
  }
}

const HEAD_BYTES = 64 * 1024;
/** Names that are never executables: not opened when looking for a prebuilt binary. */
const TEXT_NAME = /\.(json|lock|txt|toml|ya?ml|md|py|js|mjs|cjs|ts|rb|php|go|rs|java|gradle|xml|properties|cfg|conf|ini|env|sh|html|css|sql|csv|jar|war|zip|tar|gz|tgz)$/i;

/** The stages whose files run: the final stage's FROM chain, and every stage built on scratch. */
function runtimeStages(model: BuildModel): Set<number> {
  const out = new Set(stageChain(model, model.finalStage));
  for (const s of model.stages) if (model.stages[rootStage(model, s.index)]?.scratch) out.add(s.index);
  return out;
}

// BuildKit's automatic platform arguments, as a linux/amd64 build sets them: release tooling
// copies per-platform binaries (`COPY ./dist/$TARGETPLATFORM/traefik /`).
const PLATFORM_ARGS: Record<string, string> = { TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '', BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64' };

/** A COPY source with BuildKit's platform arguments filled in; other variables are left as they are. */
function withPlatformArgs(src: string): string {
  return src.replace(/\$\{?([A-Z]+)\}?/g, (m, name: string) => PLATFORM_ARGS[name] ?? m);
}

/**
 * The first file a stage's COPY/ADD (without --from) brings from the context that is an ELF
 * executable. At most eight plain paths per stage are looked at: no globs, URLs or variables other
 * than BuildKit's platform arguments (read as linux/amd64).
 */
function prebuiltBinary(stage: Stage, root: ContextDir, dockerfile: string): StageFacts['prebuilt'] {
  let looked = 0;
  for (const ins of stage.instructions) {
    if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from')) continue;
    for (const given of ins.args.slice(0, -1)) {
      if (looked >= 8) return null;
      const src = withPlatformArgs(given);
      if (/[*?[\]$]|^[a-z]+:\/\/|^--/i.test(src)) continue;
      const rel = src.replace(/^(\.?\/)+/, '').replace(/\/+$/, '');
      if (!rel || rel === '.' || TEXT_NAME.test(rel)) continue;
      looked++;
      const head = root.readHead(rel, HEAD_BYTES);
      const link = head ? elfLink(head) : null;
      if (!link) continue;
      const how = link.kind === 'static' ? 'statically' : `dynamically against ${link.libc ?? 'a libc'}${link.interpreter ? ` (${link.interpreter})` : ''}`;
      return { path: rel, link, evidence: { file: dockerfile, line: ins.line, fact: `copies ${rel}, a prebuilt ELF binary linked ${how}` } };
    }
  }
  return null;
}

/** The runtime needs of the final stage: what makes `scratch` too empty. */
function needsOf(ecosystems: EcosystemFacts[], stages: StageFacts[], model: BuildModel | null): ProjectContext['needs'] {
  const final = model && model.finalStage >= 0 ? stages[model.finalStage] : undefined;
  const go = ecosystems.find((e) => e.ecosystem === 'go') as GoFacts | undefined;
  const rust = ecosystems.find((e) => e.ecosystem === 'rust') as RustFacts | undefined;
  const builds = stages.filter((s) => s.goBuild);
  let certificates: Evidence | null = final?.copiesCertificates ?? null;
  if (!certificates && go?.usesTLS) certificates = go.usesTLS;
  if (!certificates && rust?.usesTLS && !rust.bundledRoots) certificates = rust.usesTLS;
  let tzdata: Evidence | null = final?.copiesZoneinfo ?? null;
  if (!tzdata && final?.env.TZ) tzdata = { ...final.env.TZ.evidence, fact: `sets TZ=${final.env.TZ.value}: needs tz data` };
  const embedded = go?.embedsTzdata || builds.some((s) => s.goBuild!.embedsTzdata);
  if (!tzdata && go?.usesTimezones && !embedded) tzdata = go.usesTimezones;
  return { certificates, tzdata, nonRoot: final?.nonRootUser ?? null };
}
