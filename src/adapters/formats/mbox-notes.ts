const SHOWN = 5

/** Occurrences of one kind: how many, and the first few message numbers where they were. */
class Occurrences {
  count = 0
  private readonly messages: number[] = []
  private more = false

  add(messageNumber: number): void {
    this.count += 1
    if (this.messages.includes(messageNumber)) return
    if (this.messages.length < SHOWN) this.messages.push(messageNumber)
    else this.more = true
  }

  where(): string {
    const noun = this.messages.length === 1 ? 'message' : 'messages'
    return `${noun} ${this.messages.join(', ')}${this.more ? ', …' : ''}`
  }
}

/** Gathers what makes a mailbox's message count uncertain, for one note per kind at the end. */
export class MailboxNotes {
  private readonly ignoredLengths = new Occurrences()
  private readonly keptFromLines = new Occurrences()

  /** Message `messageNumber`'s Content-Length did not end on a message boundary. */
  contentLengthIgnored(messageNumber: number): void {
    this.ignoredLengths.add(messageNumber)
  }

  /** A `From ` line without a sender and date, after a blank line, stayed in its message. */
  fromLineKept(messageNumber: number): void {
    this.keptFromLines.add(messageNumber)
  }

  summary(): string[] {
    const notes: string[] = []
    const { ignoredLengths: ignored, keptFromLines: kept } = this
    if (ignored.count > 0) {
      notes.push(
        `mbox: Content-Length ignored ${times(ignored.count)} (${ignored.where()}): it does not ` +
          'end where a next message starts, so those messages were split at From lines ' +
          'and the message count may be off',
      )
    }
    if (kept.count > 0) {
      notes.push(
        `mbox: ${kept.count} ${kept.count === 1 ? 'line' : 'lines'} starting "From " after a ` +
          `blank line but without a sender and date kept as body text (${kept.where()}); ` +
          'if they were meant to start messages, the message count is off',
      )
    }
    return notes
  }
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`
}
