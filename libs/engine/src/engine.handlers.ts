import { RunOccurrenceHandler } from './handlers/run-occurrence.handler.js';

/** The engine's job handlers, for its module's providers; the worker discovers them there. */
export const ENGINE_JOB_HANDLERS = [RunOccurrenceHandler];
