import { fuzzOperations, isClientDirectory } from './support/fuzz';

/** The client directory's endpoints: controllers, agreements, templates, contacts. See support/fuzz.ts. */
fuzzOperations("fuzzing the client directory's endpoints", isClientDirectory);
