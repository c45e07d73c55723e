package se.primarycare.cds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.primarycare.cds.support.TestProfiles;
import se.primarycare.cds.terminology.CodeHierarchy;
import se.primarycare.cds.terminology.ValueSetIndex;

class RuleLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ValueSetIndex valueSets = new ValueSetIndex(
            TestProfiles.profiles().ofType(ValueSet.class), new CodeHierarchy(TestProfiles.terminology()));
    private final RuleLoader loader = new RuleLoader(valueSets::exists);

    @Test
    void theProjectsRuleFilesAreTheElevenRulesOfCdsRulesMdVersion2() {
        List<RuleDefinition> rules = loader.load(List.of("file:cds-services/"));
        assertThat(rules)
                .extracting(RuleDefinition::id)
                .containsExactlyInAnyOrder(
                        "benzo-anxiety",
                        "starter-pack",
                        "opioid-benzo",
                        "long-term-use",
                        "insomnia-nonpharm",
                        "sick-leave-activity",
                        "sick-leave-rehab-plan",
                        "patient-leaflet",
                        "dependence-history",
                        "sick-leave-ending",
                        "far-follow-up");
    }

    @Test
    void aConditionThatNeedsTheEpisodeBeforeItIsFoundFailsTheStart(@TempDir Path dir) throws IOException {
        // v1 silently never fired no-procedure-in-episode when it came before sick-leave-episode in the file
        ObjectNode rule = (ObjectNode)
                JSON.readTree(Path.of("cds-services/sick-leave-activity.json").toFile());
        ArrayNode when = (ArrayNode) rule.path("cases").get(0).get("when");
        JsonNode episode = when.remove(2);
        when.add(episode);
        Files.writeString(dir.resolve("sick-leave-activity.json"), rule.toString());
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("sick-leave-activity.json")
                .hasMessageContaining("cases[0].when[2]")
                .hasMessageContaining("EPISODE");
    }

    @Test
    void aSuggestionForAnUnknownCaseFailsTheStart(@TempDir Path dir) throws IOException {
        String rule = Files.readString(Path.of("cds-services/benzo-anxiety.json"))
                .replace("\"cases\": [\n        \"renewal\"", "\"cases\": [\n        \"renewl\"");
        Files.writeString(dir.resolve("benzo-anxiety.json"), rule);
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("benzo-anxiety.json")
                .hasMessageContaining("renewl");
    }

    @Test
    void mergingIntoARuleThatIsNotLoadedFailsTheStart(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("cds-services/patient-leaflet.json"), dir.resolve("patient-leaflet.json"));
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("patient-leaflet.json")
                .hasMessageContaining("mergeInto");
    }

    @Test
    void theEngineSettingsMakeClonazepamConditionalInTheBenzodiazepineValueSetsOnly() {
        RuleLoader.EngineSettings settings = loader.loadEngine(List.of("file:cds-services/"));
        assertThat(settings.conditionalMembers()).hasSize(1);
        assertThat(settings.conditionalMembers().get(0).medication().codes()).containsExactly("N03AE01");
        assertThat(settings.conditionalMembers().get(0).countsIn())
                .contains("benzodiazepines")
                .doesNotContain("sedatives");
    }

    @Test
    void misspeltFieldFailsNamingFileAndField(@TempDir Path dir) throws IOException {
        String rule =
                Files.readString(Path.of("cds-services/patient-leaflet.json")).replace("\"indicator\"", "\"indicatr\"");
        Files.writeString(dir.resolve("patient-leaflet.json"), rule);
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .isInstanceOf(RuleLoadException.class)
                .hasMessageContaining("cds-services/patient-leaflet.json")
                .hasMessageContaining("indicatr");
    }

    @Test
    void unknownConditionTypeFailsNamingThePath(@TempDir Path dir) throws IOException {
        String rule = Files.readString(Path.of("cds-services/starter-pack.json"))
                .replace("\"type\": \"new-prescription\"", "\"type\": \"new-prescripton\"");
        Files.writeString(dir.resolve("starter-pack.json"), rule);
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("starter-pack.json")
                .hasMessageContaining("$.cases[0].when[1]");
    }

    @Test
    void unknownValueSetFailsNamingIt(@TempDir Path dir) throws IOException {
        String rule =
                Files.readString(Path.of("cds-services/opioid-benzo.json")).replace("\"opioids\"", "\"opiods\"");
        Files.writeString(dir.resolve("opioid-benzo.json"), rule);
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("opioid-benzo.json")
                .hasMessageContaining("ValueSet 'opiods'");
    }

    @Test
    void warningWithoutOverrideReasonsIsRefused(@TempDir Path dir) throws IOException {
        String rule = Files.readString(Path.of("cds-services/insomnia-nonpharm.json"))
                .replace("\"indicator\": \"info\"", "\"indicator\": \"warning\"");
        Files.writeString(dir.resolve("insomnia-nonpharm.json"), rule);
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("insomnia-nonpharm.json")
                .hasMessageContaining("overrideReasons");
    }

    @Test
    void idMustMatchTheFileName(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("cds-services/patient-leaflet.json"), dir.resolve("leaflet.json"));
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("leaflet.json")
                .hasMessageContaining("must match the file name");
    }

    @Test
    void malformedJsonFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"id\": ");
        assertThatThrownBy(() -> loader.load(List.of(dir.toUri().toString())))
                .hasMessageContaining("broken.json")
                .hasMessageContaining("not valid JSON");
    }
}
