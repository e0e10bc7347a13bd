export type RegistryErrorKind =
  | 'unknown-tag' | 'unknown-repository' | 'denied' | 'rate-limited' | 'unreachable' | 'tls'
  | 'timeout' | 'digest-mismatch' | 'protocol' | 'insecure';

/** A registry failure, said in one line; `kind` lets callers degrade (e.g. offline fallback). */
export class RegistryError extends Error {
  constructor(readonly kind: RegistryErrorKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Whether a failure means "the registry could not be reached" rather than "it said no". */
export function isUnreachable(err: unknown): boolean {
  return err instanceof RegistryError && (err.kind === 'unreachable' || err.kind === 'timeout' || err.kind === 'tls' || err.kind === 'rate-limited');
}
