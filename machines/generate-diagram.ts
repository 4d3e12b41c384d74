import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnyStateNode } from 'xstate';
import { breachTrackMachine } from './breach-track.machine';

/**
 * Renders docs/state-diagram.md from the breach-track machine definition: a Mermaid
 * statechart plus a table of states whose meanings come from the comments in the machine
 * file. Run with `npm run diagram`; tests/machines/state-diagram.test.ts fails when the
 * committed document no longer matches.
 */

const MACHINE_SOURCE = path.join(__dirname, 'breach-track.machine.ts');
const MACHINE_SOURCE_LABEL = 'machines/breach-track.machine.ts';

/** Where the generated document lives. */
export const STATE_DIAGRAM_PATH = path.resolve(__dirname, '..', 'docs', 'state-diagram.md');

function describeParams(params: unknown): string {
  if (params === undefined || params === null || typeof params === 'function') return '';
  if (typeof params !== 'object') return String(params);
  return Object.entries(params as Record<string, unknown>)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** `scheduleDeadline`, `sendNotice(kind=initial)`, … */
function describeAction(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') return action.name || 'inline action';
  if (action && typeof action === 'object' && 'type' in action) {
    const { type, params } = action as { type: unknown; params?: unknown };
    const name = typeof type === 'string' ? type : 'inline action';
    const described = describeParams(params);
    return described ? `${name}(${described})` : name;
  }
  return 'unknown action';
}

function describeGuard(guard: unknown): string | undefined {
  if (guard === undefined || guard === null) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'inline guard';
  if (typeof guard === 'object' && 'type' in guard && typeof (guard as { type: unknown }).type === 'string') {
    return (guard as { type: string }).type;
  }
  return 'guard';
}

/** `EVENT [guard] / effect, effect` */
function transitionLabel(eventType: string, guard: unknown, actions: readonly unknown[]): string {
  const guardName = describeGuard(guard);
  const effects = actions.map(describeAction);
  return `${eventType}${guardName ? ` [${guardName}]` : ''}${effects.length ? ` / ${effects.join(', ')}` : ''}`;
}

function childStates(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states) as AnyStateNode[];
}

/** Comment lines directly above `key: {`, else directly inside the block, from the machine source. */
function stateComments(source: string): Map<string, string> {
  const lines = source.split(/\r?\n/);
  const comments = new Map<string, string>();
  const isComment = (line: string | undefined): line is string => line !== undefined && line.trim().startsWith('//');
  const text = (line: string) => line.trim().replace(/^\/\/\s?/, '').trim();
  for (const node of childStates(breachTrackMachine.root)) {
    const key = node.key;
    const pattern = new RegExp(`^\\s*(['"]?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\s*:\\s*\\{`);
    const at = lines.findIndex((line) => pattern.test(line));
    if (at < 0) continue;
    const found: string[] = [];
    for (let i = at - 1; isComment(lines[i]); i--) found.unshift(text(lines[i]));
    if (found.length === 0 && lines[at].trim().endsWith('{')) {
      for (let i = at + 1; isComment(lines[i]); i++) found.push(text(lines[i]));
    }
    if (found.length > 0) comments.set(key, found.join(' '));
  }
  return comments;
}

function tableCell(value: string): string {
  return value.replace(/\|/g, '\\|');
}

/** The whole document, deterministic for a given machine definition and source. */
export function renderStateDiagram(): string {
  const root = breachTrackMachine.root;
  const states = childStates(root);
  const comments = stateComments(fs.readFileSync(MACHINE_SOURCE, 'utf8'));
  const initialKeys = new Set((root.initial?.target ?? []).map((target: AnyStateNode) => target.key));

  const mermaid: string[] = ['stateDiagram-v2'];
  for (const node of states) {
    if (initialKeys.has(node.key)) mermaid.push(`  [*] --> ${node.key}`);
  }
  for (const node of states) {
    if (node.entry.length > 0) mermaid.push(`  ${node.key} : entry / ${node.entry.map(describeAction).join(', ')}`);
    if (node.exit.length > 0) mermaid.push(`  ${node.key} : exit / ${node.exit.map(describeAction).join(', ')}`);
  }
  for (const node of states) {
    for (const [eventType, definitions] of node.transitions) {
      for (const definition of definitions) {
        const targets: readonly AnyStateNode[] = definition.target && definition.target.length > 0 ? definition.target : [node];
        for (const target of targets) {
          mermaid.push(`  ${node.key} --> ${target.key} : ${transitionLabel(eventType, definition.guard, definition.actions)}`);
        }
      }
    }
    for (const definition of node.always ?? []) {
      const targets: readonly AnyStateNode[] = definition.target && definition.target.length > 0 ? definition.target : [node];
      for (const target of targets) {
        mermaid.push(`  ${node.key} --> ${target.key} : ${transitionLabel('always', definition.guard, definition.actions)}`);
      }
    }
    if (node.type === 'final') mermaid.push(`  ${node.key} --> [*]`);
  }

  const table: string[] = ['| State | Meaning | Accepts |', '| --- | --- | --- |'];
  for (const node of states) {
    const marks = [initialKeys.has(node.key) ? 'initial' : '', node.type === 'final' ? 'final' : ''].filter(Boolean);
    const name = `\`${node.key}\`${marks.length ? ` (${marks.join(', ')})` : ''}`;
    const accepts = [...node.transitions.keys()].filter((type) => !type.startsWith('xstate.'));
    table.push(
      `| ${name} | ${tableCell(comments.get(node.key) ?? '—')} | ${accepts.length ? accepts.map((type) => `\`${type}\``).join(', ') : '—'} |`,
    );
  }

  return [
    '# Breach-track workflow',
    '',
    `Generated by \`npm run diagram\` from ${MACHINE_SOURCE_LABEL} — do not edit by hand.`,
    '',
    'One breach *track* is one incident as it concerns one controller. Transitions read',
    '`EVENT [guard] / effects`; an arrow back to its own state changes only the context and/or',
    'emits effect intents, which the service executes as rows and jobs.',
    '',
    '```mermaid',
    ...mermaid,
    '```',
    '',
    '## States',
    '',
    ...table,
    '',
  ].join('\n');
}

export function writeStateDiagram(target: string = STATE_DIAGRAM_PATH): string {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, renderStateDiagram(), 'utf8');
  return target;
}

if (require.main === module) {
  const written = writeStateDiagram();
  console.log(`Wrote ${path.relative(process.cwd(), written) || written}`);
}
