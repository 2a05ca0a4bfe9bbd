/**
 * A minimal POSIX ustar writer (IEEE Std 1003.1-2001, "pax" chapter, ustar interchange
 * format): regular files only, names up to 100 bytes, sizes under 8 GiB. Enough for the
 * export archive, readable by GNU tar, bsdtar and 7-Zip without any dependency.
 */

/** ustar blocks are 512 bytes; the archive ends with two zero blocks. */
const BLOCK = 512;
const NAME_BYTES = 100;
/** Largest size an 11-digit octal field holds (8 GiB - 1). */
const MAX_SIZE = 8 ** 11 - 1;

export interface TarEntry {
  /** Path inside the archive, `/`-separated, relative, at most 100 bytes. */
  readonly name: string;
  readonly data: Uint8Array;
  /** Seconds since the epoch. */
  readonly mtime: number;
  /** Permission bits; default 0644. */
  readonly mode?: number;
}

function octal(value: number, width: number): string {
  // width - 1 digits and a terminating NUL.
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(entry: TarEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length === 0 || name.length > NAME_BYTES) {
    throw new RangeError(`tar: name "${entry.name}" must be 1 to ${NAME_BYTES} bytes`);
  }
  if (entry.name.startsWith('/') || entry.name.split('/').includes('..')) {
    throw new RangeError(`tar: name "${entry.name}" must be relative without ".."`);
  }
  if (entry.data.length > MAX_SIZE) throw new RangeError(`tar: ${entry.name} is too large`);
  const block = Buffer.alloc(BLOCK);
  name.copy(block, 0);
  block.write(octal(entry.mode ?? 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  block.write(octal(entry.data.length, 12), 124, 'ascii');
  block.write(octal(Math.max(0, Math.floor(entry.mtime)), 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii'); // checksum counts as spaces while summing
  block.write('0', 156, 'ascii'); // typeflag: regular file
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write('root', 265, 'ascii'); // uname
  block.write('root', 297, 'ascii'); // gname
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return block;
}

/** The whole archive in memory. */
export function createTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry), Buffer.from(entry.data));
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
