import { describe, expect, it } from 'vitest';
import { createWriteLanes } from './residents.import-lanes';

/** A write the test ends by hand, recording when it began. */
function gate(log: string[], name: string) {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const ended = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return {
    write: () => {
      log.push(`start ${name}`);
      return ended;
    },
    open,
    fail,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('import write lanes', () => {
  it('writes up to the lane count at once and starts the next when one ends', async () => {
    const log: string[] = [];
    const lanes = createWriteLanes(2);
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
    await lanes.start(new Set(), a.write);
    await lanes.start(new Set(), b.write);
    const third = lanes.start(new Set(), c.write);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.open();
    await third;
    expect(log).toEqual(['start a', 'start b', 'start c']);
    a.open();
    c.open();
    await lanes.drain();
  });

  it('holds back a batch naming a household head that a running batch also names', async () => {
    const log: string[] = [];
    const lanes = createWriteLanes(4);
    const [a, b, c] = [gate(log, 'a'), gate(log, 'b'), gate(log, 'c')];
    await lanes.start(new Set(['h1']), a.write);
    await lanes.start(new Set(['h2']), b.write);
    const clashing = lanes.start(new Set(['h3', 'h1']), c.write);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    a.open();
    await clashing;
    expect(log).toEqual(['start a', 'start b', 'start c']);
    b.open();
    c.open();
    await lanes.drain();
  });

  it('refuses to start after a write failed, and the drain throws that failure', async () => {
    const log: string[] = [];
    const lanes = createWriteLanes(2);
    const [a, b] = [gate(log, 'a'), gate(log, 'b')];
    await lanes.start(new Set(), a.write);
    a.fail(new Error('disk full'));
    await tick();
    await expect(lanes.start(new Set(), b.write)).rejects.toThrow('disk full');
    expect(log).toEqual(['start a']);
    await expect(lanes.drain()).rejects.toThrow('disk full');
  });
});
