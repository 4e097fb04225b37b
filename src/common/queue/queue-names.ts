/** One BullMQ queue per module. */
export enum QueueName {
  Search = 'search',
  ContentGaps = 'content-gaps',
  SearchLearning = 'search-learning',
  LinkCheck = 'link-check',
  Stewardship = 'stewardship',
}
