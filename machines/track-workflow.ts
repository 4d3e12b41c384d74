import { initialTransition, transition } from 'xstate';
import {
  breachTrackMachine,
  EFFECT_TYPES,
  type TrackContext,
  type TrackEffect,
  type TrackEvent,
  type TrackInput,
  type TrackState,
} from './breach-track.machine';

/**
 * The pure face of the machine for the service: plain JSON in, plain JSON out.
 * What is stored per track is `{ value, context }`: enough to restore the machine, and
 * readable in SQL by an auditor.
 */
export interface StoredTrackSnapshot {
  value: TrackState;
  context: TrackContext;
}

export interface TrackStep {
  snapshot: StoredTrackSnapshot;
  effects: TrackEffect[];
}

const EFFECTS = new Set<string>(EFFECT_TYPES);

function toEffects(actions: ReadonlyArray<{ type: string; params?: unknown }>): TrackEffect[] {
  return actions
    .filter((action) => EFFECTS.has(action.type))
    .map((action) => (action.params === undefined ? { type: action.type } : { type: action.type, params: action.params }) as TrackEffect);
}

function toStored(snapshot: { value: unknown; context: TrackContext }): StoredTrackSnapshot {
  return { value: snapshot.value as TrackState, context: { ...snapshot.context } };
}

export function startTrack(input: TrackInput): TrackStep {
  const [snapshot, actions] = initialTransition(breachTrackMachine, input);
  return { snapshot: toStored(snapshot), effects: toEffects(actions) };
}

/** Can the track in this snapshot take the event now (state and guards)? */
export function canApply(stored: StoredTrackSnapshot, event: TrackEvent): boolean {
  return breachTrackMachine.resolveState(stored).can(event);
}

/** Next snapshot and effects, or null when the event is not allowed in this state. */
export function applyEvent(stored: StoredTrackSnapshot, event: TrackEvent): TrackStep | null {
  const current = breachTrackMachine.resolveState(stored);
  if (!current.can(event)) return null;
  const [next, actions] = transition(breachTrackMachine, current, event);
  return { snapshot: toStored(next), effects: toEffects(actions) };
}

/** Event types the state accepts in principle (guards aside): for the UI and error messages. */
export function acceptedEventTypes(stored: StoredTrackSnapshot): string[] {
  const current = breachTrackMachine.resolveState(stored);
  return [...new Set(current._nodes.flatMap((node) => [...node.ownEvents]))].filter((t) => !t.startsWith('xstate.'));
}
