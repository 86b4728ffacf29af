export interface Profile {
  readonly userId: string;
  /** As the user typed it; uniqueness is on its lower-case form. */
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const normalizedEmail = (email: string): string => email.trim().toLowerCase();

export const newProfile = (userId: string, email: string, name: string, now: Date): Profile => ({
  userId,
  email: email.trim(),
  name,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
