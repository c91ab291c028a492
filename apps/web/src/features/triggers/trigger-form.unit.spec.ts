import { describe, expect, it } from 'vitest';
import { asApiTriggers, formToTrigger, newTriggerForm, parseTriggerField, rotationWarning, triggerSummary, triggerToForm, type ApiTrigger } from './trigger-form';
import { isoToLocal, localToIso } from './zoned-time';

describe('trigger form ↔ API shape', () => {
  const roundTrips: ApiTrigger[] = [
    { id: 'morning', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Paris', misfire: 'skip', paused: true, input: { a: 1 } },
    { id: 'odd', kind: 'schedule', cron: '*/5 * * * *', timezone: 'UTC', misfire: 'fire_once', paused: false },
    { id: 'launch', kind: 'once', at: '2027-03-01T08:30:00+01:00' },
    { id: 'hook', kind: 'webhook', signed: true },
    { id: 'big', kind: 'event', name: 'order.created', filter: 'amount > 100' },
    { id: 'fail', kind: 'event', name: 'workflow.failed', workflowId: 'b5d7f0c2-1111-4222-8333-944455556666' },
  ];

  it.each(roundTrips)('reads %o back unchanged', (trigger) => {
    const form = triggerToForm(trigger, 'Europe/Paris');
    expect(form && formToTrigger(form)).toEqual({ trigger });
  });

  it('builds weekdays at 09:00 in a zone from a new schedule form', () => {
    const form = newTriggerForm('schedule', ['schedule_1'], 'America/New_York');
    expect(formToTrigger(form)).toEqual({ trigger: { id: 'schedule_2', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'America/New_York', misfire: 'fire_once', paused: false } });
  });

  it('turns a one-shot wall-clock time into ISO with its zone offset', () => {
    const form = newTriggerForm('once', [], 'America/New_York');
    expect(form.kind === 'once' && formToTrigger({ ...form, local: '2027-07-04T12:00' })).toEqual({ trigger: { id: 'once_1', kind: 'once', at: '2027-07-04T12:00:00-04:00' } });
  });

  it('names the field of what the browser can already tell is wrong', () => {
    expect(formToTrigger({ ...newTriggerForm('once', [], 'UTC') })).toEqual({ error: { field: 'at', message: 'Pick a moment' } });
    const schedule = newTriggerForm('schedule', [], 'UTC');
    expect(schedule.kind === 'schedule' && formToTrigger({ ...schedule, input: '{oops' })).toEqual({ error: { field: 'input', message: 'Not valid JSON' } });
    expect(formToTrigger({ ...newTriggerForm('event', [], 'UTC') })).toEqual({ error: { field: 'name', message: 'Name the event' } });
    expect(formToTrigger({ ...newTriggerForm('webhook', [], 'UTC'), id: ' ' })).toEqual({ error: { field: 'id', message: 'Give the trigger an id' } });
  });

  it('ignores kinds it does not know', () => {
    expect(triggerToForm({ id: 'x', kind: 'carrier-pigeon' }, 'UTC')).toBeUndefined();
  });
});

describe('zoned time', () => {
  it('applies the offset in force at that moment, summer or winter', () => {
    expect(localToIso('2027-01-15T09:00', 'Europe/Paris')).toBe('2027-01-15T09:00:00+01:00');
    expect(localToIso('2027-07-15T09:00', 'Europe/Paris')).toBe('2027-07-15T09:00:00+02:00');
    expect(localToIso('2027-07-15T09:00', 'UTC')).toBe('2027-07-15T09:00:00Z');
    expect(localToIso('2027-07-15T09:00', 'Asia/Kolkata')).toBe('2027-07-15T09:00:00+05:30');
    expect(localToIso('tomorrow', 'UTC')).toBeUndefined();
    expect(localToIso('2027-07-15T09:00', 'Not/AZone')).toBeUndefined();
  });

  it('shows an instant as the wall-clock time of a zone', () => {
    expect(isoToLocal('2027-07-15T07:00:00Z', 'Europe/Paris')).toBe('2027-07-15T09:00');
    expect(isoToLocal('nonsense', 'UTC')).toBe('');
  });
});

describe('API error fields', () => {
  it('finds the trigger and the field', () => {
    expect(parseTriggerField('triggers[3].cron')).toEqual({ index: 3, field: 'cron' });
    expect(parseTriggerField('triggers[0]')).toEqual({ index: 0 });
    expect(parseTriggerField('triggers')).toEqual({});
    expect(parseTriggerField('expression')).toBeUndefined();
  });
});

describe('triggerSummary', () => {
  it('says when each kind fires', () => {
    expect(triggerSummary({ id: 'm', kind: 'schedule', cron: '0 9 * * 1-5', timezone: 'Europe/Paris', paused: true })).toBe('At 09:00, Monday through Friday (Europe/Paris) · paused');
    expect(triggerSummary({ id: 'h', kind: 'webhook', signed: false })).toBe('Webhook');
    expect(triggerSummary({ id: 'e', kind: 'event', name: 'order.created' })).toBe('On event order.created');
  });
});

describe('rotationWarning', () => {
  it('names the signing secret only for a signed webhook', () => {
    expect(rotationWarning({ id: 'w', kind: 'webhook', signed: true })).toMatch(/^The old URL and signing secret stop working at once/);
    expect(rotationWarning({ id: 'w', kind: 'webhook', signed: false })).toMatch(/^The old URL stops working at once/);
    expect(rotationWarning({ id: 'w', kind: 'webhook' })).not.toContain('signing');
  });
});

describe('asApiTriggers', () => {
  it('reads Workflow.triggers (JSON) as triggers, leaving out what is not one', () => {
    const schedule = { id: 's', kind: 'schedule', cron: '0 9 * * 1-5', paused: false };
    expect(asApiTriggers([schedule, { id: 'w', kind: 'webhook', signed: true }])).toEqual([schedule, { id: 'w', kind: 'webhook', signed: true }]);
    expect(asApiTriggers([null, 'x', { id: 1, kind: 'once' }, { kind: 'once' }, schedule])).toEqual([schedule]);
    expect(asApiTriggers(null)).toEqual([]);
    expect(asApiTriggers({ id: 's', kind: 'schedule' })).toEqual([]);
  });
});
