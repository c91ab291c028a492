import { nextId } from '../editor/canvas/graph-mapping';
import { cronToPreset, describeCron, presetToCron, type CronPreset } from './cron-presets';
import { isoToLocal, localToIso } from './zoned-time';

/** A trigger as `Workflow.triggers` holds it and `setWorkflowTriggers` takes it (docs/api.md). */
export type ApiTrigger = { id: string; kind: string; [field: string]: unknown };

/** `Workflow.triggers` (JSON in the schema) as a list of triggers; anything without a string `id` and `kind` is left out. */
export function asApiTriggers(value: unknown): ApiTrigger[] {
  if (!Array.isArray(value)) return [];
  return value.filter((t): t is ApiTrigger => typeof t === 'object' && t !== null && typeof (t as ApiTrigger).id === 'string' && typeof (t as ApiTrigger).kind === 'string');
}

export type Misfire = 'skip' | 'fire_once' | 'fire_all';
/** What the trigger editor edits: text where a person types, parsed only when saving. */
export type TriggerForm =
  | { kind: 'schedule'; id: string; preset: CronPreset; timezone: string; misfire: Misfire; paused: boolean; input: string }
  | { kind: 'once'; id: string; local: string; timezone: string; input: string }
  | { kind: 'webhook'; id: string; signed: boolean }
  | { kind: 'event'; id: string; name: string; filter: string; workflowId: string };
export type TriggerKind = TriggerForm['kind'];

export const TRIGGER_KINDS: Record<TriggerKind, string> = { schedule: 'Schedule', once: 'One-shot', webhook: 'Webhook', event: 'Event' };

/** A form's problem, named like the API's `triggers[i].<field>` so both land next to the same input. */
export type FieldError = { field: string; message: string };

const inputText = (value: unknown) => (value === undefined || (value && typeof value === 'object' && Object.keys(value).length === 0) ? '' : JSON.stringify(value, null, 2));
const str = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);

/** A fresh form of a kind, with an id not yet taken. */
export function newTriggerForm(kind: TriggerKind, takenIds: Iterable<string>, timezone: string): TriggerForm {
  const id = nextId(kind, takenIds);
  switch (kind) {
    case 'schedule':
      return { kind, id, preset: { kind: 'weekdays', time: '09:00' }, timezone, misfire: 'fire_once', paused: false, input: '' };
    case 'once':
      return { kind, id, local: '', timezone, input: '' };
    case 'webhook':
      return { kind, id, signed: true };
    case 'event':
      return { kind, id, name: '', filter: '', workflowId: '' };
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** API → form. `once` moments are shown in `timezone` (they carry an offset, not a zone). */
export function triggerToForm(trigger: ApiTrigger, timezone: string): TriggerForm | undefined {
  switch (trigger.kind) {
    case 'schedule':
      return { kind: 'schedule', id: trigger.id, preset: cronToPreset(str(trigger.cron)), timezone: str(trigger.timezone, 'UTC'), misfire: (str(trigger.misfire, 'fire_once') as Misfire), paused: trigger.paused === true, input: inputText(trigger.input) };
    case 'once':
      return { kind: 'once', id: trigger.id, local: isoToLocal(str(trigger.at), timezone), timezone, input: inputText(trigger.input) };
    case 'webhook':
      return { kind: 'webhook', id: trigger.id, signed: trigger.signed === true };
    case 'event':
      return { kind: 'event', id: trigger.id, name: str(trigger.name), filter: str(trigger.filter), workflowId: str(trigger.workflowId) };
    default:
      return undefined;
  }
}

function parseInput(text: string): { value?: unknown; error?: FieldError } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: { field: 'input', message: 'Not valid JSON' } };
  }
}

/** Form → API shape, or the first problem the browser can see by itself (the API checks the rest: cron syntax, zones, filters). */
export function formToTrigger(form: TriggerForm): { trigger: ApiTrigger } | { error: FieldError } {
  if (!form.id.trim()) return { error: { field: 'id', message: 'Give the trigger an id' } };
  const id = form.id.trim();
  switch (form.kind) {
    case 'schedule': {
      const input = parseInput(form.input);
      if (input.error) return { error: input.error };
      return { trigger: { id, kind: 'schedule', cron: presetToCron(form.preset), timezone: form.timezone, misfire: form.misfire, paused: form.paused, ...('value' in input ? { input: input.value } : {}) } };
    }
    case 'once': {
      if (!form.local) return { error: { field: 'at', message: 'Pick a moment' } };
      const at = localToIso(form.local, form.timezone);
      if (!at) return { error: { field: 'at', message: 'Not a valid moment in this time zone' } };
      const input = parseInput(form.input);
      if (input.error) return { error: input.error };
      return { trigger: { id, kind: 'once', at, ...('value' in input ? { input: input.value } : {}) } };
    }
    case 'webhook':
      return { trigger: { id, kind: 'webhook', signed: form.signed } };
    case 'event':
      if (!form.name.trim()) return { error: { field: 'name', message: 'Name the event' } };
      return { trigger: { id, kind: 'event', name: form.name.trim(), ...(form.filter.trim() ? { filter: form.filter.trim() } : {}), ...(form.workflowId.trim() ? { workflowId: form.workflowId.trim() } : {}) } };
    default: {
      const unknown: never = form;
      return unknown;
    }
  }
}

/** `triggers[2].cron` → { index: 2, field: 'cron' }; a bare `triggers` → index undefined. */
export function parseTriggerField(field: string | undefined): { index?: number; field?: string } | undefined {
  if (!field?.startsWith('triggers')) return undefined;
  const match = /^triggers\[(\d+)\](?:\.(.+))?$/.exec(field);
  return match ? { index: Number(match[1]), ...(match[2] ? { field: match[2] } : {}) } : {};
}

/** One line for the list: what it is and when it fires. */
export function triggerSummary(trigger: ApiTrigger): string {
  switch (trigger.kind) {
    case 'schedule': {
      const described = describeCron(str(trigger.cron));
      return `${'text' in described ? described.text : str(trigger.cron)} (${str(trigger.timezone, 'UTC')})${trigger.paused === true ? ' · paused' : ''}`;
    }
    case 'once':
      return `Once at ${str(trigger.at)}`;
    case 'webhook':
      return trigger.signed === true ? 'Webhook, signed' : 'Webhook';
    case 'event':
      return `On event ${str(trigger.name)}${trigger.filter ? ` when ${str(trigger.filter)}` : ''}`;
    default:
      return trigger.kind;
  }
}

/** What rotating a webhook's secret breaks, said before it is done: its URL, and its signing secret when signed. */
export const rotationWarning = (trigger: ApiTrigger): string =>
  trigger.signed === true ? 'The old URL and signing secret stop working at once: callers need the new ones.' : 'The old URL stops working at once: callers need the new one.';
