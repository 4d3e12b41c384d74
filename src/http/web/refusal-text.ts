import { DomainError } from '../../domain/errors';
import { BatchRefusedError, EventNotAllowedError } from '../../domain/event-refusal';
import type { Language } from '../../i18n/messages';
import { ui, type UiMessages } from '../../i18n/ui-messages';
import { label } from './view-models/track-panel.view-model';

/** A refused action in the page's language: no internal event names, what is possible now in words. */
export function refusalLines(lang: Language, error: DomainError): string[] {
  const m = ui(lang);
  if (error instanceof BatchRefusedError) return [m.batchRefused, ...error.refusals.map((r) => `${r.controller}: ${oneRefusal(m, r.refusal)}`)];
  if (error instanceof EventNotAllowedError) return [oneRefusal(m, error)];
  return [`${m.eventRefused} (${error.message})`];
}

function oneRefusal(m: UiMessages, error: EventNotAllowedError): string {
  const action = label(m, `action_${error.event}`, error.event.toLowerCase());
  if (error.why !== 'state') return label(m, `why_${error.why}`, m.why_conditions).replace('{action}', action);
  const possible = error.possible.map((type) => label(m, `action_${type}`, type.toLowerCase())).join(', ') || m.refusedNothing;
  return m.refusedState.replace('{action}', action).replace('{state}', label(m, `state_${error.state}`, error.state)).replace('{possible}', possible);
}
