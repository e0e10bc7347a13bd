// Each stage's base image as the rules see it: the parsed reference and the catalog's facts, or (with
// lint --online) the facts read from the image's contents; a `FROM <stage>` inherits its parent's.
import { formatReference, parseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import type { ImageFacts } from '../catalog/types.js';
import { lookupImage } from '../catalog/lookup.js';
import type { BuildModel } from '../dockerfile/stage.js';
import { BoundedMap } from '../util/bounded-map.js';
import type { StageInfo } from './types.js';

/** A FROM image's parsed reference and catalog facts, by the image text (files repeat the same images). */
interface ImageEntry {
  ref: ImageRef | null;
  normalized: string | null;
  facts: ImageFacts | null;
}
const images = new BoundedMap<string, ImageEntry>(20_000);

/** An invalid reference gives a null ref here (the caller reports it as a file error). */
function imageEntry(text: string): ImageEntry {
  let e = images.get(text);
  if (e === undefined) {
    let ref: ImageRef | null = null;
    try {
      ref = parseReference(text);
    } catch {
      ref = null;
    }
    e = { ref, normalized: ref ? formatReference(ref) : null, facts: ref ? lookupImage(ref) : null };
    images.set(text, e);
  }
  return e;
}

/** Stage facts: the catalog's, else (with `lint --online`) those read from the image's contents. */
export function stageInfos(model: BuildModel, contentFacts?: Map<string, ImageFacts>): StageInfo[] {
  const infos: StageInfo[] = [];
  for (const stage of model.stages) {
    if (stage.fromStage !== null) {
      // A stage built on an earlier one inherits its facts (transitively, since earlier ones already did).
      infos.push({ stage, ref: null, normalized: null, facts: infos[stage.fromStage]?.facts ?? null });
      continue;
    }
    if (stage.scratch || stage.image === null) {
      infos.push({ stage, ref: null, normalized: null, facts: null });
      continue;
    }
    const { ref, normalized, facts } = imageEntry(stage.image);
    infos.push({ stage, ref, normalized, facts: facts ?? (normalized !== null && contentFacts ? contentFacts.get(normalized) ?? null : null) });
  }
  return infos;
}

