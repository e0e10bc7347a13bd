// The default report: `path:line:col severity rule-id message`, grouped by file, then a summary.
import { printable } from '../util/printable.js';
import type { LintReport, Summary } from '../lint/types.js';
import type { Severity } from '../rules/types.js';
import { paint, type Paint } from './color.js';
import { writeAll, type ReportWriter } from './writer.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function severityText(p: Paint, s: Severity): string {
  return s === 'error' ? p.red(s) : s === 'warning' ? p.yellow(s) : p.cyan(s);
}

export function summaryLine(s: Summary, failed: number): string {
  const parts = [plural(s.errors, 'error'), plural(s.warnings, 'warning'), plural(s.infos, 'info')];
  const broken = failed ? ` (${failed} could not be linted)` : '';
  return `${plural(s.files - failed, 'file')} linted${broken}: ${parts.join(', ')}`;
}

export function textWriter(options: { color?: boolean } = {}): ReportWriter {
  const p = paint(Boolean(options.color));
  let failed = 0;
  return {
    start: () => '',
    file: (f) => {
      if (f.error) failed++;
      if (f.findings.length === 0) return '';
      const lines = f.findings.map((x) => {
        const head = `${p.bold(`${printable(f.path)}:${x.line}:${x.column}`)} ${severityText(p, x.severity)} ${p.dim(x.rule)} ${printable(x.message)}`;
        return x.suggestion ? `${head}\n  ${p.dim('suggestion:')} ${printable(x.suggestion)}` : head;
      });
      return `${lines.join('\n')}\n\n`;
    },
    end: (summary) => `${summaryLine(summary, failed)}\n`,
  };
}

export function formatText(report: LintReport, options: { color?: boolean } = {}): string {
  return writeAll(textWriter(options), report);
}
