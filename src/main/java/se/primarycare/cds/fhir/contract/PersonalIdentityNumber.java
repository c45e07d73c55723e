package se.primarycare.cds.fhir.contract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Swedish personnummer and samordningsnummer in the contract's 12-digit form {@code YYYYMMDDNNNC}.
 *
 * <p>The check digit is the Luhn (mod 10) digit over the 10 digits {@code YYMMDDNNN}, as Skatteverket
 * defines it (SKV 704). A samordningsnummer adds 60 to the day of birth (SKV 707).
 */
public final class PersonalIdentityNumber {

    private static final Pattern TWELVE_DIGITS = Pattern.compile("\\d{12}");
    private static final int COORDINATION_DAY_OFFSET = 60;

    private PersonalIdentityNumber() {}

    /** Removes the separators people type ("19121212-1212", "19121212 1212"). */
    public static String normalise(String value) {
        return value == null ? null : value.replaceAll("[\\s\\-+]", "");
    }

    public static boolean isValidPersonnummer(String value) {
        return value != null
                && TWELVE_DIGITS.matcher(value).matches()
                && birthDate(value, false).isPresent()
                && checkDigitMatches(value);
    }

    public static boolean isValidSamordningsnummer(String value) {
        return value != null
                && TWELVE_DIGITS.matcher(value).matches()
                && birthDate(value, true).isPresent()
                && checkDigitMatches(value);
    }

    /** The date of birth a valid number encodes. */
    public static Optional<LocalDate> birthDate(String value, boolean coordinationNumber) {
        try {
            int year = Integer.parseInt(value.substring(0, 4));
            int month = Integer.parseInt(value.substring(4, 6));
            int day = Integer.parseInt(value.substring(6, 8)) - (coordinationNumber ? COORDINATION_DAY_OFFSET : 0);
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** The check digit for the first 11 of the 12 digits (only the last 9 of those count). */
    public static int checkDigit(String firstElevenDigits) {
        String nine = firstElevenDigits.substring(2, 11);
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int digit = nine.charAt(i) - '0';
            int weighted = i % 2 == 0 ? digit * 2 : digit;
            sum += weighted > 9 ? weighted - 9 : weighted;
        }
        return (10 - sum % 10) % 10;
    }

    private static boolean checkDigitMatches(String value) {
        return checkDigit(value.substring(0, 11)) == value.charAt(11) - '0';
    }
}
