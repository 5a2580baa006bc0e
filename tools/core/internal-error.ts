/**
 * A fault in the portal's own code or in the machine, never in what a person wrote: what a person
 * wrote is refused with a problem from tools/problems/, in their words and with the fix. An
 * internal error is for developers, in English, and always starts "Internal error:" so that a log
 * reader and a test can tell the two apart. `cause` keeps the error underneath.
 */
export class InternalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(`Internal error: ${message}`, options);
    this.name = "InternalError";
  }
}
