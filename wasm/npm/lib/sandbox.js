// The scope the library's Go program runs in: an object whose prototype is
// the real global object, so that Go finds Uint8Array, Object, Date and the
// rest, while what Go's wasm_exec.js and the module set (Go, fs, path,
// walint) lands on it and never on the user's globalThis. Its fs and
// process are stand-ins: the library has no business with the file system,
// so Go gets no access to it, whatever globals the host has set.

import { webcrypto } from "node:crypto";

const fsCalls = [
  "chmod",
  "chown",
  "close",
  "fchmod",
  "fchown",
  "fstat",
  "ftruncate",
  "lchown",
  "link",
  "lstat",
  "mkdir",
  "open",
  "read",
  "readdir",
  "readlink",
  "rename",
  "rmdir",
  "stat",
  "symlink",
  "truncate",
  "unlink",
  "utimes",
];

function enosys() {
  const err = /** @type {Error & {code?: string}} */ (new Error("not implemented"));
  err.code = "ENOSYS";
  return err;
}

/**
 * Returns a new scope and a function that gives the last of what Go wrote
 * to its standard output and error (a panic's message and trace), which the
 * library puts in the error of a module that stopped.
 */
export function sandbox() {
  const decoder = new TextDecoder();
  let tail = "";
  const keep = (buf) => {
    tail = (tail + decoder.decode(buf)).slice(-4096);
    return buf.length;
  };
  const fs = {
    constants: { O_WRONLY: -1, O_RDWR: -1, O_CREAT: -1, O_TRUNC: -1, O_APPEND: -1, O_EXCL: -1, O_DIRECTORY: -1 },
    writeSync: (fd, buf) => keep(buf),
    write(fd, buf, offset, length, position, callback) {
      callback(null, keep(buf.subarray(offset, offset + length)));
    },
    fsync: (fd, callback) => callback(null),
  };
  for (const name of fsCalls) fs[name] = (...args) => args[args.length - 1](enosys());
  const process = {
    getuid: () => -1,
    getgid: () => -1,
    geteuid: () => -1,
    getegid: () => -1,
    getgroups() {
      throw enosys();
    },
    pid: -1,
    ppid: -1,
    umask() {
      throw enosys();
    },
    cwd() {
      throw enosys();
    },
    chdir() {
      throw enosys();
    },
  };
  const scope = Object.create(globalThis, {
    fs: { value: fs, writable: true, configurable: true },
    process: { value: process, writable: true, configurable: true },
    // Node 18 has crypto.getRandomValues only in node:crypto.
    crypto: { value: globalThis.crypto ?? webcrypto, writable: true, configurable: true },
  });
  return { scope, output: () => tail.trim() };
}
