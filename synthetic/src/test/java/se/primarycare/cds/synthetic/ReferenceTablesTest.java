package se.primarycare.cds.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's code tables must agree with the repository's code tables ({@code fhir-profiles/codes}, the
 * source of the CodeSystems too), found from the module directory upwards.
 */
class ReferenceTablesTest {

    private static final Path CODES = java.util.stream.Stream.iterate(
                    Path.of("").toAbsolutePath(), d -> d != null, Path::getParent)
            .map(d -> d.resolve("fhir-profiles/codes"))
            .filter(Files::isDirectory)
            .findFirst()
            .orElseThrow();

    private static Population population;

    @BeforeAll
    static void generate() {
        population = PopulationGenerator.generate(GeneratorSettings.of(3000, 17));
    }

    @Test
    void productCatalogueEqualsProductsCsv() throws IOException {
        List<String[]> rows = csv("products.csv");
        assertThat(ProductCatalog.all()).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            Product product = ProductCatalog.all().get(i);
            assertThat(product.code()).isEqualTo(row[0]);
            assertThat(product.substance()).isEqualTo(row[1]);
            assertThat(product.atc()).isEqualTo(row[2]);
            assertThat(product.strengthMg().stripTrailingZeros()).isEqualByComparingTo(row[3]);
            assertThat(product.form()).isEqualTo(row[4]);
            assertThat(String.join(
                            ";",
                            product.packSizes().stream().map(String::valueOf).toList()))
                    .isEqualTo(row[5]);
            assertThat(product.dddMg()).isEqualByComparingTo(row[7]);
        }
    }

    @Test
    void kvaDisplaysAreTheSwedishTitlesOfKvaCsv() throws IOException {
        List<String> recorded = List.of(
                KvaCodes.KBT,
                KvaCodes.PSYCHODYNAMIC,
                KvaCodes.IPT,
                KvaCodes.SIMPLE_ACTIVITY_ADVICE,
                KvaCodes.ACTIVITY_COUNSELLING,
                KvaCodes.QUALIFIED_ACTIVITY_COUNSELLING,
                KvaCodes.FAR,
                KvaCodes.FAR_FOLLOW_UP,
                KvaCodes.MEDICATION_REVIEW,
                KvaCodes.MEDICATION_REVIEW_COMPREHENSIVE);
        Set<String> checked = new HashSet<>();
        for (String[] row : csv("kva.csv")) {
            if (recorded.contains(row[0])) {
                assertThat(KvaCodes.displaySv(row[0])).as(row[0]).isEqualTo(row[1]);
                checked.add(row[0]);
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(recorded);
    }

    @Test
    void everyGeneratedCodeExistsInTheReferenceTables() throws IOException {
        Set<String> icd = column(csv("icd10se.csv"), 0);
        Set<String> atc = column(csv("atc.csv"), 0);
        Set<String> kva = column(csv("kva.csv"), 0);
        Set<String> products = column(csv("products.csv"), 0);
        Set<String> usedIcd = new HashSet<>();
        for (Bundle bundle : population.patientBundles()) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Condition condition) {
                    usedIcd.add(condition.getCode().getCodingFirstRep().getCode());
                } else if (entry.getResource() instanceof Procedure procedure) {
                    assertThat(kva)
                            .contains(procedure.getCode().getCodingFirstRep().getCode());
                } else if (entry.getResource() instanceof MedicationRequest request) {
                    for (Coding coding : request.getMedicationCodeableConcept().getCoding()) {
                        assertThat(coding.getSystem().equals(CodeSystems.ATC) ? atc : products)
                                .contains(coding.getCode());
                    }
                }
            }
        }
        assertThat(icd).containsAll(usedIcd);
        assertThat(usedIcd).hasSizeGreaterThan(15);
    }

    private static Set<String> column(List<String[]> rows, int index) {
        Set<String> values = new HashSet<>();
        rows.forEach(r -> values.add(r[index]));
        return values;
    }

    /** Minimal CSV reading: quoted fields may contain commas (only the names do). */
    private static List<String[]> csv(String name) throws IOException {
        Path file = CODES.resolve(name);
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (char c : line.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            rows.add(fields.toArray(String[]::new));
        }
        return rows;
    }
}
