/** The workflows whose name contains every word of the query, ignoring case and accents. */
export function searchWorkflows<T extends { name: string }>(workflows: T[], query: string): T[] {
  const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  return words.length === 0 ? workflows : workflows.filter((w) => words.every((word) => fold(w.name).includes(word)));
}
