/** The fields Jekyll and its plugins read, and Jekyll's reserved names: kept in the catalogue, the one list. */
export {
  isJekyllField, isReservedField, JEKYLL_FIELDS, OVERRIDING_RESERVED_FIELDS, RESERVED_FIELDS,
} from '../catalogue';
