export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one probe is let through. */
  readonly openMs: number;
  readonly now: () => number;
  readonly onStateChange?: (from: CircuitState, to: CircuitState) => void;
}

/**
 * A circuit breaker around a remote dependency. Only failures that `counts`
 * says are the dependency's fault count (a declined card is an answer, not a
 * failure). Open: calls fail at once. After `openMs`, one probe goes through
 * (half-open); its success closes the circuit, its failure opens it again.
 */
export class CircuitBreaker {
  private state: CircuitState = 'CLOSED';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get current(): CircuitState {
    if (this.state === 'OPEN' && this.options.now() - this.openedAt >= this.options.openMs)
      this.move('HALF_OPEN');
    return this.state;
  }

  private move(to: CircuitState): void {
    if (to === this.state) return;
    const from = this.state;
    this.state = to;
    this.options.onStateChange?.(from, to);
  }

  async call<T>(
    work: () => Promise<T>,
    counts: (error: unknown) => boolean,
    whenOpen: () => Error,
  ): Promise<T> {
    const state = this.current;
    if (state === 'OPEN' || (state === 'HALF_OPEN' && this.probing)) throw whenOpen();
    const probe = state === 'HALF_OPEN';
    if (probe) this.probing = true;
    try {
      const result = await work();
      this.failures = 0;
      this.move('CLOSED');
      return result;
    } catch (error) {
      if (counts(error)) {
        this.failures++;
        if (probe || this.failures >= this.options.failureThreshold) {
          this.openedAt = this.options.now();
          this.move('OPEN');
        }
      } else if (probe) {
        this.move('CLOSED');
        this.failures = 0;
      }
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }
}
