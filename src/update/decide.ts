// One image text's update: the newest compatible tag the allowed update types reach, never a
// prerelease, a tag Docker no longer rebuilds, or a release past its end of life; a line already past
// its end of life moves to the nearest supported release even when majors are not allowed.
import { lookupImage, officialImageName } from '../catalog/lookup.js';
import { officialTagStatus } from '../catalog/tags.js';
import { compareNumbers, compatible, compareTagVersions, parseTagVersion, updateType, type TagVersion, type UpdateType } from '../catalog/versioning.js';
import type { ImageRef } from '../reference/types.js';

export type Allowed = 'patch' | 'minor' | 'major';
export type UpdateKind = UpdateType | 'digest';
export const UPDATE_KINDS: readonly UpdateKind[] = ['patch', 'minor', 'major', 'distro', 'digest'];

/** What `--to` allows: everything up to that kind, digests and distribution moves included. */
export function allowedBy(to: Allowed): Set<UpdateKind> {
  return new Set<UpdateKind>(to === 'patch' ? ['patch', 'distro', 'digest'] : to === 'minor' ? ['patch', 'minor', 'distro', 'digest'] : ['patch', 'minor', 'major', 'distro', 'digest']);
}

export interface DecideOptions {
  /** The kinds of update allowed (`--to`, or the config's rule for the image). */
  allow: ReadonlySet<UpdateKind>;
  distro: boolean;
  /** yyyy-mm-dd: end of life is judged on this day. */
  date: string;
}

export interface TagDecision {
  /** The tag to move to, or null. */
  tag: string | null;
  type: UpdateType | null;
  /** The current line is past its end of life: this move leaves it, whatever `allow` says. */
  eol: { subject: string; date: string; release: string } | null;
  /** Why nothing newer is proposed although newer tags exist (one line), or null. */
  blocked: string | null;
}

function pastEol(ref: ImageRef, tag: string, date: string): { subject: string; date: string; release: string } | null {
  const facts = lookupImage({ ...ref, tag, digest: null });
  const gone = facts?.eol.find((e) => e.date <= date);
  return gone ? { subject: gone.subject, date: gone.date, release: gone.release } : null;
}

function retired(ref: ImageRef, tag: string): boolean {
  const name = officialImageName(ref);
  return name !== null && officialTagStatus(name, tag)?.state === 'retired';
}

export function decideTag(ref: ImageRef, tags: readonly string[], options: DecideOptions): TagDecision {
  const tag = ref.tag ?? 'latest';
  const current = parseTagVersion(tag);
  const none: TagDecision = { tag: null, type: null, eol: null, blocked: null };
  if (current.release === null) return none;
  const eol = pastEol(ref, tag, options.date);
  const usable = (v: TagVersion, distro: boolean): UpdateType | null => {
    if (v.tag === tag || !compatible(current, v, { distro })) return null;
    const type = updateType(current, v);
    if (type === null || retired(ref, v.tag) || pastEol(ref, v.tag, options.date)) return null;
    return type;
  };
  const parsed = tags.map(parseTagVersion);
  let best: TagVersion | null = null;
  let bestType: UpdateType | null = null;
  for (const v of parsed) {
    const type = usable(v, options.distro);
    if (type === null || !options.allow.has(type)) continue;
    if (!best || compareTagVersions(v, best) > 0) {
      best = v;
      bestType = type;
    }
  }
  if (eol) {
    // Past its end of life: what --to allows if that leaves the line, else the newest tag of the
    // nearest supported line, of any kind (the release line is as deep as the end-of-life data says).
    if (best) return { tag: best.tag, type: bestType, eol, blocked: null };
    const depth = eol.release.split('.').length;
    const line = (v: TagVersion): number[] => v.release!.slice(0, depth);
    let nearest: TagVersion | null = null;
    for (const v of parsed) {
      if (usable(v, true) === null) continue;
      const d = nearest ? compareNumbers(line(v), line(nearest)) : -1;
      if (d < 0 || (d === 0 && compareTagVersions(v, nearest!) > 0)) nearest = v;
    }
    if (nearest) return { tag: nearest.tag, type: updateType(current, nearest), eol, blocked: null };
    return { ...none, eol, blocked: `${eol.subject} reached end of life on ${eol.date} and no supported release of this variant is listed` };
  }
  if (best) return { tag: best.tag, type: bestType, eol: null, blocked: null };
  // Say why when newer tags exist but none may be taken.
  const withDistro = parsed.some((v) => usable(v, true) !== null && options.allow.has(updateType(current, v)!));
  if (!options.distro && withDistro) return { ...none, blocked: `newer releases are built only on a newer ${current.distro?.name ?? 'distribution'} release (--distro moves it)` };
  const beyond = new Set(parsed.map((v) => usable(v, options.distro)).filter((t): t is UpdateType => t !== null));
  const nearest = (['patch', 'minor', 'major'] as const).find((t) => beyond.has(t) && !options.allow.has(t));
  if (nearest) return { ...none, blocked: `only ${nearest === 'major' ? 'major' : nearest === 'minor' ? 'minor or major' : 'newer'} updates exist (--to ${nearest} allows them)` };
  return none;
}
