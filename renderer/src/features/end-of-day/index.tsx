// The end-of-day feature, imported by the shell (App.tsx). Its strings live with all the others in
// app/locales (endOfDay).
import { EndOfDayScreen } from './EndOfDayScreen.js';

export default EndOfDayScreen;
