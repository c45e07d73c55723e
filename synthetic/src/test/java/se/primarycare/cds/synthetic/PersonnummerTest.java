package se.primarycare.cds.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonnummerTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "191212121212", // Skatteverket's classic example 19121212-1212
                "19121212-1212",
                "198112189876", // 811218-9876, the textbook example
                "200002291235", // 29 February in a leap year
                "202402292466",
            })
    void acceptsKnownValidNumbers(String number) {
        assertThat(Personnummer.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "191212121213", // check digit off by one
                "191212121211",
                "198112189875",
                "199902301234", // Luhn digit right, but 30 February does not exist
                "190002291235", // 1900 was not a leap year
                "198506311235", // 31 June
                "198513011232", // month 13
                "198501001237", // day 0
                "19121212121", // 11 digits
                "1912121212120",
                "19121212+1212",
                "1912121212a2",
                "",
            })
    void rejectsInvalidNumbers(String number) {
        assertThat(Personnummer.isValid(number)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Personnummer.isValid(null)).isFalse();
        assertThatThrownBy(() -> Personnummer.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesBirthDateAndSex() {
        Personnummer number = Personnummer.parse("19121212-1212");
        assertThat(number.value()).isEqualTo("191212121212");
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1912, 12, 12));
        assertThat(number.isMale()).isTrue(); // second-to-last digit 1 is odd
        assertThat(number.isSamordningsnummer()).isFalse();
        assertThat(Personnummer.parse("198112189876").isMale()).isTrue(); // second-to-last digit 7
        assertThat(Personnummer.parse("202402292466").isMale()).isFalse(); // second-to-last digit 6
    }

    @Test
    void samordningsnummerHasDayPlusSixty() {
        // 701063-2391: born 3 October 1970, day written as 63.
        Personnummer number = Personnummer.parse("197010632391");
        assertThat(number.isSamordningsnummer()).isTrue();
        assertThat(number.birthDate()).isEqualTo(LocalDate.of(1970, 10, 3));
        assertThat(Personnummer.isValid("197010632392")).isFalse();
        assertThat(Personnummer.isValid("197010922399")).isFalse(); // day 92 → 32 October
    }

    @Test
    void luhnDigitOfKnownNumbers() {
        assertThat(Personnummer.luhnCheckDigit("121212121")).isEqualTo(2);
        assertThat(Personnummer.luhnCheckDigit("811218987")).isEqualTo(6);
        assertThat(Personnummer.luhnCheckDigit("701063239")).isEqualTo(1);
    }

    @Test
    void generatedNumbersAreValidAndCarryBirthDateAndSex() {
        SplittableRandom random = new SplittableRandom(1);
        LocalDate first = LocalDate.of(1930, 1, 1);
        for (int i = 0; i < 20_000; i++) {
            LocalDate birthDate = first.plusDays(random.nextInt(365 * 97));
            boolean male = random.nextBoolean();
            boolean samordning = i % 10 == 0;
            Personnummer number = Personnummer.generate(birthDate, male, samordning, random);
            Personnummer parsed = Personnummer.parse(number.value());
            assertThat(parsed.birthDate()).isEqualTo(birthDate);
            assertThat(parsed.isMale()).isEqualTo(male);
            assertThat(parsed.isSamordningsnummer()).isEqualTo(samordning);
            assertThat(number.value()).hasSize(12).doesNotContain("-");
            assertThat(number.value().substring(8, 11)).isNotEqualTo("000");
        }
    }

    @Test
    void generatesLeapDayNumbers() {
        Personnummer number = Personnummer.generate(LocalDate.of(2000, 2, 29), false, false, new SplittableRandom(3));
        assertThat(number.value()).startsWith("20000229");
        assertThat(Personnummer.isValid(number.value())).isTrue();
        assertThat(number.isMale()).isFalse();
    }
}
