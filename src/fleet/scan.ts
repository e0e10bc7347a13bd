// `plinth report`: every Dockerfile under the paths, grouped by repository (the folder holding `.git`,
// else the first level under the path given), linted and advised as `lint` and `recommend` do, kept
// as one record per file.
import { readDockerfile } from '../util/read-regular.js';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { lookupImage } from '../catalog/lookup.js';
import { lintEach } from '../lint/run.js';
import { findDockerfiles } from '../pin/files.js';
import { recommend, type RecommendOptions } from '../recommend/run.js';
import { familiarReference, tryParseReference } from '../reference/parse.js';
import { mapLimit } from '../util/concurrency.js';
import type { FleetChange, FleetFile, FleetScan, FleetStage } from './types.js';
import type { VulnCounts } from '../vulndb/match.js';

export interface FleetOptions {
  cwd: string;
  /** yyyy-mm-dd (default today). */
  date?: string;
  /** `--online`: tags and compressed sizes from the registries (recommend --online's). */
  online?: RecommendOptions['online'];
  /** `--vulns` (with online): an image's vulnerability counts. */
  vulns?: RecommendOptions['vulns'];
  /** Called as each file is finished (linted and advised): the CLI's progress line. */
  onFile?: () => void;
}

/** The repository folder of a file under `root`: the nearest `.git` holder, else the first level. */
export function repositoryOf(root: string, file: string): string {
  for (let dir = dirname(file); dir.startsWith(root) && dir.length >= root.length; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dir === root) break;
  }
  const rel = relative(root, file).split(sep);
  return rel.length > 1 ? join(root, rel[0]!) : root;
}

function stageOf(image: string | null, line: number, final: boolean): FleetStage {
  const ref = image && image !== 'scratch' ? tryParseReference(image) : null;
  const facts = ref ? lookupImage(ref) : null;
  const eol = facts?.eol.filter((e) => e.date !== '').sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  return {
    line,
    final,
    image: image === 'scratch' ? 'scratch' : ref ? familiarReference(ref) : null,
    family: facts?.family ?? (ref ? ref.repository.split('/').pop()! : image === 'scratch' ? 'scratch' : null),
    version: facts?.runtimeVersion ?? facts?.distroVersion ?? null,
    eol: eol ? { subject: eol.subject, date: eol.date } : null,
  };
}

export async function scanFleet(paths: readonly string[], options: FleetOptions): Promise<FleetScan> {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const roots = (paths.length ? paths : ['.']).map((p) => resolve(options.cwd, p));
  const files = await findDockerfiles(roots, options.cwd);
  const rootOf = (f: string): string => roots.filter((r) => f === r || f.startsWith(r + sep)).sort((a, b) => b.length - a.length)[0] ?? dirname(f);
  const byPath = new Map<string, FleetFile>();
  for (const abs of files) {
    const root = statSync(rootOf(abs)).isDirectory() ? rootOf(abs) : dirname(abs);
    const repo = repositoryOf(root, abs);
    byPath.set(abs, { repository: relative(root, repo) || basename(repo), path: relative(repo, abs), error: null, stages: [], findings: [], changes: [] });
  }
  // Lint every file once (findings and the stages as lint resolved them).
  await lintEach(files, { cwd: options.cwd, date }, (report) => {
    const f = byPath.get(resolve(options.cwd, report.path));
    if (!f) return;
    if (report.error) f.error = report.error.message;
    f.findings = report.findings.map((x) => ({ rule: x.rule, severity: x.severity, line: x.line }));
    f.stages = report.stages.filter((s) => s.fromStage === null).map((s) => stageOf(s.image, s.line, s.final));
  });
  // The advisor's decision for each final stage, with its compressed sizes.
  await mapLimit(files.filter((abs) => !byPath.get(abs)!.error), 4, async (abs) => {
    const f = byPath.get(abs)!;
    try {
      const { recommendation } = await recommend(abs, readDockerfile(abs), { date, ...(options.online ? { online: options.online } : {}), ...(options.vulns ? { vulns: options.vulns } : {}) });
      for (const s of recommendation.stages) {
        if (!s.final || !s.current || !s.recommended || s.current === s.recommended || s.decision === 'keep') continue;
        const { currentBytes: a, recommendedBytes: b } = s.sizes;
        const from = tryParseReference(s.current);
        const change: FleetChange = { line: s.line, from: from ? familiarReference(from) : s.current, to: s.recommended, decision: s.decision, savingBytes: a !== null && b !== null ? a - b : null };
        if (options.vulns) {
          const v = s.vulnerabilities;
          const pick = (c: VulnCounts) => ({ total: c.total, critical: c.bySeverity.critical, high: c.bySeverity.high });
          change.vulnerabilities = v?.current && v.recommended ? { before: pick(v.current), after: pick(v.recommended) } : null;
        }
        f.changes.push(change);
      }
    } catch (err) {
      f.error = (err as Error).message.split('\n')[0]!;
    }
    options.onFile?.();
  });
  const out = [...byPath.values()].sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { kind: 'plinth-fleet', version: 1, date, sizeSource: options.online ? 'registry' : 'catalog', files: out };
}
