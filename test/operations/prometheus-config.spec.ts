import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** promtool comes with Debian's prometheus package (scripts/test-packages.txt). */
function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

describe('the Prometheus files of docs/operations', () => {
  it('has a valid scrape configuration whose rule file loads', () => {
    expect(promtool('check', 'config', 'docs/operations/prometheus.yml')).toContain('SUCCESS');
  });

  it('fires each alert for its scenario and only then (alerts.test.yml)', () => {
    expect(promtool('test', 'rules', 'docs/operations/alerts.test.yml')).toContain('SUCCESS');
  });
});
