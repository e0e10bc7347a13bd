// Reading a file that a stranger may have put in the tree (a Dockerfile, a config, a .gitignore): a
// regular file only, opened without blocking and checked on the open descriptor, so a FIFO or a
// link to /dev/zero is refused at once and what is read is what was checked; at most `max` bytes.
// (fs.readFileSync blocks on a FIFO and reads /dev/zero until memory runs out.)
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { PlinthError } from '../types.js';

/** Why a file was not read, for a one-line message: `is a directory`, `not a regular file`, `larger than 10 MiB`. */
export class NotReadable extends PlinthError {
  constructor(message: string, readonly code: 'EISDIR' | 'ENOTFILE' | 'EFBIG') {
    super('input', message);
  }
}

/** The largest Dockerfile read: BuildKit's own limit is far below; anything bigger is not one. */
export const MAX_DOCKERFILE_BYTES = 10 * 1024 * 1024;

/** A Dockerfile's text for the commands that advise on it or rewrite it; the error names the path. */
export function readDockerfile(path: string): string {
  try {
    return readRegularFile(path, MAX_DOCKERFILE_BYTES);
  } catch (err) {
    if (err instanceof NotReadable) throw new NotReadable(`${path}: ${err.message}${err.code === 'EFBIG' ? ': not read' : ''}`, err.code);
    throw err;
  }
}

/** The text of a regular file of at most `max` bytes (utf8). */
export function readRegularFile(path: string, max: number): string {
  return readRegularBytes(path, max).toString('utf8');
}

/** The bytes of a regular file of at most `max` bytes. */
export function readRegularBytes(path: string, max: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new NotReadable('is a directory', 'EISDIR');
    if (!st.isFile()) throw new NotReadable('not a regular file', 'ENOTFILE');
    const tooBig = `larger than ${max >= 1024 * 1024 ? `${max / 1024 / 1024} MiB` : `${max} bytes`}`;
    if (st.size > max) throw new NotReadable(tooBig, 'EFBIG');
    // One byte more than it claims: a file that grew past the limit since the fstat is refused too.
    const buf = Buffer.alloc(st.size + 1);
    // One read: a regular file reads short only at its end, so no second call to hear 0 bytes
    // (a system call per file, 1,435 of them in a corpus run).
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n > max) throw new NotReadable(tooBig, 'EFBIG');
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
