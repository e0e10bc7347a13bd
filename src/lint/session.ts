// One lint run's state: what it has read and worked out once for all its files. A run makes one
// (lintPaths, lintEach) or is given one (lintSource over many texts); the next run starts empty, so
// it sees changed files. Nothing here outlives the session.
import type { Config } from '../config/types.js';
import type { ContextScan } from '../context/read.js';
import { allRules } from '../rules/registry.js';
import { enabledRules } from '../rules/engine.js';
import type { Rule } from '../rules/types.js';
import { TextScans } from '../util/text-scans.js';

export class LintSession {
  /** Build-context scans by directory: each context is read once, however many Dockerfiles share it. */
  readonly contextScans = new Map<string, ContextScan>();
  /** Analyses of RUN scripts and ENV/ARG text: a script repeated across files is analysed once. */
  readonly textScans = new TextScans();
  /**
   * The rules each config's settings leave on, offline and online (a run has a few configs). Weak:
   * with `--ignore` every file's config is its own object, and a run of 143,000 files keeps none.
   */
  #rules = new WeakMap<Config['rules'], { offline: readonly Rule[]; online: readonly Rule[] }>();

  rulesFor(settings: Config['rules'], online: boolean): readonly Rule[] {
    let on = this.#rules.get(settings);
    if (on === undefined) this.#rules.set(settings, (on = { offline: enabledRules(allRules, settings, false), online: enabledRules(allRules, settings, true) }));
    return online ? on.online : on.offline;
  }

  /** Forgets everything: the next file is linted as by a fresh session. */
  clear(): void {
    this.contextScans.clear();
    this.textScans.clear();
    this.#rules = new WeakMap();
  }
}
