// The least a language server can do: vscode-languageserver over stdio (the library ours is built
// on), answering every hover with null. Its round trip is the floor under a hover on any server
// built on that library on this machine; `npm run bench` measures it beside ours, in the same run.
const { createConnection } = require('vscode-languageserver/node');

const connection = createConnection();
connection.onInitialize(() => ({ capabilities: { hoverProvider: true } }));
connection.onHover(() => null);
connection.listen();
