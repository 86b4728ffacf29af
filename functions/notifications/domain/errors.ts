import { NotFoundError } from '../../shared/errors.js';

export class NotificationNotFoundError extends NotFoundError {
  readonly slug = 'notification-not-found';
  constructor() {
    super('There is no such notification.');
  }
}
