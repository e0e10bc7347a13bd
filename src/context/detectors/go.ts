// Go: go.mod and the sources tell whether the binary needs cgo, CA certificates and tz data.

import { GO_CGO_MODULES, GO_CGO_WRAPPERS, GO_TLS_MODULES } from '../data/go-cgo.js';
import type { ContextDir } from '../files.js';
import type { Evidence, GoFacts, NativeRequirement } from '../types.js';

export function detectGo(dir: ContextDir): GoFacts | null {
  const mod = dir.readText('go.mod');
  if (mod === null) return null;
  const evidence: Evidence[] = [];
  const cgoModules: NativeRequirement[] = [];
  let version: string | null = null;
  let usesTLS: Evidence | null = null;
  let inRequire = false;
  const direct: string[] = [];
  // `// indirect` cgo modules count only when this module's code or a known wrapper imports them.
  const indirect: { path: string; ver: string; line: number; reason: string; via: string | null }[] = [];
  mod.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.replace(/\/\/.*$/, '').trim();
    const m = /^module\s+(\S+)/.exec(t);
    if (m) evidence.push({ file: 'go.mod', line, fact: `Go module ${m[1]}` });
    const g = /^go\s+(\d+\.\d+(?:\.\d+)?)/.exec(t);
    if (g) {
      version = g[1];
      evidence.push({ file: 'go.mod', line, fact: `go directive ${g[1]}` });
    }
    if (/^require\s*\($/.test(t)) { inRequire = true; return; }
    if (inRequire && t === ')') { inRequire = false; return; }
    const req = inRequire ? /^(\S+)\s+(\S+)/.exec(t) : /^require\s+(\S+)\s+(\S+)/.exec(t);
    if (!req) return;
    const [, path, ver] = req;
    const isIndirect = /\/\/\s*indirect\b/.test(raw);
    if (!isIndirect) direct.push(path!);
    const cgo = Object.keys(GO_CGO_MODULES).find((p) => path === p || path.startsWith(`${p}/`));
    if (cgo && isIndirect) {
      indirect.push({ path: path!, ver: ver!, line, reason: GO_CGO_MODULES[cgo]!, via: null });
    } else if (cgo) {
      const e = { file: 'go.mod', line, fact: `${path} ${ver} needs cgo: ${GO_CGO_MODULES[cgo]}` };
      evidence.push(e);
      cgoModules.push({ ecosystem: 'go', package: path, version: ver, reason: GO_CGO_MODULES[cgo], evidence: e });
    }
    if (!usesTLS && GO_TLS_MODULES.some((p) => path.startsWith(p))) {
      usesTLS = { file: 'go.mod', line, fact: `${path} calls HTTPS APIs: the binary needs CA certificates` };
    }
  });

  let usesTimezones: Evidence | null = null;
  let embedsTzdata: Evidence | null = null;
  for (const file of dir.findFiles((n) => n.endsWith('.go') && !n.endsWith('_test.go'), 4, 300)) {
    const text = dir.readText(file);
    if (text === null) continue;
    const lines = text.split(/\r?\n/);
    lines.forEach((l, i) => {
      const at = { file, line: i + 1 };
      if (/^\s*import\s+"C"|^\s*"C"\s*$/.test(l) && !cgoModules.some((c) => c.package === file)) {
        const e = { ...at, fact: `${file} imports "C": the code itself uses cgo` };
        evidence.push(e);
        cgoModules.push({ ecosystem: 'go', package: file, version: null, reason: 'imports "C"', evidence: e });
      }
      if (!usesTLS && (/"crypto\/tls"/.test(l) || /"https:\/\//.test(l) || /\bhttp\.(Get|Post|Head|DefaultClient|Client\{)/.test(l))) {
        usesTLS = { ...at, fact: 'makes outgoing HTTPS/TLS calls: the binary needs CA certificates' };
      }
      if (!usesTimezones && /time\.LoadLocation\(/.test(l)) usesTimezones = { ...at, fact: 'calls time.LoadLocation: needs tz data' };
      if (!embedsTzdata && /_\s+"time\/tzdata"/.test(l)) embedsTzdata = { ...at, fact: 'imports time/tzdata: zones are embedded in the binary' };
      for (const c of indirect) if (c.via === null && l.includes(`"${c.path}`)) c.via = `${file} imports it`;
    });
  }
  for (const c of indirect) {
    const wrapper = c.via === null ? direct.find((d) => GO_CGO_WRAPPERS[d] === c.path) : undefined;
    if (wrapper) c.via = `required by ${wrapper}`;
    const e = c.via !== null
      ? { file: 'go.mod', line: c.line, fact: `${c.path} ${c.ver} needs cgo (${c.via}): ${c.reason}` }
      : { file: 'go.mod', line: c.line, fact: `${c.path} ${c.ver} is listed // indirect and nothing here imports it: not counted as cgo` };
    evidence.push(e);
    if (c.via !== null) cgoModules.push({ ecosystem: 'go', package: c.path, version: c.ver, reason: c.reason, evidence: e });
  }
  for (const e of [usesTLS, usesTimezones, embedsTzdata] as (Evidence | null)[]) if (e) evidence.push(e);
  return { ecosystem: 'go', evidence, native: cgoModules, version, cgoModules, usesTLS, usesTimezones, embedsTzdata };
}
