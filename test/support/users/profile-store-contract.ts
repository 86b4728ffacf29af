import { describe, expect, it } from 'vitest';
import { AccountDeletedError } from '../../../functions/shared/errors.js';
import { UserDeleted, UserRegistered } from '../../../functions/users/contracts/events.js';
import { EmailTakenError, ProfileNotFoundError } from '../../../functions/users/domain/errors.js';
import { newProfile } from '../../../functions/users/domain/profile.js';
import type { ProfileStore } from '../../../functions/users/use-cases/ports.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

/** What every profile store promises; the in-memory twin and the DynamoDB adapter both run it. */
export const profileStoreContract = (name: string, fresh: () => Promise<ProfileStore>) => {
  describe(name, () => {
    it('stores a profile and reads it back, without the events its sign-up caused', async () => {
      const store = await fresh();
      const profile = newProfile('u-1', 'Ann@Example.com', 'Ann', NOW);
      await store.create(profile, [
        UserRegistered.create({ userId: 'u-1', email: profile.email, name: 'Ann' }),
      ]);
      expect(await store.get('u-1')).toEqual(profile);
      expect(await store.rename('u-1', 'Annie', NOW.toISOString())).toEqual({ ...profile, name: 'Annie' });
    });

    it('refuses a second profile with the same email, whatever its case', async () => {
      const store = await fresh();
      await store.create(newProfile('u-1', 'ann@example.com', 'Ann', NOW), []);
      await expect(store.create(newProfile('u-2', 'ANN@example.com', 'Other Ann', NOW), [])).rejects.toThrow(
        EmailTakenError,
      );
      expect(await store.get('u-2')).toBeUndefined();
    });

    it('renames a profile and refuses to rename a missing one', async () => {
      const store = await fresh();
      await store.create(newProfile('u-1', 'ann@example.com', 'Ann', NOW), []);
      expect(await store.rename('u-1', 'Annie', '2026-11-23T00:00:00.000Z')).toMatchObject({
        name: 'Annie',
        updatedAt: '2026-11-23T00:00:00.000Z',
      });
      await expect(store.rename('nobody', 'X', NOW.toISOString())).rejects.toThrow(ProfileNotFoundError);
    });

    it('stores the same user’s profile again as a no-op (a retried confirmation)', async () => {
      const store = await fresh();
      const profile = newProfile('u-1', 'ann@example.com', 'Ann', NOW);
      expect(await store.create(profile, [])).toBe('created');
      expect(await store.create({ ...profile, name: 'Changed' }, [])).toBe('existed');
      expect(await store.get('u-1')).toEqual(profile);
    });

    it('deletes a profile once, records the deletion and frees the email', async () => {
      const store = await fresh();
      await store.create(newProfile('u-1', 'ann@example.com', 'Ann', NOW), []);
      const deleted = [UserDeleted.create({ userId: 'u-1' }, NOW)];
      expect(await store.delete('u-1', deleted, NOW.toISOString())).toBe('deleted');
      expect(await store.delete('u-1', deleted, NOW.toISOString())).toBe('already');
      await expect(store.get('u-1')).rejects.toThrow(AccountDeletedError);
      await expect(store.rename('u-1', 'Annie', NOW.toISOString())).rejects.toThrow(ProfileNotFoundError);
      expect(await store.create(newProfile('u-2', 'ANN@example.com', 'New Ann', NOW), [])).toBe('created');
    });

    it('records the deletion of an account that never had a profile', async () => {
      const store = await fresh();
      expect(await store.delete('u-9', [], NOW.toISOString())).toBe('deleted');
      await expect(store.get('u-9')).rejects.toThrow(AccountDeletedError);
    });
  });
};
