export { description } from './description';
export { execute, readItem } from './execute';
