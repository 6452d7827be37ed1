/** turnSlices() (src/api/turns.ts): at most N requests go on per turn of the event loop, in arrival order. */
import { describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { turnSlices } from '../../src/api/turns.js';

const req = {} as Request;
const res = {} as Response;
/** one turn of the event loop (the check phase of the next one has run) */
const turn = () => new Promise((r) => setImmediate(r));

describe('turnSlices', () => {
  it('off-peak a request goes on at once, in the same turn', () => {
    const mw = turnSlices(16);
    let went = false;
    mw(req, res, () => { went = true; });
    expect(went).toBe(true);
  });

  it('a burst goes on N a turn, first come first served, and every request goes on', async () => {
    const mw = turnSlices(16);
    const order: number[] = [];
    for (let i = 0; i < 40; i++) mw(req, res, () => { order.push(i); });
    expect(order).toEqual([...Array(16).keys()]);
    await turn();
    expect(order.length).toBe(32);
    await turn();
    expect(order).toEqual([...Array(40).keys()]);
  });

  it('a request arriving while others wait queues behind them, not before', async () => {
    const mw = turnSlices(2);
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) mw(req, res, () => { order.push(name); });
    expect(order).toEqual(['a', 'b']);
    mw(req, res, () => { order.push('late'); });
    await turn();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    await turn();
    expect(order).toEqual(['a', 'b', 'c', 'd', 'late']);
  });

  it('the count starts again each turn: after a full turn, the next request goes on at once', async () => {
    const mw = turnSlices(3);
    let n = 0;
    for (let i = 0; i < 3; i++) mw(req, res, () => { n++; });
    await turn();
    mw(req, res, () => { n++; });
    expect(n).toBe(4);
  });

  it('keeps up with a load that never lets the queue empty (slots served are dropped)', async () => {
    const mw = turnSlices(4);
    let n = 0;
    for (let t = 0; t < 600; t++) {
      for (let i = 0; i < 5; i++) mw(req, res, () => { n++; });
      await turn();
    }
    for (let t = 0; t < 200; t++) await turn();
    expect(n).toBe(3000);
  });

  it('perTurn below 1 lets everything through', () => {
    const mw = turnSlices(0);
    let n = 0;
    for (let i = 0; i < 100; i++) mw(req, res, () => { n++; });
    expect(n).toBe(100);
  });
});
