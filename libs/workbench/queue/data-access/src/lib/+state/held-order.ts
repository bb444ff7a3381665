/**
 * Holding the queue's order while the user is pointing at it or working in it with the keyboard: rows keep
 * their places (their contents still update), new rows wait at the bottom, and the user is told that the
 * triage order has changed until they re-sort or move away. Pure, so the rules are unit-tested.
 */
export interface HeldView<T extends { id: string }> {
  rows: T[];
  /** The rows shown are not in the current triage order (a re-sort would move something). */
  orderChanged: boolean;
}

export function applyHeldOrder<T extends { id: string }>(sorted: readonly T[], held: readonly string[] | null): HeldView<T> {
  if (!held) return { rows: [...sorted], orderChanged: false };
  const place = new Map(held.map((id, i) => [id, i]));
  const kept: T[] = [];
  const arrived: T[] = [];
  for (const row of sorted) {
    if (place.has(row.id)) kept.push(row);
    else arrived.push(row);
  }
  kept.sort((a, b) => (place.get(a.id) as number) - (place.get(b.id) as number));
  const rows = [...kept, ...arrived];
  const orderChanged = rows.some((row, i) => row.id !== sorted[i].id);
  return { rows, orderChanged };
}
