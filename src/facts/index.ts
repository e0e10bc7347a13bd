// Public API of facts/: what is known about each stage's base image, gathered once per run.
export * from './types.js';
export { stageInfos } from './stages.js';
export { compressedSize, factsFromContents, gatherContentFacts, gatherOnlineFacts, gatherTagFacts, isNotFound, resolveTags } from './online.js';
