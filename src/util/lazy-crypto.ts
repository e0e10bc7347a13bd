// node:crypto loads about eighteen internal modules on Node 20, some 5 ms of a one-file lint that
// never hashes anything. Code on the lint path takes it through this on first use instead of
// importing it; code that always hashes (registry, image, vulndb) imports it as usual.
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);
let loaded: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (loaded ??= requireBuiltin('node:crypto') as typeof import('node:crypto'));
}
