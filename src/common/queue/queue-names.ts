/** One BullMQ queue per module. */
export enum QueueName {
  Search = 'search',
  ContentGaps = 'content-gaps',
  LinkCheck = 'link-check',
  Stewardship = 'stewardship',
}
