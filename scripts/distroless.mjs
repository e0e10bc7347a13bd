// `npm run catalog:distroless -- --repo DIR`: regenerates src/catalog/data/distroless.json, the
// distroless images the project publishes and updates today, and when its support for each image
// kind on each Debian release ends. DIR is a clone (or bare mirror) of
// GoogleContainerTools/distroless; its README's "What images are available?" tables and its
// SUPPORT_POLICY.md table are read at HEAD, and the commit and its date are recorded.
// Debian's python3 per release is Debian's, not distroless's: it is listed here, by hand.
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { repo: { type: 'string' }, out: { type: 'string' } } });
if (!values.repo) {
  console.error('distroless: pass --repo DIR (a clone of github.com/GoogleContainerTools/distroless)');
  process.exit(2);
}
const dir = resolve(values.repo);
const gitDir = existsSync(join(dir, '.git')) ? join(dir, '.git') : dir;
function fail(message) {
  console.error(`distroless: ${message}`);
  process.exit(2);
}
const git = (...args) => {
  try {
    return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    return fail(`git ${args.join(' ')}: ${String(err.stderr || err.message).split('\n')[0]}`);
  }
};

// Debian's python3 in each release (packages.debian.org: bookworm 3.11, trixie 3.13).
const DEBIAN_PYTHON = { 12: '3.11', 13: '3.13' };
const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

const [commit, date] = git('log', '-1', '--format=%H %cs', 'HEAD').trim().split(' ');
const readme = git('show', 'HEAD:README.md');
const policy = git('show', 'HEAD:SUPPORT_POLICY.md');

/** Markdown table rows (cells trimmed, header row dropped) after the line matching `heading`, up to the next heading. */
function rowsUnder(text, heading, headerSeen = false) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return [];
  const out = [];
  for (const l of lines.slice(start + 1)) {
    if (/^#{1,4} /.test(l)) break;
    if (!l.startsWith('|') || /^\|\s*-{3}/.test(l)) continue;
    out.push(l.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return headerSeen ? out : out.slice(1);
}

// "#### Debian 13" tables: image, tags, architecture suffixes.
const images = {};
for (const m of readme.matchAll(/^#### Debian (\d+)\s*$/gm)) {
  for (const [image, tags] of rowsUnder(readme, new RegExp(`^#### Debian ${m[1]}\\s*$`))) {
    const name = /^gcr\.io\/distroless\/([a-z0-9.-]+)$/.exec(image)?.[1];
    if (!name) fail(`unexpected image cell ${image}`);
    images[name] = tags.split(',').map((t) => t.trim()).filter(Boolean);
  }
}
if (Object.keys(images).length < 4) fail('the README has no image tables (did its layout change?)');

// SUPPORT_POLICY.md: image kind, one column per Debian release; "Sept 2026" is the month's last day.
const header = policy.split('\n').find((l) => /^\|\s*Image\s*\|/.test(l)) ?? fail('SUPPORT_POLICY.md has no Image table');
const releases = header.split('|').slice(2, -1).map((c) => /Debian (\d+)/.exec(c)?.[1]);
const supportEnds = {};
for (const [kind, ...cells] of rowsUnder(policy, /^\|\s*Image\s*\|/, true)) {
  const key = kind.replace(/\*$/, '');
  cells.forEach((cell, i) => {
    const m = /^([A-Za-z]+)\s+(\d{4})$/.exec(cell);
    const month = m ? MONTHS[m[1].toLowerCase().slice(0, 3)] : undefined;
    const release = releases[i];
    if (!release) return;
    const end = month ? new Date(Date.UTC(Number(m[2]), month, 0)).toISOString().slice(0, 10) : null;
    (supportEnds[release] ??= {})[key] = end;
  });
}

const out = {
  source: 'https://github.com/GoogleContainerTools/distroless (README.md "What images are available?", SUPPORT_POLICY.md)',
  commit,
  date,
  images,
  supportEnds,
  debianPython: DEBIAN_PYTHON,
};
const path = values.out ? resolve(values.out) : join(repo, 'src/catalog/data/distroless.json');
writeFileSync(`${path}.tmp`, `${JSON.stringify(out, null, 1)}\n`);
renameSync(`${path}.tmp`, path);
console.log(`distroless: ${path} (${Object.keys(images).length} images at ${commit.slice(0, 12)}, ${date})`);
