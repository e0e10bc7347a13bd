import type { Rule } from './types.js';
import { finalRoot } from './helpers.js';

const CA_PATH = /ca-certificates|\/etc\/ssl\/certs|ca-bundle|\/etc\/pki\/tls/;

export const scratchMissingCertificates: Rule = {
  meta: {
    id: 'scratch-missing-certificates',
    severity: 'info',
    description: 'A final scratch stage copies no CA certificate bundle, so outgoing HTTPS will fail.',
    docs: 'docs/rules/scratch-missing-certificates.md',
    fixable: false,
  },
  check(ctx) {
    const root = finalRoot(ctx);
    // With `lint --online`, an unknown base image read to have no CA bundle is treated like scratch.
    const empty = root?.facts?.source === 'contents' && root.facts.caCertificates === false;
    if (!root || (!root.stage.scratch && !empty)) return;
    const final = ctx.model.stages[ctx.model.finalStage]!;
    // The final stage is most often the root itself: its instructions are read once.
    for (const s of root.stage === final ? [final] : [root.stage, final]) {
      for (const i of s.instructions) if ((i.keyword === 'COPY' || i.keyword === 'ADD' || (empty && i.keyword === 'RUN')) && CA_PATH.test(i.rest)) return;
    }
    if (empty) {
      ctx.report({
        line: final.from.line, column: final.from.column, stage: final.index,
        message: `the final stage is built on ${root.stage.image ?? root.stage.rawImage}, which has no CA certificate bundle (from the image's contents), and adds none: TLS connections from the app will fail to verify; copy /etc/ssl/certs/ca-certificates.crt from the build stage`,
        suggestion: null,
      });
      return;
    }
    // The image the message names is the advisor's, as in the suggestion: never another one.
    const advised = ctx.advisedImage(root.stage.index);
    ctx.report({
      line: final.from.line, column: final.from.column, stage: final.index,
      message: `the final stage is FROM scratch and copies no CA certificates: TLS connections from the app will fail to verify; copy /etc/ssl/certs/ca-certificates.crt from the build stage${advised ? `, or use ${advised}` : ''}`,
      suggestion: advised,
    });
  },
};
