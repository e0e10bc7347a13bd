// The release step of the one decision per FROM line: after the tree picks a family and variant,
// the image moves off what no longer gets fixes. A deprecated image becomes its replacement, a
// `latest` or missing tag names the version it stands for, and a runtime or distribution past its
// end of life moves to the newest supported release, keeping the variant.
import type { EndOfLife, ImageFacts } from '../catalog/types.js';
import { debianCodename, supportedReleases } from '../catalog/eol.js';
import { familiarName } from '../reference/parse.js';
import { officialImageName } from '../catalog/lookup.js';
import type { ImageRef } from '../reference/types.js';
import { imageLookup, type ImageLookup } from './lookup.js';
import { BoundedMap } from '../util/bounded-map.js';

export interface Refresh {
  image: string;
  /** Why, in a few words, for the evidence: `node:16 reached end of life on 2023-09-11`. */
  fact: string;
}

/**
 * The same image, variant and precision on the nearest release that is supported for six more
 * months and published (when the catalog has the image's tags), or null.
 */
export function supportedRelease(ref: ImageRef, facts: ImageFacts, eol: EndOfLife, date: string, lookup: ImageLookup): string | null {
  for (const next of supportedReleases(eol.id, date, eol.release)) {
    const image = onRelease(ref, facts, eol, next, lookup, date);
    if (image && lookup.knows(image, date) !== false) return image;
  }
  return null;
}

/** The image's tag moved to another release of what `eol` is about. */
function onRelease(ref: ImageRef, facts: ImageFacts, eol: EndOfLife, next: string, lookup: ImageLookup, date: string): string | null {
  const tag = ref.tag ?? 'latest';
  const name = familiarName(ref);
  if (eol.kind === 'runtime' && facts.runtimeVersion && tag.startsWith(facts.runtimeVersion)) {
    // Keep the variant suffix, drop a pinned Debian/Alpine release that may itself be old.
    const rest = tag.slice(facts.runtimeVersion.length).replace(/-(buster|stretch|jessie|bullseye|alpine-?3\.\d+)/, (m) => (m.startsWith('-alpine') ? '-alpine' : ''));
    // A full version stays a full version: the newest listed patch of the new line, where the
    // shipped tags know it (`ruby:2.7.1-alpine` -> `ruby:3.4.7-alpine`, not `ruby:3.4-alpine`;
    // Temurin's `24.0.2_12-jdk-noble` -> `25.0.4_7-jdk-noble`).
    const parts = next.split('.');
    const full = /^\d+\.\d+\.\d+(_\d+)?$/.exec(facts.runtimeVersion);
    if (full && parts.length < 3) {
      const patch = lookup.listedPatch(`${name}:${[...parts, '0', '0'].slice(0, 3).join('.')}${full[1] ? '_0' : ''}${rest}`);
      if (patch) return patch;
    }
    const moved = `${name}:${next}${rest}`;
    // (A .NET channel publishes its own set of OS variants: 10.0 has no Debian or jammy images.)
    return lookup.knows(moved, date) === false ? lookup.nearestPublished(moved) ?? moved : moved;
  }
  if (eol.id === 'debian') {
    const codename = debianCodename(next) ?? next;
    const old = facts.distroVersion ?? '';
    return tag.includes(old) && old ? `${name}:${tag.replace(old, codename)}` : null;
  }
  if (eol.id === 'alpine' && facts.distroVersion) return `${name}:${tag.replace(facts.distroVersion, next)}`;
  if (eol.id === 'ubuntu' && facts.distroVersion) return `${name}:${next}`;
  return null;
}

/** `debian:sid-slim` -> `debian:trixie-slim`, `alpine:edge` -> `alpine:3.24`: the newest stable release supported for six more months. */
function stableRelease(ref: ImageRef, facts: ImageFacts, date: string, lookup: ImageLookup): string | null {
  const id = facts.distro === 'debian' ? 'debian' : facts.distro === 'alpine' ? 'alpine' : null;
  const newest = id ? supportedReleases(id, date).at(-1) : undefined;
  if (!id || !newest || !ref.tag) return null;
  const stable = id === 'debian' ? debianCodename(newest) ?? newest : newest;
  // The word naming the development release: sid, unstable, testing, edge, or testing's codename.
  const codename = /\((\w+)\)$/.exec(facts.development ?? '')?.[1];
  const words = ref.tag.split('-');
  const at = words.findIndex((w) => ['sid', 'unstable', 'testing', 'edge', codename].includes(w));
  if (at < 0) return null;
  words[at] = stable;
  const image = `${familiarName(ref)}:${words.join('-')}`;
  return lookup.knows(image, date) !== false ? image : null;
}

/**
 * `node`, `node:latest` -> `node:25`; `node:alpine` -> `node:25-alpine`: the version the tag stands
 * for today. Official images only: others (distroless, vendors) name their versions differently.
 */
function versioned(ref: ImageRef, facts: ImageFacts, lookup: ImageLookup): string | null {
  if (officialImageName(ref) === null) return null;
  // A variant tag (`slim`) does not say its version: `latest` of the same image does.
  const latest = ref.tag && ref.tag !== 'latest' ? lookup.facts(`${familiarName(ref)}:latest`) : null;
  const v = facts.runtimeVersion ?? latest?.runtimeVersion ?? facts.distroVersion;
  if (!v) return null;
  const tag = ref.tag === null || ref.tag === 'latest' ? '' : ref.tag;
  if (tag !== '' && /^\d/.test(tag)) return null;
  // (Only a listed tag is offered: the caller checks, since `node:lts` would give `node:24-lts`.)
  return `${familiarName(ref)}:${tag ? `${v}-${tag}` : v}`;
}

/** One step of the release check for an image, or null when it is current. */
function step(image: string, lookup: ImageLookup, date: string): Refresh | null {
  const ref = lookup.parse(image);
  const facts = ref ? lookup.facts(image) : null;
  if (!ref || !facts) return null;
  if (facts.deprecated?.replacement) return { image: facts.deprecated.replacement, fact: `${familiarName(ref)} is deprecated: ${facts.deprecated.reason}` };
  const shown = `${familiarName(ref)}${ref.tag ? `:${ref.tag}` : ''}`;
  // A digest is exact: `latest@sha256:...` does not move. A tag without a version (`latest`, `slim`,
  // `alpine`) floats too; the versioned name is offered only when Docker lists it (so `lts` or a
  // distribution codename, whose versioned form does not exist, stays).
  if ((ref.tag === null || !/^\d/.test(ref.tag)) && !ref.digest) {
    const v = versioned(ref, facts, lookup);
    if (v && v !== image && lookup.knows(v, date) !== false) return { image: v, fact: `${shown} moves to each new release: name the version it stands for` };
  }
  // A development distribution (sid, testing, edge) moves to the newest supported stable release.
  if (facts.development && ref.tag) {
    const next = stableRelease(ref, facts, date, lookup);
    if (next && next !== image) return { image: next, fact: `${facts.development} is a development distribution: it gets no security support` };
  }
  const past = facts.eol.filter((e) => e.date <= date);
  if (past.length > 0) {
    // (A publisher's own support end names its successor: distroless on a newer Debian.)
    const next = supportedRelease(ref, facts, past[0]!, date, lookup) ?? (past[0]!.id === 'distroless' ? facts.successor ?? null : null);
    if (next && next !== image) return { image: next, fact: `${past[0]!.subject} reached end of life on ${past[0]!.date}` };
  }
  // A tag Docker no longer lists is never rebuilt: the newest listed patch of its line and variant,
  // else the nearest newer line Docker lists (`nginx:1.27` -> `nginx:1.30`).
  if (ref.tag && lookup.knows(image, date) === false) {
    const patch = lookup.listedPatch(image) ?? lookup.nextListedLine(image);
    if (patch && patch !== image) return { image: patch, fact: `${shown} is no longer rebuilt by Docker's official images` };
  }
  return null;
}

type Refreshed = { readonly image: string; readonly facts: readonly string[] } | null;

// What the shipped catalog says of an image on a date does not change within a run, and a run's
// files repeat their images: the steps for each (date, image) are worked out once (they were 8% of a
// warm corpus pass). Other lookups (a registry's, with --online) answer per session: not kept.
const offline = new BoundedMap<string, Refreshed>(10_000);

/** The image after every release step (a few at most: a replacement may itself name `latest`). */
export function refresh(image: string, lookup: ImageLookup, date: string): Refreshed {
  if (lookup !== imageLookup()) return refreshSteps(image, lookup, date);
  const key = `${date} ${image}`;
  let r = offline.get(key);
  if (r === undefined) offline.set(key, (r = refreshSteps(image, lookup, date)));
  return r;
}

function refreshSteps(image: string, lookup: ImageLookup, date: string): Refreshed {
  let at = image;
  const facts: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = step(at, lookup, date);
    if (!r) break;
    at = r.image;
    facts.push(r.fact);
  }
  return facts.length ? Object.freeze({ image: at, facts: Object.freeze(facts) }) : null;
}
