/** Request schemas of the public API: they validate requests and generate /openapi.json. */
import { z } from 'zod';

export { SearchQuery } from '../service/params.js';

export const DocumentParams = z.object({ id: z.string().min(1).max(200) });

export const CitingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
}).strict();
