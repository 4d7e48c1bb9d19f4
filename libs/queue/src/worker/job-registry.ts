import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER_METADATA, JobHandlerMeta } from '../job-handler.decorator';
import { JobName } from '../queue-names';

export type BoundHandler = { meta: JobHandlerMeta; fn: (payload: unknown, job: unknown) => Promise<unknown>; owner: string };

/** Finds every @JobHandler in the application and checks that each job name has exactly one. */
@Injectable()
export class JobRegistry {
  private handlers = new Map<JobName, BoundHandler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  discover(): Map<JobName, BoundHandler> {
    const found = new Map<JobName, BoundHandler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const meta = this.reflector.get<JobHandlerMeta>(JOB_HANDLER_METADATA, proto[method]);
        if (!meta) continue;
        const list = found.get(meta.name) ?? [];
        list.push({ meta, fn: (proto[method] as (...a: unknown[]) => Promise<unknown>).bind(instance), owner: `${proto.constructor.name}.${method}` });
        found.set(meta.name, list);
      }
    }
    assertOneHandlerEach(found);
    this.handlers = new Map([...found].map(([k, v]) => [k, v[0]]));
    return this.handlers;
  }

  get(name: JobName): BoundHandler | undefined {
    return this.handlers.get(name);
  }
}

/** Start-up fails when a job name has no handler or more than one. */
export function assertOneHandlerEach(found: Map<JobName, { owner: string }[]>): void {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const list = found.get(name) ?? [];
    if (list.length === 0) problems.push(`job "${name}" has no handler`);
    if (list.length > 1) problems.push(`job "${name}" has ${list.length} handlers: ${list.map((h) => h.owner).join(', ')}`);
  }
  if (problems.length) throw new Error(`Job handler check failed:\n  - ${problems.join('\n  - ')}`);
}
