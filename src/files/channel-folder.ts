import path from 'node:path'
import { isChannel, type Channel } from '../domain/channel.js'

/** For trees laid out as `<root>/<channel>/…` (inbox, sample): the folder names the channel. */
export function channelFromFolder(root: string): (file: string) => Channel | undefined {
  return (file) => {
    const [folder] = path.relative(root, file).split(path.sep)
    return folder && isChannel(folder) ? folder : undefined
  }
}
