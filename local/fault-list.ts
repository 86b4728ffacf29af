/** What every injected fault keeps: its id, how many more it may fail, how many it failed. */
export interface CountedFault {
  readonly id: string;
  remaining?: number;
  hits: number;
}

/**
 * The faults tests inject into one local service. A fault fails the
 * requests it applies to, `remaining` times or until lifted; a lifted fault
 * stays listed with its hits, so a test can read them afterwards.
 */
export class FaultList<F extends CountedFault> {
  private readonly faults = new Map<string, F>();

  add(fault: F): F {
    this.faults.set(fault.id, fault);
    return fault;
  }

  lift(id: string): boolean {
    const fault = this.faults.get(id);
    if (fault) fault.remaining = 0;
    return fault !== undefined;
  }

  get all(): readonly F[] {
    return [...this.faults.values()];
  }

  /** The first fault still active that `appliesTo` this request; counts it. */
  take(appliesTo: (fault: F) => boolean): F | undefined {
    for (const fault of this.faults.values()) {
      if (fault.remaining !== undefined && fault.remaining <= 0) continue;
      if (!appliesTo(fault)) continue;
      if (fault.remaining !== undefined) fault.remaining--;
      fault.hits++;
      return fault;
    }
    return undefined;
  }
}
