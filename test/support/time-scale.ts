/**
 * One factor for every time limit of the test suite: test and hook timeouts
 * and every wait for something to happen. `SHOP_TEST_TIME_FACTOR=2 npm test`
 * doubles them all, for a machine much slower or busier than the two-core CI
 * runner with two CPU-bound processes beside it, which the limits as written
 * already allow for (docs/local-cloud.md, "Running the suite on a busy machine").
 */
const parseFactor = (raw: string | undefined): number => {
  if (raw === undefined || raw === '') return 1;
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor <= 0)
    throw new Error(`SHOP_TEST_TIME_FACTOR must be a positive number, not ${JSON.stringify(raw)}`);
  return factor;
};

export const TEST_TIME_FACTOR = parseFactor(process.env.SHOP_TEST_TIME_FACTOR);

/** A time limit of the suite, in ms, scaled by `SHOP_TEST_TIME_FACTOR`. */
export const scaled = (ms: number): number => Math.round(ms * TEST_TIME_FACTOR);
