// Version order per package ecosystem, as each package manager decides it.
import { compareApk } from './apk.js';
import { compareDpkg } from './dpkg.js';
import { compareRpm } from './rpm.js';
import type { PackageEcosystem } from '../../image/types.js';

export { compareApk, compareDpkg, compareRpm };

export type VersionCompare = (a: string, b: string) => number;

export const COMPARE: Record<PackageEcosystem, VersionCompare> = { deb: compareDpkg, apk: compareApk, rpm: compareRpm };
