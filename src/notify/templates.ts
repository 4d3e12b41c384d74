import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/** Handlebars templates from templates/, compiled once and kept. */
export const TEMPLATES_DIR = path.resolve(__dirname, '../../templates');

const cache = new Map<string, Handlebars.TemplateDelegate>();

let partialsRegistered = false;

/** Page partials (templates/partials/*.hbs), registered by file name on first use. */
function registerPartials(): void {
  if (partialsRegistered) return;
  const dir = path.join(TEMPLATES_DIR, 'partials');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    Handlebars.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(path.join(dir, file), 'utf8'));
  }
  partialsRegistered = true;
}

export function template(name: string): Handlebars.TemplateDelegate {
  registerPartials();
  let compiled = cache.get(name);
  if (!compiled) {
    compiled = Handlebars.compile(readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'), { strict: true });
    cache.set(name, compiled);
  }
  return compiled;
}

/** Plain-text templates must not HTML-escape what they print. */
export function textTemplate(name: string): (view: object) => string {
  let compiled = cache.get(`text:${name}`);
  if (!compiled) {
    compiled = Handlebars.compile(readFileSync(path.join(TEMPLATES_DIR, name), 'utf8'), { strict: true, noEscape: true });
    cache.set(`text:${name}`, compiled);
  }
  return compiled;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** An e-mail is a subject/html/text triple rendered from one view model. */
export function renderEmail(base: string, view: object): RenderedEmail {
  return {
    subject: textTemplate(`emails/${base}.subject.hbs`)(view).trim(),
    html: template(`emails/${base}.html.hbs`)(view),
    text: textTemplate(`emails/${base}.text.hbs`)(view),
  };
}

export function renderSms(base: string, view: object): string {
  return textTemplate(`sms/${base}.hbs`)(view).trim();
}
