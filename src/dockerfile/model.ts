// Stages, global ARGs and base images resolved the way BuildKit's dockerfile2llb does:
// meta ARGs (before the first FROM) plus the predefined platform ARGs expand FROM lines;
// ARGs inside a stage only affect that stage.
import { DockerfileError } from './types.js';
import type { Dockerfile, Instruction } from './types.js';
import type { BuildModel, GlobalArg, ModelOptions, Stage, StageSource } from './stage.js';
import { ExpandError, expandWord, expandWordInfo, tryExpandWord } from './expand.js';

type Env = { get(k: string): string | undefined };

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

export function buildModel(df: Dockerfile, opts: ModelOptions = {}): BuildModel {
  const buildArgs = opts.buildArgs ?? {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(buildArgs, k);
  const esc = df.escape;
  const fail = (msg: string, line: number): never => {
    throw new DockerfileError(msg, df.path, line);
  };
  const expand = (text: string, env: Env, line: number): string => {
    try {
      return expandWord(text, (k) => env.get(k), esc);
    } catch (err) {
      if (err instanceof ExpandError) fail(`failed to process ${JSON.stringify(text)}: ${err.message}`, line);
      throw err;
    }
  };

  // Meta ARGs over the predefined platform ARGs (an ARG with no value keeps the predefined one).
  const predefined = platformArgs(opts.platform);
  const declared = new Map<string, string>();
  const meta = {
    get: (k: string): string | undefined => declared.get(k) ?? predefined.get(k),
    set: (k: string, v: string): void => void declared.set(k, v),
    has: (k: string): boolean => declared.has(k) || predefined.has(k),
  };
  const globalArgs: GlobalArg[] = [];
  const stages: Stage[] = [];
  let named = 0;
  for (const ins of df.instructions) {
    if (ins.keyword === 'FROM') {
      const stage = fromStage(ins, stages.length);
      stages.push(stage);
      if (stage.name !== null) named++;
      continue;
    }
    if (stages.length === 0) {
      if (ins.keyword !== 'ARG') fail('no build stage in current context', ins.line);
      if (ins.args.length === 0) fail('ARG requires at least one argument', ins.line);
      for (const { name, value } of argPairs(ins)) {
        if (name === '') fail('ARG names can not be blank', ins.line);
        // The default as BuildKit would use it: quotes removed, earlier ARGs expanded.
        const defaultValue = value === null ? null : expand(value, meta, ins.line);
        globalArgs.push({ name, defaultValue, instruction: ins });
        if (has(name)) meta.set(name, buildArgs[name]!);
        else if (defaultValue !== null) meta.set(name, defaultValue);
      }
      continue;
    }
    stages[stages.length - 1]!.instructions.push(ins);
  }

  function fromStage(ins: Instruction, index: number): Stage {
    const a = ins.args;
    let name: string | null = null;
    if (a.length === 3 && a[1]!.toLowerCase() === 'as') {
      name = a[2]!.toLowerCase();
      if (!STAGE_NAME.test(name)) fail(`invalid name for build stage: ${JSON.stringify(a[2])}, name can't start with a number or contain symbols`, ins.line);
      if (stages.some((s) => s.name === name)) fail(`duplicate stage name ${JSON.stringify(name)}`, ins.line);
    } else if (a.length !== 1) fail('FROM requires either one or three arguments', ins.line);
    const rawImage = a[0]!;
    let info;
    try {
      info = expandWordInfo(rawImage, (k) => meta.get(k), esc);
    } catch (err) {
      if (!(err instanceof ExpandError)) throw err;
      return fail(`failed to process ${JSON.stringify(rawImage)}: ${err.message}`, ins.line);
    }
    const platformFlag = ins.flags.find((f) => f.name === 'platform');
    const platformRaw = platformFlag ? (platformFlag.value ?? '') : null;
    let platform: string | null = null;
    if (platformRaw !== null) {
      try {
        platform = expandWord(platformRaw, (k) => meta.get(k), esc);
      } catch {
        platform = null;
      }
    }
    const unresolved = info.value === '' || info.unset.length > 0;
    const image = unresolved ? null : info.value;
    // Stage names are lower case; only a file with named stages needs the image in lower case.
    let base = -1;
    if (image !== null && named > 0) {
      const lower = image.toLowerCase();
      base = stages.findIndex((s) => s.name === lower);
    }
    return {
      index,
      name,
      from: ins,
      rawImage,
      image,
      unresolvedArgs: unresolved ? info.unset : [],
      fromStage: base >= 0 ? base : null,
      scratch: base < 0 && image === 'scratch',
      platformRaw,
      platform,
      instructions: [],
      sources: [],
      final: false,
    };
  }

  // Sources (COPY --from, RUN --mount from=), with each stage's own ARG/ENV scope.
  let byName: Map<string, number> | null = null;
  const globals = meta;
  for (const stage of stages) {
    // The stage's ARG/ENV values matter only when a source flag refers to a variable; otherwise no
    // expansion looks one up, and the stage shares an empty scope.
    const needEnv = refersToVariable(stage.instructions);
    const env = needEnv ? new Map<string, string>() : NO_ENV;
    for (const ins of stage.instructions) {
      if (!needEnv && (ins.flags.length === 0 || ins.keyword === 'ARG' || ins.keyword === 'ENV')) continue;
      if (ins.keyword === 'ARG') {
        for (const { name, value } of argPairs(ins)) {
          if (has(name)) env.set(name, buildArgs[name]!);
          else if (value !== null) env.set(name, expandLenient(value, env, esc));
          else if (globals.has(name)) env.set(name, globals.get(name)!);
        }
      } else if (ins.keyword === 'ENV') {
        for (let i = 0; i + 1 < ins.args.length; i += 3) {
          env.set(ins.args[i]!, expandLenient(ins.args[i + 1]!, env, esc));
        }
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const f = ins.flags.find((x) => x.name === 'from');
        if (f && f.value) stage.sources.push(source(ins, 'copy', f.value, env, stage));
      } else if (ins.keyword === 'RUN') {
        for (const f of ins.flags) {
          if (f.name !== 'mount' || !f.value) continue;
          const from = csvField(f.value, 'from');
          if (from) stage.sources.push(source(ins, 'mount', from, env, stage));
        }
      }
    }
  }

  function source(ins: Instruction, kind: 'copy' | 'mount', raw: string, env: ReadonlyMap<string, string>, stage: Stage): StageSource {
    let info;
    try {
      info = expandWordInfo(raw, (k) => env.get(k), esc);
    } catch (err) {
      if (!(err instanceof ExpandError)) throw err;
      return fail(`failed to process ${JSON.stringify(raw)}: ${err.message}`, ins.line);
    }
    const text = info.value;
    if (info.unset.length > 0) return { instruction: ins, kind, text, stage: null, image: null };
    let idx: number | null = null;
    if (/^[+-]?\d+$/.test(text)) {
      const n = Number(text);
      if (n < 0 || n >= stages.length) fail(`invalid stage index ${text}`, ins.line);
      idx = n;
    } else {
      if (byName === null) {
        byName = new Map();
        for (const s of stages) if (s.name !== null) byName.set(s.name, s.index);
      }
      idx = byName.get(text.toLowerCase()) ?? null;
    }
    if (idx === stage.index) fail(`circular dependency detected on stage: ${stage.name ?? stage.index}`, ins.line);
    return { instruction: ins, kind, text, stage: idx, image: idx === null && text !== '' ? text : null };
  }

  let finalStage = stages.length - 1;
  if (opts.target !== undefined && opts.target !== '') {
    const t = opts.target.toLowerCase();
    const i = stages.findIndex((s) => s.name === t);
    if (i < 0) fail(`target stage ${JSON.stringify(opts.target)} could not be found`, 1);
    finalStage = i;
  }
  if (finalStage >= 0) stages[finalStage]!.final = true;
  return { globalArgs, stages, finalStage };
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
