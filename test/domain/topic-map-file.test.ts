import { describe, expect, it } from 'vitest'
import { matchTopic } from '../../src/domain/topic-taxonomy.js'
import { parseTopicMap } from '../../src/load-topic-map.js'

const fails = (text: string) => () => parseTopicMap(text, 'topics.yaml')

describe('TOPIC_MAP_FILE', () => {
  it('extends a topic and adds one, in YAML or JSON', () => {
    const yaml = parseTopicMap(
      [
        'dau:',
        '  aliases: [Tanya DAU]',
        'bos:',
        '  label: Bantuan Operasional Sekolah',
        '  keywords: [bos]',
        'lainnya:',
        '  aliases: [Terima kasih]',
      ].join('\n'),
      'topics.yaml',
    )
    expect(matchTopic(yaml, 'tanya dau')).toBe('dau')
    // A new topic's keywords are tried before the defaults' (DAK Nonfisik also has "bos").
    expect(matchTopic(yaml, 'Penyaluran BOS reguler')).toBe('bos')
    expect(yaml.labels.get('bos')).toBe('Bantuan Operasional Sekolah')
    expect(matchTopic(yaml, 'Terima kasih')).toBe('lainnya')
    const json = parseTopicMap('{ "dbh": { "keywords": ["cukai"] } }', 'topics.json')
    expect(matchTopic(json, 'Bagi hasil cukai')).toBe('dbh')
    expect(json.labels.get('dbh')).toBe('Dana Bagi Hasil')
  })

  it('fails naming the file, the line, the key and what is wrong', () => {
    expect(fails('dau:\n  aliasez: [x]\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 2, dau.aliasez: Unrecognized key: "aliasez"',
    )
    expect(fails('dau:\n  aliases:\n    - ok\n    - 3\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 4, dau.aliases.1: Invalid input: expected string, received number',
    )
    expect(fails('dau: {}\nBOS:\n  label: BOS\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 2, BOS: expected a topic code: a lower case letter, then lower case letters, digits and _',
    )
    expect(fails('\nbos:\n  keywords: [bos]\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 2, bos: a new topic needs a label',
    )
    expect(fails('dbh:\n  aliases: [Dana Desa]\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 2, dbh.aliases.0: "Dana Desa" already names topic dana_desa',
    )
    expect(fails('dau:\n  keywords: ["--"]\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 2, dau.keywords.0: expected a phrase with letters or digits',
    )
    expect(fails('{ "dau": { "aliases": ["x"] }\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 2: Flow map must end with a }',
    )
    expect(fails('- dau\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 1, top level: Invalid input: expected record, received array',
    )
  })

  it('ends every problem with what to do about it', () => {
    expect(fails('- dau\n')).toThrow(
      /received array: fix the file, or unset TOPIC_MAP_FILE to use the default topics$/,
    )
  })

  it('checks a __proto__ key like any other code instead of losing it', () => {
    expect(fails('__proto__:\n  label: Polluted\n  keywords: [zzz]\n')).toThrow(
      'TOPIC_MAP_FILE: topics.yaml: line 1, __proto__: expected a topic code',
    )
  })

  it('refuses aliases that expand without bound (a "billion laughs" map)', () => {
    const levels = Array.from({ length: 6 }, (_, n) =>
      n === 0
        ? 'x0: &a0 [k, k, k, k, k, k, k, k, k, k]'
        : `x${n}: &a${n} [${Array(10)
            .fill(`*a${n - 1}`)
            .join(', ')}]`,
    )
    expect(fails([...levels, 'big: { label: Big, keywords: *a5 }'].join('\n'))).toThrow(
      /^TOPIC_MAP_FILE: topics\.yaml: Excessive alias count/,
    )
  })
})
