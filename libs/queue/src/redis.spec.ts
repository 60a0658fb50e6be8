import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { reconnectDelayMs, throttledErrorLog } from './redis.js';

describe('Redis connection behaviour', () => {
  it('backs off from 200 ms to 10 s, never retrying at once', () => {
    expect([0, 1, 2, 3, 5, 7, 50].map(reconnectDelayMs)).toEqual([200, 200, 400, 800, 3200, 10_000, 10_000]);
  });

  it('logs a flood of connection errors once per 30 s, then how many it held back', () => {
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
    const now = jest.spyOn(Date, 'now');
    try {
      const log = throttledErrorLog('redis-test');
      now.mockReturnValue(1_000_000);
      for (let i = 0; i < 5000; i++) log(new Error('MOVED 3999 127.0.0.1:7101'));
      now.mockReturnValue(1_031_000);
      log(new Error('MOVED 3999 127.0.0.1:7101'));
      expect(logged).toEqual(['MOVED 3999 127.0.0.1:7101', 'MOVED 3999 127.0.0.1:7101 (and 4999 more in the last 31 s)']);
    } finally {
      spy.mockRestore();
      now.mockRestore();
    }
  });
});
