// auth.users and auth.identities rows, their JSON exactly as GoTrue marshals models.User and models.Identity
// (optional fields left out when unset), and the lookups the endpoints share.
import type { Db } from './deps.ts';

export type UserRow = {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  invited_at: Date | null;
  phone: string | null;
  phone_confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  confirmed_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  phone_change: string | null;
  phone_change_sent_at: Date | null;
  reauthentication_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  deleted_at: Date | null;
  is_sso_user: boolean;
  is_anonymous: boolean;
};

export type IdentityRow = {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown> | null;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
};

export type LoadedUser = { user: UserRow; identities: IdentityRow[] };

/** GoTrue stores uuid.Nil in instance_id for every row it writes. */
export const nilInstanceId = '00000000-0000-0000-0000-000000000000';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : undefined);
const nonEmpty = (s: string | null | undefined) => (s ? s : undefined);

function withoutUndefined(json: Record<string, unknown>) {
  for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
  return json;
}

export function identityJson(identity: IdentityRow) {
  return withoutUndefined({
    identity_id: identity.id,
    id: identity.provider_id,
    user_id: identity.user_id,
    identity_data: identity.identity_data ?? undefined,
    provider: identity.provider,
    last_sign_in_at: iso(identity.last_sign_in_at),
    created_at: iso(identity.created_at),
    updated_at: iso(identity.updated_at),
    email: nonEmpty(identity.email),
  });
}

export function userJson({ user, identities }: LoadedUser) {
  return withoutUndefined({
    id: user.id,
    aud: user.aud ?? '',
    role: user.role ?? '',
    email: user.email ?? '',
    email_confirmed_at: iso(user.email_confirmed_at),
    invited_at: iso(user.invited_at),
    phone: user.phone ?? '',
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmation_sent_at: iso(user.confirmation_sent_at),
    confirmed_at: iso(user.confirmed_at),
    recovery_sent_at: iso(user.recovery_sent_at),
    new_email: nonEmpty(user.email_change),
    email_change_sent_at: iso(user.email_change_sent_at),
    new_phone: nonEmpty(user.phone_change),
    phone_change_sent_at: iso(user.phone_change_sent_at),
    reauthentication_sent_at: iso(user.reauthentication_sent_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map(identityJson),
    created_at: iso(user.created_at) ?? new Date(0).toISOString(),
    updated_at: iso(user.updated_at) ?? new Date(0).toISOString(),
    banned_until: iso(user.banned_until),
    deleted_at: iso(user.deleted_at),
    is_anonymous: user.is_anonymous,
  });
}

export function isBanned(user: UserRow, now: Date): boolean {
  return !!user.banned_until && now < new Date(user.banned_until);
}

export async function loadUser(sql: Db, id: string): Promise<LoadedUser | null> {
  const [user] = await sql<UserRow[]>`select * from auth.users where id = ${id}`;
  if (!user) return null;
  const identities = await sql<
    IdentityRow[]
  >`select * from auth.identities where user_id = ${id} order by created_at, id`;
  return { user, identities };
}

/** models.FindUserByEmailAndAudience. */
export async function findUserByEmail(sql: Db, email: string, aud: string): Promise<UserRow | null> {
  const [user] = await sql<UserRow[]>`
    select * from auth.users
    where instance_id = ${nilInstanceId} and lower(email) = ${email.toLowerCase()} and aud = ${aud} and is_sso_user = false`;
  return user ?? null;
}

/** models.IsDuplicatedEmail: an email identity of another user, or failing that a user row with the address. */
export async function findDuplicateEmailUser(
  sql: Db,
  email: string,
  aud: string,
  exceptUserId: string | null,
): Promise<UserRow | null> {
  const [viaIdentity] = await sql<UserRow[]>`
    select u.* from auth.identities i join auth.users u on u.id = i.user_id
    where i.email = ${email.toLowerCase()} and u.aud = ${aud} and u.id is distinct from ${exceptUserId}::uuid
    limit 1`;
  if (viaIdentity) return viaIdentity;
  const byEmail = await findUserByEmail(sql, email, aud);
  return byEmail && byEmail.id !== exceptUserId ? byEmail : null;
}
