/** A problem the person running the local cloud can fix; printed as a sentence, not a stack trace. */
export class LocalCloudError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalCloudError';
  }
}
