import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BenchResults,
  BUDGET,
  figuresTable,
  headline,
  trendTable,
  withFigures,
  withTrend,
} from '../../../bench/report.js';

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
    const budget = BUDGET.standardPerMillionUsd;
    const within = figuresTable({ ...latest, cost: { ...latest.cost, standardPerMillionUsd: budget } });
    expect(within).toContain(`Standard saga | $${budget.toFixed(2)} | ≤ $${budget} ✓`);
    const over = figuresTable({ ...latest, cost: { ...latest.cost, standardPerMillionUsd: budget + 1 } });
    expect(over).toContain(`Standard saga | $${(budget + 1).toFixed(2)} | ≤ $${budget} ✗`);
  });

  it('judge cold starts on their intervals, counting each verdict, and refuse to judge a noisy run', () => {
    const init = {
      baselineMs: 180,
      pairs: 7,
      load: { before: 0.1, duringMax: 0.3 },
      functions: [
        { function: 'A', ratio: 1.05, low: 1.0, high: 1.1, verdict: 'pass' as const },
        { function: 'B', ratio: 1.18, low: 1.1, high: 1.3, verdict: 'undecided' as const },
      ],
    };
    const table = figuresTable({ ...latest, init });
    expect(table).toContain('worst B 1.18× [1.1–1.3]; 7 pairs each: 1 pass, 0 fail, 1 undecided');
    expect(table).toMatch(/≤ 1\.2× \(95 % interval\) ✗/);
    const allPass = { ...init, functions: init.functions.map((fn) => ({ ...fn, verdict: 'pass' as const })) };
    expect(figuresTable({ ...latest, init: allPass })).toMatch(/≤ 1\.2× \(95 % interval\) ✓/);
    const noisy = { ...allPass, load: { before: 0.1, duringMax: 1.9 } };
    expect(figuresTable({ ...latest, init: noisy })).toContain('too noisy to judge');
  });

  it('judge init alone, show the cold start with its first request beside it, and trend an older run’s cold start as one', () => {
    const init = {
      baselineMs: 150,
      baselineColdStartMs: 180,
      pairs: 7,
      load: { before: 0.1, duringMax: 0.3 },
      functions: [
        {
          function: 'A',
          ratio: 1.05,
          low: 1.0,
          high: 1.1,
          verdict: 'pass' as const,
          coldStart: { ratio: 1.6, low: 1.4, high: 1.7, verdict: 'fail' as const },
        },
      ],
    };
    const table = figuresTable({ ...latest, init });
    expect(table).toMatch(
      /Init \(process start to handler loaded\).*worst A 1\.05× \[1–1\.1\].*≤ 1\.2× \(95 % interval\) ✓/,
    );
    expect(table).toMatch(
      /Cold start with its first request.*baseline 180 ms; median 1\.6×; worst A 1\.6× \[1\.4–1\.7\].*not budgeted/,
    );
    // The run before kept its whole cold start as `init`: the trend shows it as a cold start, not as init.
    const older = headline({
      ...latest,
      init: { ...init, functions: init.functions.map(({ coldStart: _, ...fn }) => ({ ...fn, ratio: 1.7 })) },
    });
    expect(older.coldStart).toBeUndefined();
    const trend = trendTable({ ...latest, init, previous: older });
    expect(trend).toContain(
      '| Init: median, worst (× the baseline) | 1.05×, A 1.05× | not told apart from the first request |',
    );
    expect(trend).toContain(
      '| Cold start with its first request: median, worst (× the baseline) | 1.6×, A 1.6× | 1.7×, A 1.7× |',
    );
  });

  it('show the trend, this run beside the one before, in the README and docs/performance.md', () => {
    for (const file of ['README.md', join('docs', 'performance.md')]) {
      const document = readFileSync(join(ROOT, file), 'utf8');
      expect(withTrend(document, latest)).toBe(document);
    }
  });

  it('compare a run with the headline figures it kept of the run before', () => {
    const before = headline({
      ...latest,
      measuredAt: '2026-01-01T00:00:00Z',
      cost: { ...latest.cost, expressPerMillionUsd: 30 },
    });
    const table = trendTable({ ...latest, previous: before });
    expect(table).toContain('The run before (2026-01-01)');
    expect(table).toMatch(
      new RegExp(`\\$${latest.cost.expressPerMillionUsd.toFixed(2)} \\| \\$[0-9.]+, \\$30\\.00 \\|`),
    );
    expect(trendTable({ ...latest, previous: undefined })).toContain('not kept');
  });
});
