// stream-json publishes its modules through package "exports" (`stream-json/core/…` maps to
// `src/core/…`), which this project's `moduleResolution: node` does not read; these point the
// type checker at the typings it ships beside them.
declare module 'stream-json/core/parser.js' {
  export { jsonParser } from 'stream-json/src/core/parser';
}
declare module 'stream-json/core/streamers/stream-array.js' {
  import streamArray from 'stream-json/src/core/streamers/stream-array';
  export default streamArray;
}
