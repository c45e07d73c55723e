package se.primarycare.cds.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering the code relies on: the rule engine and the indicator core are plain Java (tested in-process,
 * fixtures in seconds), so they must not reach into HTTP, the servlet API, HAPI's JPA server, the database or the
 * layers that call them.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("se.primarycare.cds");

    @Test
    void theRuleEngineKnowsNothingOfHttpJpaOrTheHooksLayer() {
        noClasses()
                .that()
                .resideInAPackage("se.primarycare.cds.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.primarycare.cds.hooks..",
                        "se.primarycare.cds.measures..",
                        "se.primarycare.cds.security..",
                        "se.primarycare.cds.audit..",
                        "ca.uhn.fhir.jpa..",
                        "ca.uhn.fhir.rest..",
                        "org.hl7.fhir..",
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "org.springframework.jdbc..")
                .check(MAIN);
    }

    @Test
    void theIndicatorCoreKnowsNothingOfHttpJpaOrTheDatabase() {
        noClasses()
                .that()
                .resideInAPackage("se.primarycare.cds.measures.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "se.primarycare.cds.hooks..",
                        "se.primarycare.cds.rules..",
                        "ca.uhn.fhir.jpa..",
                        "ca.uhn.fhir.rest..",
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "org.springframework.jdbc..",
                        "java.sql..")
                .check(MAIN);
    }

    @Test
    void theCdsServiceDoesNotReachIntoTheIndicators() {
        noClasses()
                .that()
                .resideInAnyPackage("se.primarycare.cds.hooks..", "se.primarycare.cds.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("se.primarycare.cds.measures..")
                .check(MAIN);
    }
}
