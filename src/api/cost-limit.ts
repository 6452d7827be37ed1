/**
 * Searches limited by cost as well as by count (security.ts limits the count): every search computed
 * (a cached answer costs nothing: src/api/cache.ts) is charged its cost in units (src/service/cost.ts
 * searchCost: 1 for the widget's prefix query, 2 for a default page of 10 × 3 passages, up to 6 for
 * 50 × 10), against a budget per minute: the portal key's `costPerMinute` when a key is used, else the
 * caller's IP address (SEARCH_COST_PER_MINUTE_IP). Over budget → 429 rate_limited + Retry-After.
 * Token buckets in memory (rate-limiter-flexible's RateLimiterMemory), like express-rate-limit's store.
 *
 *   const charge = createCostLimiter(config, metrics);
 *   await charge(req, access, 6);   // throws AppError('rate_limited') when the budget is spent
 */
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config, PortalKey } from '../config.js';
import { AppError } from '../errors.js';
import type { Metrics } from './metrics.js';
import type { PortalAccess } from './security.js';

export type CostCharge = (req: Request, access: PortalAccess, cost: number) => Promise<void>;

export function createCostLimiter(config: Config, metrics?: Metrics): CostCharge {
  const perIp = new RateLimiterMemory({ points: config.searchCostPerMinuteIp, duration: 60, keyPrefix: 'cost-ip' });
  const perKey = new Map<PortalKey, RateLimiterMemory>();
  const limiterOf = (key: PortalKey) => {
    let l = perKey.get(key);
    if (!l) { l = new RateLimiterMemory({ points: key.costPerMinute, duration: 60, keyPrefix: 'cost-key' }); perKey.set(key, l); }
    return l;
  };
  return async (req, access, cost) => {
    const limiter = access.key ? limiterOf(access.key) : perIp;
    const who = access.key ? 'portal key' : 'IP address';
    // a request costing more than a whole minute's budget still runs once the bucket is full
    const units = Math.min(cost, limiter.points);
    try {
      await limiter.consume(access.key ? `key:${access.key.name}` : (req.ip ?? 'unknown'), units);
      metrics?.costUnits.inc(units);
    } catch (r) {
      if (!(r instanceof RateLimiterRes)) throw r;
      metrics?.costLimited.inc();
      const secs = Math.max(1, Math.ceil(r.msBeforeNext / 1000));
      throw new AppError('rate_limited', `Search cost budget spent for this ${who} (this search costs ${units} units); retry in ${secs} s.`, { retryAfter: secs, details: { cost: units } });
    }
  };
}
