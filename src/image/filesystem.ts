// The merged file system of an image, built by applying layers bottom-up (metadata only, plus the
// bodies of the few files the readers asked for).

/** File content shared by hard links: counted once, body kept only when wanted. */
export interface Inode {
  size: number;
  body: Buffer | null;
}

export type FsNode =
  | { kind: 'dir'; layer: number; children: Map<string, FsNode> }
  | { kind: 'file'; layer: number; inode: Inode }
  | { kind: 'symlink'; layer: number; target: string }
  | { kind: 'other'; layer: number };

/** One tar entry, normalized: `path` has no leading `/` or `./` and no trailing `/`. */
export type LayerEntry =
  | { type: 'file'; path: string; size: number; body: Buffer | null }
  | { type: 'dir'; path: string }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'hardlink'; path: string; target: string }
  | { type: 'other'; path: string };

const MAX_LINK_HOPS = 40;

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

export function normalizeTarPath(name: string): string {
  const parts: string[] = [];
  for (const p of splitPath(name)) {
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

export class ImageFilesystem {
  readonly root: FsNode & { kind: 'dir' } = { kind: 'dir', layer: -1, children: new Map() };

  /** Applies one layer's entries (in tar order) on top of what is there. */
  apply(entries: LayerEntry[], layer: number): void {
    for (const e of entries) this.applyEntry(e, layer);
  }

  private applyEntry(e: LayerEntry, layer: number): void {
    const parts = splitPath(e.path);
    if (parts.length === 0) return; // the root itself
    const name = parts[parts.length - 1]!;
    const parent = this.ensureDir(parts.slice(0, -1), layer);
    if (name === '.wh..wh..opq') {
      pruneLower(parent, layer);
      return;
    }
    if (name.startsWith('.wh.')) {
      const victim = parent.children.get(name.slice(4));
      if (victim && victim.layer < layer) parent.children.delete(name.slice(4));
      return;
    }
    const existing = parent.children.get(name);
    switch (e.type) {
      case 'dir':
        if (existing?.kind === 'dir') existing.layer = layer;
        else parent.children.set(name, { kind: 'dir', layer, children: new Map() });
        return;
      case 'file':
        parent.children.set(name, { kind: 'file', layer, inode: { size: e.size, body: e.body } });
        return;
      case 'symlink':
        parent.children.set(name, { kind: 'symlink', layer, target: e.target });
        return;
      case 'hardlink': {
        // A hard link names a path (not following symlinks) written earlier in this or a lower layer.
        const target = this.lookup(splitPath(e.target));
        if (target?.kind === 'file') parent.children.set(name, { kind: 'file', layer, inode: target.inode });
        else if (target) parent.children.set(name, { ...target, layer } as FsNode);
        else parent.children.set(name, { kind: 'file', layer, inode: { size: 0, body: null } });
        return;
      }
      case 'other':
        parent.children.set(name, { kind: 'other', layer });
        return;
    }
  }

  /** Directories on the way to an entry: created when missing, followed when they are links to directories. */
  private ensureDir(parts: string[], layer: number): FsNode & { kind: 'dir' } {
    let dir = this.root;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      let next = dir.children.get(name);
      if (next?.kind === 'symlink') {
        const resolved = this.resolve('/' + parts.slice(0, i + 1).join('/'));
        if (resolved?.node.kind === 'dir') next = resolved.node;
        else next = undefined;
      }
      if (next?.kind !== 'dir') {
        next = { kind: 'dir', layer, children: new Map() };
        dir.children.set(name, next);
      }
      // Touched by this layer: an opaque marker later in the same layer keeps what this layer wrote.
      next.layer = Math.max(next.layer, layer);
      dir = next;
    }
    return dir;
  }

  /** Looks a path up without following any symlink (for hard links). */
  private lookup(parts: string[]): FsNode | null {
    let node: FsNode = this.root;
    for (const p of parts) {
      if (node.kind !== 'dir') return null;
      const next = node.children.get(p);
      if (!next) return null;
      node = next;
    }
    return node;
  }

  /**
   * Resolves an absolute path inside the image, following symlinks in every component (and in the
   * last one unless `followLast` is false). Returns null when missing, dangling or looping.
   */
  resolve(path: string, followLast = true): { path: string; node: FsNode } | null {
    let hops = 0;
    let pending = splitPath(path);
    const stack: { name: string; node: FsNode & { kind: 'dir' } }[] = [];
    const cwd = (): FsNode & { kind: 'dir' } => (stack.length > 0 ? stack[stack.length - 1]!.node : this.root);
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '..') {
        stack.pop();
        continue;
      }
      const child = cwd().children.get(name);
      if (!child) return null;
      if (child.kind === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_LINK_HOPS) return null;
        if (child.target.startsWith('/')) stack.length = 0;
        pending = [...splitPath(child.target), ...pending];
        continue;
      }
      if (child.kind === 'dir') {
        stack.push({ name, node: child });
        continue;
      }
      if (pending.length > 0) return null;
      return { path: '/' + [...stack.map((s) => s.name), name].join('/'), node: child };
    }
    return { path: '/' + stack.map((s) => s.name).join('/'), node: cwd() };
  }

  /** The body of a file the readers kept, after following links; null when absent or not kept. */
  read(path: string): Buffer | null {
    const r = this.resolve(path);
    return r?.node.kind === 'file' ? r.node.inode.body : null;
  }

  /** True when the path exists (after links) as a regular file. */
  isFile(path: string): boolean {
    return this.resolve(path)?.node.kind === 'file';
  }

  /** Names inside a directory (after links), sorted; empty when it is not a directory. */
  list(path: string): string[] {
    const r = this.resolve(path);
    return r?.node.kind === 'dir' ? [...r.node.children.keys()].sort() : [];
  }

  /** Sum of regular files, each inode once. */
  regularFileBytes(): number {
    const seen = new Set<Inode>();
    let total = 0;
    const walk = (dir: FsNode & { kind: 'dir' }): void => {
      for (const child of dir.children.values()) {
        if (child.kind === 'dir') walk(child);
        else if (child.kind === 'file' && !seen.has(child.inode)) {
          seen.add(child.inode);
          total += child.inode.size;
        }
      }
    };
    walk(this.root);
    return total;
  }

  /** True when the directory (after links) holds at least one regular file anywhere below it. */
  hasFilesUnder(path: string): boolean {
    const r = this.resolve(path);
    if (r?.node.kind !== 'dir') return false;
    const walk = (dir: FsNode & { kind: 'dir' }): boolean => {
      for (const child of dir.children.values()) {
        if (child.kind === 'file' || (child.kind === 'dir' && walk(child))) return true;
      }
      return false;
    };
    return walk(r.node);
  }
}

/** An opaque directory hides everything lower layers put below it; what this layer wrote stays. */
function pruneLower(dir: FsNode & { kind: 'dir' }, layer: number): void {
  for (const [name, child] of dir.children) {
    if (child.layer < layer) dir.children.delete(name);
    else if (child.kind === 'dir') pruneLower(child, layer);
  }
}
