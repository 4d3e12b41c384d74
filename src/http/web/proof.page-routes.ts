import { Router } from 'express';
import { proofOfNotice } from '../../use-cases/proof-of-notice.use-case';
import type { AppDeps } from '../app-deps';
import { proofView } from '../proof.api-routes';
import { idParam } from '../validate';
import { renderWebPage } from './page-context';
import { pageUser } from './page-session';

/** The printable proof of notice for a browser session (the API takes bearer tokens only). */
export function proofPageRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/tracks/:id/proof', async (req, res) => {
    const proof = await proofOfNotice(idParam(req.params.id, 'Track'), pageUser(req), deps);
    renderWebPage(req, res, 200, 'proof-of-notice', proofView(proof));
  });
  return router;
}
