// Public API of pin/: pinning image references to tag@sha256 digests.
export * from './types.js';
export { planPins } from './plan.js';
export { decidePins, pinEdits, pinnedText, type PinOptions } from './pin.js';
export { resolveTags, tagKey, mapLimit, type TagResult } from './resolve.js';
export { pinFiles, type PinRunOptions, type PinRunResult, type FilePinResult } from './run.js';
export { findDockerfiles } from './files.js';
export { parseMirrors, parseBuildArgs, registryFromFlags, REGISTRY_FLAGS, type RegistryFlagValues } from './flags.js';
export * from './online.js';
export { addSuggestionSizes } from './sizes.js';
