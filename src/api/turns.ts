/**
 * turnSlices(perTurn): at most `perTurn` requests go on per turn of the event loop; the others wait,
 * first come first served, for the next turns. What is mounted before it (health, metrics) is
 * answered in the turn its request is read, whatever the load.
 *
 * Why (issue 14): the event loop reads every socket that has data in one turn and, without this,
 * runs each request there and then. Under a saturating load (50 keep-alive clients, each sending its
 * next request as soon as it has an answer) a turn held ~50 answers, ~16 ms of main-thread work at
 * ~0.3 ms per cached answer; a health probe on a new connection is accepted in one turn and read in
 * the next, so it waited two to three such turns (p95 55 ms on the idle machine). With 8 requests a
 * turn the loop comes back to its sockets every ~2 ms (bench:http at 50 connections, 8 against 16 in
 * interleaved runs: health p50 8–9 against 13–26 ms, the same throughput; 4 cost throughput).
 *
 *   app.get('/api/health', …);     // answered where it is read, never queued
 *   app.use(turnSlices(8));        // everything after: 8 requests a turn, in arrival order
 *
 * - Counted in requests, not timed: a request's work on the main thread does not end when its
 *   handler returns (Node writes the corked answer after it, and reads the client's next request in
 *   the next turn), so a time budget measured around the handlers lets whole bursts through
 *   (measured: 35 answers in a "1 ms" slice).
 * - Off-peak nothing waits: a request goes on at once while fewer than `perTurn` went on in this
 *   turn and none is queued.
 * - Never drops a request; the connections bound the queue (one request each at a time), and the
 *   worker pool's bounded queue answers 503 for searches past it. The time a request waits here
 *   counts in its measured duration (the metrics middleware runs before this).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function turnSlices(perTurn: number): RequestHandler {
  if (!(perTurn >= 1)) return (_req, _res, next) => next();
  let queue: NextFunction[] = [];
  let head = 0;
  /** requests that went on since the last slice began (its check phase) */
  let started = 0;
  let scheduled = false;

  const schedule = (): void => {
    if (!scheduled) { scheduled = true; setImmediate(runSlice); }
  };
  // In the check phase of a turn: the next `perTurn` waiting requests go on; the rest wait for the
  // next turn, after the loop has polled its sockets again.
  function runSlice(): void {
    scheduled = false;
    started = 0;
    while (head < queue.length && started < perTurn) {
      const next = queue[head++];
      started++;
      next();
    }
    if (head < queue.length) {
      // under a load that never lets the queue empty, drop the slots already served now and then
      if (head >= 1024) { queue = queue.slice(head); head = 0; }
      schedule();
      return;
    }
    queue = [];
    head = 0;
  }

  return (_req: Request, _res: Response, next: NextFunction) => {
    if (head === queue.length && started < perTurn) {
      started++;
      schedule(); // resets the count at this turn's check phase
      next();
      return;
    }
    queue.push(next);
    schedule();
  };
}
