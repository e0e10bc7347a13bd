import type { Severity } from '../types.js';

export type RuleSetting = Severity | 'off';

/** The vulnerability severities, most severe first (vulndb/severity.ts, which sits a layer above). */
export const VULN_THRESHOLDS = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const;
export type VulnThreshold = (typeof VULN_THRESHOLDS)[number];

export const UPDATE_TYPES = ['patch', 'minor', 'major', 'distro', 'digest'] as const;

export interface UpdateRule {
  /** An image name as written without tag (`node`, `ghcr.io/acme/*`); `*` matches any run of characters. */
  match: string;
  /** The kinds of update allowed for it; null: what --to allows. */
  allow: (typeof UPDATE_TYPES)[number][] | null;
  /** Whether its distribution part may move; null: what --distro says. */
  distro: boolean | null;
}

/** Where to reach a registry: mirrors tried in order, then the registry itself. */
export interface RegistryHost {
  mirrors: string[];
  insecure?: boolean;
}

export interface Config {
  /** Per-rule severity override or 'off'. */
  rules: Record<string, RuleSetting>;
  /** Registry host patterns (`*.example.com`, `ghcr.io/acme/*`); empty = no restriction. */
  trustedRegistries: string[];
  /** `version` or `digest` upgrade floating-tag / missing-digest to warnings. */
  pinning: 'none' | 'version' | 'digest';
  failOn: Severity | 'none';
  goal: 'size' | 'security' | 'compatibility';
  registries: Record<string, RegistryHost>;
  /** `vulnerable-base-image` (lint --online) fires at or above `threshold`; `source` is where `db update` fetches. */
  vulnerabilities: { threshold: VulnThreshold | null; source: string | null };
  /** `plinth report`: pulls per day by repository (or `repository/path`), as `--pulls` gives them. */
  pulls: Record<string, number>;
  /** `plinth update` per image: the first rule whose `match` fits the image decides (over --to/--distro defaults). */
  update: UpdateRule[];
  /** File the config came from, for messages; null for defaults. */
  source: string | null;
}

export const defaultConfig: Config = {
  rules: {},
  trustedRegistries: [],
  pinning: 'none',
  failOn: 'warning',
  goal: 'size',
  registries: {},
  vulnerabilities: { threshold: null, source: null },
  update: [],
  pulls: {},
  source: null,
};
