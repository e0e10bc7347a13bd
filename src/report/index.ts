// Public API of report/: re-exported by src/index.ts.
import type { LintReport } from '../lint/types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export { shouldColor, paint } from './color.js';
export { formatText, summaryLine } from './text.js';
export { formatJson, jsonReport } from './json.js';
export { formatSarif, sarifReport } from './sarif.js';
export { formatGithub, escapeData, escapeProperty } from './github.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function formatReport(report: LintReport, format: Format, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    default:
      return formatText(report, options);
  }
}
