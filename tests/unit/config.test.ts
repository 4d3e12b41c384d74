import { ConfigError, loadConfig } from '../../src/config';

/** What `openssl rand -base64 48` gives. */
const STRONG_SECRET = 'q8Xv1TzN4kLw0bRm7YcJ2sHfA9uPdE6gWnK3oVrI5tQxZlMy0CjB8hUe2SaFi4Do';

describe('configuration', () => {
  test('when nothing is set, then the defaults run an embedded, outbox-only development service', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'development', port: 3000, databaseUrl: undefined, smtpUrl: undefined, twilio: undefined, seedDemo: true, publicUrl: 'http://localhost:3000', workerConcurrency: 10 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('when several values are wrong, then start-up stops with a message naming every wrong key', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const key of ['PORT', 'DATABASE_URL', 'SMTP_URL', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']) expect(message).toContain(key);
  });

  test('when running in production, then a JWT secret and public URL are required and demo data is never seeded', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*PUBLIC_URL/);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, PUBLIC_URL: 'https://meldplicht.example.nl/', SMTP_URL: 'smtp://mail.example.nl', SMS_ENABLED: 'false' });
    expect(config.seedDemo).toBe(false);
    expect(config.publicUrl).toBe('https://meldplicht.example.nl');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, PUBLIC_URL: 'https://a.nl', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/);
  });

  test.each([
    ['32 × a', 'a'.repeat(32)],
    ['a repeated pair', 'ab'.repeat(24)],
    ['a word padded out', 'changeme-changeme-changeme-changeme'],
    ['digits counting up', '01234567890123456789012345678901'],
  ])('when production starts with a low-entropy JWT secret (%s), then start-up stops naming JWT_SECRET', (_what, secret) => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, PUBLIC_URL: 'https://meldplicht.example.nl' })).toThrow(/JWT_SECRET: .*guessable/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, JWT_SECRET_PREVIOUS: secret, PUBLIC_URL: 'https://meldplicht.example.nl' })).toThrow(/JWT_SECRET_PREVIOUS/);
  });

  test('when production starts with an http PUBLIC_URL, then start-up stops, unless the operator says TLS ends in a proxy on the same host', () => {
    const env = { NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, PUBLIC_URL: 'http://meldplicht.example.nl', SMTP_URL: 'smtp://mail.example.nl', SMS_ENABLED: 'false' };
    expect(() => loadConfig(env)).toThrow(/PUBLIC_URL: must be https/);
    expect(loadConfig({ ...env, ALLOW_HTTP_PUBLIC_URL: 'true' }).publicUrl).toBe('http://meldplicht.example.nl');
    expect(() => loadConfig({ ...env, ALLOW_HTTP_PUBLIC_URL: 'yes' })).toThrow(/ALLOW_HTTP_PUBLIC_URL/);
  });

  test('when a development start points at a real database, then no demo users are seeded unless SEED_DEMO=true', () => {
    const database = { DATABASE_URL: 'postgres://meldplicht@db.example.nl/meldplicht' };
    expect(loadConfig(database).seedDemo).toBe(false);
    expect(loadConfig({ ...database, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({}).seedDemo).toBe(true); // the embedded database of `npm start`
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });
});
