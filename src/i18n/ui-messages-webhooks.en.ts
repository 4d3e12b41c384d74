import type { webhooksNlUi } from './ui-messages-webhooks.nl';

/** The webhook admin page's words in English. */
export const webhooksEnUi: typeof webhooksNlUi = {
  navWebhooks: 'Webhooks',
  webhooksTitle: 'Webhooks',
  webhooksIntro: 'Integrations that get a signed message on every state change of a track (ids and states only). New webhooks are added through the API.',
  webhooksEmpty: 'There are no webhooks.',
  colWebhookUrl: 'Address',
  colWebhookScope: 'For',
  colWebhookState: 'State',
  colWebhookDeliveries: 'Failed / queued',
  colWebhookActions: 'Actions',
  webhookAllControllers: 'all controllers',
  webhookActive: 'active',
  webhookInactive: 'switched off',
  webhookDeactivate: 'Switch off',
  webhookActivate: 'Switch on',
  webhookDelete: 'Delete',
};
