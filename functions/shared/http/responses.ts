/** A response with a status other than the route's default, or with extra headers. */
export class HttpResponse<B = unknown> {
  constructor(
    readonly statusCode: number,
    readonly body?: B,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export const created = <B>(body: B, location: string): HttpResponse<B> =>
  new HttpResponse(201, body, { location });

export const accepted = <B>(body: B, location: string): HttpResponse<B> =>
  new HttpResponse(202, body, { location });

export const noContent = (): HttpResponse<never> => new HttpResponse(204);
