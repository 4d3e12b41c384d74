import { InitialSchema1764000000000 } from '../../migrations/1764000000000-initial-schema';
import { AgreementSource1764200000000 } from '../../migrations/1764200000000-agreement-source';

/** Every migration, in order. Listed explicitly so nothing depends on file globbing. */
export const migrations = [InitialSchema1764000000000, AgreementSource1764200000000];
