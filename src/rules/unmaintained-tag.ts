// An official-image tag that Docker's library no longer lists is never rebuilt: no security fixes,
// even while its runtime and distribution are supported. Offline, from the catalog's tag history.
import type { Rule } from './types.js';
import { officialTagStatus } from '../catalog/tags.js';
import { officialImageName } from '../catalog/lookup.js';
import { imageColumn, shown } from './helpers.js';

export const unmaintainedTag: Rule = {
  meta: {
    id: 'unmaintained-tag',
    severity: 'warning',
    description: 'The official-image tag is no longer listed by Docker, so it is never rebuilt and gets no security fixes.',
    docs: 'docs/rules/unmaintained-tag.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const ref = info.ref;
      // A digest is exact on purpose; an image with no catalog family has no tag data either.
      // (Docker Hub's official images, or a public mirror of them: the same tags.)
      const official = ref && !ref.digest && info.facts ? officialImageName(ref) : null;
      if (!official) continue;
      const status = officialTagStatus(official, ref!.tag ?? 'latest');
      if (status?.state !== 'retired' || status.lastListed >= ctx.date) continue;
      const s = info.stage;
      const advised = ctx.advisedImage(s.index);
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)} is no longer listed by Docker's official images (last on ${status.lastListed}), so it is never rebuilt and gets no security fixes${advised ? `; ${advised} is` : '; move to a tag that is'} maintained`,
        suggestion: advised,
      });
    }
  },
};
