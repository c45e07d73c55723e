package se.primarycare.cds.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.CodeHierarchy;

class IcdCodeCheckTest {

    private final IcdCodeCheck check = new IcdCodeCheck(new CodeHierarchy(TestProfiles.terminology()));

    @ParameterizedTest
    @ValueSource(strings = {"F41.1", "F43.8A", "F32.1", "F51.0", "G47.0", "Z73.0", "F10", "F10.2", "F20.0", "J06.9"})
    void listedCodesAndCodesOutsideTheListedFragmentAreAccepted(String code) {
        assertThat(check.problem(code)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"F41.7", "F46", "F47.1", "F43.8B", "F33.5", "F40-F48", "F4", "41.1", "XYZ"})
    void codesThatCannotExistAreRejected(String code) {
        assertThat(check.problem(code)).isPresent();
    }
}
