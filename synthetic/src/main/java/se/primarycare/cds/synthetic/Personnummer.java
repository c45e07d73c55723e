package se.primarycare.cds.synthetic;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Swedish personal identity number (personnummer) or coordination number (samordningsnummer) in the
 * 12-digit form {@code YYYYMMDDNNNC} that the data contract stores.
 *
 * <p>The check digit C is the Luhn digit over the 9 digits {@code YYMMDDNNN} (the classic 10-digit number
 * without the century), the second-to-last digit is odd for men and even for women, and a samordningsnummer
 * adds 60 to the day of birth. Validation also demands a real calendar date, because a number with a valid
 * Luhn digit but 30 February is still not a number Skatteverket can have issued.
 */
public final class Personnummer {

    /** Skatteverket adds this to the day of birth to form a samordningsnummer. */
    public static final int SAMORDNING_DAY_OFFSET = 60;

    private final String value;
    private final LocalDate birthDate;
    private final boolean samordningsnummer;

    private Personnummer(String value, LocalDate birthDate, boolean samordningsnummer) {
        this.value = value;
        this.birthDate = birthDate;
        this.samordningsnummer = samordningsnummer;
    }

    /** True when {@code candidate} is a valid number; accepts {@code YYYYMMDDNNNC} and {@code YYYYMMDD-NNNC}. */
    public static boolean isValid(String candidate) {
        return tryParse(candidate) != null;
    }

    /** Parses a valid number or throws {@link IllegalArgumentException} saying what is wrong. */
    public static Personnummer parse(String candidate) {
        Personnummer parsed = tryParse(candidate);
        if (parsed == null) {
            throw new IllegalArgumentException("Not a valid personnummer/samordningsnummer: " + candidate);
        }
        return parsed;
    }

    private static Personnummer tryParse(String candidate) {
        if (candidate == null) {
            return null;
        }
        String digits = withoutSeparator(candidate);
        if (digits.length() != 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int year = Integer.parseInt(digits.substring(0, 4));
        int month = Integer.parseInt(digits.substring(4, 6));
        int day = Integer.parseInt(digits.substring(6, 8));
        boolean samordning = day > SAMORDNING_DAY_OFFSET;
        int birthDay = samordning ? day - SAMORDNING_DAY_OFFSET : day;
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(year, month, birthDay);
        } catch (DateTimeException notACalendarDate) {
            return null;
        }
        int expectedCheckDigit = luhnCheckDigit(digits.substring(2, 11));
        if (expectedCheckDigit != digits.charAt(11) - '0') {
            return null;
        }
        return new Personnummer(digits, birthDate, samordning);
    }

    /** Only the hyphen between date and serial is tolerated, as it is printed on ID cards; nothing else. */
    private static String withoutSeparator(String candidate) {
        String trimmed = candidate.trim();
        if (trimmed.length() == 13 && trimmed.charAt(8) == '-') {
            return trimmed.substring(0, 8) + trimmed.substring(9);
        }
        return trimmed;
    }

    /**
     * Luhn check digit over {@code digits} (9 digits): weights 2,1,2,1,... from the left, products above 9
     * have their digits summed, and the check digit brings the sum up to a multiple of 10.
     */
    public static int luhnCheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int product = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product > 9 ? product - 9 : product;
        }
        return (10 - sum % 10) % 10;
    }

    /**
     * Builds a valid number for the given birth date and sex. The three-digit birth serial is drawn from
     * {@code random} (001–999 with the requested parity in the last position), so callers that need
     * uniqueness simply draw again.
     */
    public static Personnummer generate(
            LocalDate birthDate, boolean male, boolean samordning, SplittableRandom random) {
        Objects.requireNonNull(birthDate, "birthDate");
        int firstTwo = random.nextInt(100);
        int genderDigit = 2 * random.nextInt(5) + (male ? 1 : 0);
        if (firstTwo == 0 && genderDigit == 0) {
            firstTwo = 1; // serial 000 is never issued
        }
        int day = birthDate.getDayOfMonth() + (samordning ? SAMORDNING_DAY_OFFSET : 0);
        String withoutCheck = String.format(
                "%04d%02d%02d%02d%d", birthDate.getYear(), birthDate.getMonthValue(), day, firstTwo, genderDigit);
        String value = withoutCheck + luhnCheckDigit(withoutCheck.substring(2));
        return new Personnummer(value, birthDate, samordning);
    }

    /** The 12 digits without separator, as stored in {@code Patient.identifier.value}. */
    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public boolean isSamordningsnummer() {
        return samordningsnummer;
    }

    /** The second-to-last digit is odd for men, even for women (the legal sex at registration). */
    public boolean isMale() {
        return (value.charAt(10) - '0') % 2 == 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Personnummer that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
