// Errors about the user's input (a Dockerfile, an image reference): their message is the whole
// report. They are built without a stack trace, which nobody reads and which costs more to capture
// here (5 to 8 µs) than parsing a typical Dockerfile.

import { PlinthError } from '../types.js';

export class InputError extends PlinthError {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('input', message);
    Error.stackTraceLimit = limit;
  }
}
