#!/usr/bin/env node
// `npm run docs`: rewrites the rule list in README.md from the rules' metadata (needs a build).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const rules = await import(new URL('../dist/src/rules/index.js', import.meta.url).href);
const { withRulesTable } = await import(new URL('../dist/src/report/readme.js', import.meta.url).href);
const { atomicWriteFile } = await import(new URL('../dist/src/util/atomic.js', import.meta.url).href);
if (typeof rules.rulesMarkdownTable !== 'function' || !rules.allRules?.length) {
  console.error('docs: no rules registered in dist/src/rules/index.js (build first)');
  process.exit(2);
}
const path = `${root}README.md`;
const before = readFileSync(path, 'utf8');
const after = withRulesTable(before, rules.rulesMarkdownTable());
if (after !== before) await atomicWriteFile(path, after);
console.log(after === before ? 'README.md rule list is up to date' : `README.md rule list rewritten (${rules.allRules.length} rules)`);
