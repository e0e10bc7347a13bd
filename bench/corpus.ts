// The corpus the lint benchmarks run over, and one plinth pass over it, shared by `bench/lint.ts`
// (seconds) and `bench/instructions.ts` (instructions).
import { readdirSync, readFileSync } from 'node:fs';
import { relative, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/config/types.js';
import { lintSource } from '../src/lint/run.js';
import { LintSession } from '../src/lint/session.js';
import { clearRunLongCaches } from '../src/util/bounded-map.js';
import type { FileReport } from '../src/lint/types.js';

export const CORPUS = process.env.PLINTH_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus/dockerfiles/', import.meta.url));

// Every linter runs the corpus until it has run for this long before the measured passes: JIT
// compilers settle after a time, not after a number of passes (a fast linter's first passes are
// all warm-up), so each is measured at its steady state.
export const WARM_UP_MS = 2000;

export interface CorpusFile {
  path: string;
  source: string;
}

/** Every file below dir, in name order, read into memory. */
export function readCorpus(dir: string = CORPUS): CorpusFile[] {
  const out: CorpusFile[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: relative(dir, p), source: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

export interface PlinthRun {
  /** Lints one file as part of a pass over `files`: false when plinth crashed on it. */
  lint: (f: CorpusFile) => boolean;
  /** One file's report, with the findings (outside the timed passes). */
  report: (f: CorpusFile) => FileReport;
}

/**
 * One pass is one lint run in a long-lived process: its build-context scans and its analyses of
 * repeated RUN scripts are shared within the pass, never across passes; the process-wide caches
 * (image references, catalog facts) stay, as they would in a process that lints again, unless
 * `fresh` empties them before each pass (a fresh process's first run).
 */
export function plinthRun(files: CorpusFile[], fresh: boolean): PlinthRun {
  const options = { cwd: CORPUS, date: new Date().toISOString().slice(0, 10), session: new LintSession() };
  const report = (f: CorpusFile): FileReport => lintSource(f.source, f.path, defaultConfig, options, 'warning');
  const lint = (f: CorpusFile): boolean => {
    if (f === files[0]) {
      if (fresh) clearRunLongCaches();
      options.session.clear();
    }
    const r = report(f);
    return !(r.error && r.error.message.startsWith('internal error'));
  };
  return { lint, report };
}
