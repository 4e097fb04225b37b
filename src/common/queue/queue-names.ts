/** One BullMQ queue per module. */
export enum QueueName {
  Search = 'search',
  Stewardship = 'stewardship',
}
