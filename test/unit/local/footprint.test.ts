import { describe, expect, it } from 'vitest';
import { cpuPercent, describeMemory, footprint } from '../../../local/footprint.js';

describe('the footprint npm start reports', () => {
  it("reads another process's CPU time and memory from /proc on Linux", () => {
    const now = footprint(process.pid);
    expect(now.rssMiB).toBeGreaterThan(0);
    if (process.platform === 'linux') {
      expect(now.dynamoDb?.rssMiB).toBeGreaterThan(0);
      expect(now.dynamoDb?.cpuMs).toBeGreaterThan(0);
    }
  });

  it('gives CPU as a share of one core over the interval, for the shop and DynamoDB Local', () => {
    const before = { cpuMs: 1_000, rssMiB: 400, dynamoDb: { cpuMs: 5_000, rssMiB: 300 } };
    const after = { cpuMs: 1_600, rssMiB: 420, dynamoDb: { cpuMs: 5_600, rssMiB: 310 } };
    expect(cpuPercent(before, after, 60_000)).toEqual({ shop: 1, dynamoDb: 1, total: 2 });
    expect(describeMemory(after)).toBe('420 MiB + DynamoDB Local 310 MiB');
    expect(cpuPercent({ cpuMs: 0, rssMiB: 1 }, { cpuMs: 600, rssMiB: 1 }, 60_000)).toEqual({
      shop: 1,
      total: 1,
    });
  });
});
