import { clientAddress } from '../../src/limits/client-address';

describe('clientAddress', () => {
  it('should take the peer and ignore X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
  });

  it('should take the address the one trusted proxy received the request from', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', 1)).toBe('198.51.100.1');
  });

  it('should not let a client choose its address by sending X-Forwarded-For itself', () => {
    // The client wrote "1.2.3.4"; nginx appended the address it really came from.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.1', 1)).toBe('198.51.100.1');
  });

  it('should count two trusted proxies from the right', () => {
    expect(clientAddress('10.0.0.3', '1.2.3.4, 198.51.100.1, 10.0.0.2', 2)).toBe('198.51.100.1');
  });

  it('should read repeated headers as one list', () => {
    expect(clientAddress('10.0.0.2', ['1.2.3.4', '198.51.100.1'], 1)).toBe('198.51.100.1');
  });

  it('should take the leftmost address when fewer proxies answered than trusted', () => {
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', '198.51.100.1', 3)).toBe('198.51.100.1');
  });

  it('should name an unknown peer', () => {
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });
});
