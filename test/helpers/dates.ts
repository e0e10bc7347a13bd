/** The evaluation date of the fixture projects: close to the shipped tag data (2026-08-21), so what it lists is what the registries had, and end of life does not move with the calendar. */
export const FIXTURE_DATE = '2026-09-01';
