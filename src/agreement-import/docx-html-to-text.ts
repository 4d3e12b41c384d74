/**
 * Mammoth's HTML of a .docx as the plain text the reader expects: paragraphs and headings
 * on their own lines, Word's real bullet lists as "- item" and numbered lists as "1. item"
 * (mammoth's raw text drops both markers), nested lists indented, and table rows as cells
 * joined with tabs (as a table pasted from Word). One pass over the tags: linear.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let line = '';
  let row: string[] | null = null;
  let cell: string | null = null;
  const flush = () => {
    const indent = /^ */.exec(line)![0];
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) out.push(indent + text);
    line = '';
  };
  const write = (text: string) => {
    if (cell !== null) cell += text;
    else line += text;
  };
  const tag = /<(\/?)([a-zA-Z0-9]+)[^>]*>/g;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(html))) {
    write(decode(html.slice(at, m.index)));
    at = m.index + m[0].length;
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    if (name === 'ul' || name === 'ol') {
      if (closing) lists.pop();
      else {
        if (cell === null) flush();
        lists.push({ ordered: name === 'ol', n: 0 });
      }
    } else if (name === 'li' && cell === null) {
      flush();
      if (!closing && lists.length) {
        const list = lists[lists.length - 1];
        list.n += 1;
        line = `${'  '.repeat(lists.length - 1)}${list.ordered ? `${list.n}.` : '-'} `;
      }
    } else if (name === 'tr') {
      if (!closing) {
        flush();
        row = [];
      } else if (row) {
        const cells = row.map((c) => c.replace(/\s+/g, ' ').trim());
        // Tab-separated, as a table pasted from Word: the contacts reader reads such rows.
        if (cells.some(Boolean)) out.push(cells.join('\t'));
        row = null;
      }
    } else if (name === 'td' || name === 'th') {
      if (!closing) cell = '';
      else if (row && cell !== null) {
        row.push(cell);
        cell = null;
      }
    } else if (/^(p|h[1-6]|div|br)$/.test(name)) {
      if (cell !== null) cell += ' ';
      else if (name === 'br' || closing || !/^\s*(?:[-0-9]+\.? )?$/.test(line)) flush();
    }
  }
  write(decode(html.slice(at)));
  flush();
  return out.join('\n\n');
}
