// .NET: the project file tells whether the app is self-contained or native (AOT), its runtime
// identifier (glibc `linux-x64` or `linux-musl-x64`) and whether it needs ICU.

import type { ContextDir } from '../files.js';
import type { DotnetFacts, Evidence, NativeRequirement } from '../types.js';

export function detectDotnet(dir: ContextDir): DotnetFacts | null {
  const projects = dir.findFiles((n) => /\.(cs|fs|vb)proj$/.test(n), 2, 20);
  if (projects.length === 0) return null;
  const evidence: Evidence[] = [];
  const native: NativeRequirement[] = [];
  const facts: DotnetFacts = {
    ecosystem: 'dotnet', evidence, native, version: null, selfContained: null, trimmed: null,
    invariantGlobalization: null, nativeAot: null, runtimeIdentifier: null,
  };
  for (const file of projects) {
    dir.readText(file)!.split(/\r?\n/).forEach((l, i) => {
      const at = { file, line: i + 1 };
      const tfm = /<TargetFrameworks?>\s*net(\d+\.\d+)/.exec(l);
      if (tfm && !facts.version) {
        facts.version = tfm[1];
        evidence.push({ ...at, fact: `targets .NET ${tfm[1]}` });
      }
      const flag = (tag: string): boolean => new RegExp(`<${tag}>\\s*true\\s*</`, 'i').test(l);
      if (flag('SelfContained')) evidence.push((facts.selfContained = { ...at, fact: 'published self-contained (bundles the runtime)' }));
      if (flag('PublishTrimmed')) evidence.push((facts.trimmed = { ...at, fact: 'published trimmed' }));
      if (flag('InvariantGlobalization')) evidence.push((facts.invariantGlobalization = { ...at, fact: 'invariant globalization: no ICU needed' }));
      if (flag('PublishAot')) evidence.push((facts.nativeAot = { ...at, fact: 'Native AOT: a native executable' }));
      const rid = /<RuntimeIdentifiers?>\s*([^<;]+)/.exec(l);
      if (rid) {
        facts.runtimeIdentifier = rid[1].trim();
        const e = { ...at, fact: `runtime identifier ${facts.runtimeIdentifier}` };
        evidence.push(e);
        if (/^linux-(x64|arm64|arm)$/.test(facts.runtimeIdentifier)) {
          native.push({ ecosystem: 'dotnet', package: facts.runtimeIdentifier, version: null, reason: 'a linux-* (not linux-musl-*) build is linked against glibc', evidence: e });
        }
      }
    });
  }
  return facts;
}
