import type { NoticeContent } from '../domain/notice-content';
import type { FieldChange } from '../domain/notice-fields';
import { buildNoticeView, buildSmsView } from './notice-view-model';
import { renderEmail, renderSms, type RenderedEmail } from './templates';

/**
 * One notice version as one recipient gets it: the only place a notice is rendered, for the
 * send job and for the preview alike (what is previewed is what is sent; only the signed
 * acknowledgement link differs).
 */
export function renderNoticeEmail(content: NoticeContent, changes: FieldChange[], contactName: string, ackUrl: string): RenderedEmail {
  return renderEmail('notice', buildNoticeView(content, changes, contactName, ackUrl));
}

export function renderNoticeSms(content: NoticeContent, ackUrl: string): string {
  return renderSms('notice', buildSmsView(content, ackUrl));
}
