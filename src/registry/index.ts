// Public API of registry/: the OCI distribution client.
import { RegistryClient, type RegistryOptions } from './client.js';

export * from './types.js';
export { RegistryClient, MANIFEST_ACCEPT, type RegistryOptions, type RequestStats } from './client.js';
export { RegistryError, isUnreachable, type RegistryErrorReason } from './errors.js';
export { parsePlatform, formatPlatform, selectPlatform, DEFAULT_PLATFORM } from './platform.js';
export { parseChallenge } from './auth.js';
export { defaultCacheDir } from './cache.js';
export { parseRegistryMirror, parseRegistryMirrors, endpointsFor, apiHost, isLoopback } from './hosts.js';

export function createRegistry(options: RegistryOptions = {}): RegistryClient {
  return new RegistryClient(options);
}
export { inspectImage, inspectJson, platformJson, compareJsonRow, withDeltas, type ImageSummary, type PlatformSummary, type ComparedImage } from './inspect.js';
export { compareImages } from './compare.js';
