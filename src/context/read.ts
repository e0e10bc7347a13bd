// readContext: every detector over the build context, plus the Dockerfile's own facts per stage.

import { relative, resolve } from 'node:path';
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import { DETECTORS } from './detectors/index.js';
import { stageFacts } from './dockerfile.js';
import { ContextDir } from './files.js';
import type { TextScans } from '../util/text-scans.js';
import type { EcosystemFacts, Evidence, GoFacts, ProjectContext, RustFacts, StageFacts } from './types.js';

/** What the detectors found in a directory, independent of any Dockerfile. */
export interface ContextScan {
  /** The absolute directory scanned. */
  dir: string;
  ecosystems: EcosystemFacts[];
  warnings: string[];
}

export function scanContext(dir: string): ContextScan {
  const abs = resolve(dir);
  const root = new ContextDir(abs);
  const warnings: string[] = [];
  const ecosystems: EcosystemFacts[] = [];
  for (const d of DETECTORS) {
    const found = d.detect(root, warnings);
    if (found) ecosystems.push(found);
  }
  return { dir: abs, ecosystems, warnings };
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
  return new ReadContext(abs, dockerfile, scan.ecosystems, [...scan.warnings], model, texts);
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

  constructor(dir: string, dockerfile: string | (() => string), ecosystems: EcosystemFacts[], warnings: string[], model: BuildModel | null, texts?: TextScans) {
    this.dir = dir;
    this.#dockerfile = dockerfile;
    this.ecosystems = ecosystems;
    this.warnings = warnings;
    this.#model = model;
    this.#texts = texts;
  }

  get dockerfile(): string {
    if (typeof this.#dockerfile !== 'string') this.#dockerfile = this.#dockerfile();
    return this.#dockerfile;
  }

  get stages(): StageFacts[] {
    return (this.#stages ??= this.#model ? this.#model.stages.map((s) => stageFacts(s, this.dockerfile, this.#texts)) : []);
  }

  get needs(): ProjectContext['needs'] {
    return (this.#needs ??= needsOf(this.ecosystems, this.stages, this.#model));
  }
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
