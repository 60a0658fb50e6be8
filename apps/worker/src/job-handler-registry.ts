import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_HANDLER_OF, JOBS, jobRoute, routeJobHandlers, type HandlerRegistration, type JobHandler } from '#queue/index.js';

/**
 * Every job handler of the modules the worker imports, found by their `@HandlesJob` mark (no list of
 * classes here: a package's module brings its handlers). At module init, before any worker or
 * cron starts, the catalogue check runs: a job without exactly one handler fails the boot.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private routes = new Map<string, JobHandler>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.routes = routeJobHandlers(JOBS, this.discover());
  }

  handlerOf(queue: string, name: string): JobHandler | undefined {
    return this.routes.get(jobRoute(queue, name));
  }

  private discover(): HandlerRegistration<JobHandler>[] {
    const found = new Map<object, HandlerRegistration<JobHandler>>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: JOB_HANDLER_OF.KEY })) {
      const job = this.discovery.getMetadataByDecorator(JOB_HANDLER_OF, wrapper);
      const instance = wrapper.instance as JobHandler | undefined;
      if (!job || !instance || !wrapper.isDependencyTreeStatic()) {
        throw new Error(`job handler ${wrapper.name} must be a singleton provider`);
      }
      // The same class listed in two modules is one handler with two interchangeable instances.
      if (!found.has(instance.constructor)) found.set(instance.constructor, { job, handlerName: instance.constructor.name, handler: instance });
    }
    return [...found.values()];
  }
}
