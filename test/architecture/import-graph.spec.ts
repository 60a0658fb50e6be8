import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  aliasesOf,
  describeViolations,
  findViolations,
  readImportGraph,
  resolveSpecifier,
  specifiersIn,
  type ImportEdge,
} from './import-graph.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ALIASES = aliasesOf(JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')));

function edge(from: string, specifier: string): ImportEdge {
  return { from, specifier, target: resolveSpecifier(from, specifier, ALIASES) };
}

describe('import graph rules', () => {
  it('reads static, type-only, re-exported and dynamic imports', () => {
    const source = [
      "import { A } from '#domain/a.js';",
      "import type { B } from '../b.js';",
      "export { C } from './c.js';",
      "export * from '#sms/d.js';",
      "const e = await import('#board/e.js');",
      "import 'reflect-metadata';",
    ].join('\n');
    expect(specifiersIn(source)).toEqual(['#domain/a.js', '../b.js', './c.js', '#sms/d.js', '#board/e.js', 'reflect-metadata']);
  });

  it('resolves aliases from package.json to the source tree and relative paths against the importer', () => {
    expect(resolveSpecifier('apps/api/src/main.ts', '#sms/providers/twilio/x.js', ALIASES)).toBe('libs/channels/sms/src/providers/twilio/x.ts');
    expect(resolveSpecifier('apps/api/src/main.ts', '#channels/registry.module.js', ALIASES)).toBe('libs/channels/registry/src/registry.module.ts');
    expect(resolveSpecifier('apps/api/src/main.ts', '#test/fixtures.js', ALIASES)).toBe('test/support/fixtures.ts');
    expect(resolveSpecifier('libs/engine/src/dispatch/a.ts', '../broadcasts/b.js', ALIASES)).toBe('libs/engine/src/broadcasts/b.ts');
    expect(resolveSpecifier('libs/engine/src/a.ts', '@nestjs/common', ALIASES)).toBeUndefined();
  });

  it('finds every kind of violation in a small graph, one line each', () => {
    const graph = [
      edge('libs/engine/src/engine.module.ts', '#sms/sms-dispatch.service.js'),
      edge('libs/engine/src/broadcasts/x.ts', '#channels/channel-registry.js'),
      edge('libs/channels/board/src/board.service.ts', '../../../../apps/api/src/http/errors.js'),
      edge('libs/queue/src/job-queue.service.ts', '../../../apps/worker/src/queue-workers.service.js'),
      edge('libs/domain/src/delivery/states.ts', '@nestjs/common'),
      edge('libs/domain/src/delivery/states.ts', 'typeorm'),
      edge('libs/domain/src/delivery/states.ts', '#persistence/index.js'),
      edge('libs/config/src/app-config.ts', '#loudspeaker/tts/tts-engine.js'),
      edge('libs/persistence/src/repositories/index.ts', '#engine/channel-definition.js'),
      edge('libs/channels/sms/src/sms-planner.ts', '#social/social-planner.js'),
      edge('libs/channels/sms/src/providers/twilio/twilio.ts', '../../../../../engine/src/channel-definition.js'),
    ];
    const [lines, legend] = describeViolations(findViolations(graph)).split('\n\n');
    expect(legend).toContain('engine-imports-channel: libs/engine knows channels only through ChannelDefinition');
    expect(lines.split('\n')).toEqual([
      'libs/channels/board/src/board.service.ts -> ../../../../apps/api/src/http/errors.js (library-imports-app)',
      'libs/channels/board/src/board.service.ts -> ../../../../apps/api/src/http/errors.js (relative-import-leaves-package)',
      'libs/channels/sms/src/providers/twilio/twilio.ts -> ../../../../../engine/src/channel-definition.js (relative-import-leaves-package)',
      'libs/channels/sms/src/sms-planner.ts -> #social/social-planner.js (channel-imports-channel)',
      'libs/config/src/app-config.ts -> #loudspeaker/tts/tts-engine.js (foundation-imports-engine-or-channel)',
      'libs/domain/src/delivery/states.ts -> #persistence/index.js (domain-imports-framework)',
      'libs/domain/src/delivery/states.ts -> @nestjs/common (domain-imports-framework)',
      'libs/domain/src/delivery/states.ts -> typeorm (domain-imports-framework)',
      'libs/engine/src/broadcasts/x.ts -> #channels/channel-registry.js (engine-imports-channel)',
      'libs/engine/src/engine.module.ts -> #sms/sms-dispatch.service.js (engine-imports-channel)',
      'libs/persistence/src/repositories/index.ts -> #engine/channel-definition.js (foundation-imports-engine-or-channel)',
      'libs/queue/src/job-queue.service.ts -> ../../../apps/worker/src/queue-workers.service.js (library-imports-app)',
      'libs/queue/src/job-queue.service.ts -> ../../../apps/worker/src/queue-workers.service.js (relative-import-leaves-package)',
    ]);
  });

  it('allows what the layout intends', () => {
    const graph = [
      edge('libs/engine/src/engine.module.ts', '#engine/channel-definition.js'),
      edge('libs/engine/src/dispatch/planner.ts', '../channel-definition.js'),
      edge('libs/engine/src/dispatch/planner.ts', '#persistence/index.js'),
      edge('libs/channels/sms/src/sms.definition.ts', '#engine/channel-definition.js'),
      edge('libs/channels/sms/src/providers/twilio/twilio-sms.adapter.ts', '../../sms-provider.js'),
      edge('libs/channels/registry/src/registry.module.ts', '#sms/sms.module.js'),
      edge('libs/channels/registry/src/registry.module.ts', '#social/social.module.js'),
      edge('libs/domain/src/schedule/recurrence.ts', 'rrule'),
      edge('libs/domain/src/secrets/secret-box.ts', 'node:crypto'),
      edge('libs/domain/src/sms/segments.ts', '../text/fold-vietnamese.js'),
      edge('libs/persistence/src/repositories/message.repository.int-spec.ts', '#test/fixtures.js'),
      edge('apps/api/src/boards/boards.controller.ts', '#board/board.service.js'),
      edge('apps/api/src/boards/boards.controller.ts', '../devices/device-token.guard.js'),
      edge('apps/worker/src/main.ts', '#channels/registry.module.js'),
    ];
    expect(describeViolations(findViolations(graph))).toBe('');
  });
});

describe('the import graph of libs/ and apps/', () => {
  const graph = readImportGraph(ROOT);

  it('is read from the real tree through every alias of package.json', () => {
    expect(graph.length).toBeGreaterThan(500);
    for (const pkg of ['libs/engine/', 'libs/channels/registry/', 'libs/domain/', 'apps/api/']) expect(graph.some((e) => e.from.startsWith(pkg))).toBe(true);
    expect([...ALIASES.values()].filter((dir) => !existsSync(`${ROOT}${dir}`))).toEqual([]);
    const unknownAliases = graph.filter((e) => e.target?.startsWith('#')).map((e) => `${e.from} -> ${e.specifier}`);
    expect(unknownAliases).toEqual([]);
  });

  it('keeps the rules of the layout (docs/architecture.md)', () => {
    expect(describeViolations(findViolations(graph))).toBe('');
  });
});
