// Where a stage's dependencies are installed, and so their native code compiled: against the libc
// of the image that installs them. Shared by the advisor (an Alpine runtime fed by a musl builder
// is right) and musl-native-modules (which then has nothing to warn about).
import { rootStage, type BuildModel } from '../dockerfile/stage.js';
import type { Ecosystem, Evidence, ProjectContext } from '../context/types.js';

/**
 * `copied`: the packages are built on another base and copied in (COPY --from), not on the
 * runtime's own root image, whose every change they would follow.
 */
export interface NativeBuild {
  libc: 'glibc' | 'musl';
  stage: number;
  copied: boolean;
  evidence: Evidence;
}

/** Stage indexes a stage depends on: COPY --from and FROM <stage>, transitively. */
export function ancestry(model: BuildModel, index: number): number[] {
  const out: number[] = [];
  const queue = [index];
  while (queue.length) {
    const i = queue.shift()!;
    const s = model.stages[i];
    if (!s) continue;
    const next = [...s.sources.filter((x) => x.stage !== null).map((x) => x.stage as number), ...(s.fromStage !== null ? [s.fromStage] : [])];
    for (const n of next) if (!out.includes(n) && n !== index) { out.push(n); queue.push(n); }
  }
  return out;
}

/**
 * The stage that installs the ecosystem's packages for stage `index` (itself, its chain or a stage
 * it copies from), when every such stage is on one known libc; null otherwise.
 */
export function nativeBuildOf(model: BuildModel, project: ProjectContext, index: number, libcOf: (stage: number) => 'glibc' | 'musl' | null, ecosystem: Ecosystem | null): NativeBuild | null {
  const installs = (i: number): Evidence | null => {
    const s = project.stages[i];
    if (!s) return null;
    return ecosystem === 'node' ? s.nodeInstall : ecosystem === 'python' ? s.pipInstall : ecosystem === 'ruby' ? s.gemInstall : null;
  };
  // The stage itself first: ancestry holds its FROM chain and what it copies from.
  const found = [index, ...ancestry(model, index)].filter((i) => installs(i) !== null);
  const libcs = new Set(found.map(libcOf));
  const libc = libcs.size === 1 ? [...libcs][0] : null;
  if (!libc) return null;
  const stage = found[0]!;
  const root = rootStage(model, index);
  return { libc, stage, copied: found.every((i) => rootStage(model, i) !== root), evidence: installs(stage)! };
}
