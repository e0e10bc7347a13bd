// Markdown for a person: a pull-request comment or `$GITHUB_STEP_SUMMARY`. A table of findings, then
// the files that could not be linted and a summary that counts by rule.
import type { FileReport, LintReport, Summary } from '../lint/types.js';
import { printable } from '../util/printable.js';
import { summaryLine } from './text.js';
import { RuleCounts, ruleDocsUrl, writeAll, type ReportWriter } from './writer.js';

/** A table cell: no line break, no column break, no HTML or markdown that changes the layout. */
export function cell(s: string): string {
  return printable(s)
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** `docsUrl` (--docs-url): each rule id links its page. */
export function markdownWriter(docsUrl: string | null = null): ReportWriter {
  let rows = 0;
  let failed = 0;
  const byRule = new RuleCounts();
  const broken: string[] = [];
  const row = (f: FileReport): string => {
    if (f.error) {
      failed++;
      broken.push(`- \`${cell(f.path)}\`${f.error.line !== null ? ` line ${f.error.line}` : ''}: ${cell(f.error.message)}`);
    }
    let out = '';
    for (const x of f.findings) {
      byRule.add(x.rule);
      out += `${rows++ ? '' : '| File | Line | Severity | Rule | Finding | Suggestion |\n|---|---|---|---|---|---|\n'}| ${cell(f.path)} | ${x.line} | ${x.severity} | ${docsUrl ? `[${cell(x.rule)}](${ruleDocsUrl(docsUrl, x.rule)})` : cell(x.rule)} | ${cell(x.message)} | ${x.suggestion ? `\`${x.suggestion.replace(/`/g, '')}\`` : ''} |\n`;
    }
    return out;
  };
  return {
    start: () => '## plinth\n\n',
    file: row,
    end: (summary: Summary) => {
      const parts = [rows ? '' : 'No findings.\n'];
      if (broken.length) parts.push(`\n**Not linted:**\n\n${broken.join('\n')}\n`);
      parts.push(`\n${summaryLine(summary, failed)}${byRule.size ? ` (${byRule.sorted().map(([r, n]) => `${r}: ${n}`).join(', ')})` : ''}\n`);
      return parts.join('');
    },
  };
}

export function formatMarkdown(report: LintReport, docsUrl: string | null = null): string {
  return writeAll(markdownWriter(docsUrl), report);
}
