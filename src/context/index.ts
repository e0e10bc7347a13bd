// Public API of context/: re-exported by src/index.ts.
export * from './types.js';
export { readContext, dockerfileContext } from './read.js';
export { stageFacts, commandText, assignments } from './dockerfile.js';
export { parseJsonWithLines } from './json-lines.js';
export { parsePackageLock, parseYarnLock, parsePnpmLock, type Lockfile, type LockPackage } from './detectors/node-lockfiles.js';
export { NODE_NATIVE } from './data/node-native.js';
export { PYTHON_NATIVE } from './data/python-native.js';
export { DETECTORS, type Detector } from './detectors/index.js';
