import type { JobDefinition } from './catalogue.js';

/** How BullMQ knows a job: its queue and its name. */
export type JobAddress = Pick<JobDefinition<never>, 'name'> & { queue: string };

/** A handler found at boot: the job it says it serves and its class name (for the error). */
export interface HandlerRegistration<H> {
  job: JobAddress;
  handlerName: string;
  handler: H;
}

/** A job is known to BullMQ by its queue and name; two catalogue entries may share a name across queues. */
export function jobRoute(queue: string, name: string): string {
  return `${queue}/${name}`;
}

export class JobCatalogueError extends Error {
  constructor(readonly problems: string[]) {
    super(`job catalogue check failed: ${problems.join('; ')}`);
    this.name = 'JobCatalogueError';
  }
}

/**
 * The boot check: every job of the catalogue has exactly one handler, and no handler serves a job
 * outside it. Returns the handler of each route (queue/name); throws naming every offending job.
 */
export function routeJobHandlers<H>(
  catalogue: Record<string, JobAddress>,
  registrations: HandlerRegistration<H>[],
): Map<string, H> {
  const problems: string[] = [];
  const keyOfRoute = new Map<string, string>();
  for (const [key, def] of Object.entries(catalogue)) {
    const route = jobRoute(def.queue, def.name);
    const other = keyOfRoute.get(route);
    if (other) problems.push(`jobs ${other} and ${key} share ${route}`);
    else keyOfRoute.set(route, key);
  }

  const byRoute = new Map<string, HandlerRegistration<H>[]>();
  for (const registration of registrations) {
    const route = jobRoute(registration.job.queue, registration.job.name);
    if (!keyOfRoute.has(route)) {
      problems.push(`${registration.handlerName} handles ${route}, which is not in the catalogue`);
      continue;
    }
    byRoute.set(route, [...(byRoute.get(route) ?? []), registration]);
  }

  const routes = new Map<string, H>();
  for (const [route, key] of keyOfRoute) {
    const found = byRoute.get(route) ?? [];
    if (found.length === 0) problems.push(`no handler for job ${key} (${route})`);
    else if (found.length > 1) problems.push(`${found.length} handlers for job ${key} (${route}): ${found.map((r) => r.handlerName).sort().join(', ')}`);
    else routes.set(route, found[0].handler);
  }
  if (problems.length > 0) throw new JobCatalogueError(problems);
  return routes;
}
