/**
 * The check-in band widened and the handover classifier off, so tests see the check-in mechanism on its own:
 * with the default calibration (distressModerateMin 2.5, classifier on) a lone despair message goes to a
 * person, as a crisis or sensitive handover, rather than getting the check-in.
 */
export const CHECK_IN_BAND = { distressModerateMin: 3, distressCheckInMin: 2.5, handoverModelMin: 1 };
