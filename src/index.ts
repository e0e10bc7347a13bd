// The library API. Each folder is a namespace (plinth.dockerfile, plinth.registry, ...); the main
// entry points and the domain types are also exported at the top level.
export * as dockerfile from './dockerfile/index.js';
export * as reference from './reference/index.js';
export * as catalog from './catalog/index.js';
export * as config from './config/index.js';
export * as context from './context/index.js';
export * as registry from './registry/index.js';
export * as image from './image/index.js';
export * as rules from './rules/index.js';
export * as advisor from './advisor/index.js';
export * as fix from './fix/index.js';
export * as pin from './pin/index.js';
export * as recommend from './recommend/index.js';
export * as facts from './facts/index.js';
export * as lint from './lint/index.js';
export * as report from './report/index.js';

export * from './dockerfile/index.js';
export * from './reference/types.js';
export * from './catalog/types.js';
export * from './config/types.js';
export * from './rules/types.js';
export * from './registry/types.js';
export { parseReference, formatReference, familiarReference } from './reference/index.js';
export { lookupImage, sizeOf } from './catalog/index.js';
export { loadConfig } from './config/index.js';
export { allRules, ruleById } from './rules/index.js';
export { lintPaths, lintDockerfile } from './lint/index.js';
export { formatReport } from './report/index.js';
export { createRegistry, RegistryError, inspectImage, compareImages } from './registry/index.js';
export { readImageContents, openImageSource } from './image/index.js';
export { advise } from './advisor/index.js';
export { readContext } from './context/index.js';
export { pinFiles } from './pin/index.js';
export { atomicWriteFile } from './util/atomic.js';
