import { Initial1763870400000 } from './1763870400000-initial';

/** Every migration, in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [Initial1763870400000];
