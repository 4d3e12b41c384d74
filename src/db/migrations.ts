import { InitialSchema1764000000000 } from '../../migrations/1764000000000-initial-schema';
import { DurableWorkflow1764050000000 } from '../../migrations/1764050000000-durable-workflow';
import { LoginAttempts1764100000000 } from '../../migrations/1764100000000-login-attempts';
import { AgreementSource1764200000000 } from '../../migrations/1764200000000-agreement-source';
import { DpoAssessment1764300000000 } from '../../migrations/1764300000000-dpo-assessment';
import { Webhooks1764400000000 } from '../../migrations/1764400000000-webhooks';
import { ListIndexes1764550000000 } from '../../migrations/1764550000000-list-indexes';
import { ProviderStatusInbox1764600000000 } from '../../migrations/1764600000000-provider-status-inbox';
import { WholeLifecycle1765000000000 } from '../../migrations/1765000000000-whole-lifecycle';
import { ClientDirectory1765400000000 } from '../../migrations/1765400000000-client-directory';
import { RevocableSessions1765500000000 } from '../../migrations/1765500000000-revocable-sessions';
import { LoginAttemptsByAccount1765500000001 } from '../../migrations/1765500000001-login-attempts-by-account';
import { TwoFactor1765700000000 } from '../../migrations/1765700000000-two-factor';

/** Every migration, in order. Listed explicitly so nothing depends on file globbing. */
export const migrations = [
  InitialSchema1764000000000,
  DurableWorkflow1764050000000,
  LoginAttempts1764100000000,
  AgreementSource1764200000000,
  DpoAssessment1764300000000,
  Webhooks1764400000000,
  ListIndexes1764550000000,
  ProviderStatusInbox1764600000000,
  WholeLifecycle1765000000000,
  ClientDirectory1765400000000,
  RevocableSessions1765500000000,
  LoginAttemptsByAccount1765500000001,
  TwoFactor1765700000000,
];
