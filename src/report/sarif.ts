// SARIF 2.1.0 for code-scanning upload: the rules with their docs, one result per finding.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LintReport } from '../lint/types.js';
import type { RuleMeta, Severity } from '../rules/types.js';

const ROOT = new URL('../../../', import.meta.url);
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function packageInfo(): { version: string; homepage: string | null } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { version?: string; homepage?: string };
    return { version: pkg.version ?? '0.0.0', homepage: pkg.homepage ?? null };
  } catch {
    return { version: '0.0.0', homepage: null };
  }
}

/** The rule's docs page as shipped (markdown), or null when missing. */
function docsText(meta: RuleMeta): string | null {
  try {
    return readFileSync(new URL(meta.docs, ROOT), 'utf8');
  } catch {
    return null;
  }
}

/** A web page when the package names its homepage, else the page shipped inside the package. */
function helpUri(meta: RuleMeta, homepage: string | null): string {
  if (homepage) return `${homepage.replace(/\/$/, '')}/blob/main/${meta.docs}`;
  return pathToFileURL(fileURLToPath(new URL(meta.docs, ROOT))).href;
}

/** Markdown to plain text, enough for SARIF's help.text. */
function plain(md: string): string {
  return md.replace(/^#+\s*/gm, '').replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').trim();
}

function artifactUri(path: string): string {
  return encodeURI(path.split('\\').join('/')).replace(/[<>]/g, encodeURIComponent);
}

export function sarifReport(report: LintReport): object {
  const { version, homepage } = packageInfo();
  const metas = new Map<string, RuleMeta>(report.rules.map((m) => [m.id, m]));
  for (const f of report.files) {
    for (const x of f.findings) {
      if (!metas.has(x.rule)) metas.set(x.rule, { id: x.rule, severity: x.severity, description: x.rule, docs: `docs/rules/${x.rule}.md`, fixable: false });
    }
  }
  const ids = [...metas.keys()];
  const rules = ids.map((id) => {
    const m = metas.get(id)!;
    const md = docsText(m);
    return {
      id,
      shortDescription: { text: m.description },
      fullDescription: { text: md ? plain(md).split(/\n\s*\n/).slice(0, 2).join('\n\n') : m.description },
      helpUri: helpUri(m, homepage),
      help: { text: md ? plain(md) : m.description, markdown: md ?? m.description },
      defaultConfiguration: { level: LEVEL[m.severity] },
      properties: { fixable: m.fixable, ...(m.online ? { online: true } : {}) },
    };
  });
  const results = report.files.flatMap((f) =>
    f.findings.map((x) => ({
      ruleId: x.rule,
      ruleIndex: ids.indexOf(x.rule),
      level: LEVEL[x.severity],
      message: { text: x.suggestion ? `${x.message} Suggestion: ${x.suggestion}` : x.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) }, region: { startLine: Math.max(1, x.line), startColumn: Math.max(1, x.column) } } }],
      ...(x.suggestion ? { properties: { suggestion: x.suggestion, ...(x.stage !== null ? { stage: x.stage } : {}) } } : {}),
    })),
  );
  const notifications = report.files
    .filter((f) => f.error)
    .map((f) => ({
      level: 'error' as const,
      message: { text: `${f.path}${f.error!.line !== null ? `:${f.error!.line}` : ''}: ${f.error!.message}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) }, ...(f.error!.line !== null ? { region: { startLine: f.error!.line } } : {}) } }],
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plinth', version, semanticVersion: version, ...(homepage ? { informationUri: homepage } : {}), rules } },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

export function formatSarif(report: LintReport): string {
  return `${JSON.stringify(sarifReport(report), null, 2)}\n`;
}
