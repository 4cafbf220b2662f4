import { describe, expect, test } from 'vitest'
import { displayAddress } from './ip-address.ts'

describe('displayAddress', () => {
  test('shows an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(displayAddress('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(displayAddress('::FFFF:192.168.10.4')).toBe('192.168.10.4')
    expect(displayAddress('0:0:0:0:0:ffff:203.0.113.9')).toBe('203.0.113.9')
  })

  test('reads the hexadecimal form of a mapped address', () => {
    expect(displayAddress('::ffff:7f00:1')).toBe('127.0.0.1')
    expect(displayAddress('::ffff:c0a8:a04')).toBe('192.168.10.4')
  })

  test('leaves plain IPv4 and genuine IPv6 addresses as they are', () => {
    expect(displayAddress('10.0.0.1')).toBe('10.0.0.1')
    expect(displayAddress('::1')).toBe('::1')
    expect(displayAddress('2001:db8::ffff:1.2.3.4')).toBe('2001:db8::ffff:1.2.3.4')
    expect(displayAddress('fe80::1%eth0')).toBe('fe80::1%eth0')
    expect(displayAddress('unknown')).toBe('unknown')
  })
})
