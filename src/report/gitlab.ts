// GitLab's Code Quality report (a JSON array; `artifacts: reports: codequality`): one entry per
// finding and per file that could not be linted. The fingerprint is what GitLab compares between
// branches, so it leaves the line out: a finding that only moves is the same finding.
import type { FileReport, LintReport } from '../lint/types.js';
import type { Severity } from '../types.js';
import { fingerprint, messageWithSuggestion, nestedJson, writeAll, type ReportWriter } from './writer.js';

const LEVEL: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'info' };

function entries(f: FileReport): object[] {
  const out: object[] = [];
  if (f.error) {
    out.push({ description: f.error.message, check_name: 'plinth', fingerprint: fingerprint('plinth', f.path, f.error.message), severity: 'blocker', location: { path: f.path, lines: { begin: f.error.line ?? 1 } } });
  }
  for (const x of f.findings) {
    const description = messageWithSuggestion(x);
    out.push({ description, check_name: x.rule, fingerprint: fingerprint(x.rule, f.path, x.stage, x.message), severity: LEVEL[x.severity], location: { path: f.path, lines: { begin: Math.max(1, x.line) } } });
  }
  return out;
}

export function gitlabWriter(): ReportWriter {
  let n = 0;
  return {
    start: () => '[',
    file: (f) => entries(f).map((e) => `${n++ ? ',' : ''}\n  ${nestedJson(e, 1)}`).join(''),
    end: () => `${n ? '\n' : ''}]\n`,
  };
}

export function formatGitlab(report: LintReport): string {
  return writeAll(gitlabWriter(), report);
}
