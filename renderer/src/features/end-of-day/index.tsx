// The end-of-day feature, loaded lazily by the shell (App.tsx): its strings come with it.
import { registerEndOfDayStrings } from './locales.js';
import { EndOfDayScreen } from './EndOfDayScreen.js';

registerEndOfDayStrings();

export default EndOfDayScreen;
