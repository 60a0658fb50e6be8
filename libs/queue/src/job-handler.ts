import { applyDecorators, Injectable, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { JobDefinition } from './catalogue.js';

/**
 * The handler of one job of the catalogue: parse nothing (the payload is typed), make one service
 * call. Throwing means "retry the job"; a handler never swallows an error.
 */
export interface JobHandler<P extends object = object> {
  handle(payload: P, job: Job<P>): Promise<unknown>;
}

/** The job a handler class serves, read back by the worker's discovery. */
export const JOB_HANDLER_OF = DiscoveryService.createDecorator<JobDefinition<object>>();

/**
 * Marks a provider as the handler of `job`. The worker discovers every provider so marked in the
 * modules it imports, so a package brings its handlers with its module; the type ties the
 * handler's payload to the job's.
 */
export function HandlesJob<P extends object>(job: JobDefinition<P>): (target: Type<JobHandler<P>>) => void {
  return applyDecorators(Injectable(), JOB_HANDLER_OF(job as unknown as JobDefinition<object>)) as (target: Type<JobHandler<P>>) => void;
}
