/**
 * A process and its descendants as Linux's /proc shows them (proc(5)): who is whose child (the
 * parent id in /proc/<pid>/stat), a process's command line, and which TCP connections on a
 * port a process holds (its socket inodes in /proc/<pid>/fd matched with /proc/net/tcp). The
 * multi-process test and the bench (whose CPU and memory figures cover the hub's whole tree)
 * read the hub's workers from here, not from anything the hub says.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The parent process id of `pid`, or undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (which may hold spaces and parentheses): state, then ppid.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** Every process whose ancestor is `pid` (children, grandchildren, …), found by scanning /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const child = Number(name);
    const parent = parentOf(child);
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (of: number): void => {
    for (const child of children.get(of) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** Whether `pid` runs (a zombie, exited but not yet reaped, does not). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The command line of `pid`, its arguments joined by spaces ('' when it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/**
 * The remote ports of the established IPv4 TCP connections whose local port is `port` and
 * whose socket `pid` holds open.
 */
export function connectionsOn(pid: number, port: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined) inodes.add(inode);
    } catch {
      // closed while we looked
    }
  }
  const remotes: number[] = [];
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode
    const [local, remote, state, inode] = [fields[1], fields[2], fields[3], fields[9]];
    if (local === undefined || remote === undefined || inode === undefined) continue;
    if (state !== '01' || !inodes.has(inode)) continue; // 01: ESTABLISHED
    if (parseInt(local.split(':')[1] ?? '', 16) !== port) continue;
    remotes.push(parseInt(remote.split(':')[1] ?? '', 16));
  }
  return remotes;
}
