import { Router } from 'express';

/** Placeholder until the explorer lands: the root answers with where the GraphQL endpoint is. */
export function explorerRouter(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('text/plain').send('GraphQL endpoint: POST /graphql\n');
  });
  return router;
}
