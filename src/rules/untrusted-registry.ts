import type { Rule } from './types.js';
import { parseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';

const compiled = new Map<string, RegExp>();

/** `ghcr.io/acme/*` matches repositories below it; a pattern without `/` matches a registry host (`*.corp.example`). */
function patternRegex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join(pattern.includes('/') ? '.*' : '[^/]*');
    re = new RegExp(`^${body}$`);
    compiled.set(pattern, re);
  }
  return re;
}

export function trusted(ref: ImageRef, patterns: readonly string[]): boolean {
  const full = `${ref.registry}/${ref.repository}`;
  return patterns.some((p) => (p.includes('/') ? patternRegex(p).test(full) : patternRegex(p).test(ref.registry)));
}

export const untrustedRegistry: Rule = {
  meta: {
    id: 'untrusted-registry',
    severity: 'error',
    description: 'An image (FROM, COPY --from, RUN --mount from=) comes from a registry outside trustedRegistries.',
    docs: 'docs/rules/untrusted-registry.md',
    fixable: false,
  },
  check(ctx) {
    const patterns = ctx.config.trustedRegistries;
    if (patterns.length === 0) return;
    const say = (line: number, column: number, stage: number, what: string, ref: ImageRef) =>
      ctx.report({ line, column, stage, message: `${what} ${ref.original} comes from ${ref.registry}, which is not in trustedRegistries (${patterns.join(', ')})`, suggestion: null });
    for (const info of ctx.stages) {
      if (info.ref && !trusted(info.ref, patterns)) say(info.stage.from.line, info.stage.from.column, info.stage.index, 'FROM', info.ref);
      for (const src of info.stage.sources) {
        if (src.image === null) continue;
        let ref: ImageRef;
        try {
          ref = parseReference(src.image);
        } catch {
          continue;
        }
        if (!trusted(ref, patterns)) say(src.instruction.line, src.instruction.column, info.stage.index, src.kind === 'copy' ? 'COPY --from' : 'RUN --mount from=', ref);
      }
    }
  },
};
