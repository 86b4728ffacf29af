import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_EVENTS, SERVICES } from '../functions/services.js';
import { functionsOf, type ServiceManifest } from '../functions/shared/service-manifest.js';
import { tourScript } from '../local/tour/steps.js';
import { withBlock } from './generated-block.js';

/**
 * The tables of the docs that the code declares: written by `npm run docs`,
 * held to the code by a test. Hand-kept, they drift.
 */

const ROOT = join(import.meta.dirname, '..');
const code = (text: string) => `\`${text}\``;
const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : '—');

const row = (manifest: ServiceManifest): string => {
  const functions = functionsOf(manifest);
  const routes = functions.flatMap(({ trigger, realPaymentsOnly }) =>
    'route' in trigger
      ? [`${code(trigger.route.key)}${realPaymentsOnly ? ' (with a real payment provider)' : ''}`]
      : [],
  );
  const consumes = [
    ...new Set(
      functions.flatMap(({ trigger }) =>
        'events' in trigger ? trigger.events.map((e) => e.detailType) : [],
      ),
    ),
  ].map(code);
  const other = functions.flatMap(({ name, trigger }) => [
    ...('contract' in trigger ? [`serves ${code(name)}`] : []),
    ...('sagaTask' in trigger ? [`saga task ${code(name)}`] : []),
    ...('schedule' in trigger ? [`${code(name)} every ${trigger.schedule.everyMinutes} min`] : []),
  ]);
  const calls = [...new Set(functions.flatMap(({ calls = [] }) => calls))].map(code);
  const publishes = ALL_EVENTS.filter((event) => event.source === `shop.${manifest.name}`).map((event) =>
    code(event.detailType),
  );
  return `| ${manifest.name} | ${manifest.purpose} | ${list(routes)} | ${list(consumes)} | ${list(other)} | ${list(calls)} | ${list(publishes)} |`;
};

/** Every service: what it is for, its routes, the events it consumes, its other triggers, the contracts it calls, what it publishes. */
export const servicesTable = (): string =>
  [
    '| Service | For | Routes | Consumes | Also | Calls | Publishes |',
    '|---|---|---|---|---|---|---|',
    ...SERVICES.map(row),
  ].join('\n');

const SERVICES_BLOCK = {
  start: '<!-- services: written by npm run docs from the manifests -->',
  end: '<!-- /services -->',
};

export const withServicesTable = (document: string): string =>
  withBlock(document, SERVICES_BLOCK, servicesTable());

export const ARCHITECTURE = join(ROOT, 'docs', 'architecture.md');

const TOUR_BLOCK = {
  start: '<!-- tour: written by npm run docs from local/tour/steps.ts; npm run tour runs it -->',
  end: '<!-- /tour -->',
};

/** The README's tour: the steps `npm run tour` runs and checks. */
export const withTour = (document: string): string => withBlock(document, TOUR_BLOCK, tourScript());

export const README = join(ROOT, 'README.md');

if (process.argv[1] === import.meta.filename) {
  writeFileSync(ARCHITECTURE, withServicesTable(readFileSync(ARCHITECTURE, 'utf8')));
  process.stdout.write('docs/architecture.md: the services table is written from the manifests.\n');
  writeFileSync(README, withTour(readFileSync(README, 'utf8')));
  process.stdout.write('README.md: the tour is written from local/tour/steps.ts.\n');
}
