import { fuzzOperations } from './support/fuzz';

/** The DPO's records on a track (the DPO of the track's controller). See support/fuzz.ts. */
fuzzOperations("fuzzing the DPO's endpoints", (op) => op.path.startsWith('/api/tracks/'));
