// Which image texts of a Dockerfile pin rewrites, and where each one is written.
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, GlobalArg, Stage, StageSource } from '../dockerfile/stage.js';
import { argDefaultSpanOf, sourceImageSpan, stageImageSpan } from '../fix/edits.js';
import { isPlain, type Span } from '../fix/spans.js';
import { parseReference } from '../reference/index.js';
import type { PinPlan, PinSkip, PinTarget } from './types.js';

const WHOLE_ARG = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** The tag (and digest) part of a reference text, after the last `/`. */
function tail(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

/**
 * An ARG-built text can still be pinned on its own line when the variables sit only in the name
 * (`${REGISTRY}/node:22`): the tag is literal, so the digest pins exactly what the text says. A
 * variable in the tag (`node:${VERSION}`) would be frozen by a digest, so those are left alone.
 */
function literalTag(raw: string): boolean {
  const t = tail(raw);
  const colon = t.indexOf(':');
  return colon >= 0 && !t.slice(colon).includes('$');
}

export function planPins(file: Dockerfile, model: BuildModel): PinPlan {
  const targets = new Map<number, PinTarget>();
  const skipped: PinSkip[] = [];
  const skip = (line: number, text: string, reason: string) => skipped.push({ path: file.path, line, text, reason });

  const add = (kind: PinTarget['kind'], span: Span, expanded: string, line: number, usedOn: number, arg?: string) => {
    const known = targets.get(span.start);
    if (known) {
      if (!known.usedOn.includes(usedOn)) known.usedOn.push(usedOn);
      return;
    }
    let ref;
    try {
      ref = parseReference(expanded);
    } catch (err) {
      skip(line, expanded, err instanceof Error ? err.message : String(err));
      return;
    }
    targets.set(span.start, { file, line, kind, span, ref, usedOn: [usedOn], ...(arg ? { arg } : {}) });
  };

  const globalArg = (name: string): GlobalArg | undefined => {
    let found: GlobalArg | undefined;
    for (const a of model.globalArgs) if (a.name === name) found = a; // the last declaration wins
    return found;
  };

  const consider = (kind: 'from' | 'copy' | 'mount', span: Span | null, expanded: string | null, line: number) => {
    if (!span || !isPlain(span)) {
      if (span) skip(line, span.text.trim(), 'the image text spans several lines');
      return;
    }
    const raw = span.text;
    if ((expanded ?? raw).toLowerCase() === 'scratch') return;
    if (!raw.includes('$')) {
      add(kind, span, raw, line, line);
      return;
    }
    const whole = WHOLE_ARG.exec(raw);
    if (whole) {
      const name = (whole[1] ?? whole[2])!;
      const arg = globalArg(name);
      const argSpan = arg ? argDefaultSpanOf(file, arg) : null;
      if (arg && argSpan && isPlain(argSpan) && argSpan.text !== '' && !argSpan.text.includes('$')) {
        add('arg', argSpan, argSpan.text, arg.instruction.line, line, name);
        return;
      }
      skip(line, raw, `ARG ${name} has no literal default to pin`);
      return;
    }
    if (expanded && literalTag(raw)) {
      add(kind, span, expanded, line, line);
      return;
    }
    skip(line, raw, expanded ? 'the tag is built from ARGs; a digest would freeze them' : 'built from ARGs without values');
  };

  for (const stage of model.stages) {
    if (stage.scratch || stage.fromStage !== null) continue;
    consider('from', stageImageSpan(file, stage), stage.image, stage.from.line);
  }
  for (const stage of model.stages) {
    for (const src of stage.sources) {
      if (src.stage !== null || isStageName(model.stages, src)) continue;
      consider(src.kind, sourceImageSpan(file, src), src.image, src.instruction.line);
    }
  }
  return { targets: [...targets.values()].sort((a, b) => a.span.start - b.span.start), skipped };
}

/** A numeric `--from=0` or a stage alias is a stage, never an image. */
function isStageName(stages: Stage[], src: StageSource): boolean {
  const t = src.text.toLowerCase();
  return /^\d+$/.test(t) || stages.some((s) => s.name === t) || src.image === null;
}
