// Fixture Dockerfiles carry their expected findings, markdownlint-style: a comment
// `# expect: RULE [severity=S] [suggestion=IMAGE]` stands before the instruction it is about.
// `# config: {json}` and `# date: YYYY-MM-DD` at the top set the lint options.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { lintDockerfile } from '../../src/lint/index.js';
import { defaultConfig, type Config } from '../../src/config/types.js';

export const fixturesRoot = new URL('../../../test/fixtures/rules/', import.meta.url).pathname;

interface Expected {
  rule: string;
  line: number;
  severity?: string;
  suggestion?: string;
}

export function expectations(source: string): { expected: Expected[]; config: Config; date: string } {
  const lines = source.split(/\r?\n/);
  const expected: Expected[] = [];
  let config: Config = defaultConfig;
  let date = '2026-11-23';
  let pending: Omit<Expected, 'line'>[] = [];
  let continued = false;
  lines.forEach((text, i) => {
    const t = text.trim();
    const marker = /^# expect: (\S+)(.*)$/.exec(t);
    if (marker) {
      const attrs = Object.fromEntries([...marker[2]!.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
      pending.push({ rule: marker[1]!, ...(attrs.severity ? { severity: attrs.severity } : {}), ...(attrs.suggestion ? { suggestion: attrs.suggestion === 'null' ? '' : attrs.suggestion } : {}) });
      return;
    }
    const cfg = /^# config: (.*)$/.exec(t);
    if (cfg) config = { ...defaultConfig, ...(JSON.parse(cfg[1]!) as Partial<Config>) };
    const d = /^# date: (\S+)$/.exec(t);
    if (d) date = d[1]!;
    if (t === '' || t.startsWith('#')) return;
    if (!continued) {
      for (const p of pending) expected.push({ ...p, line: i + 1 });
      pending = [];
    }
    continued = /\\$/.test(t);
  });
  return { expected, config, date };
}

/** One test per fixture file of a rule: exactly the marked findings of that rule, no more. */
export function ruleFixtures(rule: string): void {
  const dir = join(fixturesRoot, rule);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort()) {
    test(`${rule}: ${name}`, () => {
      const source = readFileSync(join(dir, name), 'utf8');
      const { expected, config, date } = expectations(source);
      const { findings } = lintDockerfile(parseDockerfile(source, name), { config, date });
      const got = findings.filter((f) => f.rule === rule);
      assert.deepEqual(got.map((f) => `${f.rule}@${f.line}`), expected.filter((e) => e.rule === rule).map((e) => `${e.rule}@${e.line}`));
      for (const e of expected.filter((x) => x.rule === rule)) {
        const f = got.find((g) => g.line === e.line)!;
        if (e.severity) assert.equal(f.severity, e.severity, `severity at line ${e.line}`);
        if (e.suggestion !== undefined) assert.equal(f.suggestion ?? '', e.suggestion, `suggestion at line ${e.line}`);
        assert.ok(f.message.length > 20 && !f.message.includes('\n'), 'a one-line message that says something');
      }
    });
  }
}
