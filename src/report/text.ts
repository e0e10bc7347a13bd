// The default report: `path:line:col severity rule-id message`, grouped by file, then a summary.
import { printable } from '../util/printable.js';
import type { LintReport, Summary } from '../lint/types.js';
import type { Severity } from '../rules/types.js';
import { paint, type Paint } from './color.js';

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

export function formatText(report: LintReport, options: { color?: boolean } = {}): string {
  const p = paint(Boolean(options.color));
  const blocks: string[] = [];
  for (const f of report.files) {
    if (f.findings.length === 0) continue;
    const lines = f.findings.map((x) => {
      const head = `${p.bold(`${printable(f.path)}:${x.line}:${x.column}`)} ${severityText(p, x.severity)} ${p.dim(x.rule)} ${printable(x.message)}`;
      return x.suggestion ? `${head}\n  ${p.dim('suggestion:')} ${printable(x.suggestion)}` : head;
    });
    blocks.push(lines.join('\n'));
  }
  const failed = report.files.filter((f) => f.error).length;
  blocks.push(summaryLine(report.summary, failed));
  return `${blocks.join('\n\n')}\n`;
}
