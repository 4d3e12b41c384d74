import { createTokens } from '../../src/auth/tokens';

const OLD = 'the-old-secret-that-is-long-enough-for-hs256';
const NEW = 'the-new-secret-that-is-long-enough-for-hs256';
const session = { sessionId: '0f8fad5b-d9cb-469f-a165-70867728950e', tokenVersion: 3 };
const claim = { trackId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', contactId: '6fa459ea-ee8a-3ca4-894e-db77e160355e', version: 2 };

describe('rotating JWT_SECRET', () => {
  test('when the old secret is kept as JWT_SECRET_PREVIOUS, then sessions and links issued before still verify, and new ones use the new secret', () => {
    const before = createTokens(OLD, { ackTtlHours: 24 });
    const during = createTokens(NEW, { ackTtlHours: 24, previousSecret: OLD });
    const token = before.issueSession({ id: claim.contactId, role: 'support', controllerId: null }, session).token;
    const link = before.issueAckLink(claim);
    expect(during.verifySession(token)).toEqual({ id: claim.contactId, role: 'support', controllerId: null, ...session });
    expect(during.verifyAck(link)).toEqual(claim);
    const after = createTokens(NEW, { ackTtlHours: 24 });
    expect(after.verifyAck(during.issueAckLink(claim))).toEqual(claim);
  });

  test('when the previous secret is dropped, then the old tokens are refused', () => {
    const before = createTokens(OLD, { ackTtlHours: 24 });
    const after = createTokens(NEW, { ackTtlHours: 24 });
    expect(() => after.verifySession(before.issueSession({ id: claim.contactId, role: 'admin', controllerId: null }, session).token)).toThrow(/not valid/);
    expect(() => after.verifyAck(before.issueAckLink(claim))).toThrow(/not found/);
  });

  test('when an acknowledgement link has expired, then it says so under either secret', () => {
    const during = createTokens(NEW, { ackTtlHours: 24, previousSecret: OLD });
    const expired = createTokens(OLD, { ackTtlHours: 24 }).issueAckLink(claim, new Date(Date.now() - 1000));
    expect(() => during.verifyAck(expired)).toThrow(/expired/);
  });
});
