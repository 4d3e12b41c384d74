import type { ClockStart, ContactRole, NoticeFieldKey } from '../seed/demo-agreements';

export type { ClockStart, ContactRole, NoticeFieldKey };

/** Where a value came from: the clause number (when the text has one) and the sentence itself. */
export interface SourceRef {
  clause: string | null;
  sentence: string;
  /** Character offsets into the normalised text, so a page can highlight the passage. */
  start: number;
  end: number;
}

/** Another value the text also states for the same thing: shown, never silently dropped. */
export interface ConflictingValue<T> {
  value: T;
  source: SourceRef;
}

export interface Found<T> {
  found: true;
  value: T;
  /** 0–1: how sure the rule is; lowered when the text contradicts itself. */
  confidence: number;
  source: SourceRef;
  /** Other sentences that state the same value (corroboration). */
  alsoIn?: SourceRef[];
  /** Other sentences that state a different value: the admin must choose. */
  conflicts?: ConflictingValue<T>[];
}

export interface NotFound {
  found: false;
  /** Why nothing was proposed, in words the admin can act on. */
  reason: string;
}

export type Extracted<T> = Found<T> | NotFound;

export interface NoticeDeadline {
  /** null = immediately ("onverwijld", "without undue delay") without an hour count. */
  hours: number | null;
  /** The text also asks for "zonder onredelijke vertraging" / "without undue delay". */
  withoutUndueDelay: boolean;
}

export type ExtraNoticeItem =
  | 'count_range'            // minimum and maximum number when the exact count is unknown
  | 'occurred_period'        // the period (start–end) of the breach
  | 'sub_processor_known_at' // when it became known at the sub-processor
  | 'encryption_state'       // encrypted / hashed / unintelligible, and how
  | 'staged_delivery'        // information may follow in stages / a preliminary notice
  | 'open_ended';            // "any other information the controller needs": review by hand

export interface RequiredFieldHit {
  key: NoticeFieldKey;
  source: SourceRef;
}

export interface ExtraItemHit {
  item: ExtraNoticeItem;
  source: SourceRef;
}

export interface ContactProposal {
  key: string;
  side: 'processor' | 'controller' | 'unknown';
  role: ContactRole;
  /** The role as written ("FG dan wel ISO", "Security Officer"). */
  roleLabel: string;
  name: string | null;
  email: string | null;
  phone: string | null;  // E.164
  mobile: string | null; // E.164
  /** "bij afwezigheid": this contact stands in for that one. */
  standInForKey: string | null;
  /** The annex leaves this contact's details to be filled in. */
  blank: boolean;
  order: number;
  confidence: number;
  source: SourceRef;
}

export interface PartyProposal {
  name: string;
  kvkNumber: string | null;
}

export interface SubProcessorProposal {
  name: string;
  address?: string;
}

export interface AgreementVersion {
  text: string;
  /** ISO date (YYYY-MM-DD) when the text gives a full date. */
  date: string | null;
}

export interface EscalationRule {
  text: string;
  role: ContactRole;
}

export interface AgreementProfileProposal {
  language: 'nl' | 'en';
  /** How much of the text looked like a DPA at all: 0 for garbage. */
  looksLikeAgreement: boolean;
  processor: Extracted<PartyProposal>;
  controller: Extracted<PartyProposal>;
  version: Extracted<AgreementVersion>;
  deadline: Extracted<NoticeDeadline>;
  clockStart: Extracted<ClockStart>;
  notifySuspicion: Extracted<boolean>;
  regardlessOfImpact: Extracted<boolean>;
  requiredFields: Extracted<NoticeFieldKey[]>;
  /** Each required field with the list item that demands it. */
  requiredFieldHits: RequiredFieldHit[];
  extraItems: ExtraItemHit[];
  contacts: Extracted<ContactProposal[]>;
  escalation: Extracted<EscalationRule>;
  subProcessors: Extracted<SubProcessorProposal[]>;
  dataCategories: Extracted<string[]>;
  subjectCategories: Extracted<string[]>;
  retentionMonthsAfterEnd: Extracted<number>;
  /** Things the admin should look at: contradictions, guesses not made, odd input. */
  warnings: string[];
}
