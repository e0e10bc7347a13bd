// Public API of advisor/: re-exported by src/index.ts.
export * from './types.js';
export { advise, adviseOffline, decideOffline, currentOf, type StageDecision } from './advise.js';
export { decideRuntime, type Current, type Choice } from './decide.js';
export { workloadOf, type Workload } from './workload.js';
export { imageLookup, type ImageLookup } from './lookup.js';
export { variantTag, tagWords, distrolessImage, temurinJre } from './tags.js';
export { adviceFor, suggestedImage } from './suggest.js';
export { fromEdits, replacementText, type FromEdits } from './fix.js';
export { formatRecommendation, recommendationJson } from './text.js';
