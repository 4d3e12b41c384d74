import { ConfigError, loadConfig } from '../../src/config';

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
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://meldplicht.example.nl/', SMTP_URL: 'smtp://mail.example.nl', SMS_ENABLED: 'false' });
    expect(config.seedDemo).toBe(false);
    expect(config.publicUrl).toBe('https://meldplicht.example.nl');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://a.nl', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/);
  });
});
