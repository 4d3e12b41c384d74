import { assign, setup } from 'xstate';

/**
 * The workflow of one breach *track*: one incident as it concerns one controller.
 *
 * Pure on purpose: no timers (`after:` would live in process memory and vanish on a
 * restart), no I/O. Side effects are named intents (`scheduleDeadline`, `sendNotice`, …)
 * that `transition()` hands back; the service turns them into rows and jobs inside the
 * same transaction that stores the new snapshot.
 */

export interface TrackContext {
  /** Does this controller's agreement want a mere suspicion notified? */
  notifySuspicion: boolean;
  /** The agreement says "immediately" (no hour count): due at once, never "late" by hours. */
  immediate: boolean;
  /** Set once the notice deadline passed without a notice. */
  overdue: boolean;
  /** Number of notice versions sent (0 = none yet). */
  noticeVersion: number;
  /** Acknowledgements received from the controller's contacts. */
  acknowledgements: number;
  /** Decisions recorded by the controller's DPO (a later one revises the earlier). */
  decisions: number;
  /** Steps of the escalation ladder taken for an unacknowledged notice (stand-ins, then director). */
  escalationStep: number;
  /** A final notice (the closing state of the case) has gone out. */
  finalSent: boolean;
  /** Confirmed as a breach (CONFIRM); until then a notice is about a mere suspicion. */
  established: boolean;
  /** A notified suspicion turned out not to be a breach; the retraction notice went out. */
  retracted: boolean;
  /** The controller is aware (our first notice was accepted by a real provider): its 72 hours run. */
  controllerAware: boolean;
  /** The DPO's latest decision says: report to the AP. */
  reportsToAp: boolean;
  /** The report's life at the AP, as the DPO records it. */
  apReport: ApReportStatus;
}

export type ApReportStatus = 'none' | 'inForce' | 'withdrawn';
export type ApReportKind = 'report' | 'supplement' | 'correction' | 'withdrawal';

export interface TrackInput {
  notifySuspicion: boolean;
  immediate?: boolean;
}

export type TrackEvent =
  | { type: 'TRIAGE' }
  | { type: 'CONFIRM' }
  | { type: 'DISMISS'; reason: string }
  /** Undo a dismissal; `withinPeriod` is the fact "dismissed no longer ago than the reopen period". */
  | { type: 'REOPEN'; reason: string; withinPeriod: boolean }
  /** A notified suspicion was no breach after all. */
  | { type: 'RETRACT'; reason: string }
  | { type: 'NOTIFY'; lateReason?: string }
  | { type: 'AUTO_NOTIFY' }
  | { type: 'ACKNOWLEDGE' }
  | { type: 'ACK_OVERDUE'; step: number }
  | { type: 'ASSESS'; reportToAp?: boolean }
  | { type: 'AP_REMINDER' }
  /** A first notice was accepted by a real provider (not an outbox); `earlier` = before the awareness on record. */
  | { type: 'CONTROLLER_AWARE'; earlier?: boolean }
  /** The discovery moment was corrected; `passed` = the corrected deadline lies before now (before notice) or before the first notice (after). */
  | { type: 'DEADLINE_MOVED'; passed: boolean }
  | { type: 'AP_REPORT'; kind: ApReportKind }
  | { type: 'SUPPLEMENT'; final?: boolean }
  | { type: 'CLOSE'; measuresRecorded?: boolean }
  | { type: 'DEADLINE_WARNING'; share: number }
  | { type: 'DEADLINE_ELAPSED' };

export type TrackEventType = TrackEvent['type'];

export type NoticeKind = 'initial' | 'supplement' | 'final' | 'confirmation' | 'retraction';

/** Effect intents the machine can emit; executed outside it, as rows and jobs. */
export type TrackEffect =
  | { type: 'scheduleDeadline' }
  | { type: 'cancelDeadline' }
  | { type: 'sendNotice'; params: { kind: NoticeKind; preliminary?: boolean } }
  | { type: 'scheduleAckWindow' }
  | { type: 'cancelAckWindow' }
  | { type: 'escalateNotice'; params: { step: number } }
  | { type: 'warnDeadline' }
  | { type: 'escalateOverdue' }
  | { type: 'remindDpo' }
  | { type: 'scheduleApReminder' }
  | { type: 'rescheduleDeadline' };

export type TrackEffectType = TrackEffect['type'];

/** Every effect intent; everything else the machine does is bookkeeping of its own context. */
export const EFFECT_TYPES: readonly TrackEffectType[] = [
  'scheduleDeadline', 'cancelDeadline', 'sendNotice', 'scheduleAckWindow', 'cancelAckWindow',
  'escalateNotice', 'warnDeadline', 'escalateOverdue', 'remindDpo', 'scheduleApReminder', 'rescheduleDeadline',
];

const hasText = (value: string | undefined): boolean => typeof value === 'string' && value.trim().length > 0;

/** The escalation ladder: 1 = the stand-ins of those notified, 2 = the controller's director. */
export const ESCALATION_STEPS = 2;

const NOTICE_ACTIONS = ['countNotice', 'cancelDeadline', { type: 'sendNotice', params: { kind: 'initial' } }, 'scheduleAckWindow'] as const;
const PRELIMINARY_ACTIONS = ['countNotice', 'cancelDeadline', { type: 'sendNotice', params: { kind: 'initial', preliminary: true } }, 'scheduleAckWindow'] as const;
/** Confirming a notified suspicion: a supplement says it is a breach now. */
const CONFIRM_NOTIFIED = { guard: 'unconfirmedSuspicion', actions: ['markEstablished', 'countNotice', { type: 'sendNotice', params: { kind: 'confirmation' } }] } as const;
const RETRACT_ACTIONS = ['markRetracted', 'countNotice', { type: 'sendNotice', params: { kind: 'retraction' } }] as const;
const AWARE_ACTIONS = { guard: 'firstAwareness', actions: ['markAware', 'scheduleApReminder'] } as const;
const DEADLINE_MOVED_BEFORE_NOTICE = { actions: ['rederiveOverdue', 'rescheduleDeadline'] } as const;
const DEADLINE_MOVED_AFTER_NOTICE = { actions: 'judgeNotice' } as const;
const AP_REPORT = { guard: 'apReportFits', actions: 'trackApReport' } as const;
const SUPPLEMENT_ACTIONS = [
  { guard: 'isFinal', actions: ['countNotice', 'markFinal', { type: 'sendNotice', params: { kind: 'final' } }] },
  { actions: ['countNotice', { type: 'sendNotice', params: { kind: 'supplement' } }] },
] as const;

export const breachTrackMachine = setup({
  types: {} as { context: TrackContext; events: TrackEvent; input: TrackInput },
  actions: {
    // Intents only: bodies stay empty, the service executes what `transition()` returns.
    scheduleDeadline: () => {},
    cancelDeadline: () => {},
    sendNotice: (_args, _params: { kind: NoticeKind; preliminary?: boolean }) => {},
    scheduleAckWindow: () => {},
    cancelAckWindow: () => {},
    escalateNotice: (_args, _params: { step: number }) => {},
    warnDeadline: () => {},
    escalateOverdue: () => {},
    remindDpo: () => {},
    scheduleApReminder: () => {},
    rescheduleDeadline: () => {},
    markEstablished: assign({ established: true }),
    markRetracted: assign({ retracted: true }),
    markAware: assign({ controllerAware: true }),
    // A later deadline takes the overdue mark away; an earlier one lets the elapsed timer set it.
    rederiveOverdue: assign({ overdue: ({ context, event }) => context.overdue && event.type === 'DEADLINE_MOVED' && event.passed }),
    // After notice the verdict follows the corrected facts: late iff the first notice came after the deadline.
    judgeNotice: assign({ overdue: ({ context, event }) => (event.type === 'DEADLINE_MOVED' ? event.passed : context.overdue) }),
    rememberDecision: assign({ reportsToAp: ({ context, event }) => (event.type === 'ASSESS' ? event.reportToAp ?? context.reportsToAp : context.reportsToAp) }),
    trackApReport: assign({ apReport: ({ context, event }) => (event.type !== 'AP_REPORT' ? context.apReport : event.kind === 'withdrawal' ? 'withdrawn' : 'inForce') }),
    countNotice: assign({ noticeVersion: ({ context }) => context.noticeVersion + 1 }),
    markOverdue: assign({ overdue: true }),
    markFinal: assign({ finalSent: true }),
    countAcknowledgement: assign({ acknowledgements: ({ context }) => context.acknowledgements + 1 }),
    countDecision: assign({ decisions: ({ context }) => context.decisions + 1 }),
    climbLadder: assign({ escalationStep: ({ event, context }) => (event.type === 'ACK_OVERDUE' ? event.step : context.escalationStep) }),
  },
  guards: {
    hasDismissReason: ({ event }) => event.type === 'DISMISS' && hasText(event.reason),
    // Undoing a dismissal is for a person's error, soon after: a reason, within the period.
    reopenable: ({ event }) => event.type === 'REOPEN' && hasText(event.reason) && event.withinPeriod === true,
    unconfirmedSuspicion: ({ context }) => !context.established,
    retractableSuspicion: ({ context, event }) => !context.established && event.type === 'RETRACT' && hasText(event.reason),
    firstAwareness: ({ context, event }) => context.established && !context.retracted && (!context.controllerAware || (event.type === 'CONTROLLER_AWARE' && event.earlier === true)),
    // A report needs the decision to report and none in force; a follow-up needs one in force.
    apReportFits: ({ context, event }) =>
      event.type === 'AP_REPORT' &&
      (event.kind === 'report' ? context.reportsToAp && context.apReport !== 'inForce' : context.apReport === 'inForce'),
    // A late notice must say why it is late (the reason is stored and printed in it).
    onTimeOrExplained: ({ context, event }) =>
      !context.overdue || context.immediate || (event.type === 'NOTIFY' && hasText(event.lateReason)),
    suspicionNotifiable: ({ context, event }) =>
      context.notifySuspicion && (!context.overdue || context.immediate || (event.type === 'NOTIFY' && hasText(event.lateReason))),
    suspicionAutoNotifiable: ({ context }) => context.notifySuspicion,
    notYetOverdue: ({ context }) => !context.overdue,
    nextLadderStep: ({ context, event }) =>
      event.type === 'ACK_OVERDUE' && event.step === context.escalationStep + 1 && event.step <= ESCALATION_STEPS,
    undecided: ({ context }) => context.decisions === 0,
    isFinal: ({ event }) => event.type === 'SUPPLEMENT' && event.final === true,
    // Closing needs the measures on record and a final notice sent (issue 3; BRIEF §3.9).
    closable: ({ context, event }) => context.finalSent && event.type === 'CLOSE' && event.measuresRecorded === true,
  },
}).createMachine({
  id: 'breachTrack',
  context: ({ input }) => ({
    notifySuspicion: input.notifySuspicion,
    immediate: input.immediate ?? false,
    overdue: false,
    noticeVersion: 0,
    acknowledgements: 0,
    decisions: 0,
    escalationStep: 0,
    finalSent: false,
    established: false,
    retracted: false,
    controllerAware: false,
    reportsToAp: false,
    apReport: 'none',
  }),
  initial: 'detected',
  states: {
    // Logged, nobody has looked at it yet. The clock may already run (agreement decides).
    detected: {
      entry: 'scheduleDeadline',
      on: {
        TRIAGE: 'triage',
        CONFIRM: { target: 'awaitingNotice', actions: ['markEstablished', 'scheduleDeadline'] },
        DISMISS: { guard: 'hasDismissReason', target: 'dismissed', actions: 'cancelDeadline' },
        NOTIFY: { guard: 'suspicionNotifiable', target: 'notified', actions: NOTICE_ACTIONS },
        AUTO_NOTIFY: { guard: 'suspicionAutoNotifiable', target: 'notified', actions: PRELIMINARY_ACTIONS },
        DEADLINE_WARNING: { guard: 'notYetOverdue', actions: 'warnDeadline' },
        DEADLINE_ELAPSED: { guard: 'notYetOverdue', actions: ['markOverdue', 'escalateOverdue'] },
        DEADLINE_MOVED: DEADLINE_MOVED_BEFORE_NOTICE,
      },
    },
    // Support is investigating whether it is a breach.
    triage: {
      on: {
        CONFIRM: { target: 'awaitingNotice', actions: ['markEstablished', 'scheduleDeadline'] },
        DISMISS: { guard: 'hasDismissReason', target: 'dismissed', actions: 'cancelDeadline' },
        NOTIFY: { guard: 'suspicionNotifiable', target: 'notified', actions: NOTICE_ACTIONS },
        AUTO_NOTIFY: { guard: 'suspicionAutoNotifiable', target: 'notified', actions: PRELIMINARY_ACTIONS },
        DEADLINE_WARNING: { guard: 'notYetOverdue', actions: 'warnDeadline' },
        DEADLINE_ELAPSED: { guard: 'notYetOverdue', actions: ['markOverdue', 'escalateOverdue'] },
        DEADLINE_MOVED: DEADLINE_MOVED_BEFORE_NOTICE,
      },
    },
    // Not a breach after all: stays in the register with its reason. A person who erred
    // reopens it (within the period): back to triage, the deadline recomputed.
    dismissed: {
      on: {
        REOPEN: { guard: 'reopenable', target: 'triage', actions: 'rescheduleDeadline' },
      },
    },
    // Confirmed breach; the notice must go out before the deadline.
    awaitingNotice: {
      on: {
        NOTIFY: { guard: 'onTimeOrExplained', target: 'notified', actions: NOTICE_ACTIONS },
        AUTO_NOTIFY: { target: 'notified', actions: PRELIMINARY_ACTIONS },
        DISMISS: { guard: 'hasDismissReason', target: 'dismissed', actions: 'cancelDeadline' },
        DEADLINE_WARNING: { guard: 'notYetOverdue', actions: 'warnDeadline' },
        DEADLINE_ELAPSED: { guard: 'notYetOverdue', actions: ['markOverdue', 'escalateOverdue'] },
        DEADLINE_MOVED: DEADLINE_MOVED_BEFORE_NOTICE,
      },
    },
    // The notice went out; waiting for the controller to acknowledge it.
    notified: {
      on: {
        ACKNOWLEDGE: { target: 'awaitingAssessment', actions: ['countAcknowledgement', 'cancelAckWindow'] },
        ACK_OVERDUE: { guard: 'nextLadderStep', actions: ['climbLadder', { type: 'escalateNotice', params: ({ event }) => ({ step: event.step }) }] },
        ASSESS: { target: 'followUp', actions: ['countDecision', 'rememberDecision', 'cancelAckWindow'] },
        AP_REMINDER: { guard: 'undecided', actions: 'remindDpo' },
        SUPPLEMENT: SUPPLEMENT_ACTIONS,
        CONFIRM: CONFIRM_NOTIFIED,
        RETRACT: { guard: 'retractableSuspicion', target: 'closed', actions: [...RETRACT_ACTIONS, 'cancelAckWindow'] },
        CONTROLLER_AWARE: AWARE_ACTIONS,
        DEADLINE_MOVED: DEADLINE_MOVED_AFTER_NOTICE,
      },
    },
    // The controller has it; its DPO decides on reporting to the AP.
    awaitingAssessment: {
      on: {
        ACKNOWLEDGE: { actions: 'countAcknowledgement' },
        ASSESS: { target: 'followUp', actions: ['countDecision', 'rememberDecision'] },
        AP_REMINDER: { guard: 'undecided', actions: 'remindDpo' },
        SUPPLEMENT: SUPPLEMENT_ACTIONS,
        CLOSE: { guard: 'closable', target: 'closed' },
        CONFIRM: CONFIRM_NOTIFIED,
        RETRACT: { guard: 'retractableSuspicion', target: 'closed', actions: RETRACT_ACTIONS },
        CONTROLLER_AWARE: AWARE_ACTIONS,
        DEADLINE_MOVED: DEADLINE_MOVED_AFTER_NOTICE,
      },
    },
    // Decision recorded; updates follow until the case is closed.
    followUp: {
      on: {
        ACKNOWLEDGE: { actions: 'countAcknowledgement' },
        ASSESS: { actions: ['countDecision', 'rememberDecision'] },
        SUPPLEMENT: SUPPLEMENT_ACTIONS,
        CLOSE: { guard: 'closable', target: 'closed' },
        CONFIRM: CONFIRM_NOTIFIED,
        RETRACT: { guard: 'retractableSuspicion', target: 'closed', actions: RETRACT_ACTIONS },
        CONTROLLER_AWARE: AWARE_ACTIONS,
        DEADLINE_MOVED: DEADLINE_MOVED_AFTER_NOTICE,
        AP_REPORT,
      },
    },
    // Closed after a final notice, or retracted (no breach after all). The controller's side
    // carries on: a late acknowledgement, the first acceptance of a notice, the AP report.
    closed: {
      on: {
        ACKNOWLEDGE: { actions: 'countAcknowledgement' },
        CONTROLLER_AWARE: { guard: 'firstAwareness', actions: 'markAware' },
        DEADLINE_MOVED: DEADLINE_MOVED_AFTER_NOTICE,
        AP_REPORT,
      },
    },
  },
});

export type TrackState =
  | 'detected'
  | 'triage'
  | 'dismissed'
  | 'awaitingNotice'
  | 'notified'
  | 'awaitingAssessment'
  | 'followUp'
  | 'closed';

export const TRACK_STATES: readonly TrackState[] = [
  'detected', 'triage', 'dismissed', 'awaitingNotice', 'notified', 'awaitingAssessment', 'followUp', 'closed',
];

/** Days a dismissal can be undone, unless configured otherwise (DISMISS_REOPEN_DAYS). */
export const DEFAULT_REOPEN_DAYS = 30;

/** States in which the notice deadline still matters. */
export const PRE_NOTICE_STATES: readonly TrackState[] = ['detected', 'triage', 'awaitingNotice'];
