// Every rule plinth ships, in the order they run. One file per rule beside this one.
import type { Rule } from './types.js';
import { untaggedImage } from './untagged-image.js';
import { latestTag } from './latest-tag.js';
import { fullImageInFinalStage } from './full-image-in-final-stage.js';
import { jdkInFinalStage } from './jdk-in-final-stage.js';
import { deprecatedImage } from './deprecated-image.js';
import { eolBaseImage } from './eol-base-image.js';
import { packageManagerMismatch } from './package-manager-mismatch.js';
import { shellInShellLessStage } from './shell-in-shell-less-stage.js';
import { scratchDynamicBinary } from './scratch-dynamic-binary.js';
import { scratchMissingCertificates } from './scratch-missing-certificates.js';
import { buildToolsInFinalStage } from './build-tools-in-final-stage.js';
import { floatingTag } from './floating-tag.js';
import { missingDigest } from './missing-digest.js';
import { untrustedRegistry } from './untrusted-registry.js';
import { hardcodedPlatform } from './hardcoded-platform.js';
import { unresolvedImage } from './unresolved-image.js';
import { muslNativeModules } from './musl-native-modules.js';
import { tagNotFound } from './tag-not-found.js';
import { staleDigest } from './stale-digest.js';
import { unmaintainedTag } from './unmaintained-tag.js';
import { vulnerableBaseImage } from './vulnerable-base-image.js';

export const allRules: Rule[] = [
  untaggedImage, latestTag, fullImageInFinalStage, jdkInFinalStage, deprecatedImage, eolBaseImage,
  unmaintainedTag, packageManagerMismatch, shellInShellLessStage, scratchDynamicBinary, scratchMissingCertificates,
  buildToolsInFinalStage, floatingTag, missingDigest, untrustedRegistry, hardcodedPlatform, unresolvedImage,
  muslNativeModules, tagNotFound, staleDigest, vulnerableBaseImage,
];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

/** The ids a config or a pragma may name. */
export const ruleIds: ReadonlySet<string> = new Set(byId.keys());

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** The rule list for the README, rendered from the rules' own metadata. */
export function rulesMarkdownTable(): string {
  const rows = allRules.map((r) => `| [\`${r.meta.id}\`](${r.meta.docs}) | ${r.meta.severity} | ${r.meta.description.replace(/\|/g, '\\|')} | ${r.meta.fixable ? 'yes' : ''}${r.meta.online ? ' (online)' : ''} |`);
  return ['| rule | default | reports | fix |', '|---|---|---|---|', ...rows].join('\n');
}
