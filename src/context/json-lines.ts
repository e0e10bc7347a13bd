// JSON that can say the line of an object key, so evidence can point at `package-lock.json:412`.
// JSON.parse builds the value (nothing written in JavaScript comes near it) but loses positions, and
// no well-kept library keeps them at its speed, so the positions are hand-written: the lines of an
// object's keys are found when first asked for, by scanning that object's text once (found by its
// path from the root). Invalid text goes through the hand-written reader below for its line.

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

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/** 1-based line of offset `at` (used only for errors and for an object's start). */
function lineAt(text: string, at: number, from = 0, line = 1): number {
  for (let i = text.indexOf('\n', from); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The hand-written reader: the line of the first error in invalid text (JSON.parse's messages give none). */
function locateError(text: string): JsonSyntaxError | null {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON: ${what}`, lineAt(text, at));
  };
  const skip = (): void => {
    for (let c = text.charCodeAt(at); c === 32 || c === NEWLINE || c === 9 || c === 13; c = text.charCodeAt(++at));
  };
  const str = (): string => {
    const start = at++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === QUOTE) break;
      if (Number.isNaN(c) || c === NEWLINE) fail('unterminated string');
      if (c === BACKSLASH) {
        escaped = true;
        at += 2;
      } else at++;
    }
    at++;
    if (!escaped) return text.slice(start + 1, at - 1);
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail('bad escape in a string');
    }
  };
  const scalar = (): Json => {
    const start = at;
    for (let c = text.charCodeAt(at); (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c === 43 || c === 46 || c === 69; c = text.charCodeAt(++at));
    const word = text.slice(start, at);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(word)) {
      at = start;
      return fail(at >= text.length ? 'unexpected end' : `unexpected '${text[at]}'`);
    }
    return Number(word);
  };
  const value = (): Json => {
    skip();
    const c = text.charCodeAt(at);
    if (c === 123) {
      const obj: Record<string, Json> = {};
      at++;
      skip();
      if (text.charCodeAt(at) === 125) {
        at++;
        return obj;
      }
      for (;;) {
        skip();
        if (text.charCodeAt(at) !== QUOTE) fail('expected a key');
        const key = str();
        skip();
        if (text.charCodeAt(at++) !== 58) fail('expected ":"');
        const v = value();
        // (A key twice keeps the last value, as JSON.parse does; __proto__ stays a plain key.)
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[key] = v;
        skip();
        const sep = text.charCodeAt(at++);
        if (sep === 125) return obj;
        if (sep !== 44) fail('expected "," or "}"');
      }
    }
    if (c === 91) {
      at++;
      const arr: Json[] = [];
      skip();
      if (text.charCodeAt(at) === 93) {
        at++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        skip();
        const sep = text.charCodeAt(at++);
        if (sep === 93) return arr;
        if (sep !== 44) fail('expected "," or "]"');
      }
    }
    if (c === QUOTE) return str();
    return scalar();
  };

  try {
    value();
    skip();
    if (at < text.length) fail('trailing text');
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err;
    // (This reader recurses; JSON.parse refused the text anyway, so only the line is lost.)
    if (err instanceof RangeError) return new JsonSyntaxError('invalid JSON: nested too deeply', 1);
    throw err;
  }
  return null;
}

/** An object's keys: the line of each and where its value starts (the last of a repeated key, as JSON.parse keeps). */
type KeyPositions = Map<string, { line: number; value: number }>;

/** The keys of the object whose `{` is at `start` (on line `line`): one scan of its text. */
function scanKeys(text: string, start: number, line: number): KeyPositions {
  const keys: KeyPositions = new Map();
  let depth = 0;
  let expectKey = false;
  let pending: { line: number; key: string } | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (pending !== null && c !== 32 && c !== NEWLINE && c !== 9 && c !== 13 && c !== 58) {
      keys.set(pending.key, { line: pending.line, value: i });
      pending = null;
    }
    if (c === NEWLINE) line++;
    else if (c === QUOTE) {
      const from = i;
      let escaped = false;
      for (i++; text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) {
          escaped = true;
          i++;
        }
      }
      if (depth === 1 && expectKey) {
        const raw = text.slice(from, i + 1);
        pending = { line, key: escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1) };
        expectKey = false;
      }
    } else if (c === 123 || c === 91) {
      if (++depth === 1) expectKey = true;
    } else if (c === 125 || c === 93) {
      if (--depth === 0) break;
    } else if (c === 44 && depth === 1) expectKey = true;
  }
  return keys;
}

export function parseJsonWithLines(input: string): LinedJson {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    throw locateError(text) ?? new JsonSyntaxError('invalid JSON', 1);
  }
  // Each object's parent and key, from one walk of the value on the first question.
  let parents: WeakMap<object, { parent: object; key: string }> | null = null;
  // (A loop, not recursion: JSON.parse accepts nesting deeper than the call stack.)
  const walk = (top: Json): void => {
    const todo: Json[] = [top];
    while (todo.length) {
      const v = todo.pop()!;
      if (v === null || typeof v !== 'object') continue;
      const entries: [string, Json][] = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
      for (const [key, item] of entries) {
        if (item === null || typeof item !== 'object') continue;
        parents!.set(item, { parent: v, key });
        todo.push(item);
      }
    }
  };
  const positions = new WeakMap<object, { start: number; line: number; keys: KeyPositions | null }>();
  const root = (): number => {
    let at = 0;
    for (let c = text.charCodeAt(0); c === 32 || c === NEWLINE || c === 9 || c === 13; c = text.charCodeAt(++at));
    return at;
  };
  /** Where an object or array starts and on which line; null when it is not part of this value. */
  const place = (obj: object): { start: number; line: number; keys: KeyPositions | null } | null => {
    // Up to the nearest ancestor already placed (the root at worst), then down: a loop, however deep.
    const chain: object[] = [];
    let at: object | undefined = obj;
    while (at !== undefined && !positions.has(at) && at !== value) {
      chain.push(at);
      if (parents === null) {
        parents = new WeakMap();
        walk(value);
      }
      at = parents.get(at)?.parent;
    }
    if (at === undefined) return null;
    if (!positions.has(at)) {
      const start = root();
      positions.set(at, { start, line: lineAt(text, start), keys: null });
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i]!;
      const up = parents!.get(child)!;
      const parent = positions.get(up.parent)!;
      let start: number;
      let line: number;
      if (Array.isArray(up.parent)) {
        // An array element: the scan of an array lists nothing, so find it by walking its items.
        const found = element(parent.start, parent.line, Number(up.key));
        if (!found) return null;
        ({ start, line } = found);
      } else {
        parent.keys ??= scanKeys(text, parent.start, parent.line);
        const k = parent.keys.get(up.key);
        if (!k) return null;
        start = k.value;
        line = lineAt(text, start, parent.start, parent.line);
      }
      positions.set(child, { start, line, keys: null });
    }
    return positions.get(obj)!;
  };
  /** The `index`th element of the array whose `[` is at `start`. */
  const element = (start: number, line: number, index: number): { start: number; line: number } | null => {
    let depth = 0;
    let n = 0;
    let next = true;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) line++;
      else if (c === 32 || c === 9 || c === 13) continue;
      else if (depth === 1 && next && c !== 44 && c !== 93) {
        if (n === index) return { start: i, line };
        n++;
        next = false;
      }
      if (c === QUOTE) {
        for (i++; text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
      } else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) return null;
      } else if (c === 44 && depth === 1) next = true;
    }
    return null;
  };
  return {
    value,
    lineOf: (obj, key) => {
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return null;
      const p = place(obj);
      if (!p) return null;
      p.keys ??= scanKeys(text, p.start, p.line);
      return p.keys.get(key)?.line ?? null;
    },
  };
}

export function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
