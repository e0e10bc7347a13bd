// One parsed Dockerfile through the rules, with the advisor's decisions injected: the rules that
// suggest an image read the advisor's one decision per FROM line, so lint and recommend agree.
import type { Dockerfile } from '../dockerfile/types.js';
import { runRules, type LintOptions, type LintResult } from '../rules/engine.js';
import { suggestedImage } from '../advisor/suggest.js';

export function lintDockerfile(file: Dockerfile, options: LintOptions): LintResult {
  return runRules(file, options.advise ? options : { ...options, advise: suggestedImage });
}
