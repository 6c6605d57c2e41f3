import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('returns an event once its terminating blank line arrives, across chunk boundaries', () => {
    const parser = new SseParser();
    expect(parser.feed('event: rule')).toEqual([]);
    expect(parser.feed('set\ndata: {"version"')).toEqual([]);
    expect(parser.feed(':1}\n')).toEqual([]);
    expect(parser.feed('\n')).toEqual([{ event: 'ruleset', data: '{"version":1}', id: undefined }]);
  });

  it('joins multi-line data with newlines and defaults the event type to message', () => {
    expect(new SseParser().feed('data: a\ndata: b\n\n')).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });

  it('ignores comments such as keep-alives and events without data', () => {
    expect(new SseParser().feed(': keep-alive\n\nevent: ruleset\n\n')).toEqual([]);
  });

  it('accepts CRLF and lone CR line endings, even with CRLF split between chunks', () => {
    const parser = new SseParser();
    expect(parser.feed('event: x\r\ndata: 1\r')).toEqual([]);
    expect(parser.feed('\n\r\ndata: 2\r\r')).toEqual([{ event: 'x', data: '1', id: undefined }]);
    // The trailing CR could start a CRLF: the blank line is complete only with the next chunk.
    expect(parser.feed('\n')).toEqual([{ event: 'message', data: '2', id: undefined }]);
  });

  it('keeps the last event id and strips only one leading space of a value', () => {
    expect(new SseParser().feed('id: 7\ndata:  two spaces\n\n')).toEqual([{ event: 'message', data: ' two spaces', id: '7' }]);
  });

  it('resets the event type after each dispatch', () => {
    expect(new SseParser().feed('event: ruleset\ndata: 1\n\ndata: 2\n\n').map((e) => e.event)).toEqual(['ruleset', 'message']);
  });
});
