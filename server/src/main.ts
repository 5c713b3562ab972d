import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures, type MessageReader } from 'vscode-languageserver/node';
import { runBackgroundChecker, WORKER_ROLE } from './lsp/background';
import { StdioMessageWriter } from './lsp/wire';
import { startServer } from './server';

if (!isMainThread && parentPort && (workerData as { role?: unknown } | undefined)?.role === WORKER_ROLE) {
  // This bundle is also the thread that checks oversized drafts (server/src/lsp/background.ts).
  runBackgroundChecker(parentPort);
} else {
  // The connection picks its transport from the command line (--stdio, --node-ipc, --socket=N).
  // Over stdio it writes with our writer: one write per message, with an encoder that reuses
  // the bytes of unchanged diagnostics (lsp/wire.ts).
  // stdin stays a stream: the library wraps each side on its own (its typings only admit two
  // streams or a reader and a writer) and, for a stream, exits when the client closes it.
  const connection = process.argv.includes('--stdio')
    ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new StdioMessageWriter(process.stdout))
    : createConnection(ProposedFeatures.all);

  // stdout is the protocol channel under --stdio: route console output to the client's log.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  console.debug = console.log;
  console.trace = console.log;

  process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));

  // A test seam: how long the background thread lives idle (lsp/background.ts, IDLE_MS), so that a
  // test can see a draft asked about after the thread let its analysis go without waiting 30 s.
  const idle = Number(process.env.POLICY_LEXICON_TEST_BACKGROUND_IDLE_MS);
  startServer(connection, { workerScript: __filename, backgroundIdleMs: idle > 0 ? idle : undefined });
}
