// Password rules of GoTrue's checkPasswordStrength (lengths in bytes, as Go's len) and bcrypt hashing (cost 10, bcrypt.DefaultCost).
import bcrypt from 'bcryptjs';
import { WeakPasswordError, badRequest } from './errors.ts';

const maxPasswordBytes = 72;

/** The weakness of an acceptable-length password, or null; sign-in reports it next to the session instead of refusing. */
export function passwordWeakness(
  password: string,
  minimumLength: number,
): { message: string; reasons: string[] } | null {
  if (Buffer.byteLength(password) < minimumLength) {
    return { message: `Password should be at least ${minimumLength} characters.`, reasons: ['length'] };
  }
  return null;
}

export function checkPasswordStrength(password: string, minimumLength: number) {
  if (Buffer.byteLength(password) > maxPasswordBytes) {
    throw badRequest('validation_failed', `Password cannot be longer than ${maxPasswordBytes} characters`);
  }
  const weakness = passwordWeakness(password, minimumLength);
  if (weakness) throw new WeakPasswordError(weakness.message, weakness.reasons);
}

export const hashPassword = (password: string) => bcrypt.hash(password, 10);

export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  if (!hash) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}
