// Synthetic revocation hashes shared by the bench's Node side and its page: distinct, 22 b64u
// characters, spread over all buckets.
export const benchHash = (i: number): string => `${i.toString(36).split('').reverse().join('').padEnd(21, '_')}A`;
