import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BenchResults, figuresTable, withFigures } from '../../../bench/report.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const latest = JSON.parse(
  readFileSync(join(ROOT, 'bench', 'results', 'latest.json'), 'utf8'),
) as BenchResults;

describe('the performance figures in the docs', () => {
  it('are the latest bench run’s, as the bench writes them', () => {
    const document = readFileSync(join(ROOT, 'docs', 'performance.md'), 'utf8');
    expect(withFigures(document, latest)).toBe(document);
  });

  it('judge each figure against its budget', () => {
    const table = figuresTable(latest);
    expect(table).toContain(`$${latest.cost.standardPerMillionUsd.toFixed(2)}`);
    const over = figuresTable({ ...latest, cost: { ...latest.cost, standardPerMillionUsd: 151 } });
    expect(over).toMatch(/Standard saga \| \$151\.00 \| ≤ \$150 ✗/);
  });
});
