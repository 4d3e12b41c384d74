import { ConfigError, loadConfig } from '../../src/config';

/**
 * A production process that sends must have somewhere real to send: without SMTP (and Twilio,
 * unless SMS are switched off) its messages would only land in the outbox and reach nobody.
 */
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'q8Xv1TzN4kLw0bRm7YcJ2sHfA9uPdE6gWnK3oVrI5tQxZlMy0CjB8hUe2SaFi4Do', PUBLIC_URL: 'https://meldplicht.example.nl' };
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'token', TWILIO_FROM: '+3197010000000' };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('start-up in production without providers', () => {
  test('when neither SMTP nor Twilio is set, then start-up is refused naming every missing key', () => {
    const message = problemsOf(PRODUCTION);
    for (const key of ['SMTP_URL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']) expect(message).toContain(`${key}: required in production`);
  });

  test('when Twilio is set but SMTP is not, then start-up is refused naming SMTP_URL only', () => {
    const message = problemsOf({ ...PRODUCTION, ...TWILIO });
    expect(message).toContain('SMTP_URL: required in production');
    expect(message).not.toContain('TWILIO');
  });

  test('when SMS are switched off explicitly, then SMTP alone is enough', () => {
    expect(problemsOf({ ...PRODUCTION, SMS_ENABLED: 'false' })).toContain('SMTP_URL');
    const config = loadConfig({ ...PRODUCTION, SMS_ENABLED: 'false', SMTP_URL: 'smtp://mail.example.nl:587' });
    expect(config.missingDelivery).toEqual([]);
  });

  test('when the process only serves the web (ROLE=web), then it needs no provider: the workers send', () => {
    expect(loadConfig({ ...PRODUCTION, ROLE: 'web' }).missingDelivery).toEqual([]);
  });

  test('when SMS_ENABLED is neither true nor false, then start-up is refused naming it', () => {
    expect(problemsOf({ ...PRODUCTION, SMTP_URL: 'smtp://mail.example.nl', SMS_ENABLED: 'nee' })).toContain('SMS_ENABLED: must be true or false');
  });

  test('outside production, missing providers are allowed and named (the demo uses the outbox)', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).missingDelivery).toEqual(['SMTP_URL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']);
  });
});
