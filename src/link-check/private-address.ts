import { isIP } from 'node:net';

/**
 * Whether an IP address is not on the public internet: loopback, private (RFC 1918), link-local,
 * carrier-grade NAT, unspecified, multicast, documentation or reserved, IPv6 unique-local and
 * site-local, and every IPv6 form that carries an IPv4 address (mapped, compatible, translated, NAT64,
 * 6to4, Teredo) whose IPv4 address is one of those. The link checker refuses them (unless configured
 * otherwise), so content cannot make the server probe its own network.
 *
 * IPv6 is read into its eight groups first, so every spelling of one address gets one answer:
 * `::ffff:7f00:1`, `::ffff:127.0.0.1` and `0:0:0:0:0:ffff:7f00:0001` alike (issue 16 item 3: Node's
 * URL parser writes `[::ffff:169.254.169.254]` as `[::ffff:a9fe:a9fe]`, which a pattern for the dotted
 * form let through). What cannot be read is treated as private.
 */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // brackets, IPv6 zone id
  const version = isIP(plain);
  if (version === 4) return isPrivateV4(plain.split('.').map(Number));
  if (version === 6) {
    const groups = ipv6Groups(plain);
    return groups === null || isPrivateV6(groups);
  }
  return false;
}

function isPrivateV4([a, b, c]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 192 && b === 88 && c === 99) || // 6to4 relay anycast
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) || // TEST-NET-2
    (a === 203 && b === 0 && c === 113) || // TEST-NET-3
    a >= 224 // multicast, reserved, broadcast
  );
}

/** The eight 16-bit groups of an IPv6 address (which `isIP` has accepted), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function v4At(groups: number[], at: number): number[] {
  return [groups[at] >> 8, groups[at] & 0xff, groups[at + 1] >> 8, groups[at + 1] & 0xff];
}

function isPrivateV6(g: number[]): boolean {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::/96 holds :: and ::1, and the deprecated IPv4-compatible form ::a.b.c.d: all refused.
  if (zeros(0, 6)) return true;
  if (zeros(0, 5) && g[5] === 0xffff) return isPrivateV4(v4At(g, 6)); // ::ffff:0:0/96 mapped
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return isPrivateV4(v4At(g, 6)); // ::ffff:0:0:0/96 translated (SIIT)
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    if (zeros(2, 6)) return isPrivateV4(v4At(g, 6)); // 64:ff9b::/96 well-known NAT64 prefix
    return g[2] === 1; // 64:ff9b:1::/48 NAT64 for local use
  }
  if (g[0] === 0x2002) return isPrivateV4(v4At(g, 1)); // 2002::/16 6to4
  if (g[0] === 0x2001 && g[1] === 0) return true; // 2001::/32 Teredo: the far end cannot be told
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g[0] === 0x0100 && zeros(1, 4)) return true; // 100::/64 discard-only
  return (
    (g[0] & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (g[0] & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (g[0] & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated, still routed in some networks)
    (g[0] & 0xff00) === 0xff00 // multicast
  );
}
