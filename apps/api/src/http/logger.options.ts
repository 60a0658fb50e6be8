import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { REDACT_PATHS, type AppConfig } from '#config/index.js';

export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customProps: () => ({ service: 'api' }),
      serializers: {
        // A board's kiosk URL holds its device token (/boards/tcs_bd_…): never write it to a log.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url?.split('?')[0].replace(/\btcs_(st|bd)_[\w-]+/g, 'tcs_$1_[redacted]'),
        }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  };
}
