import http from 'node:http';

/**
 * Baseline (a): a plain node:http client with a keep-alive agent posting the same form body the
 * Twilio SDK sends, with the same Basic auth, at a fixed number of requests in flight.
 */
export async function rawHttp(input: {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  body: string;
  statusCallbackBase: string;
  requests: number;
  concurrency: number;
}): Promise<{ ms: number; ok: number; failed: number; perSecond: number; clientCpuSeconds: number }> {
  const url = new URL(`${input.baseUrl}/2010-04-01/Accounts/${input.accountSid}/Messages.json`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.concurrency });
  const auth = `Basic ${Buffer.from(`${input.accountSid}:${input.authToken}`).toString('base64')}`;
  let next = 0;
  let ok = 0;
  let failed = 0;

  const post = (i: number) =>
    new Promise<void>((resolve) => {
      const form = new URLSearchParams({
        To: `+8499${String(i).padStart(7, '0')}`,
        From: input.from,
        Body: input.body,
        StatusCallback: `${input.statusCallbackBase}?d=${i}`,
      }).toString();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: auth,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(form),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => {
            // Read the answer as a client must: the message sid.
            const sid = res.statusCode === 201 ? (JSON.parse(text) as { sid?: string }).sid : undefined;
            if (sid) ok += 1;
            else failed += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed += 1;
        resolve();
      });
      req.end(form);
    });

  const lane = async () => {
    while (next < input.requests) await post(next++);
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: input.concurrency }, lane));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { ms, ok, failed, perSecond: (ok / ms) * 1000, clientCpuSeconds: (used.user + used.system) / 1e6 };
}
