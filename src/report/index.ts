// Public API of report/: re-exported by src/index.ts.
import type { LintReport } from '../lint/types.js';
import type { RuleMeta } from '../rules/types.js';
import { githubWriter } from './github.js';
import { gitlabWriter } from './gitlab.js';
import { checkstyleWriter } from './checkstyle.js';
import { junitWriter } from './junit.js';
import { sonarqubeWriter } from './sonarqube.js';
import { markdownWriter } from './markdown.js';
import { jsonWriter } from './json.js';
import { sarifWriter } from './sarif.js';
import { textWriter, type TextOptions } from './text.js';
import { writeAll, type ReportWriter } from './writer.js';

export { shouldColor, paint } from './color.js';
export { formatText, summaryLine } from './text.js';
export { formatJson, jsonReport } from './json.js';
export { formatSarif, sarifReport } from './sarif.js';
export { formatGithub, escapeData, escapeProperty } from './github.js';
export { writeAll, type ReportWriter } from './writer.js';
export { formatGitlab } from './gitlab.js';
export { formatCheckstyle, xmlAttribute } from './checkstyle.js';
export { formatJunit } from './junit.js';
export { formatSonarqube } from './sonarqube.js';
export { formatMarkdown } from './markdown.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit', 'sonarqube', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** A writer of `format`, for a run that can report any of `rules`. */
export function reportWriter(format: Format, rules: RuleMeta[], options: TextOptions = {}): ReportWriter {
  switch (format) {
    case 'json':
      return jsonWriter();
    case 'sarif':
      return sarifWriter(rules, options.docsUrl ?? null);
    case 'github':
      return githubWriter(options.docsUrl ?? null);
    case 'gitlab':
      return gitlabWriter();
    case 'checkstyle':
      return checkstyleWriter();
    case 'junit':
      return junitWriter();
    case 'sonarqube':
      return sonarqubeWriter(rules);
    case 'markdown':
      return markdownWriter(options.docsUrl ?? null);
    default:
      return textWriter(options);
  }
}

export function formatReport(report: LintReport, format: Format, options: TextOptions = {}): string {
  return writeAll(reportWriter(format, report.rules, options), report);
}
