// The fleet report's data: one record per Dockerfile (what a shard of a scan writes and a merge
// concatenates), and the summary computed from those records alone, so shards merge exactly.

export interface FleetStage {
  line: number;
  final: boolean;
  /** Familiar reference (`node:20`), `scratch`, or null for a stage built on another stage or unresolved. */
  image: string | null;
  /** Catalog family (`node`, `python`) or the repository's last path part for an image the catalog does not know. */
  family: string | null;
  /** The runtime or distribution version the tag names (`20`, `3.12`), or null. */
  version: string | null;
  /** The earliest end of life the image's runtime or distribution reaches. */
  eol: { subject: string; date: string } | null;
}

export interface FleetChange {
  line: number;
  from: string;
  to: string;
  decision: string;
  /** Compressed bytes the change saves per pull (negative: it costs), null when a size is unknown. */
  savingBytes: number | null;
  /** `--vulns`: both images' vulnerability totals (critical and high apart); absent without it, null when not counted. */
  vulnerabilities?: { before: { total: number; critical: number; high: number }; after: { total: number; critical: number; high: number } } | null;
}

export interface FleetFile {
  repository: string;
  /** Relative to the repository's folder. */
  path: string;
  error: string | null;
  stages: FleetStage[];
  findings: { rule: string; severity: string; line: number | null }[];
  changes: FleetChange[];
}

export interface FleetScan {
  /** `plinth-fleet` and the contract's version. */
  kind: 'plinth-fleet';
  version: 1;
  /** The evaluation date (end of life), yyyy-mm-dd. */
  date: string;
  /** Where sizes came from: the catalog snapshot shipped with plinth, or the registries (--online). */
  sizeSource: 'catalog' | 'registry';
  files: FleetFile[];
}

export interface FleetSummary {
  repositories: number;
  dockerfiles: number;
  errors: number;
  /** Every base image in use, most used first. */
  inventory: { image: string; family: string | null; version: string | null; finalStages: number; buildStages: number; dockerfiles: number; repositories: number }[];
  /** Families used in more than one version, with the newest supported release to converge on. */
  drift: { family: string; versions: { version: string; dockerfiles: number }[]; convergeOn: string | null }[];
  /** Images past or within six months of their end of life. */
  endOfLife: { image: string; subject: string; date: string; status: 'past' | 'soon'; dockerfiles: number; repositories: number }[];
  findings: { byRule: { rule: string; count: number }[]; byRepository: { repository: string; count: number; errors: number; warnings: number }[]; unmaintainedTags: { repository: string; path: string; line: number | null }[] };
  /** The advisor's changes to final stages, ranked by bytes saved per day (then per pull). */
  changes: (FleetChange & { repository: string; path: string; pullsPerDay: number | null; bytesPerDay: number | null; bytesPerMonth: number | null })[];
  totals: { savingBytesPerPull: number; bytesPerDay: number; bytesPerMonth: number; changes: number; changesWithPulls: number; vulnerabilitiesRemoved: number | null };
}
