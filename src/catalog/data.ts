// Loads the catalog's JSON data once. The files ship in the package under src/catalog/data/.
import { readFileSync } from 'node:fs';

const dataDir = new URL('../../../src/catalog/data/', import.meta.url);

export function loadJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dataDir), 'utf8')) as T;
}

export interface FamilyData {
  id: string;
  repositories: string[];
  kind: 'runtime' | 'distro' | 'jvm' | 'dotnet' | 'app' | 'distroless' | 'chainguard' | 'ubi';
  runtime: string | null;
  distro?: string;
  versionDepth: number;
  plainClass: 'full' | 'slim' | 'minimal' | 'alpine' | 'distroless';
  defaultDistro: [string, string | null];
  defaultPackageManager?: 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum' | null;
  hasCompiler: boolean;
  slimStyle: 'suffix' | 'prefix' | 'none';
  slim: boolean;
  alpine: boolean;
  distroless?: string;
  defaultJava?: 'jdk' | 'jre';
  aliases?: Record<string, string>;
  deprecated?: { reason: string; replacement: string; source: string };
}

export interface EolData {
  subjects: Record<string, { name: string; source: string; releases: Record<string, string>; released?: Record<string, string>; lts?: string[]; changelog?: string; links?: Record<string, string> }>;
  debianCodenames: Record<string, string>;
  ubuntuCodenames: Record<string, string>;
  /** Release -> full codename (`24.04` -> `Noble Numbat`), for Ubuntu's release-notes links. */
  ubuntuNames?: Record<string, string>;
}

/** `sizes.json`: per `image:tag`, each platform (`os/arch[/variant]`) with its compressed bytes. */
export interface SizesData {
  sizes: Record<string, [platform: string, compressedBytes: number][]>;
}

export const families: FamilyData[] = loadJson<{ families: FamilyData[] }>('families.json').families;
export const eolData: EolData = loadJson<EolData>('eol.json');
export const dataFiles = { families: new URL('families.json', dataDir), eol: new URL('eol.json', dataDir), schema: new URL('catalog.schema.json', dataDir) };
