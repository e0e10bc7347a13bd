// What the stages that make up the shipped image already do binds its family: a stage that runs
// apt-get needs apt, one with a RUN or a shell-form CMD needs a shell. A recommendation never
// introduces a package-manager-mismatch or shell-in-shell-less-stage error (issue 24, class 3).
import { pushAll } from '../util/push-all.js';
import { stageChain, type BuildModel } from '../dockerfile/stage.js';
import type { Evidence } from '../context/types.js';
import type { PackageManager } from '../catalog/types.js';
import { MUSL_CAVEAT, type Current, type Choice } from './decide.js';
import type { ImageLookup } from './lookup.js';
import { variantImage } from './tags.js';
import { packageNames } from '../dockerfile/packages.js';
import type { Instruction } from '../dockerfile/types.js';

type Family = 'apt' | 'apk' | 'rpm';

const FAMILY_OF: Record<Exclude<PackageManager, null>, Family> = { apt: 'apt', apk: 'apk', dnf: 'rpm', microdnf: 'rpm', yum: 'rpm' };
const RUNS = /(?:^|[\s;&|(`])(apt-get|apt|dpkg|apk|yum|dnf|microdnf|rpm)(?=\s|$)/;

export interface Bindings {
  /** The package-manager family the stages use, with the line that shows it. */
  packages: { family: Family; evidence: Evidence } | null;
  /** A RUN or shell-form CMD/ENTRYPOINT, which needs /bin/sh. */
  shell: Evidence | null;
  /** Every instruction that needs the shell (read again only when a binding keeps an image). */
  shellUsers: Instruction[];
}

/** What every distroless image already holds. */
const DISTROLESS_HOLDS = new Set(['ca-certificates', 'tzdata']);

/**
 * The packages a script installs when it does nothing else (package index updates, cache
 * clean-up and update-ca-certificates aside), or null.
 */
export function onlyInstalls(script: string): string[] | null {
  const out: string[] = [];
  for (const part of script.replace(/\\\r?\n/g, ' ').split(/&&|;|\n/)) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0 || (words[0] === 'set' && words.every((w) => w === 'set' || /^-[a-z]+$/.test(w)))) continue;
    const [cmd, ...rest] = words;
    const sub = rest.findIndex((w) => !w.startsWith('-'));
    const verb = sub >= 0 ? rest[sub] : undefined;
    if ((cmd === 'apk' && verb === 'add') || ((cmd === 'apt-get' || cmd === 'apt') && verb === 'install')) pushAll(out, packageNames(rest.slice(sub + 1)));
    else if ((cmd === 'apk' || cmd === 'apt-get' || cmd === 'apt') && verb === 'update') continue;
    else if (cmd === 'rm' && verb !== undefined && rest.filter((w) => !w.startsWith('-')).every((w) => /^\/var\/(lib\/apt\/lists|cache\/(apk|apt))\b/.test(w))) continue;
    else if (cmd === 'update-ca-certificates' && rest.length === 0) continue;
    else return null;
  }
  return out.length ? out : null;
}

/** Bindings of the final stage and the stages its `FROM <stage>` chain runs on. */
export function bindingsOf(model: BuildModel, dockerfile: string): Bindings {
  const out: Bindings = { packages: null, shell: null, shellUsers: [] };
  for (const i of stageChain(model, model.finalStage)) {
    for (const ins of model.stages[i]!.instructions) {
      const shellForm = !ins.json && (ins.keyword === 'RUN' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT');
      if (shellForm || ins.keyword === 'RUN') {
        out.shellUsers.push(ins);
        out.shell ??= { file: dockerfile, line: ins.line, fact: `${ins.keyword} needs a shell` };
      }
      if (ins.keyword !== 'RUN' || out.packages) continue;
      const m = RUNS.exec(ins.args.join(' '));
      if (!m) continue;
      const tool = m[1]!;
      const family: Family = tool === 'apk' ? 'apk' : tool === 'yum' || tool === 'dnf' || tool === 'microdnf' || tool === 'rpm' ? 'rpm' : 'apt';
      out.packages = { family, evidence: { file: dockerfile, line: ins.line, fact: `runs ${tool}: the image must have ${family === 'rpm' ? 'an rpm package manager' : family}` } };
    }
  }
  return out;
}

/**
 * When every instruction that binds the image is a RUN that only installs CA certificates and tz
 * data (which distroless images hold): those lines and packages. Deleting them lifts the bindings.
 */
function onlyProvided(b: Bindings): { lines: number[]; packages: string[] } | null {
  const lines: number[] = [];
  const packages = new Set<string>();
  for (const ins of b.shellUsers) {
    const installs = ins.keyword === 'RUN' && !ins.json && ins.heredocs.length === 0 ? onlyInstalls(ins.args.join(' ')) : null;
    if (!installs || !installs.every((p) => DISTROLESS_HOLDS.has(p))) return null;
    lines.push(ins.line);
    for (const p of installs) packages.add(p);
  }
  return lines.length ? { lines, packages: [...packages] } : null;
}

/**
 * The choice, if the image it names keeps what the stages need; else the same family's `-slim`
 * (Debian, apt and a shell) when that does, else the current image, with the reason as a risk.
 */
export function honourBindings(choice: Choice, cur: Current, b: Bindings, lookup: ImageLookup): Choice {
  if (!choice.image || (!b.packages && !b.shell)) return choice;
  const clash = clashOf(choice.image, b, lookup);
  if (!clash) return choice;
  // The sibling that keeps apt and a shell: the family's -slim, or for a JDK the JRE of the same
  // tag (`11-jdk-jammy` -> `11-jre-jammy`).
  const sibling = choice.decision === 'jvm-fat-jar'
    ? (cur.facts?.java === 'jdk' && cur.tag?.includes('jdk') ? `${cur.repository}:${cur.tag.replace('jdk', 'jre')}` : null)
    : variantImage(cur.facts, cur.repository, cur.family, cur.tag, 'slim');
  // The sibling may be the current image itself: then it is kept (no change is a change to the same image).
  const same = sibling !== null && lookup.normalized(sibling) === lookup.normalized(`${cur.repository}:${cur.tag ?? 'latest'}`);
  // The rejected image's musl caveats do not apply to a glibc image kept or chosen instead.
  const risksFor = (libc: string | null | undefined) => (libc === 'musl' ? choice.risks : choice.risks.filter((r) => !r.startsWith(MUSL_CAVEAT)));
  if (sibling && !same && sibling !== choice.image && !clashOf(sibling, b, lookup)) {
    const decision = choice.decision === 'jvm-fat-jar' ? choice.decision : 'glibc-native';
    return { ...choice, decision, image: sibling, evidence: [...choice.evidence, clash.evidence], risks: [...risksFor(lookup.facts(sibling)?.libc), `${choice.image} would break the build: ${clash.why}; ${sibling} keeps it.`] };
  }
  // (Distroless images hold CA certificates and tz data: a RUN that only installs them can go.)
  const p = lookup.facts(choice.image)?.family === 'distroless' ? onlyProvided(b) : null;
  const lift = p
    ? ` Line${p.lines.length > 1 ? 's' : ''} ${p.lines.join(', ')} only install${p.lines.length > 1 ? '' : 's'} ${p.packages.join(', ')}, which ${choice.image} already has: delete ${p.lines.length > 1 ? 'them' : 'that RUN'} and it fits.`
    : '';
  return { ...choice, decision: 'keep', image: null, evidence: [...choice.evidence, clash.evidence], risks: [...risksFor(cur.libc), `${choice.image} would break the build: ${clash.why}.${lift}`] };
}

function clashOf(image: string, b: Bindings, lookup: ImageLookup): { why: string; evidence: Evidence } | null {
  if (image === 'scratch') return b.shell ? { why: 'scratch has no shell', evidence: b.shell } : b.packages ? { why: 'scratch has no package manager', evidence: b.packages.evidence } : null;
  const facts = lookup.facts(image);
  if (!facts) return null;
  if (b.shell && facts.shell === null) return { why: `${image} has no shell`, evidence: b.shell };
  if (b.packages) {
    const has = facts.packageManager ? FAMILY_OF[facts.packageManager] : null;
    if (has !== b.packages.family) return { why: `the stage ${b.packages.evidence.fact.split(':')[0]} and ${image} ${has ? `uses ${has}` : 'has no package manager'}`, evidence: b.packages.evidence };
  }
  return null;
}
