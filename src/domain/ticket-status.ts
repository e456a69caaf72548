/** Ordered by merge rank: when records of one ticket disagree, the highest rank wins. */
export const TICKET_STATUSES = ['open', 'pending', 'abandoned', 'resolved', 'spam'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

export function statusRank(status: TicketStatus): number {
  return TICKET_STATUSES.indexOf(status)
}

/** A consultation is any ticket the contact center took up: not abandoned, not spam. */
export function isConsultation(status: TicketStatus): boolean {
  return status !== 'abandoned' && status !== 'spam'
}
