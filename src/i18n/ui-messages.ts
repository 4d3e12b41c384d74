import type { Language } from './messages';
import { enUi } from './ui-messages.en';
import { nlUi, type UiMessages } from './ui-messages.nl';

export type { UiMessages };

/** The pages' catalog for a language (notices use `messages.ts`). */
export function ui(language: Language): UiMessages {
  return language === 'en' ? enUi : nlUi;
}
