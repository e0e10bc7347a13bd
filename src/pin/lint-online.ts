// `lint --online`: an async pass before the rules (tag facts, read through RuleContext.online) and
// one after them (compressed sizes in findings that suggest a smaller image).
import { readFile } from 'node:fs/promises';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import type { ModelOptions } from '../dockerfile/stage.js';
import { expandPaths } from '../lint/run.js';
import type { LintReport } from '../lint/types.js';
import { parseReference } from '../reference/index.js';
import type { ImageRef } from '../reference/types.js';
import type { Registry } from '../registry/types.js';
import type { OnlineFacts, StageInfo } from '../rules/types.js';
import { gatherTagFacts, parsePlatform } from './online.js';
import { tagKey } from './resolve.js';
import { addSuggestionSizes } from './sizes.js';
import { gatherContentFacts } from './lint-contents.js';

export interface OnlineLintOptions {
  cwd: string;
  modelOptions: ModelOptions;
  /** Platform whose compressed sizes are shown (default linux/amd64). */
  platform?: string;
  concurrency?: number;
}

/** The images of every stage (and COPY --from / RUN --mount from= image) of the files lint will read. */
async function imagesOf(paths: string[], options: OnlineLintOptions): Promise<ImageRef[]> {
  const refs: ImageRef[] = [];
  for (const t of expandPaths(paths.length ? paths : ['.'], options.cwd)) {
    if (!t.abs) continue; // stdin is read once, by lint itself
    try {
      const file = parseDockerfile(await readFile(t.abs, 'utf8'), t.abs);
      const model = buildModel(file, options.modelOptions);
      const texts = [
        ...model.stages.filter((s) => !s.scratch && s.fromStage === null && s.image).map((s) => s.image!),
        ...model.stages.flatMap((s) => s.sources.filter((x) => x.stage === null && x.image).map((x) => x.image!)),
      ];
      for (const text of texts) {
        try {
          refs.push(parseReference(text));
        } catch {
          // lint reports bad references itself
        }
      }
    } catch {
      // unreadable or unparsable files are reported by lint itself
    }
  }
  return refs;
}

/** Resolves the tag facts the online rules read; registries that cannot be reached become warnings. */
/** Also reads the contents of images the catalog does not know, for the content-aware rules. */
export async function prepareOnlineLint(registry: Registry, paths: string[], options: OnlineLintOptions): Promise<OnlineFacts> {
  const refs = await imagesOf(paths, options);
  const online = await gatherTagFacts(registry, refs, options.concurrency);
  const platform = options.platform ?? options.modelOptions.platform;
  // A tag that is missing or whose registry failed is already reported: do not ask again.
  const skip = (r: ImageRef): boolean => { const t = online.tags.get(tagKey(r)); return t !== undefined && t.state !== 'found'; };
  const contents = await gatherContentFacts(registry, refs, { skip, ...(platform ? { platform } : {}), ...(options.concurrency ? { concurrency: options.concurrency } : {}) });
  return { ...online, warnings: [...online.warnings, ...contents.warnings], contentFacts: contents.facts };
}

/** Adds real compressed sizes to findings that suggest another image. */
export async function addOnlineSizes(registry: Registry, report: LintReport, options: { platform?: string; concurrency?: number } = {}): Promise<void> {
  const platform = parsePlatform(options.platform ?? 'linux/amd64');
  for (const f of report.files) {
    if (f.error || !f.findings.some((x) => x.suggestion && x.stage !== null)) continue;
    const stages = f.stages.map((s) => {
      let ref: ImageRef | null = null;
      try {
        ref = s.image && s.image !== 'scratch' && s.fromStage === null ? parseReference(s.image) : null;
      } catch {
        ref = null;
      }
      return { ref } as StageInfo;
    });
    f.findings = await addSuggestionSizes(f.findings, stages, registry, platform, options.concurrency);
  }
}
