import type { Request, Response } from 'express';
import { isControllerSide, type AuthUser } from '../../auth/auth-user';
import { ui, type UiMessages } from '../../i18n/ui-messages';
import { renderPage } from '../pages';
import { languageOf } from './page-session';

export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

/** The links a role gets in the header; the current page marked for screen readers too. */
function navFor(user: AuthUser | undefined, m: UiMessages, path: string): NavLink[] {
  if (!user) return [];
  const links: Array<[string, string]> = [['/dashboard', m.navDashboard]];
  if (!isControllerSide(user)) links.push(['/incidents/new', m.navReport], ['/outbox', m.navOutbox]);
  links.push(['/register', m.navRegister]); // every role: the use case shows controller-side users their own entries
  if (user.role === 'admin') links.push(['/admin/controllers', m.navControllers], ['/admin/users', m.navUsers]);
  if (user.role === 'admin') links.push(['/admin/webhooks', m.navWebhooks]);
  return links.map(([href, label]) => ({ href, label, current: path === href || (href !== '/dashboard' && path.startsWith(`${href}/`)) }));
}

/** What every page's layout prints: language, header, navigation, the CSRF token for forms. */
export function pageBase(req: Request, res: Response) {
  const language = languageOf(req);
  const m = ui(language);
  const other = language === 'nl' ? 'en' : 'nl';
  // An acknowledgement or password-reset link is a secret: never echo it into another URL.
  const secretLink = req.path.startsWith('/ack/') || req.path.startsWith('/password-reset/');
  const back = encodeURIComponent(req.originalUrl.startsWith('/') && !secretLink ? req.originalUrl : '/');
  return {
    language,
    m,
    csrf: res.locals.csrfToken as string,
    loggedIn: Boolean(req.user),
    roleLabel: req.user ? m[`role_${req.user.role}`] : '',
    nav: navFor(req.user, m, req.path),
    switchLanguage: { href: `/language/${other}?back=${back}`, label: m.switchTo, lang: other },
  };
}

export type PageBase = ReturnType<typeof pageBase>;

/** Renders a page with the layout's values filled in; `view` adds the page's own. */
export function renderWebPage(req: Request, res: Response, status: number, page: string, view: { title: string } & Record<string, unknown>): void {
  renderPage(res, status, page, { ...pageBase(req, res), ...view });
}
