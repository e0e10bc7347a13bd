// How an ELF executable links: its PT_INTERP program header names the dynamic loader (glibc's
// ld-linux, musl's ld-musl) or, absent, the binary is static. Written by hand: the header is a few
// fixed offsets, and the npm ELF parsers read whole files and every section, where this reads the
// first 64 KiB of a file from the build context and checks every offset against it.

export type ElfLink = { kind: 'static' } | { kind: 'dynamic'; interpreter: string; libc: 'glibc' | 'musl' | null };

const PT_INTERP = 3;

/** The link of an ELF executable from its first bytes; null when it is not one (or is cut short). */
export function elfLink(head: Uint8Array): ElfLink | null {
  if (head.length < 52 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return null;
  const wide = head[4] === 2;
  const little = head[5] === 1;
  if ((head[4] !== 1 && !wide) || (head[5] !== 1 && head[5] !== 2)) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  // Offsets past 4 GiB are not in a 64 KiB head anyway: read the low word's worth safely.
  const addr = (at: number) => (wide ? Number(view.getBigUint64(at, little)) : u32(at));
  const type = u16(16);
  if (type !== 2 && type !== 3) return null; // an executable or a PIE, not an object or core file
  if (wide && head.length < 64) return null;
  const phoff = addr(wide ? 32 : 28);
  const phentsize = u16(wide ? 54 : 42);
  const phnum = u16(wide ? 56 : 44);
  if (phnum > 256 || phentsize < (wide ? 56 : 32) || phoff + phnum * phentsize > head.length) return null;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (u32(ph) !== PT_INTERP) continue;
    const offset = addr(wide ? ph + 8 : ph + 4);
    const size = addr(wide ? ph + 32 : ph + 16);
    // An interpreter named past the head still means dynamic: which libc is then unknown.
    if (size === 0 || size > 4096 || offset + size > head.length) return { kind: 'dynamic', interpreter: '', libc: null };
    let end = offset;
    while (end < offset + size && head[end] !== 0) end++;
    const interpreter = new TextDecoder().decode(head.subarray(offset, end));
    const libc = /ld-musl-/.test(interpreter) ? 'musl' : /ld-linux|ld64\.so|ld\.so/.test(interpreter) ? 'glibc' : null;
    return { kind: 'dynamic', interpreter, libc };
  }
  return { kind: 'static' };
}
