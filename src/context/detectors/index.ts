// The language detectors, in the order their facts are listed. A new language is one file beside
// these that exports a Detector, and one line here (docs/architecture.md).
import type { ContextDir } from '../files.js';
import type { EcosystemFacts } from '../types.js';
import { detectNode } from './node.js';
import { detectPython } from './python.js';
import { detectGo } from './go.js';
import { detectJava } from './java.js';
import { detectRust } from './rust.js';
import { detectDotnet } from './dotnet.js';
import { detectRuby } from './ruby.js';
import { detectPhp } from './php.js';

export interface Detector {
  id: EcosystemFacts['ecosystem'];
  /** What the build context shows of this language, or null when it shows none; unreadable files add a warning. */
  detect(dir: ContextDir, warnings: string[]): EcosystemFacts | null;
}

export const DETECTORS: readonly Detector[] = [
  { id: 'node', detect: detectNode },
  { id: 'python', detect: detectPython },
  { id: 'go', detect: (dir) => detectGo(dir) },
  { id: 'java', detect: (dir) => detectJava(dir) },
  { id: 'rust', detect: (dir) => detectRust(dir) },
  { id: 'dotnet', detect: (dir) => detectDotnet(dir) },
  { id: 'ruby', detect: (dir) => detectRuby(dir) },
  { id: 'php', detect: detectPhp },
];
