import Sequencer from '@jest/test-sequencer';

const BaseSequencer = Sequencer.default ?? Sequencer;

/**
 * Starts the browser suite first, then Jest's usual order (slowest known first, else largest file).
 * The browser suite is one long file (~7–9 min on a 2-core CI machine) whose source is small: in a fresh
 * checkout, with no timing cache, Jest ran it last and alone, adding its whole length to the run.
 */
export default class BrowserFirstSequencer extends BaseSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isBrowser = (test) => /[\\/]test[\\/]browser[\\/]/.test(test.path);
    return [...sorted.filter(isBrowser), ...sorted.filter((test) => !isBrowser(test))];
  }
}
