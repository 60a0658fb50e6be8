import { startTestApi, type TestApi } from '#test/test-api.js';
import { activityPayload, planRowCounts, province, vnDay } from './plans-test-kit.js';

describe('plans and activities: bad input is refused naming the field, and nothing is written', () => {
  let api: TestApi;
  let area: Awaited<ReturnType<typeof province>>;
  const target = { metric: 'broadcasts', unitLevel: 'commune', value: 12 };
  const plan = (targets: unknown[] = [target], overrides: Record<string, unknown> = {}) => ({
    title: 'Kế hoạch thông tin, tuyên truyền CCHC',
    year: 2026,
    targets,
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi();
    area = await province(api, 'Kiểm tra', 2);
  });
  afterAll(() => api.close());

  async function refused(request: () => PromiseLike<{ status: number; body: { details: { field: string; rule: string }[] } }>) {
    const before = await planRowCounts(api);
    const res = await request();
    expect(await planRowCounts(api)).toEqual(before);
    return { status: res.status, fields: (res.body.details ?? []).map((d) => `${d.field}:${d.rule}`) };
  }
  const createPlan = (body: unknown, auth = area.supervisor.auth) => () => api.http.post('/api/v1/plans').set('authorization', auth).send(body as object);

  it.each([
    ['an unknown content group', [{ ...target, contentGroup: 'gossip' }], 'targets.0.contentGroup:isIn'],
    ['an unknown channel', [target, { ...target, channel: 'fax' }], 'targets.1.channel:isIn'],
    ['a target below zero', [{ ...target, value: -1 }], 'targets.0.value:min'],
    ['a channel the metric is not counted on', [{ ...target, metric: 'loudspeaker-minutes', channel: 'sms' }], 'targets.0.channel:metricChannel'],
    ['a reach share above 100 %', [{ ...target, metric: 'sms-reach', value: 120 }], 'targets.0.value:max'],
  ])('refuses a plan with %s', async (_case, targets, field) => {
    expect(await refused(createPlan(plan(targets)))).toEqual({ status: 400, fields: [field] });
  });

  it('refuses a period that ends before it starts, and a day that does not exist', async () => {
    expect(await refused(createPlan(plan([target], { year: undefined, from: '2026-06-01', to: '2026-05-31' })))).toEqual({
      status: 400,
      fields: ['to:periodOrder'],
    });
    expect(await refused(createPlan(plan([target], { year: undefined, from: '2026-02-30', to: '2026-05-31' })))).toEqual({
      status: 400,
      fields: ['from:isDate'],
    });
    expect(await refused(createPlan(plan([target], { year: undefined })))).toEqual({ status: 400, fields: ['period:required'] });
  });

  it('refuses a plan issued by an officer, a target of a level above the plan unit, and a decision file from another branch', async () => {
    expect((await refused(createPlan(plan(), area.officers[0].auth))).status).toBe(403);
    const upload = await api.http
      .post('/api/v1/attachments')
      .set('authorization', area.officers[0].auth)
      .attach('file', tinyPng(), 'bien-ban.png');
    expect(upload.status).toBe(201);
    const communePlan = await api.http
      .post('/api/v1/plans')
      .set('authorization', area.supervisor.auth)
      .send(plan([target], { unitId: area.communes[1].id }));
    expect(communePlan.status).toBe(201);
    const above = await refused(createPlan(plan([{ ...target, unitLevel: 'district' }], { unitId: area.communes[1].id })));
    expect(above).toEqual({ status: 400, fields: ['targets.0.unitLevel:levelBelowPlan'] });
    const res = await refused(() =>
      api.http
        .put(`/api/v1/plans/${communePlan.body.id}`)
        .set('authorization', area.supervisor.auth)
        .send({ title: 'Kế hoạch', year: 2026, decision: { number: '12/KH-UBND', attachmentId: upload.body.id } }),
    );
    expect(res).toEqual({ status: 400, fields: ['decision.attachmentId:exists'] });
  });

  it('refuses an override below zero or for a unit not of the target’s level', async () => {
    const created = await api.http.post('/api/v1/plans').set('authorization', area.supervisor.auth).send(plan());
    const url = (unitId: string) => `/api/v1/plans/${created.body.id}/targets/${created.body.targets[0].id}/overrides/${unitId}`;
    const put = (unitId: string, value: unknown) => () => api.http.put(url(unitId)).set('authorization', area.supervisor.auth).send({ value });
    expect(await refused(put(area.communes[0].id, -2))).toEqual({ status: 400, fields: ['value:min'] });
    expect(await refused(put(area.village.id, 2))).toEqual({ status: 400, fields: ['unitId:targetLevel'] });
    expect(await refused(put(area.communes[0].id, 'nhiều'))).toEqual({ status: 400, fields: ['value:min', 'value:isNumber'] });
  });

  it('refuses an activity dated in the future, of an unknown kind, or with evidence the unit cannot open', async () => {
    const officer = area.officers[0].auth;
    const record = (overrides: Record<string, unknown>) => () => api.http.post('/api/v1/activities').set('authorization', officer).send(activityPayload(overrides));
    expect(await refused(record({ occurredOn: vnDay(2) }))).toEqual({ status: 400, fields: ['occurredOn:notFuture'] });
    expect(await refused(record({ kind: 'picnic', participants: -1 }))).toEqual({ status: 400, fields: ['kind:isIn', 'participants:min'] });
    expect(await refused(record({ contentGroups: ['gossip'] }))).toEqual({ status: 400, fields: ['contentGroups:isIn'] });
    const otherCommuneFile = await api.http
      .post('/api/v1/attachments')
      .set('authorization', area.officers[1].auth)
      .attach('file', tinyPng(), 'anh.png');
    expect(await refused(record({ attachmentIds: [otherCommuneFile.body.id] }))).toEqual({ status: 400, fields: ['attachmentIds.0:exists'] });
    expect(await refused(record({ unitId: area.communes[1].id }))).toEqual({ status: 404, fields: [] });
  });
});

/** A 1×1 PNG: the attachments service sniffs the bytes, so evidence must be a real image. */
function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}
