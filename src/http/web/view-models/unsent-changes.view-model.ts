import type { UnsentChanges } from '../../../domain/unsent-changes';
import { hasMessage, t, type Language, type MessageKey } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';

/** A notice field's name as the notice prints it; a key it does not know reads "a field". */
export function fieldName(lang: Language, key: string, m: UiMessages): string {
  return hasMessage(`field_${key}`) ? t(lang, `field_${key}` as MessageKey) : m.audit_says_a_field;
}

/** "Gewijzigd sinds melding 1: Samenvatting — stuur een aanvulling", or '' when nothing changed. */
export function unsentText(lang: Language, changes: UnsentChanges | undefined): string {
  if (!changes) return '';
  const m = ui(lang);
  return m.changedSinceNotice.replace('{version}', String(changes.version)).replace('{fields}', changes.fields.map((f) => fieldName(lang, f, m)).join(', '));
}
