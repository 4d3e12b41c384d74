/** The webhook admin page's words in Dutch. */
export const webhooksNlUi = {
  navWebhooks: 'Webhooks',
  webhooksTitle: 'Webhooks',
  webhooksIntro: 'Koppelingen die bij elke statuswijziging van een spoor een ondertekend bericht krijgen (alleen ids en statussen). Nieuwe webhooks maakt u via de API.',
  webhooksEmpty: 'Er zijn geen webhooks.',
  colWebhookUrl: 'Adres',
  colWebhookScope: 'Voor',
  colWebhookState: 'Status',
  colWebhookDeliveries: 'Mislukt / in wachtrij',
  colWebhookActions: 'Acties',
  webhookAllControllers: 'alle verwerkingsverantwoordelijken',
  webhookActive: 'actief',
  webhookInactive: 'uitgeschakeld',
  webhookDeactivate: 'Uitschakelen',
  webhookActivate: 'Inschakelen',
  webhookDelete: 'Verwijderen',
};
