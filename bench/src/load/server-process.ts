import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';

export interface ServerProcess {
  url: string;
  /** Sends a message and resolves with the child's reply of the same type. */
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

export interface ServerSpec {
  /** Module of bench/src/servers, e.g. 'echo-server.js'. */
  module: string;
  env?: Record<string, string>;
  /** Writes a CPU profile of the server into this directory (node --cpu-prof). */
  cpuProfDir?: string | null;
}

/**
 * Starts a server in its own process, so the load generator (this process) and the server
 * each have a core, as a client and a service would.
 */
export async function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const child: ChildProcess = fork(new URL(`../servers/${spec.module}`, import.meta.url), [], {
    env: { ...process.env, ...spec.env },
    execArgv: spec.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${spec.cpuProfDir}`] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`${spec.module} exited with ${String(code)} before listening`))),
  ])) as [{ type: string; port: number }];
  if (ready.type !== 'ready') throw new Error(`${spec.module}: unexpected first message ${JSON.stringify(ready)}`);
  return {
    url: `http://127.0.0.1:${ready.port}`,
    async ask<T>(type: string): Promise<T> {
      const reply = new Promise<T>((resolve) => {
        const listen = (message: { type: string; body: T }) => {
          if (message.type !== type) return;
          child.off('message', listen);
          resolve(message.body);
        };
        child.on('message', listen);
      });
      child.send({ type });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      await exited;
    },
  };
}
