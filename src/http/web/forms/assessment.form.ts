import { localToIso } from './local-time';
import { optional, str, type FormBody } from './form-values';

const yesNo = (value: string): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

/** The DPO's form → the shape of `assessmentSchema`. */
export function toAssessmentInput(body: FormBody): unknown {
  const reportedAt = str(body, 'reportedToApAt');
  return {
    reportToAp: yesNo(str(body, 'reportToAp')),
    apReasons: str(body, 'apReasons'),
    informSubjects: yesNo(str(body, 'informSubjects')),
    subjectReasons: str(body, 'subjectReasons'),
    apReference: optional(str(body, 'apReference')),
    reportedToApAt: reportedAt ? localToIso(reportedAt) : undefined,
    deviationReason: optional(str(body, 'deviationReason')),
    apLateReason: optional(str(body, 'apLateReason')),
  };
}
