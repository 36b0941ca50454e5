import crypto from 'node:crypto';

type OneShotHash = (algorithm: string, data: string, encoding: 'base64') => string;
/** Node 20.12+ hashes a string in one call, about twice as fast as a Hash object for statement-sized texts. */
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;

/** A text's SHA-256 in base64: a short, flat key that stands for a long text without holding it. */
export function textDigest(text: string): string {
  return oneShot ? oneShot('sha256', text, 'base64') : crypto.createHash('sha256').update(text).digest('base64');
}
