// The default report: `path:line:col severity rule-id message`, grouped by file, then a summary.
import { printable } from '../util/printable.js';
import type { LintReport, Summary } from '../lint/types.js';
import type { Severity } from '../rules/types.js';
import { paint, type Paint } from './color.js';
import { RuleCounts, ruleDocsUrl, writeAll, type ReportWriter } from './writer.js';

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

/** An OSC 8 hyperlink: terminals that know it make `text` a link, others show `text` alone. */
function hyperlink(url: string, text: string): string {
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}

export interface TextOptions {
  color?: boolean;
  docsUrl?: string | null;
  /** A terminal: the rule id itself links to its page (no extra line per finding). */
  hyperlinks?: boolean;
  /** A terminal's width: a long message wraps at word breaks, later lines indented. */
  width?: number;
}

/** The narrowest terminal wrapped for: below it, lines stay whole. */
const MIN_WIDTH = 40;
const INDENT = '    ';

/**
 * `text` broken at spaces into lines of at most `width` columns, to follow a head that ends at
 * column `start`: each word comes after a space or, when it would pass the width, on a new line
 * indented. A word longer than a line (a URL, a digest) stays whole.
 */
export function wrapWords(text: string, start: number, width: number): string {
  let out = '';
  let col = start;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const fits = col + 1 + word.length <= width || col <= INDENT.length;
    out += fits ? ' ' : `\n${INDENT}`;
    col = (fits ? col + 1 : INDENT.length) + word.length;
    out += word;
  }
  return out;
}

/**
 * `docsUrl` (--docs-url): each finding links its rule's page there: on a terminal, the rule id is
 * the link; elsewhere a `docs:` line follows. The summary ends with the count of each rule, most
 * frequent first: what to fix first in a large run.
 */
export function textWriter(options: TextOptions = {}): ReportWriter {
  const p = paint(Boolean(options.color));
  const docs = options.docsUrl ?? null;
  // (The URL is checked to be https with no space or control character before it gets here.)
  const linked = Boolean(docs && options.hyperlinks);
  // (Wrapped only for a terminal: a log or a pipe keeps one finding per line for grep.)
  const width = options.width !== undefined && options.width >= MIN_WIDTH ? options.width : 0;
  const byRule = new RuleCounts();
  let failed = 0;
  return {
    start: () => '',
    file: (f) => {
      if (f.error) failed++;
      if (f.findings.length === 0) return '';
      const lines = f.findings.map((x) => {
        byRule.add(x.rule);
        const rule = linked ? hyperlink(ruleDocsUrl(docs!, x.rule), p.dim(x.rule)) : p.dim(x.rule);
        const where = `${printable(f.path)}:${x.line}:${x.column}`;
        const message = printable(x.message);
        const start = where.length + x.severity.length + x.rule.length + 2;
        const text = width && start + 1 + message.length > width ? wrapWords(message, start, width) : ` ${message}`;
        const head = `${p.bold(where)} ${severityText(p, x.severity)} ${rule}${text}`;
        const suggestion = x.suggestion ? `\n  ${p.dim('suggestion:')} ${printable(x.suggestion)}` : '';
        const link = docs && !linked ? `\n  ${p.dim('docs:')} ${ruleDocsUrl(docs, x.rule)}` : '';
        return head + suggestion + link;
      });
      return `${lines.join('\n')}\n\n`;
    },
    end: (summary) => {
      const counts = byRule.sorted().map(([rule, n]) => `${rule} ${n}`);
      return `${counts.length > 1 ? `by rule: ${counts.join(', ')}\n` : ''}${summaryLine(summary, failed)}\n`;
    },
  };
}

export function formatText(report: LintReport, options: TextOptions = {}): string {
  return writeAll(textWriter(options), report);
}
