import { ConflictError } from './errors';

/** Events a person sends (the others are the system's: timers, acceptance, corrections). */
export const PERSON_EVENTS: readonly string[] = ['TRIAGE', 'CONFIRM', 'DISMISS', 'REOPEN', 'NOTIFY', 'SUPPLEMENT', 'RETRACT', 'CLOSE', 'ACKNOWLEDGE', 'ASSESS', 'AP_REPORT'];

export type RefusalWhy = 'state' | 'lateReason' | 'suspicionNotNotified' | 'reason' | 'reopenPeriod' | 'closeNeeds' | 'alreadyConfirmed' | 'conditions';

/** What each event is called where people read it (API messages; pages use the i18n catalogue). */
const ACTION_WORDS: Record<string, string> = {
  TRIAGE: 'start the investigation', CONFIRM: 'confirm as a breach', DISMISS: 'dismiss', REOPEN: 'reopen', NOTIFY: 'send the notice',
  SUPPLEMENT: 'send a supplement or final notice', RETRACT: 'retract (no breach after all)', CLOSE: 'close', ACKNOWLEDGE: 'acknowledge',
  ASSESS: 'record the decision', AP_REPORT: 'record the AP report',
};

const WHY_WORDS: Record<RefusalWhy, string> = {
  state: '',
  lateReason: 'The deadline has passed: give the reason for the delay (lateReason).',
  suspicionNotNotified: 'This agreement does not want a mere suspicion notified: confirm the breach first.',
  reason: 'Give the reason (reason).',
  reopenPeriod: 'The period in which a dismissal can be undone has passed.',
  closeNeeds: 'Closing needs the measures recorded (fields.measures) and a final notice sent (a supplement with final: true).',
  alreadyConfirmed: 'It is already confirmed as a breach.',
  conditions: 'Its conditions are not met.',
};

const STATE_WORDS: Record<string, string> = {
  detected: 'detected', triage: 'in triage', dismissed: 'dismissed', awaitingNotice: 'awaiting notice', notified: 'notified',
  awaitingAssessment: 'awaiting assessment', followUp: 'in follow-up', closed: 'closed',
};

export const actionWords = (type: string): string => ACTION_WORDS[type] ?? type.toLowerCase();

/**
 * The machine refused an event. Carries the facts (event, state, why, what is possible now)
 * so a page can say it in its reader's language; the message is the API's English.
 */
export class EventNotAllowedError extends ConflictError {
  constructor(
    readonly event: string,
    readonly state: string,
    readonly why: RefusalWhy,
    readonly possible: string[],
  ) {
    const fields: Record<string, string> | undefined =
      why === 'lateReason' ? { lateReason: 'required: the notice is late' } : why === 'reason' ? { reason: 'required' } : undefined;
    super(
      'event_not_allowed',
      why === 'state'
        ? `Not possible while the track is ${STATE_WORDS[state] ?? state}: ${actionWords(event)}. Possible now: ${possible.map(actionWords).join(', ') || 'nothing'}.`
        : `Not possible now on this track (${STATE_WORDS[state] ?? state}): ${actionWords(event)}. ${WHY_WORDS[why]}`,
      fields,
    );
  }
}

export interface TrackRefusal {
  trackId: string;
  /** Position in the request's trackIds. */
  index: number;
  controller: string;
  refusal: EventNotAllowedError;
}

/** An incident-wide action some chosen tracks refused: nothing was applied; each refusal is named. */
export class BatchRefusedError extends ConflictError {
  constructor(readonly refusals: TrackRefusal[]) {
    super(
      'event_not_allowed',
      `Nothing was applied: ${refusals.map((r) => `${r.controller}: ${r.refusal.message}`).join(' ')}`,
      Object.fromEntries(refusals.map((r) => [`trackIds.${r.index}`, `${r.controller}: ${r.refusal.message}`])),
    );
  }
}
