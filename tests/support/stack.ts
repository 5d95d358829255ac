// Values tests need to reach the local stack, read from its own config (the same values `npm run db:status` prints).
export {
  apiUrl,
  dbUrl,
  adminDbUrl,
  anonKey,
  serviceRoleKey,
  publishableKey,
  secretKey,
  jwtSecret,
} from '../../supabase/local/config.ts';
