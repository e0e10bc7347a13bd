// BuildKit's AST dump (`(copy ["--user=me"] "foo" "/tmp/")`): the format of its parser test results.
import type { Dockerfile, Instruction } from './types.js';
import type { OnbuildInstruction } from './node.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

function flagText(ins: Instruction): string[] {
  return ins.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`));
}

/** One instruction in BuildKit's node-dump format. */
export function dumpInstruction(ins: Instruction): string {
  let str = ins.keyword.toLowerCase();
  const flags = flagText(ins);
  if (flags.length > 0) str += ' [' + flags.map(goQuote).join(' ') + ']';
  const trigger = (ins as OnbuildInstruction).trigger;
  if (ins.keyword === 'ONBUILD' && trigger) str += ' (' + dumpInstruction(trigger) + ')';
  else for (const a of ins.args) str += ' ' + goQuote(a);
  return str;
}

/** The whole file, one `(...)` line per instruction. */
export function dumpDockerfile(df: Dockerfile): string {
  return df.instructions.map((i) => '(' + dumpInstruction(i) + ')\n').join('');
}
