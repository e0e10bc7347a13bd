// Turns a recommendation into FROM-line edits (through fix/, which keeps AS, --platform, comments
// and layout): only the image word changes.

import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import { replaceStageImage, type TextEdit } from '../fix/edits.js';
import { imageLookup, type ImageLookup } from './lookup.js';
import type { Recommendation } from './types.js';

export interface FromEdits {
  edits: TextEdit[];
  /** `line: from -> to` for each rewritten FROM. */
  changed: string[];
  /** One line per stage that could not be rewritten, with the reason. */
  skipped: string[];
}

/** The text to write for a stage: the recommended image, keeping a written registry prefix or ARG tag. */
export function replacementText(raw: string, current: string, recommended: string, lookup: ImageLookup): string | null {
  if (recommended === 'scratch' || !raw.includes('$')) {
    const sameRepo = recommended !== 'scratch' && lookup.repository(current) === lookup.repository(recommended);
    if (!sameRepo) return recommended;
    const tag = lookup.parse(recommended)?.tag;
    const repoPart = raw.replace(/@.*$/, '').replace(/:[^:/]*$/, '');
    return tag ? `${repoPart}:${tag}` : recommended;
  }
  // `node:${NODE_VERSION}` -> `node:${NODE_VERSION}-slim` when only a suffix is added.
  const curTag = lookup.parse(current)?.tag ?? '';
  const newTag = lookup.parse(recommended)?.tag ?? '';
  const m = /:(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/.exec(raw);
  if (m && lookup.repository(current) === lookup.repository(recommended) && newTag.startsWith(curTag)) return raw + newTag.slice(curTag.length);
  return null;
}

export function fromEdits(file: Dockerfile, model: BuildModel, rec: Recommendation, lookup: ImageLookup = imageLookup()): FromEdits {
  const out: FromEdits = { edits: [], changed: [], skipped: [] };
  for (const advice of rec.stages) {
    if (!advice.recommended || !advice.current || advice.recommended === advice.current) continue;
    const stage = model.stages[advice.index];
    const text = replacementText(stage.rawImage, stage.image ?? advice.current, advice.recommended, lookup);
    if (text === null) {
      out.skipped.push(`${file.path}:${stage.from.line}: FROM ${stage.rawImage} uses an ARG; change it to ${advice.recommended} by hand`);
      continue;
    }
    try {
      out.edits.push(replaceStageImage(file, stage, text));
      out.changed.push(`${file.path}:${stage.from.line}: ${stage.rawImage} -> ${text}${/@sha256:/.test(stage.rawImage) ? ' (digest pin dropped: run plinth pin)' : ''}`);
    } catch (err) {
      out.skipped.push(`${file.path}:${stage.from.line}: ${(err as Error).message}`);
    }
  }
  return out;
}
