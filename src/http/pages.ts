import type { Response } from 'express';
import { template } from '../notify/templates';

/** Renders a page template inside the layout. The view model carries every value. */
export function renderPage(res: Response, status: number, page: string, view: { title: string; language: string } & Record<string, unknown>): void {
  const body = template(`pages/${page}.hbs`)(view);
  res.status(status).type('html').send(template('layouts/main.hbs')({ ...view, body }));
}
