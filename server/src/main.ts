import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runBackgroundChecker, WORKER_ROLE } from './lsp/background';
import { startServer } from './server';

if (!isMainThread && parentPort && (workerData as { role?: unknown } | undefined)?.role === WORKER_ROLE) {
  // This bundle is also the thread that checks oversized drafts (server/src/lsp/background.ts).
  runBackgroundChecker(parentPort);
} else {
  // The connection picks its transport from the command line (--stdio, --node-ipc, --socket=N).
  const connection = createConnection(ProposedFeatures.all);

  // stdout is the protocol channel under --stdio: route console output to the client's log.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

  process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));

  startServer(connection, { workerScript: __filename });
}
