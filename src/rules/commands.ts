// What RUN instructions execute, as simple commands: `apt-get update && apt-get install -y gcc`
// -> [['apt-get','update'], ['apt-get','install','-y','gcc']]. Shell, exec and heredoc forms.
import type { Instruction } from '../dockerfile/types.js';
import { packageNames } from '../dockerfile/packages.js';

export interface SimpleCommand {
  /** Program name without its directory (`/usr/bin/apk` -> `apk`). */
  name: string;
  args: string[];
  /** `NAME=value` assignments written before the command (`CGO_ENABLED=0 go build`). */
  env: Record<string, string>;
  instruction: Instruction;
}

const SEPARATORS = /&&|\|\||[;|&\n]|\$\(|`|\(|\)/;
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'time', 'nohup', 'xargs', 'then', 'do', 'else', '!', '{', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The text a RUN runs through a shell (shell form, heredoc bodies, or `sh -c "..."` exec form). */
export function runScripts(inst: Instruction): string[] {
  const scripts: string[] = [];
  if (inst.json) {
    const [prog, flag, script] = inst.args;
    if (prog && /(^|\/)(ba|da|a|z)?sh$/.test(prog) && flag === '-c' && script !== undefined) scripts.push(script);
    else scripts.push(inst.args.map(quoteIfNeeded).join(' '));
  } else {
    const text = inst.args[0] ?? '';
    if (inst.heredocs.length === 0) scripts.push(text);
    else {
      for (const h of inst.heredocs) scripts.push(h.content);
      scripts.push(text.replace(/<<-?["']?\w+["']?/g, ''));
    }
  }
  return scripts;
}

function quoteIfNeeded(s: string): string {
  return /\s/.test(s) ? `'${s}'` : s;
}

export function commandsOf(inst: Instruction): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  for (const script of runScripts(inst)) {
    for (const part of script.split(SEPARATORS)) {
      const words = splitWords(part);
      const env: Record<string, string> = {};
      let i = 0;
      for (; i < words.length; i++) {
        const w = words[i]!;
        if (ASSIGNMENT.test(w)) {
          const eq = w.indexOf('=');
          env[w.slice(0, eq)] = w.slice(eq + 1);
        } else if (WRAPPERS.has(w) || (w.startsWith('-') && i > 0 && WRAPPERS.has(words[i - 1]!))) continue;
        else break;
      }
      if (i >= words.length) continue;
      const name = words[i]!.slice(words[i]!.lastIndexOf('/') + 1);
      out.push({ name, args: words.slice(i + 1), env, instruction: inst });
    }
  }
  return out;
}

/** Whitespace split that keeps quoted strings together and drops the quotes (enough for flags and package names). */
function splitWords(text: string): string[] {
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    let plain = true;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) break;
      if (c === 34 || c === 39) {
        plain = false;
        const close = text.indexOf(text[i]!, i + 1);
        i = close < 0 ? n : close + 1;
      } else if (c === 92) {
        plain = false;
        i += 2;
      } else i++;
    }
    const raw = text.slice(start, Math.min(i, n));
    words.push(plain ? raw : raw.replace(/\\(.)|["']/g, (m, e: string | undefined) => e ?? ''));
  }
  return words;
}

export type PackageManagerName = 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf';

/** Which package manager a command runs, if any. */
export function packageManagerOf(cmd: SimpleCommand): PackageManagerName | null {
  switch (cmd.name) {
    case 'apt': case 'apt-get': case 'aptitude': return 'apt';
    case 'apk': return 'apk';
    case 'yum': return 'yum';
    case 'dnf': return 'dnf';
    case 'microdnf': return 'microdnf';
    default: return null;
  }
}

const INSTALL_VERBS = new Set(['install', 'add']);

/** Packages a package-manager command installs (`apt-get install -y a b`, `apk add --no-cache a`). */
export function installedPackages(cmd: SimpleCommand): string[] {
  if (!packageManagerOf(cmd)) return [];
  const verb = cmd.args.findIndex((a) => INSTALL_VERBS.has(a));
  if (verb < 0) return [];
  return packageNames(cmd.args.slice(verb + 1));
}
