// What the RUN instructions of one file run, as the rules read it (`ctx.shell`). The engine makes
// one per file; the analyses of a script's text go through the run's TextScans, so a script that
// repeats across a repository's Dockerfiles is analysed once per run. Rules never cache.
import type { Instruction } from '../dockerfile/types.js';
import { scanText, type TextScans } from '../util/text-scans.js';
import { commandsOf, runScripts, type SimpleCommand } from './commands.js';
import { commandWords, type CommandWord } from './shell-scan.js';
import { buildToolsOf, type BuildToolsVerdict } from './build-tools-scan.js';

export interface ShellFacts {
  /** The scripts a RUN runs: its shell-form text, its heredoc bodies, or its exec form (`runScripts`). */
  scripts(inst: Instruction): string[];
  /** The package managers and compilers a script runs (`commandWords`). */
  words(script: string): CommandWord[];
  /** A RUN's simple commands (`commandsOf`). */
  commands(inst: Instruction): SimpleCommand[];
  /** The build tools a script installs, whether it removes packages, and its first compile. */
  buildTools(script: string): BuildToolsVerdict;
}

export class FileShellFacts implements ShellFacts {
  #scripts: Map<Instruction, string[]> | null = null;
  #commands: Map<Instruction, SimpleCommand[]> | null = null;

  constructor(private readonly texts: TextScans | undefined) {}

  scripts(inst: Instruction): string[] {
    // (A plain shell-form RUN is its text: a map lookup costs more than the list.)
    if (!inst.json && inst.heredocs.length === 0) return [inst.args[0] ?? ''];
    this.#scripts ??= new Map();
    let out = this.#scripts.get(inst);
    if (out === undefined) this.#scripts.set(inst, (out = runScripts(inst)));
    return out;
  }

  words(script: string): CommandWord[] {
    return scanText(this.texts, 'command-words', script, commandWords);
  }

  commands(inst: Instruction): SimpleCommand[] {
    this.#commands ??= new Map();
    let out = this.#commands.get(inst);
    if (out === undefined) this.#commands.set(inst, (out = commandsOf(inst)));
    return out;
  }

  buildTools(script: string): BuildToolsVerdict {
    return scanText(this.texts, 'build-tools', script, buildToolsOf);
  }
}
