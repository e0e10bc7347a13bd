// Stages, global ARGs and base images resolved the way BuildKit's dockerfile2llb does:
// meta ARGs (before the first FROM) plus the predefined platform ARGs expand FROM lines;
// ARGs inside a stage only affect that stage.
import { DockerfileError } from './types.js';
import type { Dockerfile, Instruction } from './types.js';
import type { BuildModel, GlobalArg, ModelOptions, Stage, StageSource } from './stage.js';
import { ExpandError, expandWord, expandWordInfo, needsExpansion, tryExpandWord, type EscapeChar, type Expansion, type Lookup } from './expand.js';

/** Build stages past which a file is refused: real Dockerfiles have a handful, BuildKit's own tests a few hundred. */
export const MAX_STAGES = 50_000;

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** The predefined platform ARGs for a `os/arch[/variant]` target (BuildKit's defaults); shared, do not modify. */
export function platformArgs(platform = 'linux/amd64', buildPlatform = platform): Map<string, string> {
  // (Most builds name no platform: their map is kept aside, so no key is built per file.)
  if (platform === 'linux/amd64' && buildPlatform === platform) return (DEFAULT_PLATFORM ??= computePlatformArgs(platform, buildPlatform));
  const key = platform + ' ' + buildPlatform;
  let base = PLATFORM_CACHE.get(key);
  if (base === undefined) {
    base = computePlatformArgs(platform, buildPlatform);
    PLATFORM_CACHE.set(key, base);
  }
  return base;
}
const PLATFORM_CACHE = new Map<string, Map<string, string>>();
let DEFAULT_PLATFORM: Map<string, string> | undefined;

function computePlatformArgs(platform: string, buildPlatform: string): Map<string, string> {
  const m = new Map<string, string>();
  const put = (prefix: string, p: string) => {
    const [os = 'linux', arch = 'amd64', variant = ''] = p.split('/');
    m.set(prefix + 'PLATFORM', p);
    m.set(prefix + 'OS', os);
    m.set(prefix + 'ARCH', arch);
    m.set(prefix + 'VARIANT', variant);
  };
  put('BUILD', buildPlatform);
  put('TARGET', platform);
  return m;
}

/** `name[=value]` words of an ARG instruction (value keeps its quotes; expanded later). */
export function argPairs(ins: Instruction): { name: string; value: string | null }[] {
  return ins.args.map((a) => {
    const eq = a.indexOf('=');
    return eq < 0 ? { name: a, value: null } : { name: a.slice(0, eq), value: a.slice(eq + 1) };
  });
}

/** Meta ARGs (before the first FROM) over the predefined platform ARGs; an ARG with no value keeps the predefined one. */
class MetaArgs {
  #declared: Map<string, string> | null = null;
  constructor(private readonly predefined: ReadonlyMap<string, string>) {}
  get(k: string): string | undefined {
    return this.#declared?.get(k) ?? this.predefined.get(k);
  }
  set(k: string, v: string): void {
    (this.#declared ??= new Map()).set(k, v);
  }
  /** `get` for the expander, made once per file. */
  readonly lookup: Lookup = (k) => this.get(k);
}

/**
 * One file's model as it is built. A class rather than closures inside buildModel: every file linted
 * builds one, and a dozen closures per file showed in the lint profile.
 */
class ModelBuilder {
  readonly globalArgs: GlobalArg[] = [];
  readonly stages: Stage[] = [];
  readonly meta: MetaArgs;
  readonly esc: EscapeChar;
  /** How many stages so far have a name (none: no FROM can name an earlier stage). */
  #named = 0;
  #byName: Map<string, number> | null = null;

  constructor(
    readonly df: Dockerfile,
    readonly buildArgs: Record<string, string> | undefined,
    platform: string | undefined,
  ) {
    this.meta = new MetaArgs(platformArgs(platform));
    this.esc = df.escape;
  }

  fail(msg: string, line: number): never {
    throw new DockerfileError(msg, this.df.path, line);
  }

  /** Whether `--build-arg` gives `name` a value. */
  hasBuildArg(name: string): boolean {
    return this.buildArgs !== undefined && Object.prototype.hasOwnProperty.call(this.buildArgs, name);
  }

  /** The expansion of a word, or the file's error (on `line`) when it cannot be expanded. */
  expand(text: string, lookup: Lookup, line: number): Expansion {
    try {
      return expandWordInfo(text, lookup, this.esc);
    } catch (err) {
      // (A hostile text can be megabytes: the message quotes its start.)
      if (err instanceof ExpandError) this.fail(`failed to process ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}: ${err.message}`, line);
      throw err;
    }
  }

  metaArg(ins: Instruction): void {
    if (ins.args.length === 0) this.fail('ARG requires at least one argument', ins.line);
    for (const { name, value } of argPairs(ins)) {
      if (name === '') this.fail('ARG names can not be blank', ins.line);
      // The default as BuildKit would use it: quotes removed, earlier ARGs expanded.
      const defaultValue = value === null ? null : this.expand(value, this.meta.lookup, ins.line).value;
      this.globalArgs.push({ name, defaultValue, instruction: ins });
      if (this.hasBuildArg(name)) this.meta.set(name, this.buildArgs![name]!);
      else if (defaultValue !== null) this.meta.set(name, defaultValue);
    }
  }

  /** The stage a FROM starts, added after the earlier ones. */
  addStage(ins: Instruction): void {
    // (Each stage gets its facts, a decision and findings: 100,000 of them take over 300 MiB.)
    if (this.stages.length >= MAX_STAGES) this.fail(`more than ${MAX_STAGES.toLocaleString('en-US')} build stages: not linted`, ins.line);
    const stage = this.fromStage(ins, this.stages.length);
    this.stages.push(stage);
    if (stage.name !== null) this.#named++;
  }

  private fromStage(ins: Instruction, index: number): Stage {
    const a = ins.args;
    const stages = this.stages;
    let name: string | null = null;
    if (a.length === 3 && a[1]!.toLowerCase() === 'as') {
      name = a[2]!.toLowerCase();
      if (!STAGE_NAME.test(name)) this.fail(`invalid name for build stage: ${JSON.stringify(a[2])}, name can't start with a number or contain symbols`, ins.line);
      if (stages.some((s) => s.name === name)) this.fail(`duplicate stage name ${JSON.stringify(name)}`, ins.line);
    } else if (a.length !== 1) this.fail('FROM requires either one or three arguments', ins.line);
    const rawImage = a[0]!;
    let value = rawImage;
    let unset: string[] | null = null;
    // (Most images name no variable: nothing to expand, nothing to allocate.)
    if (needsExpansion(rawImage, this.esc)) ({ value, unset } = this.expand(rawImage, this.meta.lookup, ins.line));
    let platformRaw: string | null = null;
    for (const f of ins.flags) {
      if (f.name === 'platform') {
        platformRaw = f.value ?? '';
        break;
      }
    }
    let platform: string | null = null;
    if (platformRaw !== null) {
      try {
        platform = expandWord(platformRaw, this.meta.lookup, this.esc);
      } catch {
        platform = null;
      }
    }
    const unresolved = value === '' || (unset !== null && unset.length > 0);
    const image = unresolved ? null : value;
    // Stage names are lower case; only a file with named stages needs the image in lower case.
    let base = -1;
    if (image !== null && this.#named > 0) {
      const lower = image.toLowerCase();
      base = stages.findIndex((s) => s.name === lower);
    }
    return {
      index,
      name,
      from: ins,
      rawImage,
      image,
      unresolvedArgs: unresolved ? (unset ?? []) : [],
      fromStage: base >= 0 ? base : null,
      scratch: base < 0 && image === 'scratch',
      platformRaw,
      platform,
      instructions: [],
      sources: [],
      usedBy: [],
      final: false,
    };
  }

  /** Sources (COPY --from, RUN --mount from=), with each stage's own ARG/ENV scope. */
  sourcesOf(stage: Stage): void {
    // The stage's ARG/ENV values matter only when a source flag refers to a variable; otherwise no
    // expansion looks one up, and the stage shares an empty scope.
    const needEnv = refersToVariable(stage.instructions);
    const env = needEnv ? new Map<string, string>() : NO_ENV;
    for (const ins of stage.instructions) {
      if (!needEnv && (ins.flags.length === 0 || ins.keyword === 'ARG' || ins.keyword === 'ENV')) continue;
      if (ins.keyword === 'ARG') {
        for (const { name, value } of argPairs(ins)) {
          if (this.hasBuildArg(name)) env.set(name, this.buildArgs![name]!);
          else if (value !== null) env.set(name, expandLenient(value, env, this.esc));
          else {
            const meta = this.meta.get(name);
            if (meta !== undefined) env.set(name, meta);
          }
        }
      } else if (ins.keyword === 'ENV') {
        for (let i = 0; i + 1 < ins.args.length; i += 3) {
          env.set(ins.args[i]!, expandLenient(ins.args[i + 1]!, env, this.esc));
        }
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const f = ins.flags.find((x) => x.name === 'from');
        if (f && f.value) stage.sources.push(this.source(ins, 'copy', f.value, env, stage));
      } else if (ins.keyword === 'RUN') {
        for (const f of ins.flags) {
          if (f.name !== 'mount' || !f.value) continue;
          const from = csvField(f.value, 'from');
          if (from) stage.sources.push(this.source(ins, 'mount', from, env, stage));
        }
      }
    }
  }

  source(ins: Instruction, kind: 'copy' | 'mount', raw: string, env: ReadonlyMap<string, string>, stage: Stage): StageSource {
    const info = this.expand(raw, (k) => env.get(k), ins.line);
    const text = info.value;
    if (info.unset.length > 0) return { instruction: ins, kind, text, stage: null, image: null };
    const stages = this.stages;
    let idx: number | null = null;
    if (/^[+-]?\d+$/.test(text)) {
      const n = Number(text);
      if (n < 0 || n >= stages.length) this.fail(`invalid stage index ${text}`, ins.line);
      idx = n;
    } else {
      if (this.#byName === null) {
        this.#byName = new Map();
        for (const s of stages) if (s.name !== null) this.#byName.set(s.name, s.index);
      }
      idx = this.#byName.get(text.toLowerCase()) ?? null;
    }
    if (idx === stage.index) this.fail(`circular dependency detected on stage: ${stage.name ?? stage.index}`, ins.line);
    return { instruction: ins, kind, text, stage: idx, image: idx === null && text !== '' ? text : null };
  }
}

export function buildModel(df: Dockerfile, opts: ModelOptions = {}): BuildModel {
  const b = new ModelBuilder(df, opts.buildArgs, opts.platform);
  const stages = b.stages;
  for (const ins of df.instructions) {
    if (ins.keyword === 'FROM') {
      b.addStage(ins);
      continue;
    }
    if (stages.length === 0) {
      if (ins.keyword !== 'ARG') b.fail('no build stage in current context', ins.line);
      b.metaArg(ins);
      continue;
    }
    stages[stages.length - 1]!.instructions.push(ins);
  }
  for (const stage of stages) b.sourcesOf(stage);
  // Who uses each stage, worked out once: asking it per stage was quadratic in the number of stages.
  for (const stage of stages) {
    const used = (i: number | null): void => {
      const u = i !== null && i >= 0 ? stages[i]!.usedBy : null;
      if (u && u[u.length - 1] !== stage.index) u.push(stage.index);
    };
    used(stage.fromStage);
    for (const src of stage.sources) used(src.stage);
  }

  let finalStage = stages.length - 1;
  if (opts.target !== undefined && opts.target !== '') {
    const t = opts.target.toLowerCase();
    const i = stages.findIndex((s) => s.name === t);
    if (i < 0) b.fail(`target stage ${JSON.stringify(opts.target)} could not be found`, 1);
    finalStage = i;
  }
  if (finalStage >= 0) stages[finalStage]!.final = true;
  return { globalArgs: b.globalArgs, stages, finalStage };
}

/** The scope of every stage whose sources name no variable (ARG and ENV are skipped there: never written). */
const NO_ENV = new Map<string, string>();

/** Whether a source flag (`--from`, `--mount`) of these instructions refers to a variable. */
function refersToVariable(instructions: Instruction[]): boolean {
  for (const ins of instructions) {
    if (ins.flags.length === 0) continue;
    for (const f of ins.flags) if ((f.name === 'from' || f.name === 'mount') && f.value !== null && f.value.includes('$')) return true;
  }
  return false;
}

function expandLenient(text: string, env: Map<string, string>, esc: '\\' | '`'): string {
  return tryExpandWord(text, (k) => env.get(k), esc) ?? text;
}

/** One `key=value` field of a CSV flag value such as `type=cache,from=build,target=/x`. */
export function csvField(value: string, key: string): string | null {
  let i = 0;
  const n = value.length;
  while (i <= n) {
    let field = '';
    if (value[i] === '"') {
      i++;
      while (i < n) {
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += value[i++];
      }
      while (i < n && value[i] !== ',') field += value[i++];
    } else {
      const j = value.indexOf(',', i);
      const end = j < 0 ? n : j;
      field = value.slice(i, end);
      i = end;
    }
    i++;
    const eq = field.indexOf('=');
    if (eq > 0 && field.slice(0, eq).trim().toLowerCase() === key) {
      let v = field.slice(eq + 1);
      if (v.length >= 2 && v[0] === '"' && v[v.length - 1] === '"') v = v.slice(1, -1);
      return v;
    }
  }
  return null;
}
