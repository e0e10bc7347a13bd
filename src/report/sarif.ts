// SARIF 2.1.0 for code-scanning upload: the rules with their docs, one result per finding.
import { readFileSync } from 'node:fs';
import type { LintReport } from '../lint/types.js';
import type { RuleMeta, Severity } from '../rules/types.js';
import { fingerprint, nestedJson, ruleDocsUrl, writeAll, type ReportWriter } from './writer.js';

const ROOT = new URL('../../../', import.meta.url);
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function packageInfo(): { version: string; homepage: string | null } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version?: string; homepage?: string };
    return { version: pkg.version ?? '0.0.0', homepage: pkg.homepage ?? null };
  } catch {
    return { version: '0.0.0', homepage: null };
  }
}

/** The rule's docs page as shipped (markdown), or null when missing. */
export function docsText(meta: RuleMeta): string | null {
  try {
    return readFileSync(new URL(meta.docs, ROOT), 'utf8');
  } catch {
    return null;
  }
}

/**
 * The rule's page on the web: `docsUrl` (`--docs-url`, the base the docs/ folder is published at),
 * else the package's homepage on GitHub. Never a local file path: SARIF travels to other machines.
 * None without either (the help text is in the report).
 */
function helpUri(meta: RuleMeta, homepage: string | null, docsUrl: string | null): string | null {
  if (docsUrl) return ruleDocsUrl(docsUrl, meta.id);
  if (homepage && /^https:\/\//.test(homepage)) return `${homepage.replace(/\/$/, '')}/blob/main/${meta.docs}`;
  return null;
}


/** Markdown to plain text, enough for SARIF's help.text. */
function plain(md: string): string {
  return md.replace(/^#+\s*/gm, '').replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').trim();
}

function artifactUri(path: string): string {
  return encodeURI(path.split('\\').join('/')).replace(/[<>]/g, encodeURIComponent);
}

function ruleObject(m: RuleMeta, homepage: string | null, docsUrl: string | null): object {
  const md = docsText(m);
  const uri = helpUri(m, homepage, docsUrl);
  return {
    id: m.id,
    shortDescription: { text: m.description },
    fullDescription: { text: md ? plain(md).split(/\n\s*\n/).slice(0, 2).join('\n\n') : m.description },
    ...(uri ? { helpUri: uri } : {}),
    help: { text: md ? plain(md) : m.description, markdown: md ?? m.description },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { fixable: m.fixable, ...(m.online ? { online: true } : {}) },
  };
}

/**
 * SARIF one file at a time: the results come first in the run object (JSON keys have no order),
 * the rules after them, so a finding of a rule the run did not list still gets its entry.
 */
export function sarifWriter(rules: RuleMeta[], docsUrl: string | null = null): ReportWriter {
  const { version, homepage } = packageInfo();
  const metas = new Map<string, RuleMeta>(rules.map((m) => [m.id, m]));
  const index = new Map<string, number>(rules.map((m, i) => [m.id, i]));
  const notifications: object[] = [];
  let results = 0;
  return {
    start: () => `{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [`,
    file: (f) => {
      if (f.error) {
        notifications.push({
          level: 'error',
          message: { text: `${f.path}${f.error.line !== null ? `:${f.error.line}` : ''}: ${f.error.message}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) }, ...(f.error.line !== null ? { region: { startLine: f.error.line } } : {}) } }],
        });
      }
      let out = '';
      for (const x of f.findings) {
        if (!metas.has(x.rule)) {
          metas.set(x.rule, { id: x.rule, severity: x.severity, description: x.rule, docs: `docs/rules/${x.rule}.md`, fixable: false });
          index.set(x.rule, index.size);
        }
        const result = {
          ruleId: x.rule,
          ruleIndex: index.get(x.rule),
          level: LEVEL[x.severity],
          message: { text: x.suggestion ? `${x.message} Suggestion: ${x.suggestion}` : x.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) }, region: { startLine: Math.max(1, x.line), startColumn: Math.max(1, x.column) } } }],
          partialFingerprints: { 'plinth/v1': fingerprint(x.rule, f.path, x.stage, x.message) },
          ...(x.suggestion ? { properties: { suggestion: x.suggestion, ...(x.stage !== null ? { stage: x.stage } : {}) } } : {}),
          ...(x.fix
            ? {
                fixes: [
                  {
                    description: { text: `Use ${x.fix.text}` },
                    artifactChanges: [{ artifactLocation: { uri: artifactUri(f.path) }, replacements: [{ deletedRegion: { startLine: x.fix.line, startColumn: x.fix.column, endLine: x.fix.endLine, endColumn: x.fix.endColumn }, insertedContent: { text: x.fix.text } }] }],
                  },
                ],
              }
            : {}),
        };
        out += `${results++ ? ',' : ''}\n        ${nestedJson(result, 4)}`;
      }
      return out;
    },
    end: () => {
      const driver = { name: 'plinth', version, semanticVersion: version, ...(homepage ? { informationUri: homepage } : {}), rules: [...metas.values()].map((m) => ruleObject(m, homepage, docsUrl)) };
      const invocations = [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }];
      return `${results ? '\n      ]' : ']'},\n      "tool": ${nestedJson({ driver }, 3)},\n      "invocations": ${nestedJson(invocations, 3)}\n    }\n  ]\n}\n`;
    },
  };
}

export function sarifReport(report: LintReport): object {
  return JSON.parse(formatSarif(report)) as object;
}

export function formatSarif(report: LintReport): string {
  return writeAll(sarifWriter(report.rules), report);
}
