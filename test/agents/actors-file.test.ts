import { describe, expect, it } from 'vitest';
import { parseActorsFile, withActorKey } from '../../electron/core/agents/actors-file';
import { TokentrayError } from '../../electron/core/errors';

const P = '/w/.moot/actors.json';
const KEY = `convo_${'a'.repeat(40)}`;
const NEW = `convo_${'b'.repeat(40)}`;
const agent = { actor_id: 'agt_1', display_name: 'One' };

describe('actors.json: tolerant reading, one-key edits', () => {
  it('keeps tabs, CRLF, key order and unknown fields: only the key bytes change', () => {
    const text = `{\r\n\t"x": {"keep": [1, 2]},\r\n\t"actors": [\r\n\t\t{"api_key": "${KEY}", "actor_id": "agt_1", "role": "r"},\r\n\t\t{"actor_id": "agt_2", "api_key": "${KEY}"}\r\n\t]\r\n}`;
    const next = withActorKey(parseActorsFile(P, text), agent, NEW, P);
    expect(next).toBe(text.replace(KEY, NEW));
  });

  it('adds a key to an entry without one, and an entry to a file without "actors"', () => {
    const noKey = '{"actors": [{"actor_id": "agt_1"}]}';
    expect(JSON.parse(withActorKey(parseActorsFile(P, noKey), agent, NEW, P))).toEqual({ actors: [{ actor_id: 'agt_1', api_key: NEW }] });
    const noActors = '{\n  "space_id": "s"\n}\n';
    expect(JSON.parse(withActorKey(parseActorsFile(P, noActors), agent, NEW, P))).toEqual({ space_id: 's', actors: [{ ...agent, api_key: NEW }] });
  });

  it('skips entries it cannot use, reads installation ids from the entry or the top level', () => {
    const file = parseActorsFile(P, JSON.stringify({ installation_id: 'inst_top', actors: [7, { display_name: 'no id' }, { actor_id: 'a' }, { actor_id: 'b', installation_id: 'inst_b' }] }));
    expect(file.actors.map((a) => [a.actor_id, a.installation_id, a.index])).toEqual([
      ['a', 'inst_top', 2],
      ['b', 'inst_b', 3],
    ]);
  });

  it('a corrupt file is a metadata_corrupt error that names the place and never quotes the text', () => {
    for (const text of [`{"actors": [{"api_key": "${KEY}"`, '', '[]', '{"actors": {}}']) {
      let error: unknown;
      try {
        parseActorsFile(P, text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TokentrayError);
      expect((error as TokentrayError).code).toBe('metadata_corrupt');
      expect((error as Error).message).not.toContain(KEY);
      expect((error as Error).message).toContain('left untouched');
    }
  });
});
