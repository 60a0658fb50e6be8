import { JOBS } from './catalogue.js';
import { JobCatalogueError, jobRoute, routeJobHandlers, type HandlerRegistration, type JobAddress } from './job-handler-check.js';

const CATALOGUE: Record<string, JobAddress> = {
  sendBulk: { queue: 'sms-bulk', name: 'send-sms-batch' },
  sendUrgent: { queue: 'sms-urgent', name: 'send-sms-batch' },
  purge: { queue: 'housekeeping', name: 'purge' },
};

function handler(job: JobAddress, handlerName: string): HandlerRegistration<string> {
  return { job, handlerName, handler: handlerName };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof JobCatalogueError) return error.problems;
    throw error;
  }
  throw new Error('expected the catalogue check to fail');
}

describe('the job catalogue check', () => {
  it('routes each queue and name to its one handler, the same name on two queues to two handlers', () => {
    const routes = routeJobHandlers(CATALOGUE, [
      handler(CATALOGUE.sendBulk, 'BulkHandler'),
      handler(CATALOGUE.sendUrgent, 'UrgentHandler'),
      handler(CATALOGUE.purge, 'PurgeHandler'),
    ]);
    expect(Object.fromEntries(routes)).toEqual({
      'sms-bulk/send-sms-batch': 'BulkHandler',
      'sms-urgent/send-sms-batch': 'UrgentHandler',
      'housekeeping/purge': 'PurgeHandler',
    });
  });

  it('fails naming the job that has no handler', () => {
    const problems = problemsOf(() => routeJobHandlers(CATALOGUE, [handler(CATALOGUE.sendBulk, 'BulkHandler'), handler(CATALOGUE.purge, 'PurgeHandler')]));
    expect(problems).toEqual(['no handler for job sendUrgent (sms-urgent/send-sms-batch)']);
  });

  it('fails naming the job and both handlers when a job has two', () => {
    const problems = problemsOf(() =>
      routeJobHandlers(CATALOGUE, [
        handler(CATALOGUE.sendBulk, 'BulkHandler'),
        handler(CATALOGUE.sendUrgent, 'UrgentHandler'),
        handler(CATALOGUE.purge, 'PurgeHandler'),
        handler({ queue: 'housekeeping', name: 'purge' }, 'OtherPurgeHandler'),
      ]),
    );
    expect(problems).toEqual(['2 handlers for job purge (housekeeping/purge): OtherPurgeHandler, PurgeHandler']);
  });

  it('fails on a handler for a job outside the catalogue, and lists every problem at once', () => {
    const problems = problemsOf(() =>
      routeJobHandlers(CATALOGUE, [handler(CATALOGUE.sendBulk, 'BulkHandler'), handler({ queue: 'sms-bulk', name: 'send-mms' }, 'MmsHandler')]),
    );
    expect(problems).toEqual([
      'MmsHandler handles sms-bulk/send-mms, which is not in the catalogue',
      'no handler for job sendUrgent (sms-urgent/send-sms-batch)',
      'no handler for job purge (housekeeping/purge)',
    ]);
  });

  it('fails when two catalogue entries share a queue and a name, since a job could not be routed', () => {
    const problems = problemsOf(() => routeJobHandlers({ a: CATALOGUE.purge, b: { ...CATALOGUE.purge } }, [handler(CATALOGUE.purge, 'PurgeHandler')]));
    expect(problems).toEqual(['jobs a and b share housekeeping/purge']);
  });

  it('the error message names the offending jobs', () => {
    expect(() => routeJobHandlers(CATALOGUE, [])).toThrow(
      'job catalogue check failed: no handler for job sendBulk (sms-bulk/send-sms-batch); no handler for job sendUrgent (sms-urgent/send-sms-batch); no handler for job purge (housekeeping/purge)',
    );
  });

  it('the real catalogue has no two jobs on one route', () => {
    const routes = Object.values(JOBS).map((job) => jobRoute(job.queue, job.name));
    expect(new Set(routes).size).toBe(routes.length);
  });
});
