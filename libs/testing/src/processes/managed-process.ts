import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { children, ROOT, tailOf, waitFor } from './util';

// ------------------------------------------------------------------------------------------------
// A child process with its output in a log file

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logFile: string;
  /** Resolves true once the process can serve. */
  ready: (p: ManagedProcess) => Promise<boolean>;
  readyTimeoutMs?: number;
}

export class ManagedProcess {
  child: ChildProcess | null = null;
  /** Output of the current run (since the last start), for readiness markers. */
  output = '';
  starts = 0;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (appending to its log) and waits until it is ready. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    this.starts += 1;
    this.output = '';
    const fd = openSync(this.spec.logFile, 'a');
    writeFileSync(fd, `\n===== ${new Date().toISOString()} start #${this.starts} of ${this.name}: ${this.spec.command} ${this.spec.args.join(' ')}\n`);
    const child = spawn(this.spec.command, this.spec.args, { cwd: ROOT, env: this.spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    this.child = child;
    const onData = (chunk: Buffer) => {
      if (this.child === child) this.output = (this.output + chunk.toString('utf8')).slice(-256 * 1024);
      try {
        writeFileSync(fd, chunk);
      } catch {
        /* closed */
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((res) => {
      child.once('close', (code, signal) => {
        children.delete(child);
        try {
          writeFileSync(fd, `===== ${this.name} (pid ${child.pid}) exited: ${signal ?? `code ${code}`}\n`);
          closeSync(fd);
        } catch {
          /* closed */
        }
        res();
      });
    });
    await waitFor(`${this.name} did not become ready`, () => this.spec.ready(this), {
      timeoutMs: this.spec.readyTimeoutMs ?? 90_000,
      everyMs: 100,
      abort: () => (child.exitCode !== null || child.signalCode !== null ? `it exited during start-up (${child.signalCode ?? `code ${child.exitCode}`})` : undefined),
      explain: () => this.tail(),
    });
  }

  /** Sends `signal` and waits until the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
    clearTimeout(timer);
    if (!done) {
      this.child!.kill('SIGKILL');
      await this.exited;
    }
  }

  /** SIGTERM (a clean shutdown), SIGKILL after `graceMs`. */
  stop(graceMs = 10_000): Promise<void> {
    return this.kill('SIGTERM', graceMs);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  tail(lines = 40): string {
    return `----- last lines of ${relative(ROOT, this.spec.logFile)} (${this.name}) -----\n${tailOf(this.spec.logFile, lines)}`;
  }
}

