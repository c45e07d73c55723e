package se.primarycare.cds.measures.worklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import se.primarycare.cds.fhir.contract.ContractSystems;
import se.primarycare.cds.measures.CachingMeasureData;
import se.primarycare.cds.measures.JdbcMeasureData;
import se.primarycare.cds.measures.ReadModelVersion;
import se.primarycare.cds.measures.core.IndicatorVocabulary;
import se.primarycare.cds.terminology.TerminologyIndex;
import se.primarycare.cds.terminology.ValueSetIndex;

/** Wires the worklists: their codes from the loaded ValueSets, the calculator on the read model, the operation. */
@Configuration
public class WorklistConfig {

    /** The dependence-inducing groups of the tapering list, as ValueSets of fhir-profiles/, in column order. */
    private static final List<String> DEPENDENCE_GROUPS =
            List.of("benzodiazepines", "z-drugs", "hypnotic-benzodiazepines", "opioids", "gabapentinoids");

    @Bean
    public WorklistCodes worklistCodes(ValueSetIndex valueSets, TerminologyIndex terminology) {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        java.util.List<String> hints = new java.util.ArrayList<>();
        for (String id : DEPENDENCE_GROUPS) {
            ValueSet valueSet = valueSets.valueSet(id).orElseThrow();
            String title =
                    valueSet.getTitle() == null ? id : valueSet.getTitle().replaceFirst("\\s*\\(.*$", "");
            groups.put(title, atc -> valueSets.contains(id, ContractSystems.ATC, atc));
            for (var include : valueSet.getCompose().getInclude()) {
                include.getConcept().forEach(c -> hints.add(c.getCode()));
                include.getFilter().forEach(f -> hints.add(f.getValue()));
            }
        }
        return new WorklistCodes(
                groups,
                atc -> terminology
                        .concept(ContractSystems.ATC, atc)
                        .map(c -> c.display("sv"))
                        .orElse(atc),
                hints);
    }

    @Bean
    public WorklistCalculator worklistCalculator(
            JdbcTemplate jdbc, ReadModelVersion version, IndicatorVocabulary vocabulary, WorklistCodes codes) {
        return new WorklistCalculator(new CachingMeasureData(new JdbcMeasureData(jdbc), version), vocabulary, codes);
    }

    @Bean
    public WorklistProvider worklistProvider(WorklistCalculator calculator) {
        return new WorklistProvider(calculator, new WorklistCsv());
    }
}
