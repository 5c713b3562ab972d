import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './fixtures';

/** A language server spawned as an editor would: `node dist/server.js --stdio`. */
export interface ServerProcess {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

export function spawnServer(env: NodeJS.ProcessEnv = process.env): ServerProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  return {
    connection,
    process: child,
    stderr: () => stderr,
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone.
      }
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill();
            resolve();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

/**
 * A spawned server after `initialize` and `initialized`, with every publishDiagnostics it sends
 * collected in `published`. `debounceMs` (pushed as settings) makes each change publish at once;
 * `env` is the server's environment.
 */
export async function initializedServer(options: { debounceMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<{ server: ServerProcess; published: PublishDiagnosticsParams[] }> {
  const server = spawnServer(options.env);
  const published: PublishDiagnosticsParams[] = [];
  server.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await server.connection.sendNotification('initialized', {});
  if (options.debounceMs !== undefined) {
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { policyLexicon: { debounceMs: options.debounceMs } } });
  }
  return { server, published };
}
