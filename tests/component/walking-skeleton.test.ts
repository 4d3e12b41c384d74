import { testDatabaseKind } from '../support/test-service';
import { walkingSkeletonScenario } from './walking-skeleton.scenario';

describe(`walking skeleton (${testDatabaseKind()} database)`, () => {
  walkingSkeletonScenario(testDatabaseKind());
});
