// SonarQube's generic issue import (10.3 and newer: `sonar.externalIssuesReportPaths`): the issues,
// then the rules they name with their impact. Issues come first so the report streams; JSON keys
// have no order.
import type { FileReport, LintReport } from '../lint/types.js';
import type { RuleMeta, Severity } from '../rules/types.js';
import { messageWithSuggestion, nestedJson, writeAll, type ReportWriter } from './writer.js';

const IMPACT: Record<Severity, string> = { error: 'HIGH', warning: 'MEDIUM', info: 'LOW' };

function issues(f: FileReport): object[] {
  const out: object[] = [];
  if (f.error) out.push({ ruleId: 'plinth', primaryLocation: { message: f.error.message, filePath: f.path, ...(f.error.line !== null ? { textRange: { startLine: f.error.line } } : {}) } });
  for (const x of f.findings) {
    const message = messageWithSuggestion(x);
    out.push({ ruleId: x.rule, primaryLocation: { message, filePath: f.path, textRange: { startLine: Math.max(1, x.line) } } });
  }
  return out;
}

export function sonarqubeWriter(rules: RuleMeta[]): ReportWriter {
  const used = new Map<string, Severity>();
  let n = 0;
  return {
    start: () => '{\n  "issues": [',
    file: (f) => {
      if (f.error) used.set('plinth', 'error');
      for (const x of f.findings) if (!used.has(x.rule)) used.set(x.rule, x.severity);
      return issues(f).map((i) => `${n++ ? ',' : ''}\n    ${nestedJson(i, 2)}`).join('');
    },
    end: () => {
      const metas = new Map(rules.map((m) => [m.id, m]));
      const list = [...used].map(([id, severity]) => {
        const m = metas.get(id);
        return {
          id,
          name: id,
          description: id === 'plinth' ? 'The file could not be read or parsed.' : m?.description ?? id,
          engineId: 'plinth',
          cleanCodeAttribute: 'CONVENTIONAL',
          impacts: [{ softwareQuality: 'MAINTAINABILITY', severity: IMPACT[m?.severity ?? severity] }],
        };
      });
      return `${n ? '\n  ]' : ']'},\n  "rules": ${nestedJson(list, 1)}\n}\n`;
    },
  };
}

export function formatSonarqube(report: LintReport): string {
  return writeAll(sonarqubeWriter(report.rules), report);
}
