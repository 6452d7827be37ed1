/** Telex/VNI typing left in a query ("nghij ddinhj", "nghi5 d9inh5") → Vietnamese, or null when it does not read as such. */
import { decodeTelex, decodeVni } from '../text/telex.js';

export function decodeTypedVietnamese(q: string): string | null {
  for (const decode of [decodeTelex, decodeVni]) {
    const d = decode(q);
    if (d && d !== q) return d;
  }
  return null;
}
