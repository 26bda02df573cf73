// Starts compiling walint.wasm the moment the page's head is read, before
// the page's modules have loaded, let alone run: app.js hands the compile
// to init (walint.js) as its module option. The module then compiles while
// its bytes arrive and while the scripts load, instead of after them.
//
// A classic script, loaded async: a module script would wait for the
// page's parse. When app.js runs first it sets walintModule to null, and
// this script does nothing: init compiles the module itself.
"use strict";
{
  const page = /** @type {typeof self & { walintModule?: Promise<WebAssembly.Module> | null }} */ (self);
  if (page.walintModule === undefined && WebAssembly.compileStreaming) {
    page.walintModule = WebAssembly.compileStreaming(fetch("walint.wasm"));
    page.walintModule.catch(() => {}); // init compiles again, and reports why it fails.
  }
}
