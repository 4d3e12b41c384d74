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
  /** Set once the notice deadline passed without a notice. */
  overdue: boolean;
  /** Number of notice versions sent (0 = none yet). */
  noticeVersion: number;
  /** Acknowledgements received from the controller's contacts. */
  acknowledgements: number;
  /** Decisions recorded by the controller's DPO (a later one revises the earlier). */
  decisions: number;
}

export interface TrackInput {
  notifySuspicion: boolean;
}

export type TrackEvent =
  | { type: 'TRIAGE' }
  | { type: 'CONFIRM' }
  | { type: 'DISMISS'; reason: string }
  | { type: 'NOTIFY'; lateReason?: string }
  | { type: 'ACKNOWLEDGE' }
  | { type: 'ASSESS' }
  | { type: 'SUPPLEMENT' }
  | { type: 'CLOSE' }
  | { type: 'DEADLINE_WARNING'; share: number }
  | { type: 'DEADLINE_ELAPSED' };

export type TrackEventType = TrackEvent['type'];

export type NoticeKind = 'initial' | 'supplement';

/** Effect intents the machine can emit; executed outside it, as rows and jobs. */
export type TrackEffect =
  | { type: 'scheduleDeadline' }
  | { type: 'cancelDeadline' }
  | { type: 'sendNotice'; params: { kind: NoticeKind } }
  | { type: 'warnDeadline' }
  | { type: 'escalateOverdue' };

export type TrackEffectType = TrackEffect['type'];

const hasText = (value: string | undefined): boolean => typeof value === 'string' && value.trim().length > 0;

export const breachTrackMachine = setup({
  types: {} as { context: TrackContext; events: TrackEvent; input: TrackInput },
  actions: {
    // Intents only: bodies stay empty, the service executes what `transition()` returns.
    scheduleDeadline: () => {},
    cancelDeadline: () => {},
    sendNotice: (_args, _params: { kind: NoticeKind }) => {},
    warnDeadline: () => {},
    escalateOverdue: () => {},
    countNotice: assign({ noticeVersion: ({ context }) => context.noticeVersion + 1 }),
    markOverdue: assign({ overdue: true }),
    countAcknowledgement: assign({ acknowledgements: ({ context }) => context.acknowledgements + 1 }),
    countDecision: assign({ decisions: ({ context }) => context.decisions + 1 }),
  },
  guards: {
    hasDismissReason: ({ event }) => event.type === 'DISMISS' && hasText(event.reason),
    // A late notice must say why it is late (the reason is stored and printed in it).
    onTimeOrExplained: ({ context, event }) =>
      !context.overdue || (event.type === 'NOTIFY' && hasText(event.lateReason)),
    suspicionNotifiable: ({ context, event }) =>
      context.notifySuspicion && (!context.overdue || (event.type === 'NOTIFY' && hasText(event.lateReason))),
    notYetOverdue: ({ context }) => !context.overdue,
  },
}).createMachine({
  id: 'breachTrack',
  context: ({ input }) => ({ notifySuspicion: input.notifySuspicion, overdue: false, noticeVersion: 0, acknowledgements: 0, decisions: 0 }),
  initial: 'detected',
  states: {
    // Logged, nobody has looked at it yet. The clock may already run (agreement decides).
    detected: {
      entry: 'scheduleDeadline',
      on: {
        TRIAGE: 'triage',
        CONFIRM: { target: 'awaitingNotice', actions: 'scheduleDeadline' },
        DISMISS: { guard: 'hasDismissReason', target: 'dismissed', actions: 'cancelDeadline' },
        NOTIFY: { guard: 'suspicionNotifiable', target: 'notified', actions: ['countNotice', 'cancelDeadline', { type: 'sendNotice', params: { kind: 'initial' } }] },
        DEADLINE_WARNING: { guard: 'notYetOverdue', actions: 'warnDeadline' },
        DEADLINE_ELAPSED: { guard: 'notYetOverdue', actions: ['markOverdue', 'escalateOverdue'] },
      },
    },
    // Support is investigating whether it is a breach.
    triage: {
      on: {
        CONFIRM: { target: 'awaitingNotice', actions: 'scheduleDeadline' },
        DISMISS: { guard: 'hasDismissReason', target: 'dismissed', actions: 'cancelDeadline' },
        NOTIFY: { guard: 'suspicionNotifiable', target: 'notified', actions: ['countNotice', 'cancelDeadline', { type: 'sendNotice', params: { kind: 'initial' } }] },
        DEADLINE_WARNING: { guard: 'notYetOverdue', actions: 'warnDeadline' },
        DEADLINE_ELAPSED: { guard: 'notYetOverdue', actions: ['markOverdue', 'escalateOverdue'] },
      },
    },
    // Not a breach after all: stays in the register with its reason.
    dismissed: { type: 'final' },
    // Confirmed breach; the notice must go out before the deadline.
    awaitingNotice: {
      on: {
        NOTIFY: { guard: 'onTimeOrExplained', target: 'notified', actions: ['countNotice', 'cancelDeadline', { type: 'sendNotice', params: { kind: 'initial' } }] },
        DISMISS: { guard: 'hasDismissReason', target: 'dismissed', actions: 'cancelDeadline' },
        DEADLINE_WARNING: { guard: 'notYetOverdue', actions: 'warnDeadline' },
        DEADLINE_ELAPSED: { guard: 'notYetOverdue', actions: ['markOverdue', 'escalateOverdue'] },
      },
    },
    // The notice went out; waiting for the controller to acknowledge it.
    notified: {
      on: {
        ACKNOWLEDGE: { target: 'awaitingAssessment', actions: 'countAcknowledgement' },
        ASSESS: { target: 'followUp', actions: 'countDecision' },
        SUPPLEMENT: { actions: ['countNotice', { type: 'sendNotice', params: { kind: 'supplement' } }] },
      },
    },
    // The controller has it; its DPO decides on reporting to the AP.
    awaitingAssessment: {
      on: {
        ACKNOWLEDGE: { actions: 'countAcknowledgement' },
        ASSESS: { target: 'followUp', actions: 'countDecision' },
        SUPPLEMENT: { actions: ['countNotice', { type: 'sendNotice', params: { kind: 'supplement' } }] },
        CLOSE: 'closed',
      },
    },
    // Decision recorded; updates follow until the case is closed.
    followUp: {
      on: {
        ACKNOWLEDGE: { actions: 'countAcknowledgement' },
        ASSESS: { actions: 'countDecision' },
        SUPPLEMENT: { actions: ['countNotice', { type: 'sendNotice', params: { kind: 'supplement' } }] },
        CLOSE: 'closed',
      },
    },
    closed: {
      // A contact may still confirm receipt of an earlier notice after closure.
      on: { ACKNOWLEDGE: { actions: 'countAcknowledgement' } },
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

/** States in which the notice deadline still matters. */
export const PRE_NOTICE_STATES: readonly TrackState[] = ['detected', 'triage', 'awaitingNotice'];
