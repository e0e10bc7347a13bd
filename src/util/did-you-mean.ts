// "Did you mean" for mistyped commands, flags and rule ids: the nearest known word by edit distance.

/** Edit distance, for "did you mean": the commands are few and short. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}

/** The known word nearest to a mistyped one, when it is near enough to be what was meant. */
export function didYouMean(word: string, known: readonly string[]): string | null {
  // (A word from a file may be long: no known word is, and the distance costs length times length.)
  if (word.length > 100) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}
