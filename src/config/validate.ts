import { PlinthError } from '../types.js';
// Strict validation of a config object: unknown keys and bad values are errors, never ignored.
import { didYouMean } from '../util/did-you-mean.js';
import type { Config, RegistryHost, RuleSetting, UpdateRule, VulnThreshold } from './types.js';
import { defaultConfig, UPDATE_TYPES, VULN_THRESHOLDS } from './types.js';

/** A config problem: the message names the file and, when known, the line. */
export class ConfigError extends PlinthError {
  constructor(message: string, readonly file: string, readonly line: number | null) {
    super('config', `${file}${line !== null ? `:${line}` : ''}: ${message}`);
  }
}

/** Maps a key path (`['rules', 'latest-tag']`) to the line it is on, when the format knows lines. */
export type Locate = (path: (string | number)[], part: 'key' | 'value') => number | null;

const TOP_KEYS = ['rules', 'trustedRegistries', 'pinning', 'failOn', 'goal', 'registries', 'vulnerabilities', 'update', 'pulls'] as const;
const SETTINGS: RuleSetting[] = ['error', 'warning', 'info', 'off'];
const PINNING: Config['pinning'][] = ['none', 'version', 'digest'];
const FAIL_ON: Config['failOn'][] = ['error', 'warning', 'info', 'none'];
const GOALS: Config['goal'][] = ['size', 'security', 'compatibility'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): v is T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

function list(values: readonly string[]): string {
  return values.join(', ');
}

/**
 * Checks `raw` and returns a full Config (defaults filled in). `knownRules`, when given,
 * makes an unknown rule id an error.
 */
export function validateConfig(raw: unknown, file: string, locate: Locate = () => null, knownRules?: ReadonlySet<string>): Config {
  const fail = (message: string, path: (string | number)[], part: 'key' | 'value' = 'value'): never => {
    throw new ConfigError(message, file, locate(path, part));
  };
  if (raw === null || raw === undefined) return { ...defaultConfig, source: file };
  if (!isObject(raw)) fail('the config must be a mapping of keys to values', []);
  const obj = raw as Record<string, unknown>;
  const config: Config = { ...defaultConfig, rules: {}, trustedRegistries: [], registries: {}, vulnerabilities: { threshold: null, source: null }, update: [], pulls: {}, source: file };
  for (const key of Object.keys(obj)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) fail(`unknown key '${key}' (known: ${list(TOP_KEYS)})`, [key], 'key');
  }
  if (obj.rules !== undefined) {
    if (!isObject(obj.rules)) fail("'rules' must be a mapping of rule id to error, warning, info or off", ['rules']);
    for (const [id, setting] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (knownRules && !knownRules.has(id)) {
        const guess = didYouMean(id, [...knownRules]);
        fail(`unknown rule '${id}' in 'rules'${guess ? ` (did you mean '${guess}'?)` : ''}`, ['rules', id], 'key');
      }
      if (!oneOf(setting, SETTINGS)) fail(`rule '${id}' must be ${list(SETTINGS)}, got ${JSON.stringify(setting)}`, ['rules', id]);
      config.rules[id] = setting as RuleSetting;
    }
  }
  if (obj.trustedRegistries !== undefined) {
    const t = obj.trustedRegistries;
    if (!Array.isArray(t)) fail("'trustedRegistries' must be a list of registry patterns", ['trustedRegistries']);
    (t as unknown[]).forEach((p, i) => {
      if (typeof p !== 'string' || p.trim() === '' || /\s/.test(p)) fail(`'trustedRegistries' entries must be non-empty patterns such as '*.example.com', got ${JSON.stringify(p)}`, ['trustedRegistries', i]);
      config.trustedRegistries.push(p as string);
    });
  }
  if (obj.pinning !== undefined) {
    if (!oneOf(obj.pinning, PINNING)) fail(`'pinning' must be ${list(PINNING)}, got ${JSON.stringify(obj.pinning)}`, ['pinning']);
    config.pinning = obj.pinning as Config['pinning'];
  }
  if (obj.failOn !== undefined) {
    if (!oneOf(obj.failOn, FAIL_ON)) fail(`'failOn' must be ${list(FAIL_ON)}, got ${JSON.stringify(obj.failOn)}`, ['failOn']);
    config.failOn = obj.failOn as Config['failOn'];
  }
  if (obj.goal !== undefined) {
    if (!oneOf(obj.goal, GOALS)) fail(`'goal' must be ${list(GOALS)}, got ${JSON.stringify(obj.goal)}`, ['goal']);
    config.goal = obj.goal as Config['goal'];
  }
  if (obj.registries !== undefined) {
    if (!isObject(obj.registries)) fail("'registries' must be a mapping of registry host to { mirrors, insecure }", ['registries']);
    for (const [host, value] of Object.entries(obj.registries as Record<string, unknown>)) {
      config.registries[host] = registryHost(host, value, fail);
    }
  }
  if (obj.vulnerabilities !== undefined) {
    const v = obj.vulnerabilities;
    if (!isObject(v)) fail("'vulnerabilities' must be a mapping with 'threshold' and/or 'source'", ['vulnerabilities']);
    for (const k of Object.keys(v as object)) {
      if (k !== 'threshold' && k !== 'source') fail(`unknown key '${k}' in 'vulnerabilities' (known: threshold, source)`, ['vulnerabilities', k], 'key');
    }
    const { threshold, source } = v as Record<string, unknown>;
    if (threshold !== undefined) {
      if (!oneOf(threshold, VULN_THRESHOLDS)) fail(`'vulnerabilities.threshold' must be ${list(VULN_THRESHOLDS)}, got ${JSON.stringify(threshold)}`, ['vulnerabilities', 'threshold']);
      config.vulnerabilities.threshold = threshold as VulnThreshold;
    }
    if (source !== undefined) {
      if (typeof source !== 'string' || !/^(https:\/\/|file:\/\/|http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$))\S*$/.test(source)) {
        fail(`'vulnerabilities.source' must be an https:// or file:// URL (or http:// to 127.0.0.1), got ${JSON.stringify(source)}`, ['vulnerabilities', 'source']);
      }
      config.vulnerabilities.source = source as string;
    }
  }
  if (obj.pulls !== undefined) {
    if (!isObject(obj.pulls)) fail("'pulls' must be a mapping of repository (or repository/path) to pulls per day", ['pulls']);
    for (const [k, n] of Object.entries(obj.pulls as Record<string, unknown>)) {
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) fail(`pulls of '${k}' must be a number of pulls per day, got ${JSON.stringify(n)}`, ['pulls', k]);
      config.pulls[k] = n as number;
    }
  }
  if (obj.update !== undefined) {
    if (!Array.isArray(obj.update)) fail("'update' must be a list of rules such as { match: node, allow: [patch, minor], distro: true }", ['update']);
    (obj.update as unknown[]).forEach((rule, i) => {
      const at = ['update', i];
      if (!isObject(rule)) fail(`'update' entries must be mappings with 'match'`, at);
      const r = rule as Record<string, unknown>;
      for (const k of Object.keys(r)) if (!['match', 'allow', 'distro'].includes(k)) fail(`unknown key '${k}' in an 'update' rule (known: match, allow, distro)`, [...at, k], 'key');
      if (typeof r.match !== 'string' || r.match.trim() === '' || /\s/.test(r.match)) fail(`'match' of an 'update' rule must be an image name such as node or ghcr.io/acme/*, got ${JSON.stringify(r.match)}`, [...at, 'match']);
      if (r.allow !== undefined && (!Array.isArray(r.allow) || !r.allow.every((a) => oneOf(a, UPDATE_TYPES)))) fail(`'allow' of an 'update' rule must list ${list(UPDATE_TYPES)}, got ${JSON.stringify(r.allow)}`, [...at, 'allow']);
      if (r.distro !== undefined && typeof r.distro !== 'boolean') fail(`'distro' of an 'update' rule must be true or false, got ${JSON.stringify(r.distro)}`, [...at, 'distro']);
      config.update.push({ match: r.match as string, allow: (r.allow as UpdateRule['allow']) ?? null, distro: (r.distro as boolean | undefined) ?? null });
    });
  }
  return config;
}

function registryHost(host: string, value: unknown, fail: (m: string, p: (string | number)[], part?: 'key' | 'value') => never): RegistryHost {
  const at = ['registries', host];
  if (!isObject(value)) fail(`registry '${host}' must be a mapping with 'mirrors' and/or 'insecure'`, at);
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    if (k !== 'mirrors' && k !== 'insecure') fail(`unknown key '${k}' in registry '${host}' (known: mirrors, insecure)`, [...at, k], 'key');
  }
  const out: RegistryHost = { mirrors: [] };
  if (v.mirrors !== undefined) {
    if (!Array.isArray(v.mirrors)) fail(`'mirrors' of registry '${host}' must be a list of hosts or URLs`, [...at, 'mirrors']);
    (v.mirrors as unknown[]).forEach((m, i) => {
      if (typeof m !== 'string' || m.trim() === '' || /\s/.test(m)) fail(`mirror entries of registry '${host}' must be hosts or URLs, got ${JSON.stringify(m)}`, [...at, 'mirrors', i]);
      out.mirrors.push(m as string);
    });
  }
  if (v.insecure !== undefined) {
    if (typeof v.insecure !== 'boolean') fail(`'insecure' of registry '${host}' must be true or false, got ${JSON.stringify(v.insecure)}`, [...at, 'insecure']);
    out.insecure = v.insecure as boolean;
  }
  return out;
}
