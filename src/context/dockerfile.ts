// What the Dockerfile itself shows about each stage: installs, builds, how the app starts.

import { pushAll } from '../util/push-all.js';
import { packageNames } from '../dockerfile/packages.js';
import type { Instruction } from '../dockerfile/types.js';
import type { Stage } from '../dockerfile/stage.js';
import type { Ecosystem, Evidence, GoBuild, StageFacts } from './types.js';
import { scanText, type TextScans } from '../util/text-scans.js';

const COMPILERS = new Set(['gcc', 'g++', 'build-base', 'build-essential', 'clang', 'musl-dev', 'libc6-dev', 'gcc-c++']);

/** The command text of an instruction: joined shell form, exec form words, heredoc bodies. */
export function commandText(ins: Instruction): string {
  const body = ins.json ? ins.args.join(' ') : ins.rest;
  if (ins.heredocs.length === 0) return body;
  return [body, ...ins.heredocs.map((h) => h.content)].join('\n');
}

/** `ENV A=1 B="x y"`, `ENV A 1`, `ARG A=1`: name/value pairs. */
export function assignments(ins: Instruction): [string, string][] {
  return pairsIn(ins.keyword, ins.rest);
}

function pairsIn(keyword: string, text: string): [string, string][] {
  const rest = text.trim();
  const out: [string, string][] = [];
  if (keyword === 'ENV' && !/^[^\s=]+=/.test(rest)) {
    const m = /^(\S+)\s+(.*)$/.exec(rest);
    if (m) out.push([m[1], m[2].replace(/^(["'])(.*)\1$/, '$2')]);
    return out;
  }
  for (const m of rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    if (m[2] === undefined && keyword === 'ENV') continue;
    out.push([m[1], (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2')]);
  }
  return out;
}

/** Which words a command contains, as bits: what `keywordsIn` reports. */
const K = {
  npm: 1, yarn: 2, pip: 4, go: 8, rustup: 16, cargo: 32, jvm: 64, dotnet: 128, packages: 256, java: 512, prod: 1024, gem: 2048,
} as const;
/** A word each pattern in runFacts needs in the text, and the pattern's bit. */
const KEYWORDS: [word: string, bit: number][] = [
  ['npm', K.npm], ['yarn', K.yarn], ['pip', K.pip], ['poetry', K.pip], ['uv', K.pip], ['go', K.go], ['rustup', K.rustup],
  ['cargo', K.cargo], ['mvn', K.jvm], ['gradle', K.jvm], ['dotnet', K.dotnet], ['apk', K.packages], ['apt', K.packages],
  ['dnf', K.packages], ['yum', K.packages], ['java', K.java], ['--o', K.prod], ['--prod', K.prod], ['bundle', K.gem], ['gem', K.gem],
];

/**
 * Which patterns can match a command: those whose word it contains. A native substring search per
 * word takes half the time of one regular expression alternating over all the words (these run on
 * every RUN script the advisor reads).
 */
function keywordsIn(cmd: string): number {
  let bits = 0;
  for (const [word, bit] of KEYWORDS) if ((bits & bit) === 0 && cmd.includes(word)) bits |= bit;
  return bits;
}

function packagesInstalled(cmd: string): string[] {
  const out: string[] = [];
  for (const m of cmd.matchAll(/\b(?:apk\s+add|apt-get\s+install|apt\s+install|(?:dnf|yum|microdnf)\s+install)\b([^&|;\n]*)/g)) pushAll(out, packageNames(m[1]!.split(/\s+/)));
  return out;
}

/** `-ldflags '-extldflags "-static"'`, `-linkmode external -extldflags -static`, and quoted variants. */
const STATIC_GO = /-extldflags[= ]+\\?['"]?[^'"]*-static|-linkmode[= ]+external.*-static/;

function goBuild(cmd: string, e: Evidence, env: StageFacts['env']): GoBuild {
  const inline = /\bCGO_ENABLED=["']?(\d)/.exec(cmd);
  const xgo = /(^|[\s;&|(/])xgo\s/.test(cmd);
  // (A script that installs tools and then builds ships what it builds.)
  const tool = xgo ? 'xgo' : (/(?:^|[\s;&|(/])((?:xx-)?go\s+build)\b/.exec(cmd) ?? /(?:^|[\s;&|(/])((?:xx-)?go\s+install)\b/.exec(cmd))?.[1]!.replace(/\s+/, ' ') ?? 'go build';
  let cgoEnabled: GoBuild['cgoEnabled'] = null;
  if (inline) cgoEnabled = { value: inline[1] === '1', evidence: { ...e, fact: `go build runs with CGO_ENABLED=${inline[1]}` } };
  // xgo (techknowlogick/xgo) cross-compiles with cgo on: that is what it is for.
  else if (xgo) cgoEnabled = { value: true, evidence: { ...e, fact: 'xgo cross-compiles with cgo on' } };
  else if (env.CGO_ENABLED) cgoEnabled = { value: env.CGO_ENABLED.value === '1', evidence: env.CGO_ENABLED.evidence };
  const tags = [...cmd.matchAll(/-tags[= ]+["']?([\w,\s]+?)["']?(?:\s+-|\s*$|\s+\.)/gm)].flatMap((m) => m[1].split(/[,\s]+/));
  const goflags = env.GOFLAGS?.value ?? '';
  return {
    evidence: e,
    cgoEnabled,
    netgo: tags.includes('netgo') || /netgo/.test(goflags),
    osusergo: tags.includes('osusergo') || /osusergo/.test(goflags),
    staticLink: STATIC_GO.test(cmd) || /-static/.test(env.LDFLAGS?.value ?? ''),
    tool,
    embedsTzdata: tags.includes('timetzdata'),
  };
}

/** What one RUN script shows: a pure function of its text, so a run works it out once per distinct script. */
interface RunFacts {
  nodeInstall: boolean;
  productionInstall: boolean;
  pipInstall: boolean;
  gemInstall: boolean;
  goBuild: boolean;
  rustupMusl: boolean;
  /** The `cargo build ...` text to the end of its line, or null. */
  cargo: string | null;
  cargoMusl: boolean;
  cargoWasm: boolean;
  jvmBuild: boolean;
  dotnetPublish: boolean;
  packages: readonly string[];
  javaJar: boolean;
}

const NO_PACKAGES: readonly string[] = Object.freeze([]);

function runFacts(cmd: string): RunFacts {
  // Each pattern below scans the whole command: one scan first says which can match.
  const has = keywordsIn(cmd);
  const cargo = has & K.cargo ? /\bcargo\s+(build|install)\b.*/.exec(cmd) : null;
  return {
    nodeInstall: (has & (K.npm | K.yarn)) !== 0 && /\b(npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;|--)|pnpm\s+(install|i)\b)/m.test(cmd),
    productionInstall: (has & (K.npm | K.prod)) !== 0 && /--omit[= ]dev|--only[= ]prod|--production\b|--prod\b|npm\s+prune/.test(cmd),
    pipInstall: (has & K.pip) !== 0 && /\b(pip3?\s+install|poetry\s+install|uv\s+(pip\s+install|sync)|pipenv\s+install)\b/.test(cmd),
    gemInstall: (has & K.gem) !== 0 && /\b(bundle\s+install|gem\s+install)\b/.test(cmd),
    goBuild: (has & K.go) !== 0 && /\bgo\s+(build|install)\b|(^|[\s;&|(/])xgo\s/.test(cmd),
    rustupMusl: (has & K.rustup) !== 0 && /rustup\s+target\s+add\s+\S*musl/.test(cmd),
    cargo: cargo ? cargo[0] : null,
    cargoMusl: cargo !== null && /--target[= ]\S*musl/.test(cargo[0]),
    cargoWasm: cargo !== null && /--target[= ]['"]?wasm32-/.test(cargo[0]),
    jvmBuild: (has & K.jvm) !== 0 && /\b(mvnw?|gradlew?)\b[^&;|]*\b(package|install|verify|build|bootJar|shadowJar|assemble)\b/.test(cmd),
    dotnetPublish: (has & K.dotnet) !== 0 && /\bdotnet\s+publish\b/.test(cmd),
    packages: has & K.packages ? packagesInstalled(cmd) : NO_PACKAGES,
    javaJar: (has & K.java) !== 0 && /\bjava\b[^&|;]*\s-jar\b/.test(cmd),
  };
}

/** The ecosystem whose code an interpreter at CMD/ENTRYPOINT runs. */
const INTERPRETER_ECOSYSTEM: Record<string, Ecosystem> = {
  node: 'node', npm: 'node', yarn: 'node', pnpm: 'node', npx: 'node',
  python: 'python', gunicorn: 'python', uvicorn: 'python', flask: 'python', 'django-admin': 'python', celery: 'python',
  ruby: 'ruby', bundle: 'ruby', rails: 'ruby', puma: 'ruby', php: 'php', 'php-fpm': 'php', java: 'java', dotnet: 'dotnet',
};

const envPairs = (rest: string) => pairsIn('ENV', rest);
const argPairs = (rest: string) => pairsIn('ARG', rest);

// Programs that start the real command: an init (tini, dumb-init), a user switch (gosu, su-exec),
// an agent wrapper (opentelemetry-instrument, ddtrace-run) or env.
const WRAPPERS = new Set(['tini', 'dumb-init', 'env', 'exec', 'opentelemetry-instrument', 'ddtrace-run']);
const USER_SWITCH = new Set(['gosu', 'su-exec']);

/** The command a CMD or ENTRYPOINT runs past its wrappers (`tini -- node app.js` -> `node app.js`). */
function unwrapped(cmd: string): string {
  const words = cmd.trim().split(/\s+/);
  let i = 0;
  for (let n = 0; n < 4 && i < words.length; n++) {
    const name = words[i]!.slice(words[i]!.lastIndexOf('/') + 1);
    if (USER_SWITCH.has(name)) i += 2;
    else if (WRAPPERS.has(name)) i += 1;
    else break;
    while (i < words.length && (words[i]!.startsWith('-') || /^[A-Z_][A-Z0-9_]*=/.test(words[i]!))) i++;
  }
  return words.slice(i).join(' ');
}

/** The facts of a stage; `texts` lets a run work out each distinct RUN script and ENV/ARG line once. */
export function stageFacts(stage: Stage, file: string, texts?: TextScans): StageFacts {
  const f: StageFacts = {
    index: stage.index, nodeInstall: null, productionInstall: false, pipInstall: null, gemInstall: null, goBuild: null,
    cargoBuild: null, jvmBuild: null, dotnetPublish: null, javaJar: null, interpreter: null, interpreterEcosystem: null,
    systemPackages: [], installsCompiler: null, copiesCertificates: null, copiesZoneinfo: null,
    env: Object.create(null) as StageFacts['env'], nonRootUser: null, copiesFrom: [],
  };
  // (f.env has no prototype: ENV names are data, and `ENV __proto__=x` is one more name.)
  let muslTarget = false;
  for (const ins of stage.instructions) {
    const at = (fact: string): Evidence => ({ file, line: ins.line, fact });
    switch (ins.keyword) {
      case 'ENV':
      case 'ARG': {
        const env = ins.keyword === 'ENV';
        const pairs = scanText(texts, env ? 'env-pairs' : 'arg-pairs', ins.rest, env ? envPairs : argPairs);
        for (const [k, v] of pairs) {
          f.env[k] = { value: v, evidence: at(`${ins.keyword} ${k}=${v}`) };
          if (k === 'NODE_ENV' && v === 'production') f.productionInstall = true;
          if (k === 'CARGO_BUILD_TARGET' && /musl/.test(v)) muslTarget = true;
        }
        break;
      }
      case 'USER': {
        const user = ins.args[0] ?? '';
        if (user && !/^(root|0)(:(root|0))?$/.test(user)) f.nonRootUser = at(`runs as user ${user}`);
        break;
      }
      case 'COPY':
      case 'ADD': {
        const cmd = commandText(ins);
        if (/\/etc\/ssl\/certs|ca-certificates/.test(cmd)) f.copiesCertificates = at('copies a CA bundle');
        if (/zoneinfo/.test(cmd)) f.copiesZoneinfo = at('copies /usr/share/zoneinfo');
        break;
      }
      case 'RUN': {
        const cmd = commandText(ins);
        const r = scanText(texts, 'run-facts', cmd, runFacts);
        if (!f.nodeInstall && r.nodeInstall) f.nodeInstall = at('installs npm dependencies');
        if (r.productionInstall) f.productionInstall = true;
        if (!f.pipInstall && r.pipInstall) f.pipInstall = at('installs Python packages');
        if (!f.gemInstall && r.gemInstall) f.gemInstall = at('installs Ruby gems');
        // (A `go build` after a `go install` of tools makes what the stage ships.)
        if (r.goBuild && (!f.goBuild || f.goBuild.tool.endsWith('install'))) {
          const b = goBuild(cmd, at('compiles a Go binary'), f.env);
          if (!f.goBuild || !b.tool.endsWith('install')) f.goBuild = b;
        }
        if (r.rustupMusl) muslTarget = true;
        if (r.cargo !== null && !f.cargoBuild) {
          const musl = muslTarget || r.cargoMusl;
          const crtStatic = /crt-static/.test(cmd) || /crt-static/.test(f.env.RUSTFLAGS?.value ?? '');
          f.cargoBuild = r.cargoWasm
            ? { evidence: at('compiles a WebAssembly module (a wasm32 target): it runs on a Wasm runtime, with no libc'), musl: false, wasm: true }
            : { evidence: at(musl ? 'compiles a Rust binary for a musl target (static)' : crtStatic ? 'compiles a Rust binary linked statically (crt-static)' : 'compiles a Rust binary for the glibc target'), musl, crtStatic };
        }
        if (!f.jvmBuild && r.jvmBuild) f.jvmBuild = at('builds the JAR');
        if (!f.dotnetPublish && r.dotnetPublish) f.dotnetPublish = at('publishes the .NET app');
        for (const name of r.packages) {
          f.systemPackages.push({ name, evidence: at(`installs ${name}`) });
          if (COMPILERS.has(name) && !f.installsCompiler) f.installsCompiler = at(`installs ${name}: a C compiler is present`);
          if (name === 'ca-certificates') f.copiesCertificates ??= at('installs ca-certificates');
          if (name === 'tzdata') f.copiesZoneinfo ??= at('installs tzdata');
        }
        if (!f.javaJar && r.javaJar) f.javaJar = at('runs java -jar');
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const cmd = commandText(ins);
        if (/(^|[\s/])java\b[^&|;]*\s-jar\b/.test(cmd)) f.javaJar = at('starts the app with java -jar');
        const m = /^(?:\S*\/)?(node|npm|yarn|pnpm|npx|python3?|gunicorn|uvicorn|flask|django-admin|celery|ruby|bundle|rails|puma|php|php-fpm|java|dotnet)\b/.exec(unwrapped(cmd));
        if (m) {
          f.interpreter = at(`starts the app with ${m[1]}`);
          f.interpreterEcosystem = INTERPRETER_ECOSYSTEM[m[1]!.replace(/^python3$/, 'python')] ?? null;
        }
        break;
      }
    }
  }
  for (const s of stage.sources) if (s.kind === 'copy' && s.stage !== null && !f.copiesFrom.includes(s.stage)) f.copiesFrom.push(s.stage);
  return f;
}
