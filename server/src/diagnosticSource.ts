/**
 * The `source` of every diagnostic the server and the CLI publish; the client counts findings by
 * it. A module of its own, without imports: the CLI reads it without loading the LSP protocol
 * library that `protocol.ts` needs (~15 ms of each thread's start-up).
 */
export const DIAGNOSTIC_SOURCE = 'policy-lexicon';
