import { isPrivateAddress } from './private-address';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '192.0.0.8',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'FE80::abcd',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    // Issue 16 item 3: every spelling of an embedded private IPv4 address.
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::FFFF:A9FE:A9FE',
    '0:0:0:0:0:ffff:7f00:0001',
    '0000:0000:0000:0000:0000:ffff:127.0.0.1',
    '[::ffff:a9fe:a9fe]',
    '::ffff:0:a9fe:a9fe', // SIIT
    '::7f00:1', // IPv4-compatible
    '::127.0.0.1',
    '::a9fe:a9fe',
    '::0.0.0.2',
    '0:0:0:0:0:0:0:1',
    '64:ff9b::7f00:1', // NAT64
    '64:ff9b::169.254.169.254',
    '64:ff9b::a00:1',
    '64:ff9b:1::808:808', // NAT64 local use
    '2002:7f00:1::', // 6to4
    '2002:a9fe:a9fe::1',
    '2002:c0a8:101:1::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
    '2001:db8::1',
    'fec0::1',
    'fe80::1%eth0',
    '100::1',
    '192.0.2.1',
    '203.0.113.7',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '145.97.39.155',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '192.169.0.1',
    '2a02:58:1::1',
    '::ffff:8.8.4.4',
    '::ffff:808:404',
    '64:ff9b::808:808',
    '2002:808:808::1',
    '2a00:1450:400e:80f::200e',
  ])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('is false for what is not an IP address', () => {
    expect(isPrivateAddress('localhost')).toBe(false);
  });
});
