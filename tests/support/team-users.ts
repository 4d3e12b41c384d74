import { randomBytes } from 'node:crypto';
import { USERS, type TestService } from './test-service';

/**
 * A new member of the processor's team, added through the admin API as an admin would, so a
 * test can change, lock out or deactivate someone without touching the demo users.
 */
export interface TeamUser {
  id: string;
  email: string;
  password: string;
}

export const TEAM_PASSWORD = 'Correct-horse-battery-2026';

export async function addTeamUser(t: TestService, overrides: { role?: string; controllerId?: string; language?: 'nl' | 'en'; password?: string } = {}): Promise<TeamUser> {
  const admin = await t.login(USERS.admin);
  const email = `team-${randomBytes(4).toString('hex')}@demo-verwerker.example`;
  const password = overrides.password ?? TEAM_PASSWORD;
  const res = await t.as(admin).post('/api/admin/users', {
    email, name: 'Nieuwe collega', role: overrides.role ?? 'support', language: overrides.language ?? 'nl', password,
    ...(overrides.controllerId ? { controllerId: overrides.controllerId } : {}),
  });
  if (res.status !== 201) throw new Error(`adding a user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, password };
}
