// Checkstyle XML, which Jenkins (Warnings Next Generation), reviewdog and many CI tools read: a
// <file> per linted file with an <error> per finding. Rule ids become `plinth.<rule>` sources.
import type { FileReport, LintReport } from '../lint/types.js';
import { messageWithSuggestion, writeAll, type ReportWriter } from './writer.js';

/** Text safe inside an XML attribute: the five entities, and no character XML 1.0 forbids. */
export function xmlAttribute(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function fileXml(f: FileReport): string {
  const errors: string[] = [];
  if (f.error) errors.push(`    <error line="${f.error.line ?? 1}" severity="error" message="${xmlAttribute(f.error.message)}" source="plinth"/>`);
  for (const x of f.findings) {
    const message = messageWithSuggestion(x);
    errors.push(`    <error line="${Math.max(1, x.line)}" column="${Math.max(1, x.column)}" severity="${x.severity}" message="${xmlAttribute(message)}" source="plinth.${xmlAttribute(x.rule)}"/>`);
  }
  const name = `  <file name="${xmlAttribute(f.path)}"`;
  return errors.length ? `${name}>\n${errors.join('\n')}\n  </file>\n` : `${name}/>\n`;
}

export function checkstyleWriter(): ReportWriter {
  return {
    start: () => '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n',
    file: fileXml,
    end: () => '</checkstyle>\n',
  };
}

export function formatCheckstyle(report: LintReport): string {
  return writeAll(checkstyleWriter(), report);
}
