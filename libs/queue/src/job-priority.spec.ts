import { jobPriority } from './job-priority.js';

describe('jobPriority', () => {
  it('gives every job a priority, emergencies first, normal work last', () => {
    const [emergency, priority, normal] = (['emergency', 'priority', 'normal'] as const).map(jobPriority);
    expect(emergency).toBeLessThan(priority);
    expect(priority).toBeLessThan(normal);
    // 0 (no priority) would run before every prioritised job in BullMQ.
    expect(Math.min(emergency, priority, normal)).toBeGreaterThan(0);
  });
});
