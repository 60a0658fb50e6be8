import { JOBS, QUEUES } from './catalogue.js';
import { physicalQueueOf, physicalQueues, queuePrefix, shardCount, taggedKey } from './queue-shards.js';

describe('queue keys and shards', () => {
  it('gives each physical queue its own hash tag, and tincoso keys a tag shared by related keys', () => {
    expect(queuePrefix('tincoso', 'sms-bulk-2')).toBe('{tincoso:sms-bulk-2}');
    expect(taggedKey('tincoso', 'rate:acct')).toBe('{tincoso:rate:acct}');
    expect(taggedKey('tincoso', 'login-fail:an', '10.0.0.1')).toBe('{tincoso:login-fail:an}:10.0.0.1');
  });

  it('shards only the SMS lanes; shard 0 keeps the plain name', () => {
    const config = { sms: { queueShards: 3 } } as Parameters<typeof shardCount>[1];
    expect(shardCount(QUEUES.smsBulk, config)).toBe(3);
    expect(shardCount(QUEUES.smsUrgent, config)).toBe(3);
    expect(shardCount(QUEUES.occurrences, config)).toBe(1);
    expect(physicalQueues(QUEUES.smsBulk, 3)).toEqual(['sms-bulk', 'sms-bulk-1', 'sms-bulk-2']);
  });

  it('puts a batch on the same shard whatever its wake-up time, and spreads an occurrence over the shards', () => {
    const batch = (batchNo: number, wakeAt = 0) => ({ occurrenceId: 'b0c5e7a2-0000-4000-8000-000000000001', batchNo, wakeAt });
    expect(physicalQueueOf(JOBS.sendSmsBatch, batch(4, 1), 3)).toBe(physicalQueueOf(JOBS.sendSmsBatch, batch(4, 999), 3));
    const used = new Set(Array.from({ length: 30 }, (_, i) => physicalQueueOf(JOBS.sendSmsBatch, batch(i), 3)));
    expect(used).toEqual(new Set(['sms-bulk', 'sms-bulk-1', 'sms-bulk-2']));
    expect(physicalQueueOf(JOBS.sendSmsBatch, batch(4), 1)).toBe('sms-bulk');
    expect(physicalQueueOf(JOBS.runOccurrence, { occurrenceId: 'x' }, 3)).toBe('occurrences');
  });
});
