// walint for JavaScript: the rules of walint's Go library, compiled to
// WebAssembly and run in this process, for Node.js 18 or later. See
// README.md; the types are in index.d.ts.
//
//   import { load, guardFetch } from 'walint';
//   const walint = await load();
//   const report = walint.validate(payload, { dialect: 'cloud' });

export { load } from "./lib/load.js";
export { guardFetch, isMessagesRequest, WalintRejectedError } from "./lib/guard.js";
