// A target platform (`linux/arm64/v8`), as --platform, FROM --platform and image indexes name it.
import { InputError } from '../util/input-error.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** What plinth assumes when no --platform is given. */
export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

export class PlatformError extends InputError {
  constructor(readonly text: string) {
    super(`invalid platform '${text}': expected os/arch[/variant]`);
  }
}

const SHAPE = /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i;

/** `linux/arm64/v8` -> { os, architecture, variant }; anything else throws PlatformError. */
export function parsePlatform(text: string): Platform {
  if (!SHAPE.test(text)) throw new PlatformError(text);
  const [os, architecture, variant] = text.split('/') as [string, string, string | undefined];
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
