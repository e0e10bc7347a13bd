// A small JSON reader that remembers the line of every object key, so evidence can point at
// `package-lock.json:412`. JSON.parse loses positions; lockfiles are plain JSON, so this is enough.

import { InputError } from '../util/input-error.js';
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface LinedJson {
  value: Json;
  /** 1-based line of `key` inside `obj` (an object from `value`), or null. */
  lineOf(obj: unknown, key: string): number | null;
}

export class JsonSyntaxError extends InputError {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

export function parseJsonWithLines(text: string): LinedJson {
  const lines = new WeakMap<object, Map<string, number>>();
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON: ${what}`, line);
  };
  const skip = (): void => {
    for (;;) {
      const c = text[at];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') return;
      at++;
    }
  };
  const str = (): string => {
    const start = at++;
    for (;;) {
      const c = text[at];
      if (c === undefined || c === '\n') fail('unterminated string');
      if (c === '\\') at += 2;
      else if (c === '"') break;
      else at++;
    }
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (): Json => {
    skip();
    const c = text[at];
    if (c === '{') {
      at++;
      const obj: Record<string, Json> = {};
      const keyLines = new Map<string, number>();
      lines.set(obj, keyLines);
      skip();
      if (text[at] === '}') { at++; return obj; }
      for (;;) {
        skip();
        if (text[at] !== '"') fail('expected a key');
        const keyLine = line;
        const key = str();
        skip();
        if (text[at++] !== ':') fail('expected ":"');
        obj[key] = value();
        if (!keyLines.has(key)) keyLines.set(key, keyLine);
        skip();
        const sep = text[at++];
        if (sep === '}') return obj;
        if (sep !== ',') fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      at++;
      const arr: Json[] = [];
      skip();
      if (text[at] === ']') { at++; return arr; }
      for (;;) {
        arr.push(value());
        skip();
        const sep = text[at++];
        if (sep === ']') return arr;
        if (sep !== ',') fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 64));
    if (!m) return fail(c === undefined ? 'unexpected end' : `unexpected '${c}'`);
    at += m[0].length;
    return JSON.parse(m[0]) as Json;
  };

  const result = value();
  skip();
  if (at < text.length) fail('trailing text');
  return {
    value: result,
    lineOf: (obj, key) => (obj && typeof obj === 'object' ? lines.get(obj)?.get(key) ?? null : null),
  };
}

export function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
