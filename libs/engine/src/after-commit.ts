import type { Logger } from '@nestjs/common';

/**
 * A step that follows a commit (enqueue, tell devices, withdraw, propagate a change). The change is
 * committed and stands, so a failure here (Redis refusing, the process dying) is not answered as an
 * error: it is logged with what was not done and who completes it (`completedBy`: the reconciler, a
 * worker pass, an expiry). Resolves whether the step finished.
 */
export async function afterCommit(logger: Logger, what: Record<string, unknown>, completedBy: string, step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    logger.error({ err, ...what }, `not done after the commit; ${completedBy}`);
    return false;
  }
}
