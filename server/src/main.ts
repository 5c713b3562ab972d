import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The connection picks its transport from the command line (--stdio, --node-ipc, --socket=N).
const connection = createConnection(ProposedFeatures.all);

// stdout is the protocol channel under --stdio: route console output to the client's log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

process.on('uncaughtException', (error) => connection.console.error(`uncaught exception: ${error.stack ?? error}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));

startServer(connection);
