// Public API of pin/: pinning image references to tag@sha256 digests.
export * from './types.js';
export { planPins } from './plan.js';
export { decidePins, pinEdits, pinnedText, type PinOptions } from './pin.js';
export { pinFiles, type PinRunOptions, type PinRunResult, type FilePinResult } from './run.js';
export { findDockerfiles } from './files.js';
