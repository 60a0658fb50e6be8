// Backend CPU of rolling up everything pending in a database, on one connection: node rollup-cpu.mjs <url>.
// BENCH_DIST=<a build's dist/> measures another commit's rollup (default: this checkout's build).
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(process.env.BENCH_DIST ?? new URL('../../dist', import.meta.url).pathname);
const load = (path) => import(pathToFileURL(resolve(dist, path)).href);
const { createDataSource } = await load('libs/persistence/src/index.js');
const { ReportRollupRepository } = await load('libs/services/src/reports/report-rollup.repository.js');
const { RollupService } = await load('libs/services/src/reports/rollup.service.js');

const db = await createDataSource(process.argv[2], { extra: { max: 1 } }).initialize();
const [{ pid }] = await db.query('SELECT pg_backend_pid() AS pid');
/** utime + stime of the backend, in seconds (clock ticks of 1/100 s). */
const cpu = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const service = new RollupService(new ReportRollupRepository(db), { sms: { pricePerPartVnd: 800 } });
const started = { cpu: cpu(), wall: performance.now() };
let consumed = 0;
for (;;) {
  const n = await service.rollUp();
  if (!n) break;
  consumed += n;
}
const result = { consumed, cpuSeconds: +(cpu() - started.cpu).toFixed(2), wallMs: Math.round(performance.now() - started.wall), pending: (await service.state()).pending };
console.log(JSON.stringify(result));
await db.destroy();
