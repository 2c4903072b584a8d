import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../../src/sandbox/slack/sign-slack-request.js';

// The worked example in Slack's "Verifying requests from Slack" guide.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
  '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
  '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('signSlackRequest', () => {
  it("given Slack's documented example, when signing it, then the signature is the one Slack documents", () => {
    expect(signSlackRequest(SECRET, TIMESTAMP, BODY)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });

  it('given a timestamp as a string, when signing, then it signs the same base string', () => {
    expect(signSlackRequest(SECRET, String(TIMESTAMP), BODY)).toBe(signSlackRequest(SECRET, TIMESTAMP, BODY));
  });

  it('given one changed character in the body, the timestamp or the secret, when signing, then the signature changes', () => {
    const original = signSlackRequest(SECRET, TIMESTAMP, BODY);

    expect(signSlackRequest(SECRET, TIMESTAMP, BODY.replace('text=', 'text=x'))).not.toBe(original);
    expect(signSlackRequest(SECRET, TIMESTAMP + 1, BODY)).not.toBe(original);
    expect(signSlackRequest(`${SECRET}0`, TIMESTAMP, BODY)).not.toBe(original);
  });
});
