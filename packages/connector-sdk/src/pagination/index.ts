export { Bag, type PageState } from './bag.js';
export { cursorPage, type CursorListPage, type CursorPageOptions } from './cursor.js';
export { linkPage, nextLinkFromHeaders, parseLinkHeader, type LinkListPage, type LinkPageOptions, type WebLink } from './link.js';
export { offsetPage, type OffsetPageOptions } from './offset.js';
export {
  jsonApiPageInfo,
  pageNumberPage,
  type PageNumberInfo,
  type PageNumberListPage,
  type PageNumberPageOptions,
} from './page-number.js';
export { scimPage, type ScimListPage, type ScimPageOptions } from './scim.js';
export { sequencePage, type SequencedListing } from './sequence.js';
