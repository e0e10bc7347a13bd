import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.js';
import { didYouMean } from '../util/did-you-mean.js';

/**
 * A command's flags through Node's parseArgs; a bad flag becomes one usage line naming the command,
 * with the nearest known flag for a mistyped one (Node's own advice about positionals is left out).
 */
export function parseFlags<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message);
    if (unknown) {
      const flags = Object.keys(config.options ?? {}).map((f) => `--${f}`);
      const guess = didYouMean(unknown[1]!, flags);
      throw new UsageError(`${command}: unknown flag ${unknown[1]}${guess ? ` (did you mean ${guess}?)` : ''}; see plinth ${command} --help`);
    }
    throw new UsageError(`${command}: ${message.split('\n')[0]}`);
  }
}

/** A flag whose value must be one of a few words. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, not '${v}'`);
  return v as T;
}
