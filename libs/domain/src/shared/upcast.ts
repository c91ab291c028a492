/**
 * Old events stay readable forever: an upcaster turns the data of one
 * (type, schemaVersion) into the next version's shape. Chains apply until
 * the current version is reached.
 */
export type Upcaster = { type: string; fromVersion: number; upcast(data: unknown): unknown };

export type VersionedEvent = { type: string; schemaVersion: number; data: unknown };

export function createUpcaster(upcasters: readonly Upcaster[]): (event: VersionedEvent) => { type: string; data: unknown } {
  const byKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u]));
  return (event) => {
    let { data, schemaVersion } = event;
    for (let step = byKey.get(`${event.type}@${schemaVersion}`); step; step = byKey.get(`${event.type}@${schemaVersion}`)) {
      data = step.upcast(data);
      schemaVersion += 1;
    }
    return { type: event.type, data };
  };
}

/** Current schema version of every event type written today. Bump it together with an upcaster from the previous version. */
export const CURRENT_SCHEMA_VERSION = 1;

/** Upcasters of Weft's own events (none yet: every event is at schema version 1). */
export const upcastEvent = createUpcaster([]);
