import ExcelJS from 'exceljs';

/** Builders for bulk-import files (issue 15): rows of one contact each, as a CRM exports them. */
export const IMPORT_HEADER = [
  'external_key', 'name', 'kvk_number', 'sector', 'city', 'template', 'contact_name', 'contact_role', 'contact_email',
  'contact_mobile', 'contact_phone', 'contact_position', 'contact_receives_notice', 'contact_stand_in_for',
] as const;
export type ImportRow = Partial<Record<(typeof IMPORT_HEADER)[number], string>>;

/** Three contacts per controller: the breach contact, the DPO standing in, the director. */
export function clientRows(n: number, template: string, prefix = 'CRM'): ImportRow[] {
  const rows: ImportRow[] = [];
  for (let i = 1; i <= n; i++) {
    const key = `${prefix}-${String(i).padStart(5, '0')}`;
    const base = { external_key: key, name: `Klant ${key}`, kvk_number: String(10_000_000 + i), sector: 'zorg', city: 'Utrecht', template };
    const mail = (who: string) => `${who}.${key.toLowerCase()}@klant.example`;
    rows.push({ ...base, contact_name: 'Anna Jansen', contact_role: 'breach_contact', contact_email: mail('anna'), contact_mobile: `06 ${String(20_000_000 + i)}`, contact_receives_notice: 'ja' });
    rows.push({ ...base, contact_name: 'Bram de Vries', contact_role: 'dpo', contact_email: mail('bram'), contact_mobile: `+316${String(30_000_000 + i)}`, contact_stand_in_for: mail('anna') });
    rows.push({ ...base, contact_name: 'Carla Smit', contact_role: 'director', contact_email: mail('carla'), contact_phone: '030 1234567' });
  }
  return rows;
}

const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV file as Dutch Excel writes it: `;`, with a BOM. */
export function csvFile(rows: ImportRow[]): Buffer {
  const lines = [IMPORT_HEADER.join(';'), ...rows.map((r) => IMPORT_HEADER.map((h) => quote(r[h] ?? '')).join(';'))];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function xlsxFile(rows: ImportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Klanten');
  sheet.addRow([...IMPORT_HEADER]);
  for (const r of rows) {
    const row = sheet.addRow(IMPORT_HEADER.map((h) => r[h] ?? ''));
    // CRMs export e-mail addresses as links: the reader takes the text.
    const email = r.contact_email;
    if (email) row.getCell(IMPORT_HEADER.indexOf('contact_email') + 1).value = { text: email, hyperlink: `mailto:${email}` };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
