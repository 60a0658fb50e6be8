import { FakeEsmsServer, SEND_PATH, shapeProblem } from './fake-esms.server.js';

/** The fake refuses what eSMS would: it must not let a malformed adapter request pass. */
describe('FakeEsmsServer', () => {
  let fake: FakeEsmsServer;
  beforeAll(async () => {
    fake = await FakeEsmsServer.start();
  });
  afterAll(() => fake.close());

  const base = () => ({ ApiKey: fake.apiKey, SecretKey: fake.secretKey, Phone: '0912345678', Content: 'Thong bao', Brandname: 'UBND-TINH', SmsType: '2', IsUnicode: '0' });
  const send = async (body: unknown) => (await fetch(`${fake.url}${SEND_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

  it('takes the documented request and answers 100 with an SMSID', async () => {
    expect(await send(base())).toEqual({ CodeResult: '100', CountRegenerate: 0, SMSID: expect.any(String) });
  });

  it('names what is wrong with a malformed request', () => {
    expect(shapeProblem({ ...base(), SmsType: 2 })).toMatch(/SmsType is required \(string\)/);
    expect(shapeProblem({ ...base(), IsUnicode: 1 })).toMatch(/IsUnicode must be a string/);
    expect(shapeProblem({ ...base(), Brandname: undefined })).toMatch(/Brandname is required/);
    expect(shapeProblem({ ...base(), Content: 'Thông báo' })).toMatch(/needs Unicode/);
    expect(shapeProblem({ ...base(), RequestId: 'x'.repeat(51) })).toMatch(/RequestId/);
  });

  it('answers like eSMS: 101 for wrong keys, 104 for an unknown brandname, "Invalid request" for a bad shape', async () => {
    expect(await send({ ...base(), SecretKey: 'WRONG' })).toEqual(expect.objectContaining({ CodeResult: '101' }));
    expect(await send({ ...base(), Brandname: 'KHAC' })).toEqual(expect.objectContaining({ CodeResult: '104' }));
    expect(await send({ ...base(), Phone: 912345678 })).toEqual({ error: expect.stringMatching(/^Invalid request/) });
  });
});
