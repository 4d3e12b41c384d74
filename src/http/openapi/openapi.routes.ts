import { Router } from 'express';
import { renderWebPage } from '../web/page-context';
import { API_OPERATIONS } from './api-operations';
import { buildOpenApiDocument, toOpenApiPath } from './openapi-document';

/** /api/openapi.json and a plain, script-free page to browse it at /api/docs. */
export function openApiRoutes(publicUrl: string): Router {
  const router = Router();
  const document = buildOpenApiDocument(publicUrl);
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (req, res) => {
    const paths = document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    renderWebPage(req, res, 200, 'api-docs', {
      title: 'Meldplicht API',
      operations: API_OPERATIONS.map((op) => ({
        method: op.method.toUpperCase(),
        path: op.path,
        anchor: `${op.method}-${op.path.replace(/[^a-z0-9]+/gi, '-')}`,
        summary: op.summary,
        roles: op.roles,
        body: op.body ? JSON.stringify(paths[toOpenApiPath(op.path)][op.method].requestBody!.content['application/json'].schema, null, 2) : null,
      })),
    });
  });
  return router;
}
