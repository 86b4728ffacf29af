import { describe, expect, it } from 'vitest';
import { ProductNotFoundError, SkuTakenError } from '../../../../functions/catalog/domain/errors.js';
import { TooManyOpenOrdersError } from '../../../../functions/orders/domain/errors.js';
import {
  AdminOnlyError,
  BackendUnavailableError,
  BodyTooLargeError,
  InvalidCursorError,
  MissingCallerError,
  RequestValidationError,
  UnsupportedContentTypeError,
} from '../../../../functions/shared/errors.js';
import { PROBLEM_TYPE_BASE, problemFor, problemResponse } from '../../../../functions/shared/http/problem.js';

describe('problemFor', () => {
  it.each([
    [new RequestValidationError('bad', [{ pointer: '#/a', detail: 'is required' }]), 400],
    [new InvalidCursorError(), 400],
    [new MissingCallerError('no token'), 401],
    [new AdminOnlyError(), 403],
    [new ProductNotFoundError('A1'), 404],
    [new SkuTakenError('A1'), 409],
    [new BodyTooLargeError('big'), 413],
    [new UnsupportedContentTypeError('xml'), 415],
    [new TooManyOpenOrdersError(), 429],
    [new BackendUnavailableError('later'), 503],
  ])('maps %s to its category status', (error, status) => {
    const { problem, unexpected } = problemFor(error);
    expect(problem.status).toBe(status);
    expect(problem.type).toBe(PROBLEM_TYPE_BASE + error.slug);
    expect(unexpected).toBe(false);
  });

  it('lists the field errors of invalid input', () => {
    const { problem } = problemFor(
      new RequestValidationError('bad', [{ pointer: '#/items/0/quantity', detail: 'x' }]),
    );
    expect(problem.errors).toEqual([{ pointer: '#/items/0/quantity', detail: 'x' }]);
  });

  it('answers 503 for an AWS SDK error the SDK marks retryable', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { $retryable: { throttling: true } });
    expect(problemFor(throttled).problem.status).toBe(503);
  });

  it('answers 503 for throttling and server faults the SDK does not mark retryable', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $fault: 'client',
    });
    expect(problemFor(throttled).problem.status).toBe(503);
    const serverFault = Object.assign(new Error('Internal error'), {
      name: 'InternalServerError',
      $fault: 'server',
    });
    expect(problemFor(serverFault).problem.status).toBe(503);
    const validation = Object.assign(new Error('bad key'), { name: 'ValidationException', $fault: 'client' });
    expect(problemFor(validation).problem.status).toBe(500);
  });

  it('answers 503 for a connection that failed or timed out on its way to a service', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(problemFor(reset).problem.status).toBe(503);
    const timedOut = Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' });
    expect(problemFor(timedOut).problem.status).toBe(503);
    const other = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    expect(problemFor(other).problem.status).toBe(500);
  });

  it('answers 503 for a DynamoDB transaction that lost a race (nothing was written)', () => {
    const conflict = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    expect(problemFor(conflict).problem.status).toBe(503);
    const refused = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
    });
    expect(problemFor(refused).problem.status).toBe(500);
  });

  it('hides the message of an unexpected error behind a generic 500', () => {
    const { problem, unexpected } = problemFor(new Error('Table shop-catalog-123 does not exist'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('shop-catalog');
    expect(unexpected).toBe(true);
  });

  it('sends problem+json with Retry-After on 503', () => {
    const response = problemResponse(problemFor(new BackendUnavailableError('later')).problem);
    expect(response.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': '1',
    });
  });

  it('tells a caller over its open-order cap when to retry (429, Retry-After)', () => {
    const response = problemResponse(problemFor(new TooManyOpenOrdersError()).problem);
    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({ 'retry-after': '5' });
  });
});
