import { getShortestPaths } from '@xstate/graph';
import { initialTransition, transition, type AnyStateNode, type SnapshotFrom } from 'xstate';
import {
  breachTrackMachine,
  ESCALATION_STEPS,
  PRE_NOTICE_STATES,
  TRACK_STATES,
  type TrackContext,
  type TrackEffect,
  type TrackEvent,
  type TrackInput,
  type TrackState,
} from '../../machines/breach-track.machine';
import {
  acceptedEventTypes,
  applyEvent,
  canApply,
  startTrack,
  type StoredTrackSnapshot,
} from '../../machines/track-workflow';

/*
 * Pure tests of the breach-track statechart and its JSON wrapper. No database, no clock.
 *
 * Coverage is computed from the machine definition itself: every state node and every
 * (state × event × candidate) transition found in `breachTrackMachine.root` must be reached
 * by a generated path, and must have a hand-written effect expectation below. Adding a state
 * or transition to the machine without extending these tests makes them fail.
 */

type Snapshot = SnapshotFrom<typeof breachTrackMachine>;
type TransitionDef = ReturnType<typeof breachTrackMachine.getTransitionData>[number];

/** Concrete events tried in every state: valid and invalid payloads for each guard. */
const EVENTS: readonly TrackEvent[] = [
  { type: 'TRIAGE' },
  { type: 'CONFIRM' },
  { type: 'DISMISS', reason: 'not a breach' },
  { type: 'DISMISS', reason: '' },
  { type: 'DISMISS', reason: '   ' },
  { type: 'NOTIFY' },
  { type: 'NOTIFY', lateReason: 'mail server was down' },
  { type: 'NOTIFY', lateReason: '  ' },
  { type: 'AUTO_NOTIFY' },
  { type: 'ACKNOWLEDGE' },
  { type: 'ACK_OVERDUE', step: 1 },
  { type: 'ACK_OVERDUE', step: 2 },
  { type: 'ACK_OVERDUE', step: 3 },
  { type: 'ASSESS' },
  { type: 'AP_REMINDER' },
  { type: 'SUPPLEMENT' },
  { type: 'SUPPLEMENT', final: false },
  { type: 'SUPPLEMENT', final: true },
  { type: 'CLOSE' },
  { type: 'CLOSE', measuresRecorded: false },
  { type: 'CLOSE', measuresRecorded: true },
  { type: 'DEADLINE_WARNING', share: 0.5 },
  { type: 'DEADLINE_ELAPSED' },
  { type: 'REOPEN', reason: 'dismissed by mistake', withinPeriod: true },
  { type: 'REOPEN', reason: 'dismissed by mistake', withinPeriod: false },
  { type: 'REOPEN', reason: ' ', withinPeriod: true },
  { type: 'RETRACT', reason: 'no personal data involved' },
  { type: 'RETRACT', reason: '' },
  { type: 'ASSESS', reportToAp: true },
  { type: 'ASSESS', reportToAp: false },
  { type: 'CONTROLLER_AWARE' },
  { type: 'CONTROLLER_AWARE', earlier: true },
  { type: 'DEADLINE_MOVED', passed: false },
  { type: 'DEADLINE_MOVED', passed: true },
  { type: 'AP_REPORT', kind: 'report' },
  { type: 'AP_REPORT', kind: 'supplement' },
  { type: 'AP_REPORT', kind: 'withdrawal' },
];

const INPUTS: readonly TrackInput[] = [
  { notifySuspicion: true, immediate: false },
  { notifySuspicion: false, immediate: false },
  { notifySuspicion: true, immediate: true },
  { notifySuspicion: false, immediate: true },
];

// ---------------------------------------------------------------------------------------
// The machine definition, as data
// ---------------------------------------------------------------------------------------

function allStateNodes(node: AnyStateNode = breachTrackMachine.root): AnyStateNode[] {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.flatMap((child) => [child, ...allStateNodes(child)]);
}

/** `awaitingNotice.NOTIFY`; a candidate index is appended when one event has several. */
function transitionKey(definition: TransitionDef | { source: AnyStateNode; eventType: string }): string {
  const source = definition.source as AnyStateNode;
  const candidates = source.transitions.get(definition.eventType) ?? [];
  const base = `${source.path.join('.')}.${definition.eventType}`;
  return candidates.length > 1 ? `${base}#${candidates.indexOf(definition as TransitionDef)}` : base;
}

/** Every transition the machine config defines: each state × event key × candidate, targetless ones included. */
function definedTransitionKeys(): string[] {
  return allStateNodes().flatMap((node) =>
    [...node.transitions.values()].flatMap((definitions) => definitions.map((definition) => transitionKey(definition))),
  );
}

/** Transitions the machine takes for this snapshot and event (empty when the event is rejected). */
function takenTransitions(snapshot: Snapshot, event: TrackEvent): TransitionDef[] {
  return breachTrackMachine.getTransitionData(snapshot, event);
}

// ---------------------------------------------------------------------------------------
// Paths generated with @xstate/graph
// ---------------------------------------------------------------------------------------

/**
 * Counters grow without bound (SUPPLEMENT, ACKNOWLEDGE, ASSESS loop), so the traversal
 * abstracts them to what a guard can tell apart: none or some notices and decisions; no
 * guard reads the acknowledgement count. The control-relevant context stays exact
 * (escalationStep is bounded by ESCALATION_STEPS through its guard, so it is kept as is).
 */
function abstractState(snapshot: Snapshot): string {
  const { notifySuspicion, immediate, overdue, noticeVersion, decisions, escalationStep, finalSent } = snapshot.context;
  const { established, retracted, controllerAware, reportsToAp, apReport } = snapshot.context;
  const some = (n: number) => Math.min(n, 1);
  return JSON.stringify([
    snapshot.value, notifySuspicion, immediate, overdue, some(noticeVersion), some(decisions), escalationStep, finalSent,
    established, retracted, controllerAware, reportsToAp, apReport,
  ]);
}

interface GeneratedPath {
  input: TrackInput;
  events: TrackEvent[];
  /** Machine snapshot before each event (and, for a shortest path, the final one). */
  snapshots: Snapshot[];
  /** The shortest path this one extends by one event; its steps are the first ones here. */
  base?: GeneratedPath;
  /** Index of the first step no earlier path in the list has taken (0, or the extending event). */
  fresh: number;
}

function machineSnapshots(input: TrackInput, events: TrackEvent[]): Snapshot[] {
  let [snapshot] = initialTransition(breachTrackMachine, input);
  const snapshots = [snapshot];
  for (const event of events) {
    [snapshot] = transition(breachTrackMachine, snapshot, event);
    snapshots.push(snapshot);
  }
  return snapshots;
}

/** Shortest path to every reachable abstract state, then extended by each concrete event: covers every edge. */
function generatePaths(input: TrackInput): GeneratedPath[] {
  const shortest = getShortestPaths(breachTrackMachine, { input, events: EVENTS, serializeState: abstractState });
  const paths: GeneratedPath[] = [];
  for (const path of shortest) {
    // Steps after the first carry the event that led to their state; the first is the init.
    const events = path.steps.slice(1).map((step) => step.event as TrackEvent);
    // The graph keeps one representative per abstract state; the exact snapshots come from
    // replaying the events through the machine itself.
    const snapshots = machineSnapshots(input, events);
    const base: GeneratedPath = { input, events, snapshots, fresh: 0 };
    paths.push(base);
    for (const event of EVENTS) {
      paths.push({ input, events: [...events, event], snapshots, base, fresh: events.length });
    }
  }
  return paths;
}

const GENERATED = INPUTS.flatMap((input) => generatePaths(input));

interface ReplayStep {
  event: TrackEvent;
  before: StoredTrackSnapshot;
  result: ReturnType<typeof applyEvent>;
}

interface Replay {
  start: StoredTrackSnapshot;
  steps: ReplayStep[];
  /** The snapshot after the last accepted event. */
  end: StoredTrackSnapshot;
}

const REPLAYS = new WeakMap<GeneratedPath, Replay>();

/** Replays a path through the JSON wrapper; returns each step's outcome (null = rejected). Memoised; an extension reuses its base. */
function replay(path: GeneratedPath): Replay {
  const cached = REPLAYS.get(path);
  if (cached) return cached;
  const prefix = path.base ? replay(path.base) : { start: startTrack(path.input).snapshot, steps: [], end: undefined };
  const steps = [...prefix.steps];
  let current = prefix.end ?? prefix.start;
  for (const event of path.events.slice(steps.length)) {
    const result = applyEvent(current, event);
    steps.push({ event, before: current, result });
    if (result) current = result.snapshot;
  }
  const replayed: Replay = { start: prefix.start, steps, end: current };
  REPLAYS.set(path, replayed);
  return replayed;
}

/** Every step some generated path takes, once: the machine snapshot before it, and the event. */
function* freshMachineSteps(): Generator<{ path: GeneratedPath; index: number; snapshot: Snapshot; event: TrackEvent }> {
  for (const path of GENERATED) {
    for (let index = path.fresh; index < path.events.length; index++) {
      yield { path, index, snapshot: path.snapshots[index], event: path.events[index] };
    }
  }
}

describe('breach-track machine: graph coverage', () => {
  it('when the state list is compared with the machine, then TRACK_STATES names exactly its states', () => {
    expect([...TRACK_STATES].sort()).toEqual(allStateNodes().map((node) => node.path.join('.')).sort());
    expect(PRE_NOTICE_STATES.every((state) => TRACK_STATES.includes(state))).toBe(true);
  });

  it('when the machine is inspected, then it has no eventless, delayed or invoked transitions the coverage below cannot see', () => {
    for (const node of allStateNodes()) {
      expect({ state: node.key, always: node.always ?? [] }).toEqual({ state: node.key, always: [] });
      expect({ state: node.key, invoke: node.invoke }).toEqual({ state: node.key, invoke: [] });
      expect({ state: node.key, after: node.after }).toEqual({ state: node.key, after: [] });
    }
  });

  it('when the concrete event list is compared with the machine, then every event type it handles has at least one concrete event', () => {
    const handled = new Set(allStateNodes().flatMap((node) => [...node.transitions.keys()]));
    const provided = new Set(EVENTS.map((event) => event.type));
    expect([...handled].filter((type) => !provided.has(type as TrackEvent['type']))).toEqual([]);
  });

  it('when paths are generated for all inputs, then every state in TRACK_STATES is reachable', () => {
    const reached = new Set<string>();
    for (const path of GENERATED) {
      const { steps, start } = replay(path);
      reached.add(start.value);
      for (const step of steps) if (step.result) reached.add(step.result.snapshot.value);
    }
    expect([...TRACK_STATES].filter((state) => !reached.has(state))).toEqual([]);
  });

  it('when paths are generated for all inputs, then every transition defined in the machine is taken by at least one path', () => {
    const defined = definedTransitionKeys();
    const taken = new Set<string>();
    for (const { snapshot, event } of freshMachineSteps()) {
      for (const definition of takenTransitions(snapshot, event)) taken.add(transitionKey(definition));
    }
    expect(defined.length).toBeGreaterThan(0);
    expect(defined.filter((key) => !taken.has(key))).toEqual([]);
    // Nothing is taken that the definition walk missed.
    expect([...taken].filter((key) => !defined.includes(key))).toEqual([]);
  });

  it('when a guarded transition is tried along the generated paths, then it is seen both allowed and refused', () => {
    const guarded = allStateNodes().flatMap((node) =>
      [...node.transitions.values()].flat().filter((definition) => definition.guard !== undefined),
    );
    const allowed = new Set<string>();
    const refused = new Set<string>();
    for (const { snapshot, event } of freshMachineSteps()) {
      const taken = takenTransitions(snapshot, event).map((definition) => transitionKey(definition));
      for (const definition of guarded) {
        const node = definition.source as AnyStateNode;
        if (!snapshot.matches(node.path.join('.') as never) || definition.eventType !== event.type) continue;
        (taken.includes(transitionKey(definition)) ? allowed : refused).add(transitionKey(definition));
      }
    }
    const keys = guarded.map((definition) => transitionKey(definition));
    expect(keys.filter((key) => !allowed.has(key))).toEqual([]);
    // Exactly the known never-false guards; when one becomes refusable, drop it from the list.
    expect(keys.filter((key) => !refused.has(key)).sort()).toEqual([...GUARDS_NEVER_FALSE_WHEN_REACHED].sort());
  });

  it('when a never-false guard is fed a hand-made snapshot that breaks its assumption, then it does refuse', () => {
    // `undecided` on AP_REMINDER: a decision always leaves notified/awaitingAssessment for followUp.
    for (const key of GUARDS_NEVER_FALSE_WHEN_REACHED) {
      const state = key.split('.')[0] as TrackState;
      const stored = reach({ notifySuspicion: false }, VIA[state]);
      expect({ key, can: canApply(stored, AP_REMINDER) }).toEqual({ key, can: true });
      const decided: StoredTrackSnapshot = { ...stored, context: { ...stored.context, decisions: 1 } };
      expect({ key, can: canApply(decided, AP_REMINDER), result: applyEvent(decided, AP_REMINDER) }).toEqual({ key, can: false, result: null });
    }
  });

  it('when every generated path is replayed through the JSON wrapper, then canApply/applyEvent agree with the machine at each step', () => {
    const mismatches: unknown[] = [];
    let checked = 0;
    for (const { path, index, snapshot, event } of freshMachineSteps()) {
      const { start, steps } = replay(path);
      if (index === 0 && JSON.stringify(start) !== JSON.stringify({ value: snapshot.value, context: snapshot.context })) {
        mismatches.push({ input: path.input, start, machine: { value: snapshot.value, context: snapshot.context } });
      }
      const { before, result } = steps[index];
      checked += 1;
      const enabled = takenTransitions(snapshot, event).length > 0;
      const can = canApply(before, event);
      const next = transition(breachTrackMachine, snapshot, event)[0];
      const expected = enabled ? { value: next.value, context: next.context } : null;
      const actual = result ? result.snapshot : null;
      // Wrapper and machine start this step from the same snapshot, agree on acceptance and on the outcome.
      if (
        JSON.stringify(before) !== JSON.stringify({ value: snapshot.value, context: snapshot.context }) ||
        can !== enabled ||
        JSON.stringify(actual) !== JSON.stringify(expected)
      ) {
        mismatches.push({ input: path.input, events: path.events.slice(0, index + 1), before, can, enabled, actual, expected });
      }
    }
    expect(checked).toBeGreaterThan(GENERATED.length);
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Invariants over every generated path, through the wrapper
// ---------------------------------------------------------------------------------------

describe('breach-track machine: invariants along generated paths', () => {
  it('when any generated path is replayed, then an ack window is open exactly while the track is notified', () => {
    const violations: unknown[] = [];
    for (const path of GENERATED) {
      const { steps } = replay(path);
      let open = 0;
      steps.forEach((step, index) => {
        if (!step.result) return;
        const types = step.result.effects.map((effect) => effect.type);
        // The ladder only escalates a notice whose ack window is still open.
        if (types.includes('escalateNotice') && !(step.before.value === 'notified' && open === 1)) {
          violations.push({ input: path.input, events: path.events.slice(0, index + 1), escalatedWithOpenWindows: open });
        }
        open += types.filter((type) => type === 'scheduleAckWindow').length - types.filter((type) => type === 'cancelAckWindow').length;
        const value = step.result.snapshot.value;
        if (open !== (value === 'notified' ? 1 : 0)) violations.push({ input: path.input, events: path.events.slice(0, index + 1), value, open });
      });
    }
    expect(violations).toEqual([]);
  });

  it('when any generated path is replayed, then the escalation ladder is climbed 1, 2, … in order, never repeated, never past its top', () => {
    const violations: unknown[] = [];
    let climbs = 0;
    for (const path of GENERATED) {
      const { steps } = replay(path);
      const climbed: number[] = [];
      steps.forEach((step, index) => {
        if (!step.result) return;
        for (const effect of step.result.effects) if (effect.type === 'escalateNotice') climbed.push(effect.params.step);
        if (step.result.snapshot.context.escalationStep !== climbed.length) {
          violations.push({ input: path.input, events: path.events.slice(0, index + 1), escalationStep: step.result.snapshot.context.escalationStep, climbed });
        }
      });
      if (climbed.some((step, index) => step !== index + 1) || climbed.length > ESCALATION_STEPS) violations.push({ input: path.input, events: path.events, climbed });
      climbs = Math.max(climbs, climbed.length);
    }
    expect(violations).toEqual([]);
    expect(climbs).toBe(ESCALATION_STEPS);
  });

  it('when any generated path reaches closed, then a final notice or a retraction was sent on it and noticeVersion counts every notice', () => {
    const violations: unknown[] = [];
    let closedSeen = 0;
    for (const path of GENERATED) {
      const { steps } = replay(path);
      let notices = 0;
      let finals = 0;
      steps.forEach((step, index) => {
        if (!step.result) return;
        for (const effect of step.result.effects) {
          if (effect.type !== 'sendNotice') continue;
          notices += 1;
          if (effect.params.kind === 'final' || effect.params.kind === 'retraction') finals += 1;
        }
        const { context, value } = step.result.snapshot;
        if (value === 'closed') closedSeen += 1;
        if (context.noticeVersion !== notices || (context.finalSent || context.retracted) !== finals > 0 || (value === 'closed' && finals === 0)) {
          violations.push({ input: path.input, events: path.events.slice(0, index + 1), value, context, notices, finals });
        }
      });
    }
    expect(violations).toEqual([]);
    expect(closedSeen).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------
// Effect intents per transition, through the wrapper
// ---------------------------------------------------------------------------------------

const zeroContext = (input: TrackInput): TrackContext => ({
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
});

/** Applies events one by one and fails loudly when one is refused. */
function reach(input: TrackInput, events: readonly TrackEvent[]): StoredTrackSnapshot {
  let stored = startTrack(input).snapshot;
  for (const event of events) {
    const result = applyEvent(stored, event);
    if (!result) throw new Error(`setup event ${JSON.stringify(event)} refused in ${stored.value}`);
    stored = result.snapshot;
  }
  return stored;
}

const TRIAGE: TrackEvent = { type: 'TRIAGE' };
const CONFIRM: TrackEvent = { type: 'CONFIRM' };
const DISMISS: TrackEvent = { type: 'DISMISS', reason: 'not a breach' };
const NOTIFY: TrackEvent = { type: 'NOTIFY' };
const NOTIFY_LATE: TrackEvent = { type: 'NOTIFY', lateReason: 'mail server was down' };
const AUTO_NOTIFY: TrackEvent = { type: 'AUTO_NOTIFY' };
const ACKNOWLEDGE: TrackEvent = { type: 'ACKNOWLEDGE' };
const ackOverdue = (step: number): TrackEvent => ({ type: 'ACK_OVERDUE', step });
const ASSESS: TrackEvent = { type: 'ASSESS' };
const AP_REMINDER: TrackEvent = { type: 'AP_REMINDER' };
const SUPPLEMENT: TrackEvent = { type: 'SUPPLEMENT' };
const FINAL: TrackEvent = { type: 'SUPPLEMENT', final: true };
const CLOSE: TrackEvent = { type: 'CLOSE' };
const CLOSE_NO_MEASURES: TrackEvent = { type: 'CLOSE', measuresRecorded: false };
const CLOSE_OK: TrackEvent = { type: 'CLOSE', measuresRecorded: true };
const WARNING: TrackEvent = { type: 'DEADLINE_WARNING', share: 0.5 };
const REOPEN: TrackEvent = { type: 'REOPEN', reason: 'dismissed by mistake', withinPeriod: true };
const RETRACT: TrackEvent = { type: 'RETRACT', reason: 'no personal data involved' };
const AWARE: TrackEvent = { type: 'CONTROLLER_AWARE' };
const AWARE_EARLIER: TrackEvent = { type: 'CONTROLLER_AWARE', earlier: true };
const MOVED_AHEAD: TrackEvent = { type: 'DEADLINE_MOVED', passed: false };
const MOVED_PASSED: TrackEvent = { type: 'DEADLINE_MOVED', passed: true };
const ASSESS_REPORT: TrackEvent = { type: 'ASSESS', reportToAp: true };
const apReport = (kind: 'report' | 'supplement' | 'correction' | 'withdrawal'): TrackEvent => ({ type: 'AP_REPORT', kind });
const CONFIRMATION_NOTICE: TrackEffect = { type: 'sendNotice', params: { kind: 'confirmation' } };
const RETRACTION_NOTICE: TrackEffect = { type: 'sendNotice', params: { kind: 'retraction' } };
const ELAPSED: TrackEvent = { type: 'DEADLINE_ELAPSED' };

const INITIAL_NOTICE: TrackEffect = { type: 'sendNotice', params: { kind: 'initial' } };
const PRELIMINARY_NOTICE: TrackEffect = { type: 'sendNotice', params: { kind: 'initial', preliminary: true } };
const SUPPLEMENT_NOTICE: TrackEffect = { type: 'sendNotice', params: { kind: 'supplement' } };
const FINAL_NOTICE: TrackEffect = { type: 'sendNotice', params: { kind: 'final' } };
const NOTICE_EFFECTS: TrackEffect[] = [{ type: 'cancelDeadline' }, INITIAL_NOTICE, { type: 'scheduleAckWindow' }];
const PRELIMINARY_EFFECTS: TrackEffect[] = [{ type: 'cancelDeadline' }, PRELIMINARY_NOTICE, { type: 'scheduleAckWindow' }];

/** How to get into each state (with notifySuspicion as given by the case). */
const VIA: Record<TrackState, TrackEvent[]> = {
  detected: [],
  triage: [TRIAGE],
  dismissed: [DISMISS],
  awaitingNotice: [CONFIRM],
  notified: [CONFIRM, NOTIFY],
  awaitingAssessment: [CONFIRM, NOTIFY, ACKNOWLEDGE],
  followUp: [CONFIRM, NOTIFY, ASSESS],
  closed: [CONFIRM, NOTIFY, ACKNOWLEDGE, FINAL, CLOSE_OK],
};

/**
 * Guarded transitions whose guard no reachable snapshot can make false: `undecided` on
 * AP_REMINDER, because ASSESS (the only way to record a decision) always leaves notified and
 * awaitingAssessment for followUp, which does not take AP_REMINDER at all.
 */
const GUARDS_NEVER_FALSE_WHEN_REACHED: readonly string[] = ['notified.AP_REMINDER', 'awaitingAssessment.AP_REMINDER'];

interface EffectCase {
  from: TrackState;
  event: TrackEvent;
  notifySuspicion?: boolean;
  /** Setup events instead of VIA[from] (e.g. a final notice before CLOSE). */
  via?: TrackEvent[];
  to: TrackState;
  effects: TrackEffect[];
  /** Context fields expected to change; all others must stay as they were. */
  changes?: Partial<TrackContext>;
}

/** One expectation per defined transition, keyed like `transitionKey` (`#n` = candidate n of one event). */
const EFFECT_CASES: Record<string, EffectCase> = {
  'detected.TRIAGE': { from: 'detected', event: TRIAGE, to: 'triage', effects: [] },
  'detected.CONFIRM': { from: 'detected', event: CONFIRM, to: 'awaitingNotice', effects: [{ type: 'scheduleDeadline' }], changes: { established: true } },
  'detected.DISMISS': { from: 'detected', event: DISMISS, to: 'dismissed', effects: [{ type: 'cancelDeadline' }] },
  'detected.NOTIFY': {
    from: 'detected', event: NOTIFY, notifySuspicion: true, to: 'notified', effects: NOTICE_EFFECTS, changes: { noticeVersion: 1 },
  },
  'detected.AUTO_NOTIFY': {
    from: 'detected', event: AUTO_NOTIFY, notifySuspicion: true, to: 'notified', effects: PRELIMINARY_EFFECTS, changes: { noticeVersion: 1 },
  },
  'detected.DEADLINE_WARNING': { from: 'detected', event: WARNING, to: 'detected', effects: [{ type: 'warnDeadline' }] },
  'detected.DEADLINE_ELAPSED': {
    from: 'detected', event: ELAPSED, to: 'detected', effects: [{ type: 'escalateOverdue' }], changes: { overdue: true },
  },
  'triage.CONFIRM': { from: 'triage', event: CONFIRM, to: 'awaitingNotice', effects: [{ type: 'scheduleDeadline' }], changes: { established: true } },
  'triage.DISMISS': { from: 'triage', event: DISMISS, to: 'dismissed', effects: [{ type: 'cancelDeadline' }] },
  'triage.NOTIFY': {
    from: 'triage', event: NOTIFY, notifySuspicion: true, to: 'notified', effects: NOTICE_EFFECTS, changes: { noticeVersion: 1 },
  },
  'triage.AUTO_NOTIFY': {
    from: 'triage', event: AUTO_NOTIFY, notifySuspicion: true, to: 'notified', effects: PRELIMINARY_EFFECTS, changes: { noticeVersion: 1 },
  },
  'triage.DEADLINE_WARNING': { from: 'triage', event: WARNING, to: 'triage', effects: [{ type: 'warnDeadline' }] },
  'triage.DEADLINE_ELAPSED': {
    from: 'triage', event: ELAPSED, to: 'triage', effects: [{ type: 'escalateOverdue' }], changes: { overdue: true },
  },
  'awaitingNotice.NOTIFY': { from: 'awaitingNotice', event: NOTIFY, to: 'notified', effects: NOTICE_EFFECTS, changes: { noticeVersion: 1 } },
  'awaitingNotice.AUTO_NOTIFY': {
    from: 'awaitingNotice', event: AUTO_NOTIFY, to: 'notified', effects: PRELIMINARY_EFFECTS, changes: { noticeVersion: 1 },
  },
  'awaitingNotice.DISMISS': { from: 'awaitingNotice', event: DISMISS, to: 'dismissed', effects: [{ type: 'cancelDeadline' }] },
  'awaitingNotice.DEADLINE_WARNING': { from: 'awaitingNotice', event: WARNING, to: 'awaitingNotice', effects: [{ type: 'warnDeadline' }] },
  'awaitingNotice.DEADLINE_ELAPSED': {
    from: 'awaitingNotice', event: ELAPSED, to: 'awaitingNotice', effects: [{ type: 'escalateOverdue' }], changes: { overdue: true },
  },
  'notified.ACKNOWLEDGE': {
    from: 'notified', event: ACKNOWLEDGE, to: 'awaitingAssessment', effects: [{ type: 'cancelAckWindow' }], changes: { acknowledgements: 1 },
  },
  'notified.ACK_OVERDUE': {
    from: 'notified', event: ackOverdue(1), to: 'notified', effects: [{ type: 'escalateNotice', params: { step: 1 } }], changes: { escalationStep: 1 },
  },
  'notified.ASSESS': { from: 'notified', event: ASSESS, to: 'followUp', effects: [{ type: 'cancelAckWindow' }], changes: { decisions: 1 } },
  'notified.AP_REMINDER': { from: 'notified', event: AP_REMINDER, to: 'notified', effects: [{ type: 'remindDpo' }] },
  'notified.SUPPLEMENT#0': {
    from: 'notified', event: FINAL, to: 'notified', effects: [FINAL_NOTICE], changes: { noticeVersion: 2, finalSent: true },
  },
  'notified.SUPPLEMENT#1': { from: 'notified', event: SUPPLEMENT, to: 'notified', effects: [SUPPLEMENT_NOTICE], changes: { noticeVersion: 2 } },
  'awaitingAssessment.ACKNOWLEDGE': {
    from: 'awaitingAssessment', event: ACKNOWLEDGE, to: 'awaitingAssessment', effects: [], changes: { acknowledgements: 2 },
  },
  'awaitingAssessment.ASSESS': { from: 'awaitingAssessment', event: ASSESS, to: 'followUp', effects: [], changes: { decisions: 1 } },
  'awaitingAssessment.AP_REMINDER': { from: 'awaitingAssessment', event: AP_REMINDER, to: 'awaitingAssessment', effects: [{ type: 'remindDpo' }] },
  'awaitingAssessment.SUPPLEMENT#0': {
    from: 'awaitingAssessment', event: FINAL, to: 'awaitingAssessment', effects: [FINAL_NOTICE], changes: { noticeVersion: 2, finalSent: true },
  },
  'awaitingAssessment.SUPPLEMENT#1': {
    from: 'awaitingAssessment', event: SUPPLEMENT, to: 'awaitingAssessment', effects: [SUPPLEMENT_NOTICE], changes: { noticeVersion: 2 },
  },
  'awaitingAssessment.CLOSE': {
    from: 'awaitingAssessment', via: [CONFIRM, NOTIFY, ACKNOWLEDGE, FINAL], event: CLOSE_OK, to: 'closed', effects: [],
  },
  'followUp.ACKNOWLEDGE': { from: 'followUp', event: ACKNOWLEDGE, to: 'followUp', effects: [], changes: { acknowledgements: 1 } },
  'followUp.ASSESS': { from: 'followUp', event: ASSESS, to: 'followUp', effects: [], changes: { decisions: 2 } },
  'followUp.SUPPLEMENT#0': {
    from: 'followUp', event: FINAL, to: 'followUp', effects: [FINAL_NOTICE], changes: { noticeVersion: 2, finalSent: true },
  },
  'followUp.SUPPLEMENT#1': { from: 'followUp', event: SUPPLEMENT, to: 'followUp', effects: [SUPPLEMENT_NOTICE], changes: { noticeVersion: 2 } },
  'followUp.CLOSE': { from: 'followUp', via: [CONFIRM, NOTIFY, ASSESS, FINAL], event: CLOSE_OK, to: 'closed', effects: [] },
  'closed.ACKNOWLEDGE': { from: 'closed', event: ACKNOWLEDGE, to: 'closed', effects: [], changes: { acknowledgements: 2 } },
  // Issue 12: the rest of the lifecycle.
  'detected.DEADLINE_MOVED': { from: 'detected', event: MOVED_AHEAD, to: 'detected', effects: [{ type: 'rescheduleDeadline' }] },
  'triage.DEADLINE_MOVED': {
    from: 'triage', via: [TRIAGE, ELAPSED], event: MOVED_AHEAD, to: 'triage', effects: [{ type: 'rescheduleDeadline' }], changes: { overdue: false },
  },
  'awaitingNotice.DEADLINE_MOVED': {
    from: 'awaitingNotice', via: [CONFIRM, ELAPSED], event: MOVED_PASSED, to: 'awaitingNotice', effects: [{ type: 'rescheduleDeadline' }],
  },
  'dismissed.REOPEN': { from: 'dismissed', event: REOPEN, to: 'triage', effects: [{ type: 'rescheduleDeadline' }] },
  'notified.CONFIRM': {
    from: 'notified', notifySuspicion: true, via: [NOTIFY], event: CONFIRM, to: 'notified', effects: [CONFIRMATION_NOTICE], changes: { established: true, noticeVersion: 2 },
  },
  'notified.RETRACT': {
    from: 'notified', notifySuspicion: true, via: [NOTIFY], event: RETRACT, to: 'closed',
    effects: [RETRACTION_NOTICE, { type: 'cancelAckWindow' }], changes: { retracted: true, noticeVersion: 2 },
  },
  'notified.CONTROLLER_AWARE': {
    from: 'notified', event: AWARE, to: 'notified', effects: [{ type: 'scheduleApReminder' }], changes: { controllerAware: true },
  },
  'notified.DEADLINE_MOVED': { from: 'notified', event: MOVED_PASSED, to: 'notified', effects: [], changes: { overdue: true } },
  'awaitingAssessment.CONFIRM': {
    from: 'awaitingAssessment', notifySuspicion: true, via: [NOTIFY, ACKNOWLEDGE], event: CONFIRM, to: 'awaitingAssessment',
    effects: [CONFIRMATION_NOTICE], changes: { established: true, noticeVersion: 2 },
  },
  'awaitingAssessment.RETRACT': {
    from: 'awaitingAssessment', notifySuspicion: true, via: [NOTIFY, ACKNOWLEDGE], event: RETRACT, to: 'closed',
    effects: [RETRACTION_NOTICE], changes: { retracted: true, noticeVersion: 2 },
  },
  'awaitingAssessment.CONTROLLER_AWARE': {
    from: 'awaitingAssessment', via: [CONFIRM, NOTIFY, ACKNOWLEDGE, AWARE], event: AWARE_EARLIER, to: 'awaitingAssessment', effects: [{ type: 'scheduleApReminder' }],
  },
  'awaitingAssessment.DEADLINE_MOVED': {
    from: 'awaitingAssessment', via: [CONFIRM, ELAPSED, NOTIFY_LATE, ACKNOWLEDGE], event: MOVED_AHEAD, to: 'awaitingAssessment', effects: [], changes: { overdue: false },
  },
  'followUp.CONFIRM': {
    from: 'followUp', notifySuspicion: true, via: [NOTIFY, ASSESS], event: CONFIRM, to: 'followUp', effects: [CONFIRMATION_NOTICE], changes: { established: true, noticeVersion: 2 },
  },
  'followUp.RETRACT': {
    from: 'followUp', notifySuspicion: true, via: [NOTIFY, ASSESS], event: RETRACT, to: 'closed', effects: [RETRACTION_NOTICE], changes: { retracted: true, noticeVersion: 2 },
  },
  'followUp.CONTROLLER_AWARE': { from: 'followUp', event: AWARE, to: 'followUp', effects: [{ type: 'scheduleApReminder' }], changes: { controllerAware: true } },
  'followUp.DEADLINE_MOVED': { from: 'followUp', event: MOVED_AHEAD, to: 'followUp', effects: [] },
  'followUp.AP_REPORT': {
    from: 'followUp', via: [CONFIRM, NOTIFY, ASSESS_REPORT], event: apReport('report'), to: 'followUp', effects: [], changes: { apReport: 'inForce' },
  },
  'closed.CONTROLLER_AWARE': { from: 'closed', event: AWARE, to: 'closed', effects: [], changes: { controllerAware: true } },
  'closed.DEADLINE_MOVED': { from: 'closed', event: MOVED_PASSED, to: 'closed', effects: [], changes: { overdue: true } },
  'closed.AP_REPORT': {
    from: 'closed', via: [CONFIRM, NOTIFY, ASSESS_REPORT, apReport('report'), FINAL, CLOSE_OK], event: apReport('withdrawal'), to: 'closed', effects: [],
    changes: { apReport: 'withdrawn' },
  },
};

describe('breach-track machine: effect intents per transition', () => {
  it('when the expectation table is compared with the machine, then every defined transition has exactly one expectation', () => {
    const defined = definedTransitionKeys();
    expect(defined.filter((key) => !(key in EFFECT_CASES))).toEqual([]);
    expect(Object.keys(EFFECT_CASES).filter((key) => !defined.includes(key))).toEqual([]);
  });

  it('when a track starts, then it is detected with zeroed counters and schedules the deadline', () => {
    for (const input of [...INPUTS, { notifySuspicion: true }, { notifySuspicion: false }]) {
      expect(startTrack(input)).toEqual({
        snapshot: { value: 'detected', context: zeroContext(input) },
        effects: [{ type: 'scheduleDeadline' }],
      });
    }
    // `immediate` is optional in the input and defaults to false.
    expect(startTrack({ notifySuspicion: true }).snapshot.context.immediate).toBe(false);
  });

  describe.each(Object.entries(EFFECT_CASES))('%s', (key, testCase) => {
    it(`when ${JSON.stringify(testCase.event)} arrives in ${testCase.from}, then it goes to ${testCase.to} with effects [${testCase.effects
      .map((effect) => effect.type)
      .join(', ')}]`, () => {
      const input = { notifySuspicion: testCase.notifySuspicion ?? false };
      const before = reach(input, testCase.via ?? VIA[testCase.from]);
      expect(before.value).toBe(testCase.from);
      const frozen = JSON.parse(JSON.stringify(before)) as StoredTrackSnapshot;

      const result = applyEvent(before, testCase.event);

      expect(result).not.toBeNull();
      // The case's event takes exactly the transition it stands for.
      const taken = breachTrackMachine.getTransitionData(breachTrackMachine.resolveState(before), testCase.event);
      expect(taken.map((definition) => transitionKey(definition))).toEqual([key]);
      expect(result!.snapshot.value).toBe(testCase.to);
      expect(result!.effects).toEqual(testCase.effects);
      expect(result!.snapshot.context).toEqual({ ...before.context, ...testCase.changes });
      // The input snapshot is not mutated.
      expect(before).toEqual(frozen);
    });
  });
});

describe('breach-track machine: guards and refusals', () => {
  it('when NOTIFY succeeds, then it cancels the deadline, sends the initial notice, opens the ack window and raises noticeVersion by one', () => {
    const result = applyEvent(reach({ notifySuspicion: false }, [CONFIRM]), NOTIFY)!;
    expect(result.effects).toEqual([{ type: 'cancelDeadline' }, INITIAL_NOTICE, { type: 'scheduleAckWindow' }]);
    expect(result.snapshot.context.noticeVersion).toBe(1);
  });

  it('when SUPPLEMENT is sent twice, then each sends a supplement notice and noticeVersion counts 2 then 3', () => {
    const notified = reach({ notifySuspicion: false }, [CONFIRM, NOTIFY]);
    const first = applyEvent(notified, SUPPLEMENT)!;
    const second = applyEvent(first.snapshot, SUPPLEMENT)!;
    expect([first.effects, second.effects]).toEqual([[SUPPLEMENT_NOTICE], [SUPPLEMENT_NOTICE]]);
    expect([first.snapshot.context.noticeVersion, second.snapshot.context.noticeVersion]).toEqual([2, 3]);
  });

  it.each(PRE_NOTICE_STATES)('when the deadline elapses in %s, then the track is overdue, escalated, and a second DEADLINE_ELAPSED is refused', (state) => {
    const before = reach({ notifySuspicion: true }, VIA[state]);
    const first = applyEvent(before, ELAPSED);
    expect(first).toEqual({ snapshot: { value: state, context: { ...before.context, overdue: true } }, effects: [{ type: 'escalateOverdue' }] });
    expect(canApply(first!.snapshot, ELAPSED)).toBe(false);
    expect(applyEvent(first!.snapshot, ELAPSED)).toBeNull();
  });

  it.each(['', '   ', undefined])('when the track is overdue and NOTIFY carries lateReason %p, then NOTIFY is refused', (lateReason) => {
    const overdue = reach({ notifySuspicion: false }, [CONFIRM, ELAPSED]);
    const event: TrackEvent = lateReason === undefined ? { type: 'NOTIFY' } : { type: 'NOTIFY', lateReason };
    expect(canApply(overdue, event)).toBe(false);
    expect(applyEvent(overdue, event)).toBeNull();
  });

  it('when the track is overdue and NOTIFY explains the delay, then the notice goes out and the track stays marked overdue', () => {
    const overdue = reach({ notifySuspicion: false }, [CONFIRM, ELAPSED]);
    const result = applyEvent(overdue, NOTIFY_LATE);
    expect(result).toEqual({
      snapshot: { value: 'notified', context: { ...overdue.context, noticeVersion: 1 } },
      effects: NOTICE_EFFECTS,
    });
    expect(result!.snapshot.context.overdue).toBe(true);
  });

  it('when the track is not overdue, then NOTIFY is allowed with or without a lateReason', () => {
    const awaiting = reach({ notifySuspicion: false }, [CONFIRM]);
    expect(applyEvent(awaiting, NOTIFY)?.snapshot.value).toBe('notified');
    expect(applyEvent(awaiting, NOTIFY_LATE)?.snapshot.value).toBe('notified');
  });

  it.each(['detected', 'triage'] as const)('when NOTIFY arrives in %s, then it is allowed only if the agreement wants suspicions notified', (state) => {
    expect(applyEvent(reach({ notifySuspicion: false }, VIA[state]), NOTIFY)).toBeNull();
    expect(canApply(reach({ notifySuspicion: false }, VIA[state]), NOTIFY_LATE)).toBe(false);
    expect(applyEvent(reach({ notifySuspicion: true }, VIA[state]), NOTIFY)?.snapshot.value).toBe('notified');
  });

  it.each(['detected', 'triage'] as const)('when a suspicion is overdue in %s, then NOTIFY needs a non-empty lateReason too', (state) => {
    const overdue = reach({ notifySuspicion: true }, [...VIA[state], ELAPSED]);
    expect(applyEvent(overdue, NOTIFY)).toBeNull();
    expect(applyEvent(overdue, { type: 'NOTIFY', lateReason: ' ' })).toBeNull();
    expect(applyEvent(overdue, NOTIFY_LATE)?.snapshot.value).toBe('notified');
  });

  it.each(PRE_NOTICE_STATES)('when DISMISS arrives in %s without a real reason, then it is refused', (state) => {
    const before = reach({ notifySuspicion: true }, VIA[state]);
    for (const reason of ['', '   ', '\n\t']) {
      expect(canApply(before, { type: 'DISMISS', reason })).toBe(false);
      expect(applyEvent(before, { type: 'DISMISS', reason })).toBeNull();
    }
    // A stored event may lack the field entirely (JSON from outside).
    expect(applyEvent(before, { type: 'DISMISS' } as unknown as TrackEvent)).toBeNull();
    expect(applyEvent(before, DISMISS)?.snapshot.value).toBe('dismissed');
  });

  it('when a track is dismissed, then it takes only a reopening with a reason within the period', () => {
    const dismissed = reach({ notifySuspicion: true }, [DISMISS]);
    expect(acceptedEventTypes(dismissed)).toEqual(['REOPEN']);
    for (const event of EVENTS.filter((e) => e.type !== 'REOPEN')) {
      expect({ event, can: canApply(dismissed, event), result: applyEvent(dismissed, event) }).toEqual({ event, can: false, result: null });
    }
    for (const event of [{ type: 'REOPEN', reason: 'erred', withinPeriod: false }, { type: 'REOPEN', reason: '  ', withinPeriod: true }] as TrackEvent[]) {
      expect({ event, result: applyEvent(dismissed, event) }).toEqual({ event, result: null });
    }
    expect(applyEvent(dismissed, REOPEN)).toEqual({ snapshot: { value: 'triage', context: dismissed.context }, effects: [{ type: 'rescheduleDeadline' }] });
  });

  const ACCEPTED: Record<TrackState, string[]> = {
    detected: ['TRIAGE', 'CONFIRM', 'DISMISS', 'NOTIFY', 'AUTO_NOTIFY', 'DEADLINE_WARNING', 'DEADLINE_ELAPSED', 'DEADLINE_MOVED'],
    triage: ['CONFIRM', 'DISMISS', 'NOTIFY', 'AUTO_NOTIFY', 'DEADLINE_WARNING', 'DEADLINE_ELAPSED', 'DEADLINE_MOVED'],
    dismissed: ['REOPEN'],
    awaitingNotice: ['NOTIFY', 'AUTO_NOTIFY', 'DISMISS', 'DEADLINE_WARNING', 'DEADLINE_ELAPSED', 'DEADLINE_MOVED'],
    notified: ['ACKNOWLEDGE', 'ACK_OVERDUE', 'ASSESS', 'AP_REMINDER', 'SUPPLEMENT', 'CONFIRM', 'RETRACT', 'CONTROLLER_AWARE', 'DEADLINE_MOVED'],
    awaitingAssessment: ['ACKNOWLEDGE', 'ASSESS', 'AP_REMINDER', 'SUPPLEMENT', 'CLOSE', 'CONFIRM', 'RETRACT', 'CONTROLLER_AWARE', 'DEADLINE_MOVED'],
    followUp: ['ACKNOWLEDGE', 'ASSESS', 'SUPPLEMENT', 'CLOSE', 'CONFIRM', 'RETRACT', 'CONTROLLER_AWARE', 'DEADLINE_MOVED', 'AP_REPORT'],
    closed: ['ACKNOWLEDGE', 'CONTROLLER_AWARE', 'DEADLINE_MOVED', 'AP_REPORT'],
  };

  it.each(TRACK_STATES)('when the track is in %s, then acceptedEventTypes lists its events and every other event returns null', (state) => {
    const stored = reach({ notifySuspicion: true }, VIA[state]);
    expect([...acceptedEventTypes(stored)].sort()).toEqual([...ACCEPTED[state]].sort());
    for (const event of EVENTS.filter((candidate) => !ACCEPTED[state].includes(candidate.type))) {
      expect({ state, event, can: canApply(stored, event), result: applyEvent(stored, event) }).toEqual({ state, event, can: false, result: null });
    }
  });

  it.each(['notified', 'awaitingAssessment', 'followUp', 'closed'] as const)(
    'when a deadline job fires late in %s, then DEADLINE_WARNING and DEADLINE_ELAPSED are refused',
    (state) => {
      const stored = reach({ notifySuspicion: false }, VIA[state]);
      expect(applyEvent(stored, WARNING)).toBeNull();
      expect(applyEvent(stored, ELAPSED)).toBeNull();
    },
  );

  it('when a track is closed, then the processor can do nothing more; acknowledgements, awareness and the AP report still count', () => {
    const closed = reach({ notifySuspicion: false }, VIA.closed);
    for (const event of [SUPPLEMENT, FINAL, ASSESS, AP_REMINDER, CLOSE, CLOSE_OK, NOTIFY, AUTO_NOTIFY, ackOverdue(1), CONFIRM, RETRACT, REOPEN, DISMISS]) {
      expect({ event, result: applyEvent(closed, event) }).toEqual({ event, result: null });
    }
    expect(applyEvent(closed, ACKNOWLEDGE)).toEqual({
      snapshot: { value: 'closed', context: { ...closed.context, acknowledgements: closed.context.acknowledgements + 1 } },
      effects: [],
    });
  });
});

describe('breach-track machine: preliminary notice, ack ladder, DPO reminder, closing', () => {
  it('when the ack window runs out, then the ladder climbs step 1 then step 2 and never repeats, skips or goes past the top', () => {
    const notified = reach({ notifySuspicion: false }, VIA.notified);
    // No skipping ahead, no step 0, no going past the top from the start.
    for (const step of [0, 2, 3, -1]) expect({ step, result: applyEvent(notified, ackOverdue(step)) }).toEqual({ step, result: null });

    const first = applyEvent(notified, ackOverdue(1))!;
    expect(first).toEqual({
      snapshot: { value: 'notified', context: { ...notified.context, escalationStep: 1 } },
      effects: [{ type: 'escalateNotice', params: { step: 1 } }],
    });
    // No repeat of step 1, no skip to 3.
    for (const step of [1, 3]) expect({ step, result: applyEvent(first.snapshot, ackOverdue(step)) }).toEqual({ step, result: null });

    const second = applyEvent(first.snapshot, ackOverdue(2))!;
    expect(second).toEqual({
      snapshot: { value: 'notified', context: { ...notified.context, escalationStep: 2 } },
      effects: [{ type: 'escalateNotice', params: { step: 2 } }],
    });
    expect(ESCALATION_STEPS).toBe(2);
    // The ladder has two rungs: nothing further, not even the next number.
    for (const step of [1, 2, 3]) expect({ step, result: applyEvent(second.snapshot, ackOverdue(step)) }).toEqual({ step, result: null });
  });

  it('when the controller acknowledges, then the ack window is cancelled and the ladder stops', () => {
    const notified = reach({ notifySuspicion: false }, VIA.notified);
    expect(applyEvent(notified, ACKNOWLEDGE)?.effects).toEqual([{ type: 'cancelAckWindow' }]);

    const escalated = reach({ notifySuspicion: false }, [...VIA.notified, ackOverdue(1)]);
    const acknowledged = applyEvent(escalated, ACKNOWLEDGE)!;
    expect(acknowledged).toEqual({
      snapshot: { value: 'awaitingAssessment', context: { ...escalated.context, acknowledgements: 1 } },
      effects: [{ type: 'cancelAckWindow' }],
    });
    expect(applyEvent(acknowledged.snapshot, ackOverdue(2))).toBeNull();
    // Later acknowledgements do not cancel a window that is already gone.
    expect(applyEvent(acknowledged.snapshot, ACKNOWLEDGE)?.effects).toEqual([]);
  });

  it('when the DPO decides before any acknowledgement, then ASSESS cancels the ack window too', () => {
    const result = applyEvent(reach({ notifySuspicion: false }, VIA.notified), ASSESS)!;
    expect(result.snapshot.value).toBe('followUp');
    expect(result.effects).toEqual([{ type: 'cancelAckWindow' }]);
  });

  it.each(['awaitingAssessment', 'followUp'] as const)('when CLOSE arrives in %s, then it is refused without a final notice or without measures and accepted with both', (state) => {
    const noFinal = reach({ notifySuspicion: false }, VIA[state]);
    for (const event of [CLOSE, CLOSE_NO_MEASURES, CLOSE_OK]) {
      expect({ event, can: canApply(noFinal, event), result: applyEvent(noFinal, event) }).toEqual({ event, can: false, result: null });
    }
    // A plain supplement is not a final notice.
    const supplemented = applyEvent(noFinal, { type: 'SUPPLEMENT', final: false })!;
    expect(supplemented.snapshot.context.finalSent).toBe(false);
    expect(applyEvent(supplemented.snapshot, CLOSE_OK)).toBeNull();

    const final = applyEvent(noFinal, FINAL)!;
    expect(final).toEqual({
      snapshot: { value: state, context: { ...noFinal.context, noticeVersion: noFinal.context.noticeVersion + 1, finalSent: true } },
      effects: [FINAL_NOTICE],
    });
    for (const event of [CLOSE, CLOSE_NO_MEASURES]) {
      expect({ event, can: canApply(final.snapshot, event), result: applyEvent(final.snapshot, event) }).toEqual({ event, can: false, result: null });
    }
    expect(applyEvent(final.snapshot, CLOSE_OK)).toEqual({ snapshot: { value: 'closed', context: final.snapshot.context }, effects: [] });
  });

  it('when the final notice went out while still notified, then it counts for closing later', () => {
    const final = reach({ notifySuspicion: false }, [...VIA.notified, FINAL, ACKNOWLEDGE]);
    expect(final.context.finalSent).toBe(true);
    expect(applyEvent(final, CLOSE_OK)?.snapshot.value).toBe('closed');
  });

  it('when the agreement says "immediately", then an overdue track can NOTIFY without a lateReason while a normal one cannot', () => {
    const immediate = reach({ notifySuspicion: false, immediate: true }, [CONFIRM, ELAPSED]);
    const normal = reach({ notifySuspicion: false, immediate: false }, [CONFIRM, ELAPSED]);
    expect([immediate.context.overdue, normal.context.overdue]).toEqual([true, true]);

    expect(canApply(normal, NOTIFY)).toBe(false);
    expect(applyEvent(normal, NOTIFY)).toBeNull();
    expect(applyEvent(normal, NOTIFY_LATE)?.snapshot.value).toBe('notified');

    expect(applyEvent(immediate, NOTIFY)).toEqual({
      snapshot: { value: 'notified', context: { ...immediate.context, noticeVersion: 1 } },
      effects: NOTICE_EFFECTS,
    });
  });

  it.each(['detected', 'triage'] as const)('when the agreement says "immediately" and a suspicion is overdue in %s, then NOTIFY needs no lateReason', (state) => {
    expect(applyEvent(reach({ notifySuspicion: true, immediate: true }, [...VIA[state], ELAPSED]), NOTIFY)?.snapshot.value).toBe('notified');
    expect(applyEvent(reach({ notifySuspicion: true, immediate: false }, [...VIA[state], ELAPSED]), NOTIFY)).toBeNull();
    // "Immediately" does not override the agreement's choice about suspicions.
    expect(applyEvent(reach({ notifySuspicion: false, immediate: true }, VIA[state]), NOTIFY)).toBeNull();
  });

  it.each(['detected', 'triage'] as const)('when AUTO_NOTIFY arrives in %s, then it is refused unless the agreement wants suspicions notified', (state) => {
    const silent = reach({ notifySuspicion: false }, VIA[state]);
    expect(canApply(silent, AUTO_NOTIFY)).toBe(false);
    expect(applyEvent(silent, AUTO_NOTIFY)).toBeNull();
    const wanted = reach({ notifySuspicion: true }, VIA[state]);
    expect(applyEvent(wanted, AUTO_NOTIFY)).toEqual({
      snapshot: { value: 'notified', context: { ...wanted.context, noticeVersion: 1 } },
      effects: PRELIMINARY_EFFECTS,
    });
  });

  it('when AUTO_NOTIFY arrives in awaitingNotice, then the preliminary notice goes out whatever the agreement and the clock say', () => {
    for (const input of INPUTS) {
      for (const via of [[CONFIRM], [CONFIRM, ELAPSED]]) {
        const before = reach(input, via);
        expect({ input, via, result: applyEvent(before, AUTO_NOTIFY) }).toEqual({
          input, via, result: { snapshot: { value: 'notified', context: { ...before.context, noticeVersion: 1 } }, effects: PRELIMINARY_EFFECTS },
        });
      }
    }
  });

  it('when a notice went out preliminarily, then the track carries on like after NOTIFY (ladder, supplements, closing)', () => {
    const stored = reach({ notifySuspicion: true }, [AUTO_NOTIFY, ackOverdue(1), SUPPLEMENT, ACKNOWLEDGE, ASSESS, FINAL, CLOSE_OK]);
    expect(stored).toEqual({
      value: 'closed',
      context: { ...zeroContext({ notifySuspicion: true }), noticeVersion: 3, acknowledgements: 1, decisions: 1, escalationStep: 1, finalSent: true },
    });
  });

  it.each(['notified', 'awaitingAssessment'] as const)('when no decision is recorded yet in %s, then AP_REMINDER reminds the DPO and changes nothing else', (state) => {
    const before = reach({ notifySuspicion: false }, VIA[state]);
    expect(applyEvent(before, AP_REMINDER)).toEqual({ snapshot: before, effects: [{ type: 'remindDpo' }] });
  });

  it.each(['notified', 'awaitingAssessment'] as const)('when the DPO has decided (from %s), then AP_REMINDER is refused', (state) => {
    const decided = reach({ notifySuspicion: false }, [...VIA[state], ASSESS]);
    expect(decided.context.decisions).toBe(1);
    expect(canApply(decided, AP_REMINDER)).toBe(false);
    expect(applyEvent(decided, AP_REMINDER)).toBeNull();
    const revised = applyEvent(decided, ASSESS)!.snapshot;
    expect(applyEvent(revised, AP_REMINDER)).toBeNull();
  });
});

describe('breach-track machine: stored snapshots', () => {
  it('when a snapshot goes through JSON.stringify/parse, then it restores and behaves exactly like the original', () => {
    for (const state of TRACK_STATES) {
      for (const input of INPUTS) {
        const stored = reach({ notifySuspicion: true }, VIA[state]);
        const adjusted: StoredTrackSnapshot = {
          ...stored,
          context: { ...stored.context, notifySuspicion: input.notifySuspicion, immediate: input.immediate ?? false },
        };
        const restored = JSON.parse(JSON.stringify(adjusted)) as StoredTrackSnapshot;
        expect(restored).toEqual(adjusted);
        expect(breachTrackMachine.resolveState(restored).value).toBe(state);
        expect(acceptedEventTypes(restored)).toEqual(acceptedEventTypes(adjusted));
        for (const event of EVENTS) {
          expect({ state, event, result: applyEvent(restored, event) }).toEqual({ state, event, result: applyEvent(adjusted, event) });
        }
      }
    }
  });

  it('when a step result is serialised, then it is plain JSON (no functions, no xstate internals)', () => {
    const result = applyEvent(reach({ notifySuspicion: false }, [CONFIRM]), NOTIFY)!;
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(Object.keys(result.snapshot).sort()).toEqual(['context', 'value']);
  });

  it('when a long path runs through the counters, then the restored snapshot keeps the exact counts', () => {
    const stored = reach({ notifySuspicion: false }, [
      CONFIRM, ELAPSED, NOTIFY_LATE, ackOverdue(1), SUPPLEMENT, ackOverdue(2), ACKNOWLEDGE, ACKNOWLEDGE, ASSESS, ASSESS, SUPPLEMENT, FINAL, CLOSE_OK, ACKNOWLEDGE,
    ]);
    const restored = JSON.parse(JSON.stringify(stored)) as StoredTrackSnapshot;
    expect(restored).toEqual({
      value: 'closed',
      context: {
        notifySuspicion: false, immediate: false, overdue: true, noticeVersion: 4, acknowledgements: 3, decisions: 2, escalationStep: 2, finalSent: true,
        established: true, retracted: false, controllerAware: false, reportsToAp: false, apReport: 'none',
      },
    });
  });
});
