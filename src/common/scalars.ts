import { GraphQLLocalDate } from 'graphql-scalars';

/**
 * A calendar date `YYYY-MM-DD` without time zone (graphql-scalars `LocalDate`); used for every
 * date of the alliance (joined on, started on, event dates). Invalid dates are refused by the
 * scalar before a resolver runs.
 */
export const LocalDate = GraphQLLocalDate;
