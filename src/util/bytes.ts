// One way to show a byte count everywhere: decimal units as registries and Docker Hub show them.

/** `0 B`, `812 kB`, `4.2 MB`, `310 MB`, `1.2 GB`: three significant figures at most. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = n;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
