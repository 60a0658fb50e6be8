import fc from 'fast-check';
import { capAlert, stormAlert, validateWithSchema } from '#test/cap-samples.js';
import { toCapXml, toCapDateTime, type CapAlert } from './index.js';

/** Every document tincoso writes must pass the OASIS CAP 1.2 schema (test/fixtures/cap/CAP-v1.2.xsd), checked by xmllint. */
describe('exported CAP alerts against the OASIS CAP 1.2 schema', () => {
  it('the schema check itself fails a document the schema refuses', () => {
    const bad = toCapXml(stormAlert()).replace('<status>Actual</status>', '<status>Real</status>');
    const failures = validateWithSchema([bad]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/status/);
  });

  it('passes an alert with every element, its Update and its Cancel', () => {
    const alert = stormAlert();
    const ref = { sender: alert.sender, identifier: alert.identifier, sent: alert.sent };
    const update: CapAlert = stormAlert({ identifier: 'tincoso-22-2026-0002', sent: toCapDateTime(new Date('2026-09-06T05:00:00Z')), msgType: 'Update', references: [ref] });
    const cancel: CapAlert = { ...stormAlert({ identifier: 'tincoso-22-2026-0003', msgType: 'Cancel', references: [ref] }), infos: [] };
    const minimal: CapAlert = { identifier: 'x', sender: 'y', sent: '2026-01-01T00:00:00-00:00', status: 'Test', msgType: 'Alert', scope: 'Public', codes: [], references: [], infos: [] };
    expect(validateWithSchema([alert, update, cancel, minimal].map(toCapXml))).toEqual([]);
  });

  it('passes generated alerts of every shape CAP allows', () => {
    const alerts = fc.sample(capAlert, { numRuns: 60, seed: 20261203 });
    expect(validateWithSchema(alerts.map(toCapXml))).toEqual([]);
  });
});
