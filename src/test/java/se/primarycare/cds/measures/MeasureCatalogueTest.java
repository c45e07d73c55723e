package se.primarycare.cds.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Measure;
import org.junit.jupiter.api.Test;
import se.primarycare.cds.measures.core.Indicator;
import se.primarycare.cds.measures.core.Scoring;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.ProfileLoadException;

/** The Measures of fhir-profiles/ turned into indicators, and the start-up checks on a Measure file. */
class MeasureCatalogueTest {

    private final List<Measure> loaded = TestProfiles.profiles().ofType(Measure.class);
    private final MeasureCatalogue catalogue = new MeasureCatalogue(loaded);

    @Test
    void everyMeasureFileIsAnIndicatorFoundByIdOrUrl() {
        assertThat(catalogue.entries()).hasSize(loaded.size()).hasSizeGreaterThanOrEqualTo(21);
        assertThat(catalogue.byId("an07")).contains(new Indicator.An07());
        assertThat(catalogue.byId("did-n05ba")).contains(new Indicator.Did("N05BA"));
        assertThat(catalogue.byId("starter-pack-z-drugs"))
                .contains(new Indicator.StarterPack(Indicator.DrugGroup.Z_DRUGS, 30));
        assertThat(catalogue.byUrl("https://fhir.primarycare.se/Measure/an07-actions"))
                .contains(new Indicator.An07Actions());
        assertThat(catalogue.byUrl("https://fhir.primarycare.se/Measure/activity-dv200|2026.1"))
                .contains(new Indicator.Activity("DV200"));
        assertThat(catalogue.byId("no-such")).isEmpty();
        assertThat(catalogue.byUrl(null)).isEmpty();
        assertThat(catalogue.entry("sl28").orElseThrow().measure().getTitle()).startsWith("SL28");
    }

    @Test
    void theMeasureDeclaresTheIndicatorsScoringAndAGroupPerPart() {
        for (MeasureCatalogue.Entry entry : catalogue.entries()) {
            assertThat(entry.measure().getScoring().getCodingFirstRep().getCode())
                    .as(entry.id())
                    .isEqualTo(entry.indicator().scoring().code());
        }
        assertThat(catalogue.byId("did-n02a").orElseThrow().scoring()).isEqualTo(Scoring.DDD_PER_1000_PER_DAY);
        Measure actions = catalogue.measure("an07-actions").orElseThrow();
        assertThat(actions.getGroup())
                .extracting(g -> g.getCode().getText())
                .containsExactly("all-actions", "medication-review", "medication-plan", "team-intervention");
    }

    @Test
    void aBadMeasureFileStopsTheStartNamingTheFile() {
        Measure unknownKind = copy("an07");
        indicatorPart(unknownKind, "kind").setValue(new CodeType("an08"));
        assertThatThrownBy(() -> new MeasureCatalogue(List.of(unknownKind)))
                .isInstanceOf(ProfileLoadException.class)
                .hasMessageContaining("Measure-an07.json")
                .hasMessageContaining("an08");

        Measure wrongScoring = copy("did-n05ba");
        wrongScoring.getScoring().getCodingFirstRep().setCode("proportion");
        assertThatThrownBy(() -> new MeasureCatalogue(List.of(wrongScoring)))
                .hasMessageContaining("scoring 'proportion' is not the did indicator's 'ratio'");

        Measure missingPart = copy("an07-actions");
        missingPart.getGroup().remove(3);
        assertThatThrownBy(() -> new MeasureCatalogue(List.of(missingPart)))
                .hasMessageContaining("no group with code 'team-intervention'");

        Measure noCode = copy("activity-dv200");
        noCode.getExtensionByUrl(MeasureCatalogue.EXTENSION).getExtension().removeIf(e -> e.getUrl()
                .equals("code"));
        assertThatThrownBy(() -> new MeasureCatalogue(List.of(noCode))).hasMessageContaining("needs a code");

        Measure noExtension = copy("sl14");
        noExtension.getExtension().clear();
        assertThatThrownBy(() -> new MeasureCatalogue(List.of(noExtension)))
                .hasMessageContaining("extension " + MeasureCatalogue.EXTENSION + " is missing");
    }

    private Measure copy(String id) {
        return catalogue.measure(id).orElseThrow().copy();
    }

    private static org.hl7.fhir.r4.model.Extension indicatorPart(Measure measure, String part) {
        return measure.getExtensionByUrl(MeasureCatalogue.EXTENSION).getExtensionByUrl(part);
    }
}
