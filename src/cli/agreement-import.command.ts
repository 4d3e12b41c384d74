import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AgreementProfileProposal, Extracted } from '../agreement-import/agreement-profile.types';
import { readAgreementText } from '../agreement-import/agreement-text.reader';
import { extractAgreementProfile } from '../agreement-import/extract-agreement-profile';

/**
 * `npm run cli -- agreement:import FILE [--json]`: the proposal as a table a person reads
 * (value, confidence, clause, the start of the source sentence), or the full JSON.
 */
function show(value: unknown): string {
  if (value === null) return 'immediately / none';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? (v as { name?: string }).name ?? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return Object.entries(value as object).filter(([, v]) => v !== null && v !== false).map(([k, v]) => `${k}: ${v}`).join('; ');
  return String(value);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderProposalTable(p: AgreementProfileProposal): string {
  const rows: string[][] = [['field', 'value', 'conf.', 'clause', 'source']];
  const fields: Array<[string, Extracted<unknown>]> = [
    ['processor', p.processor], ['controller', p.controller], ['version', p.version], ['deadline', p.deadline], ['clock start', p.clockStart],
    ['notify suspicion', p.notifySuspicion], ['regardless of impact', p.regardlessOfImpact], ['required fields', p.requiredFields],
    ['escalation', p.escalation], ['sub-processors', p.subProcessors], ['data categories', p.dataCategories],
    ['subject categories', p.subjectCategories], ['retention (months)', p.retentionMonthsAfterEnd],
  ];
  for (const [name, v] of fields) {
    if (!v.found) rows.push([name, 'NOT FOUND', '', '', clip(v.reason, 60)]);
    else {
      rows.push([name, clip(show(v.value), 60), v.confidence.toFixed(2), v.source.clause ?? '', clip(v.source.sentence.replace(/\s+/g, ' '), 60)]);
      for (const c of v.conflicts ?? []) rows.push(['  CONFLICT', clip(show(c.value), 60), '', c.source.clause ?? '', clip(c.source.sentence.replace(/\s+/g, ' '), 60)]);
    }
  }
  rows.push(['extra items', p.extraItems.map((e) => `${e.item} (${e.source.clause ?? '?'})`).join(', ') || '—', '', '', '']);
  if (p.contacts.found) {
    for (const c of p.contacts.value) {
      const who = [c.side, c.roleLabel, c.name, c.email, c.phone, c.mobile && `mobile ${c.mobile}`, c.blank && '(blank in annex)', c.standInForKey && `stands in for ${c.standInForKey}`].filter(Boolean).join(' | ');
      rows.push([`contact ${c.key}`, clip(who, 140), c.confidence.toFixed(2), c.source.clause ?? '', '']);
    }
  } else rows.push(['contacts', 'NOT FOUND', '', '', clip(p.contacts.reason, 60)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = [`language: ${p.language}${p.looksLikeAgreement ? '' : ' (does not look like a DPA)'}`, ...p.warnings.map((w) => `warning: ${w}`)];
  return `${lines.join('\n')}\n\n${notes.join('\n')}\n`;
}

export async function agreementImportCommand(file: string, options: { json?: boolean }): Promise<string> {
  const buffer = readFileSync(file);
  const text = await readAgreementText({ buffer, fileName: path.basename(file) });
  const proposal = extractAgreementProfile(text);
  return options.json ? `${JSON.stringify(proposal, null, 2)}\n` : renderProposalTable(proposal);
}
