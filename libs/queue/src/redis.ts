import { Redis, type RedisOptions } from 'ioredis';

/** BullMQ needs maxRetriesPerRequest: null on its connections; app connections fail fast instead. */
export function createRedis(url: string, purpose: 'app' | 'queue', extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableReadyCheck: true,
    maxRetriesPerRequest: purpose === 'queue' ? null : 2,
    connectionName: `tincoso-${purpose}`,
    ...extra,
  });
}
