/**
 * The reporting tree inside an office is stored as a materialised path of position ids
 * ('/12/15/31/'). These pure helpers answer "is A below B" and "who are A's superiors".
 */
export function pathOf(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when `candidate` is strictly below `superior` in the same tree. */
export function isBelow(candidatePath: string, superiorPath: string): boolean {
  return candidatePath !== superiorPath && candidatePath.startsWith(superiorPath);
}

/** Ids of every position above the one with this path, nearest first. */
export function superiorIds(path: string): number[] {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids.slice(0, -1).reverse();
}
