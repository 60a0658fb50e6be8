/**
 * The BullMQ priority of a job by its broadcast's priority. BullMQ runs jobs without a priority before
 * every prioritised one (lower numbers first), so a queue that mixes priorities must give every job
 * one: leaving normal work unprioritised would put it ahead of the urgent work.
 */
export function jobPriority(priority: 'normal' | 'priority' | 'emergency'): number {
  return priority === 'emergency' ? 1 : priority === 'priority' ? 5 : 10;
}
