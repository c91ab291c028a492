/** Wall-clock times in an IANA zone ↔ instants, with Intl only (what a `datetime-local` input gives is a wall-clock time). */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, '0');

function wallClock(utcMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at that instant (+60 for Paris in winter). */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const w = wallClock(utcMs, timeZone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const offsetText = (minutes: number) => (minutes === 0 ? 'Z' : `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`);

/** `2026-12-01T09:00` in `Europe/Paris` → `2026-12-01T09:00:00+01:00`; undefined when not a wall-clock time or the zone is unknown. */
export function localToIso(local: string, timeZone: string): string | undefined {
  const m = LOCAL.exec(local.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  try {
    // Twice: the offset at the guess may differ from the offset at the answer around a DST change.
    const first = zoneOffsetMinutes(wall, timeZone);
    const offset = zoneOffsetMinutes(wall - first * 60_000, timeZone);
    return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offsetText(offset)}`;
  } catch {
    return undefined;
  }
}

/** An instant as the `datetime-local` value of its wall-clock time in the zone (minutes precision). */
export function isoToLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  try {
    const w = wallClock(ms, timeZone);
    return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  } catch {
    return '';
  }
}
