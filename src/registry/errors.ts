import { PlinthError } from '../types.js';

export type RegistryErrorReason =
  | 'unknown-tag' | 'unknown-repository' | 'denied' | 'rate-limited' | 'unreachable' | 'tls'
  | 'timeout' | 'digest-mismatch' | 'protocol' | 'insecure';

/** A registry failure, said in one line; `reason` lets callers degrade (e.g. offline fallback). */
export class RegistryError extends PlinthError {
  constructor(readonly reason: RegistryErrorReason, message: string, readonly status?: number) {
    super('registry', message);
  }
}

/** Whether a failure means "the registry could not be reached" rather than "it said no". */
export function isUnreachable(err: unknown): boolean {
  return err instanceof RegistryError && (err.reason === 'unreachable' || err.reason === 'timeout' || err.reason === 'tls' || err.reason === 'rate-limited');
}
