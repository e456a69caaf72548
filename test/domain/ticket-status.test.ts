import { describe, expect, it } from 'vitest'
import { isConsultation, statusRank, TICKET_STATUSES } from '../../src/domain/ticket-status.js'

describe('isConsultation', () => {
  it.each([
    ['open', true],
    ['pending', true],
    ['resolved', true],
    ['abandoned', false],
    ['spam', false],
  ] as const)('%s → %s', (status, consultation) => {
    expect(isConsultation(status)).toBe(consultation)
  })
})

describe('statusRank', () => {
  it('orders open < pending < abandoned < resolved < spam', () => {
    const ranked = [...TICKET_STATUSES].sort((a, b) => statusRank(a) - statusRank(b))
    expect(ranked).toEqual(['open', 'pending', 'abandoned', 'resolved', 'spam'])
    expect(new Set(TICKET_STATUSES.map(statusRank)).size).toBe(TICKET_STATUSES.length)
  })
})
