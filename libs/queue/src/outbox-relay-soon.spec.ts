import { OutboxService } from './outbox.service';

describe('OutboxService.relaySoon: one immediate relay at a time per process', () => {
  it('runs one relay at a time and once more after it when asked while it ran, so no request is lost', async () => {
    const outbox = new OutboxService({} as never, {} as never, {} as never);
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const relay = jest.spyOn(outbox, 'relay').mockImplementation(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
      return 1;
    });
    const tick = () => new Promise((r) => setImmediate(r));
    outbox.relaySoon();
    outbox.relaySoon(); // while the first runs: coalesced into one more run
    outbox.relaySoon();
    await tick();
    expect(relay).toHaveBeenCalledTimes(1);
    gates.shift()!();
    await tick();
    expect(relay).toHaveBeenCalledTimes(2);
    gates.shift()!();
    await tick();
    outbox.relaySoon(); // idle again: runs at once
    await tick();
    expect(relay).toHaveBeenCalledTimes(3);
    gates.shift()!();
    await tick();
    expect(most).toBe(1);
    expect(relay).toHaveBeenCalledTimes(3);
  });
});
