import { describe, expect, it } from 'vitest'
import { isConnectionError } from '../../src/errors.js'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('isConnectionError: one answer for the worker and the CLI', () => {
  it.each([
    ['a refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['Postgres shutting down', withCode('terminating connection', '57P01')],
    ['a Postgres connection exception', withCode('connection failure', '08006')],
    ['pg losing its server', new Error('Connection terminated unexpectedly')],
    ['ioredis giving up', new Error('Reached the max retries per request limit (which is 20)')],
    ['a cluster without seeds', new Error('None of startup nodes is available')],
    [
      'one refused address of several',
      new AggregateError([new Error('x'), withCode('connect', 'ECONNREFUSED')]),
    ],
  ])('%s is a connection error', (_, error) => {
    expect(isConnectionError(error)).toBe(true)
  })

  it.each([
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['a missing table', withCode('relation "ticket" does not exist', '42P01')],
    ['a plain error', new Error('bad input')],
    ['a thrown string', 'Connection terminated'],
  ])('%s is not', (_, error) => {
    expect(isConnectionError(error)).toBe(false)
  })
})
