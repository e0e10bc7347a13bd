import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LintReport } from '../../src/lint/types.js';
import type { RuleMeta } from '../../src/rules/types.js';
import { spawnSync } from 'node:child_process';
import { escapeData, escapeProperty, formatCheckstyle, formatGithub, formatGitlab, formatJunit, formatMarkdown, formatSonarqube, formatJson, formatReport, formatSarif, xmlAttribute, formatText, FORMATS, jsonReport, reportWriter, shouldColor } from '../../src/report/index.js';
import { summarize } from '../../src/lint/index.js';
import { sarifValidator } from './sarif-schema.js';

const metas: RuleMeta[] = [
  { id: 'latest-tag', severity: 'warning', description: 'The image uses the moving :latest tag.', docs: 'docs/rules/latest-tag.md', fixable: true },
  { id: 'musl-native-modules', severity: 'error', description: 'Native modules built for glibc on an Alpine image.', docs: 'docs/rules/musl-native-modules.md', fixable: false },
];

function sample(): LintReport {
  const files: LintReport['files'] = [
    {
      path: 'svc/app one/Dockerfile',
      error: null,
      failOn: 'warning',
      stages: [
        { index: 0, name: 'build', line: 1, final: false, image: 'docker.io/library/golang:1.22', fromStage: null },
        { index: 1, name: null, line: 5, final: true, image: 'docker.io/library/node:latest', fromStage: null },
      ],
      findings: [
        { rule: 'latest-tag', severity: 'warning', line: 5, column: 1, stage: 1, message: 'node:latest moves, 50% of the time: unpredictable,\nreally', suggestion: 'node:22-slim' },
        { rule: 'musl-native-modules', severity: 'error', line: 7, column: 3, stage: 1, message: 'bcrypt is built for glibc', suggestion: null },
        { rule: 'custom-rule', severity: 'info', line: 9, column: 1, stage: null, message: 'a note', suggestion: null },
      ],
    },
    { path: 'broken/Dockerfile', error: { line: 2, message: 'unknown instruction FORM' }, failOn: 'warning', stages: [], findings: [] },
    { path: 'clean/Dockerfile', error: null, failOn: 'warning', stages: [{ index: 0, name: null, line: 1, final: true, image: 'scratch', fromStage: null }], findings: [] },
  ];
  return { files, summary: summarize(files), rules: metas, warnings: [] };
}

test('JSON keeps the contract: exactly the documented keys, in order', () => {
  const out = JSON.parse(formatJson(sample()));
  assert.deepEqual(Object.keys(out), ['version', 'files', 'summary']);
  assert.equal(out.version, 1);
  assert.deepEqual(out.summary, { files: 3, errors: 1, warnings: 1, infos: 1 });
  const [first, broken, clean] = out.files;
  assert.deepEqual(Object.keys(first), ['path', 'error', 'stages', 'findings']);
  assert.deepEqual(Object.keys(first.stages[0]), ['index', 'name', 'line', 'final', 'image', 'fromStage']);
  assert.deepEqual(Object.keys(first.findings[0]), ['rule', 'severity', 'line', 'column', 'stage', 'message', 'suggestion']);
  assert.equal(first.error, null);
  assert.equal(first.findings[0].suggestion, 'node:22-slim');
  assert.deepEqual(broken.error, { line: 2, message: 'unknown instruction FORM' });
  assert.equal(clean.stages[0].image, 'scratch');
});

test('SARIF is valid against the 2.1.0 schema and carries rules, help, levels and locations', () => {
  const validate = sarifValidator() as ((data: unknown) => boolean) & { errors?: unknown };
  const sarif = JSON.parse(formatSarif(sample())) as { runs: any[] };
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const run = sarif.runs[0];
  const rules = run.tool.driver.rules as { id: string; helpUri: string; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[];
  assert.deepEqual(rules.map((r) => r.id), ['latest-tag', 'musl-native-modules', 'custom-rule']);
  const musl = rules[1]!;
  assert.equal(musl.defaultConfiguration.level, 'error');
  // No web base given, no homepage: no helpUri at all, never a local file path.
  assert.equal(musl.helpUri, undefined);
  assert.ok(musl.help.markdown.length > 100, 'help comes from the shipped docs page');
  assert.equal(run.results.length, 3);
  const [latest, , note] = run.results;
  assert.equal(latest.ruleId, 'latest-tag');
  assert.equal(latest.level, 'warning');
  assert.equal(note.level, 'note');
  assert.equal(latest.properties.suggestion, 'node:22-slim');
  const loc = latest.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'svc/app%20one/Dockerfile');
  assert.deepEqual(loc.region, { startLine: 5, startColumn: 1 });
  assert.equal(run.invocations[0].executionSuccessful, false);
  // Breaking the document must be caught: the validator is not vacuous.
  delete run.tool.driver.name;
  assert.equal(validate(sarif), false);
});

test('github annotations escape data and properties', () => {
  assert.equal(escapeData('50% a\r\nb'), '50%25 a%0D%0Ab');
  assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  const lines = formatGithub(sample()).trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[0], '::warning file=svc/app one/Dockerfile,line=5,col=1,title=latest-tag::node:latest moves, 50%25 of the time: unpredictable,%0Areally (suggestion: node:22-slim)');
  assert.equal(lines[1], '::error file=svc/app one/Dockerfile,line=7,col=3,title=musl-native-modules::bcrypt is built for glibc');
  assert.equal(lines[2], '::notice file=svc/app one/Dockerfile,line=9,col=1,title=custom-rule::a note');
  assert.equal(lines[3], '::error file=broken/Dockerfile,line=2,title=plinth::unknown instruction FORM');
});

test('text groups by file, shows suggestions and a summary; colour only when asked', () => {
  const plain = formatText(sample(), { color: false });
  assert.doesNotMatch(plain, /\u001b\[/);
  const blocks = plain.trimEnd().split('\n\n');
  assert.equal(blocks.length, 2);
  assert.match(blocks[0]!, /^svc\/app one\/Dockerfile:5:1 warning latest-tag node:latest moves/);
  assert.match(blocks[0]!, /\n {2}suggestion: node:22-slim\n/);
  assert.match(blocks[0]!, /\nsvc\/app one\/Dockerfile:7:3 error musl-native-modules bcrypt/);
  assert.equal(blocks[1], 'by rule: custom-rule 1, latest-tag 1, musl-native-modules 1\n2 files linted (1 could not be linted): 1 error, 1 warning, 1 info');
  const linked = formatText(sample(), { color: false, docsUrl: 'https://example.org/docs/' });
  assert.match(linked, /\n {2}suggestion: node:22-slim\n {2}docs: https:\/\/example\.org\/docs\/rules\/latest-tag\.md\n/);
  // On a terminal the rule id itself links its page (OSC 8): no docs line, and the text reads the same.
  const tty = formatText(sample(), { color: true, docsUrl: 'https://example.org/docs/', hyperlinks: true });
  assert.match(tty, /\u001b\]8;;https:\/\/example\.org\/docs\/rules\/latest-tag\.md\u001b\\\u001b\[2mlatest-tag\u001b\[22m\u001b\]8;;\u001b\\ /);
  assert.doesNotMatch(tty, /docs:/);
  assert.equal(tty.replace(/\u001b\]8;;[^\u001b]*\u001b\\/g, '').replace(/\u001b\[\d+m/g, ''), plain);
  const coloured = formatText(sample(), { color: true });
  assert.match(coloured, /\u001b\[33mwarning\u001b\[39m/);
  assert.match(coloured, /\u001b\[31merror\u001b\[39m/);
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
});

test('colour decision: flag, FORCE_COLOR, NO_COLOR, TTY', () => {
  assert.equal(shouldColor({}, true), true);
  assert.equal(shouldColor({}, false), false);
  assert.equal(shouldColor({ NO_COLOR: '1' }, true), false);
  assert.equal(shouldColor({ NO_COLOR: '' }, true), true);
  assert.equal(shouldColor({ FORCE_COLOR: '1' }, false), true);
  assert.equal(shouldColor({ FORCE_COLOR: '0' }, true), false);
  assert.equal(shouldColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), true);
  assert.equal(shouldColor({ FORCE_COLOR: '1' }, true, true), false);
});

test('streamed JSON is byte for byte the pretty-printed document, with and without files', () => {
  const empty: LintReport = { files: [], summary: summarize([]), rules: metas, warnings: [] };
  for (const r of [sample(), empty, { ...sample(), files: sample().files.slice(0, 1) }]) {
    assert.equal(formatJson(r), `${JSON.stringify(jsonReport(r), null, 2)}\n`);
  }
});

test('a writer fed file by file gives what formatReport gives for the whole report', () => {
  for (const format of FORMATS) {
    const w = reportWriter(format, metas, { color: false });
    let out = w.start();
    for (const f of sample().files) out += w.file(f);
    out += w.end(sample().summary);
    assert.equal(out, formatReport(sample(), format, { color: false }), format);
  }
  // SARIF with no results and no errors is still a valid document.
  const sarif = JSON.parse(formatSarif({ files: [], summary: summarize([]), rules: metas, warnings: [] })) as { runs: any[] };
  assert.deepEqual(sarif.runs[0].results, []);
  assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  assert.ok((sarifValidator() as (d: unknown) => boolean)(sarif));
});

test('gitlab Code Quality: one entry per finding and per broken file; fingerprints ignore the line', () => {
  const entries = JSON.parse(formatGitlab(sample())) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
  assert.equal(entries.length, 4);
  assert.deepEqual(entries.map((e) => [e.check_name, e.severity, e.location.lines.begin]), [['latest-tag', 'major', 5], ['musl-native-modules', 'critical', 7], ['custom-rule', 'info', 9], ['plinth', 'blocker', 2]]);
  assert.match(entries[0]!.description, /\(suggestion: node:22-slim\)$/);
  assert.equal(new Set(entries.map((e) => e.fingerprint)).size, 4);
  const moved = sample();
  moved.files[0]!.findings[0]!.line = 50;
  assert.equal((JSON.parse(formatGitlab(moved)) as { fingerprint: string }[])[0]!.fingerprint, entries[0]!.fingerprint);
  assert.equal(formatGitlab({ files: [], summary: summarize([]), rules: metas, warnings: [] }), '[]\n');
});

test('checkstyle is well-formed XML (xmllint) with every hostile character escaped', () => {
  const r = sample();
  r.files[0]!.findings[2]!.message = 'a <tag> & "quotes" \'single\' \u0001 control \ud800 lone';
  const xml = formatCheckstyle(r);
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle version="4\.3">\n/);
  assert.match(xml, /<file name="svc\/app one\/Dockerfile">\n {4}<error line="5" column="1" severity="warning" message="node:latest moves, 50% of the time: unpredictable,&#10;really \(suggestion: node:22-slim\)" source="plinth\.latest-tag"\/>/);
  assert.match(xml, /message="a &lt;tag&gt; &amp; &quot;quotes&quot; &apos;single&apos; \ufffd control \ufffd lone"/);
  assert.match(xml, /<file name="clean\/Dockerfile"\/>/);
  assert.equal(xmlAttribute('\ud83d\ude00'), '\ud83d\ude00', 'a surrogate pair is kept');
  const lint = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
  if (lint.error) assert.fail('xmllint is not installed (scripts/test-deps.sh installs libxml2-utils)');
  assert.equal(lint.status, 0, lint.stderr);
  // The check can fail: an unescaped ampersand is refused.
  assert.notEqual(spawnSync('xmllint', ['--noout', '-'], { input: xml.replace('&amp;', '&'), encoding: 'utf8' }).status, 0);
});

test('junit: a testsuite per file, a failing testcase per finding, well-formed (xmllint)', () => {
  const xml = formatJunit(sample());
  const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)">/g)].map((m) => m.slice(1));
  assert.deepEqual(suites, [['svc/app one/Dockerfile', '3', '3', '0'], ['broken/Dockerfile', '1', '0', '1'], ['clean/Dockerfile', '1', '0', '0']]);
  assert.match(xml, /<testcase name="latest-tag \(line 5\)" classname="svc\/app one\/Dockerfile">\n {6}<failure message="node:latest moves, 50% of the time: unpredictable,&#10;really" type="latest-tag">/);
  assert.match(xml, /<error message="unknown instruction FORM" type="plinth">broken\/Dockerfile:2: unknown instruction FORM<\/error>/);
  const lint = spawnSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8' });
  if (lint.error) assert.fail('xmllint is not installed (scripts/test-deps.sh installs libxml2-utils)');
  assert.equal(lint.status, 0, lint.stderr);
});

// junitparser (Debian's python3-junitparser), the library CI tools use to read and merge JUnit
// reports: what it reads back is what the report holds.
const JUNIT_READ = `
import json, sys
from junitparser import JUnitXml, TestSuite
xml = JUnitXml.fromstring(sys.stdin.buffer.read())
suites = [xml] if isinstance(xml, TestSuite) else list(xml)
print(json.dumps([[s.name, s.tests, s.failures, s.errors, [[c.name, c.classname, [[type(r).__name__, r.type, r.message] for r in c.result]] for c in s]] for s in suites]))
`;

test('junit: read back by junitparser, suite by suite and case by case', () => {
  const r = sample();
  const read = (xml: string): unknown => {
    const p = spawnSync('/usr/bin/python3', ['-c', JUNIT_READ], { input: xml, encoding: 'utf8' });
    if (p.error || /No module named 'junitparser'/.test(p.stderr)) assert.fail('junitparser is not installed (scripts/test-deps.sh installs python3-junitparser)');
    assert.equal(p.status, 0, p.stderr);
    return JSON.parse(p.stdout);
  };
  const got = read(formatJunit(r)) as [string, number, number, number, [string, string, [string, string, string][]][]][];
  const want = r.files.map((f) => {
    const cases = f.error
      ? [['lint', f.path, [['Error', 'plinth', f.error.message]]]]
      : f.findings.length
        ? f.findings.map((x) => [`${x.rule} (line ${x.line})`, f.path, [['Failure', x.rule, x.message]]])
        : [['lint', f.path, []]];
    return [f.path, cases.length, f.error ? 0 : f.findings.length, f.error ? 1 : 0, cases];
  });
  assert.deepEqual(got, want);
  // The check can fail: a report cut short is refused.
  const xml = formatJunit(r);
  assert.notEqual(spawnSync('/usr/bin/python3', ['-c', JUNIT_READ], { input: xml.slice(0, xml.length / 2), encoding: 'utf8' }).status, 0);
});

test('sonarqube: generic issues with the rules they name and their impact', () => {
  const doc = JSON.parse(formatSonarqube(sample())) as { issues: { ruleId: string; primaryLocation: { message: string; filePath: string; textRange?: { startLine: number } } }[]; rules: { id: string; engineId: string; impacts: { softwareQuality: string; severity: string }[] }[] };
  assert.deepEqual(Object.keys(doc), ['issues', 'rules']);
  assert.deepEqual(doc.issues.map((i) => [i.ruleId, i.primaryLocation.filePath, i.primaryLocation.textRange?.startLine]), [['latest-tag', 'svc/app one/Dockerfile', 5], ['musl-native-modules', 'svc/app one/Dockerfile', 7], ['custom-rule', 'svc/app one/Dockerfile', 9], ['plinth', 'broken/Dockerfile', 2]]);
  assert.deepEqual(doc.rules.map((r) => [r.id, r.engineId, r.impacts[0]!.severity]), [['latest-tag', 'plinth', 'MEDIUM'], ['musl-native-modules', 'plinth', 'HIGH'], ['custom-rule', 'plinth', 'LOW'], ['plinth', 'plinth', 'HIGH']]);
  // Every issue names a rule the report lists (SonarQube refuses the file otherwise).
  for (const i of doc.issues) assert.ok(doc.rules.some((r) => r.id === i.ruleId), i.ruleId);
});

test('markdown: one table row per finding, cells that cannot break the table, counts by rule', () => {
  const r = sample();
  r.files[0]!.findings[2]!.message = 'a | pipe, a <b>tag</b>\nand a `tick`';
  const md = formatMarkdown(r);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| File'));
  assert.equal(rows.length, 3);
  for (const row of rows) assert.equal(row.split(/(?<!\\)\|/).length, 8, row);
  assert.match(rows[2]!, /a \\\| pipe, a \\<b\\>tag\\<\/b\\> and a \\`tick\\`/);
  assert.match(md, /\*\*Not linted:\*\*\n\n- `broken\/Dockerfile` line 2: unknown instruction FORM/);
  assert.match(md, /2 files linted \(1 could not be linted\): 1 error, 1 warning, 1 info \(custom-rule: 1, latest-tag: 1, musl-native-modules: 1\)\n$/);
  assert.match(formatMarkdown({ files: [], summary: summarize([]), rules: metas, warnings: [] }), /No findings\./);
  // With a docs base, each rule id links its page; the table keeps its columns.
  const linked = formatMarkdown(r, 'https://example.org/docs');
  assert.match(linked, /\| \[latest-tag\]\(https:\/\/example\.org\/docs\/rules\/latest-tag\.md\) \|/);
  for (const row of linked.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| File'))) assert.equal(row.split(/(?<!\\)\|/).length, 8, row);
});

test('SARIF: https help links from --docs-url, fingerprints that survive line moves, fixes as replacements', () => {
  const r = sample();
  r.files[0]!.findings[0]!.fix = { line: 5, column: 6, endLine: 5, endColumn: 17, text: 'node:22-slim' };
  const validate = sarifValidator() as ((data: unknown) => boolean) & { errors?: unknown };
  const sarif = JSON.parse(formatReport(r, 'sarif', { docsUrl: 'https://example.org/plinth/docs/' })) as { runs: any[] };
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.rules[0].helpUri, 'https://example.org/plinth/docs/rules/latest-tag.md');
  const [latest, musl] = run.results;
  assert.deepEqual(latest.fixes, [{ description: { text: 'Use node:22-slim' }, artifactChanges: [{ artifactLocation: { uri: 'svc/app%20one/Dockerfile' }, replacements: [{ deletedRegion: { startLine: 5, startColumn: 6, endLine: 5, endColumn: 17 }, insertedContent: { text: 'node:22-slim' } }] }] }]);
  assert.equal(musl.fixes, undefined);
  const moved = sample();
  moved.files[0]!.findings[0]!.line = 40;
  const again = JSON.parse(formatReport(moved, 'sarif')).runs[0].results[0];
  assert.equal(again.partialFingerprints['plinth/v1'], latest.partialFingerprints['plinth/v1']);
  assert.notEqual(musl.partialFingerprints['plinth/v1'], latest.partialFingerprints['plinth/v1']);
});

test('text on a terminal: a long message wraps at spaces to its width, later lines indented; a pipe keeps one line', async () => {
  const { wrapWords } = await import('../../src/report/text.js');
  assert.equal(wrapWords('aaa bbb ccc ddd', 10, 20), ' aaa bbb\n    ccc ddd');
  // A word longer than a line stays whole; a head too long for the first word starts a new line.
  assert.equal(wrapWords('see https://example.org/a/very/long/path/indeed', 30, 40), ' see\n    https://example.org/a/very/long/path/indeed');
  assert.equal(wrapWords('word', 38, 40), '\n    word');
  const r = sample();
  const long = 'node:latest moves to a new release (and maybe a new major version or distribution) without notice, so the image changes under you';
  r.files[0]!.findings[0]!.message = long;
  const wrapped = formatText(r, { color: true, width: 60 });
  const visible = wrapped.replace(/\u001b\[\d+m/g, '');
  for (const line of visible.split('\n')) if (!line.includes('by rule:') && !line.includes('linted')) assert.ok(line.length <= 60, line);
  // The same words in the same order, and the colour codes untouched.
  const block = visible.split('\n\n')[0]!;
  assert.ok(block.replace(/\n {4}/g, ' ').includes(long));
  assert.match(wrapped, /\u001b\[33mwarning\u001b\[39m/);
  // Narrower than 40 columns, or no width (a pipe): one line per finding.
  assert.ok(formatText(r, { width: 30 }).includes(long));
  assert.ok(formatText(r, {}).includes(long));
});
