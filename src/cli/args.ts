import { UsageError } from './io.js';

/** Runs a command's flag parsing; a bad flag becomes a usage error naming the command. */
export function parseFlags<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`);
  }
}

/** A flag whose value must be one of a few words. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, not '${v}'`);
  return v as T;
}
