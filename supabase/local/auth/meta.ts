// GET /health, /settings and /.well-known/jwks.json: what auth-js and the dashboard read about this Auth server.
import type { Context } from 'hono';

export const health = (c: Context) =>
  c.json({
    version: 'v2-ohm-local',
    name: 'GoTrue',
    description: 'GoTrue is a user registration and authentication API',
  });

/** GoTrue's Settings for the project's supabase/config.toml: email (autoconfirmed) and anonymous sign-ins, nothing else. */
export const settings = (c: Context) =>
  c.json({
    external: {
      anonymous_users: true,
      apple: false,
      azure: false,
      bitbucket: false,
      discord: false,
      facebook: false,
      snapchat: false,
      figma: false,
      fly: false,
      github: false,
      gitlab: false,
      google: false,
      keycloak: false,
      kakao: false,
      linkedin: false,
      linkedin_oidc: false,
      notion: false,
      spotify: false,
      slack: false,
      slack_oidc: false,
      workos: false,
      twitch: false,
      twitter: false,
      email: true,
      phone: false,
      zoom: false,
    },
    disable_signup: false,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: false,
  });

/** Symmetric (HS256) keys are never published, so an HS256-only project lists none; clients then verify via GET /user. */
export const jwks = (c: Context) => {
  c.header('Cache-Control', 'public, max-age=600');
  return c.json({ keys: [] });
};
